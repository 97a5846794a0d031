"""Text and table tidying shared by the docx, pdf and html readers.

The readers agree on two things so that later stages see the same shapes whatever
the format: how the lines of one cell (or one paragraph) are joined, and how a grid
of merged cells is laid out (each logical cell once, in its first grid position;
the positions it covers are "", and rows/columns that are empty everywhere go).
"""
from __future__ import annotations

import re

#: Characters that take no space between them in Chinese text: CJK ideographs and
#: symbols, full-width forms, and the curly quotes and dashes Chinese text uses.
CJK = "\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2014\u2018-\u201d\u2026"

_SPACE = re.compile(r"[ \t\r\n\f\v\xa0\u2002\u2003\u2009\u200b]+")
# A run of spaces an extractor (or HTML source wrapping) put between Chinese
# characters or between a digit and a Chinese character: `2020 年`, `政 府`.
_CJK_GAP = re.compile(rf"(?<=[{CJK}])[ \u3000]+(?=[{CJK}0-9])|(?<=[{CJK}0-9])[ \u3000]+(?=[{CJK}])")
_CJK_CHAR = re.compile(rf"[{CJK}]")


def collapse(text: str) -> str:
    """Whitespace runs become one space; spaces next to Chinese characters go.

    Spaces between Latin words and between numbers stay (`Word Excel`, `38 3 0`).
    """
    text = _SPACE.sub(" ", text)
    return _CJK_GAP.sub("", text).strip(" \u3000")


def join_lines(lines: list[str]) -> str:
    """Lines of one cell or paragraph as one string: no space where Chinese meets.

    A wrapped label such as `本年新收政府信息公开申请` / `数量` joins without a gap;
    Latin words wrapped across lines keep one space between them.
    """
    out = ""
    for line in lines:
        line = collapse(line)
        if not line:
            continue
        if out and not (_CJK_CHAR.match(out[-1]) or _CJK_CHAR.match(line[0])):
            out += " "
        out += line
    return out


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
