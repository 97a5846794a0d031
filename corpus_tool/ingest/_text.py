"""Text and table tidying shared by the docx, pdf and html readers.

The readers agree on two things so that later stages see the same shapes whatever
the format: how the lines of one cell (or one paragraph) are joined, and how a grid
of merged cells is laid out (each logical cell once, in its first grid position;
the positions it covers are "", and rows/columns that are empty everywhere go).
"""
from __future__ import annotations

import re
from typing import Iterable

#: Characters that take no space between them in Chinese text: CJK ideographs and
#: symbols, full-width forms, and the curly quotes and dashes Chinese text uses.
CJK = "\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2014\u2018-\u201d\u2026"

_SPACE = re.compile(r"[ \t\r\n\f\v\xa0\u2002\u2003\u2009\u200b]+")
# A run of spaces an extractor (or HTML source wrapping) put between Chinese
# characters or between a digit and a Chinese character: `2020 年`, `政 府`.
_CJK_GAP = re.compile(rf"(?<=[{CJK}])[ \u3000]+(?=[{CJK}0-9])|(?<=[{CJK}0-9])[ \u3000]+(?=[{CJK}])")
_CJK_CHAR = re.compile(rf"[{CJK}]")

# Letter-spaced text: some PDFs (character spacing) and copies of them put one space
# after every character: `政 府 信 息 公 开`, `2 0 2 0 年`, `3 4 0 5 条`. A line is
# letter-spaced when most of its Chinese characters are followed by one space and then
# another character; a document is when most of its Chinese characters stand on such
# lines. There, single spaces between Chinese characters, digits and the punctuation
# inside numbers go; runs of spaces and tabs (cell gaps of a flattened table) stay, and
# so do lines whose Chinese words run together (`规章 0 0 0`, `政府 信息`). A short
# letter-spaced line in an ordinary document stays too: flattened column headers one
# character per column (`结 结 其 尚`) look the same.
_HAN = CJK.replace("\u3000-", "\u3001-")  # CJK without the ideographic space
_LETTER = rf"[{_HAN}0-9.,:;%()+\-]"
_SINGLE_GAP = re.compile(rf"(?<={_LETTER}) (?={_LETTER})")
_HAN_NEXT = re.compile(rf"[{_HAN}](?=( ?)\S)")
#: Share of a line's Chinese characters (those with a character after them) followed by one space.
LETTER_SPACED_LINE = 2 / 3
#: Share of a document's Chinese characters on letter-spaced lines.
LETTER_SPACED_DOCUMENT = 1 / 2


def _han_gaps(line: str) -> tuple[int, int]:
    """(Chinese characters followed by one space, Chinese characters followed by anything)."""
    gaps = [match.group(1) for match in _HAN_NEXT.finditer(line)]
    return gaps.count(" "), len(gaps)


def is_letter_spaced(line: str) -> bool:
    """Most Chinese characters of the line stand one space apart (`政 府 信 息`)."""
    spaced, total = _han_gaps(line)
    return spaced >= 2 and spaced >= LETTER_SPACED_LINE * total


def letter_spaced(lines: Iterable[str]) -> bool:
    """Most Chinese characters of the text are on letter-spaced lines."""
    on_spaced = total = 0
    for text in lines:
        for line in text.split("\n"):
            count = _han_gaps(line)[1]
            total += count
            on_spaced += count if is_letter_spaced(line) else 0
    return on_spaced > 0 and on_spaced >= LETTER_SPACED_DOCUMENT * total


def unspace_letters(text: str) -> str:
    """Each letter-spaced line of `text` without its single spaces (`2 0 2 0 年` -> `2020年`)."""
    if " " not in text:
        return text
    lines = text.split("\n")
    return "\n".join(_SINGLE_GAP.sub("", line) if is_letter_spaced(line) else line for line in lines)


def collapse(text: str) -> str:
    """Whitespace runs become one space; spaces next to Chinese characters go.

    Spaces between Latin words and between numbers stay (`Word Excel`, `38 3 0`);
    see unspace_letters for letter-spaced text (`2 0 2 0 年`).
    """
    text = _SPACE.sub(" ", text)
    return _CJK_GAP.sub("", text).strip(" \u3000")


def join_lines(lines: list[str]) -> str:
    """Lines of one cell or paragraph as one string: no space where Chinese meets.

    A wrapped label such as `本年新收政府信息公开申请` / `数量` joins without a gap,
    and so does a number of Chinese text wrapped in its middle (`至202` / `0年`);
    Latin words wrapped across lines keep one space between them.
    """
    out = ""
    for line in lines:
        line = collapse(line)
        if not line:
            continue
        if out and not (_CJK_CHAR.match(out[-1]) or _CJK_CHAR.match(line[0]) or _number_wrapped(out, line)):
            out += " "
        out += line
    return out


def _number_wrapped(before: str, line: str) -> bool:
    """A number of Chinese running text wrapped across lines (`至202` / `0年`)."""
    return before[-1].isdigit() and line[0].isdigit() and _CJK_CHAR.search(before) is not None


def tidy_grid(rows: list[list[str]]) -> list[list[str]]:
    """A rectangular grid without rows or columns that are empty in every cell.

    Dropping a whole column (or row) never misaligns the others, so spacer columns
    of Word exports and the "" positions under a cell spanning two columns over
    data in one disappear, while real blank cells inside a used column stay.
    """
    width = max((len(row) for row in rows), default=0)
    grid = [row + [""] * (width - len(row)) for row in rows if any(cell for cell in row)]
    keep = [c for c in range(width) if any(row[c] for row in grid)]
    if len(keep) == width:
        return grid
    return [[row[c] for c in keep] for row in grid]
