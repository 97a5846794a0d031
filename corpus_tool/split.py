"""Split: a file holding several reports back to back becomes several documents.

Compilations come from template and download sites. Three structural cues, all
configured in rules/split.yaml:

1. a table of contents (目录 + titles, numbered or not, with or without leader dots
   and page numbers, as paragraphs or table rows): each listed title, found again
   later as a line of its own (compared by letters and digits only; one may contain
   the other, as a title with the agency the entry leaves out; a title may wrap over
   two lines), opens a part;
2. a title line (short, no sentence punctuation, ending in a doc-type word such
   as 工作总结/自查报告; not a `上一篇：` link or a bulleted list item) opens a part
   when running text stands on both sides of it (see _title_starts);
3. in copies that lost their line breaks, a stray page number after a sentence
   followed by an addressee line (`市政府信息公开办:`) opens a part.

Front matter before the first part (the compilation's own title, the 目录, a
site's header) is dropped. Every part also gets its title (None when it has none, as a letter
that opens with its addressee).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .model import Block, Document
from .rules import load_yaml

_SENTENCE_PUNCT = re.compile(r"[。，,；;！!？?]")
_NUMBERED = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.]|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}\s*[.、])")
#: A list bullet (a site's list of other articles) or a label before a colon (上一篇：,
#: 当前位置：, 附件：): the line names a title, it is not one.
_NOT_TITLE_START = re.compile(r"^\s*(?:[·•●■◆▪◇○►]|[^:：\s]{1,6}\s*[:：])")
_TITLE_HEAD = re.compile(r"^\s*(?P<title>[^\s。，,；;！!？?:：]{6,60}?)\s")


@dataclass(frozen=True)
class SplitRules:
    toc_heading: re.Pattern[str]
    toc_numbering: re.Pattern[str]
    toc_page: re.Pattern[str]
    toc_min_shared_chars: int
    toc_min_shared_share: float
    title_endings: tuple[str, ...]
    title_max_chars: int
    min_part_chars: int
    min_untitled_chars: int
    addressee_break: re.Pattern[str]


@lru_cache(maxsize=1)
def split_rules() -> SplitRules:
    data = load_yaml("split.yaml")
    return SplitRules(
        toc_heading=re.compile(data["toc_heading"]),
        toc_numbering=re.compile(data["toc_numbering"]),
        toc_page=re.compile(data["toc_page"]),
        toc_min_shared_chars=int(data["toc_min_shared_chars"]),
        toc_min_shared_share=float(data["toc_min_shared_share"]),
        title_endings=tuple(data["title_endings"]),
        title_max_chars=int(data["title_max_chars"]),
        min_part_chars=int(data["min_part_chars"]),
        min_untitled_chars=int(data["min_untitled_chars"]),
        addressee_break=re.compile(data["addressee_break"]),
    )


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_title_line(text: str) -> bool:
    """A report title: short, no sentence punctuation, ends in a doc-type word."""
    rules = split_rules()
    line = text.strip()
    if not line or len(line) > rules.title_max_chars or _SENTENCE_PUNCT.search(line):
        return False
    if _NUMBERED.match(line) or _NOT_TITLE_START.match(line):
        return False
    return _compact(line).endswith(rules.title_endings)


def find_title(blocks: list[Block], limit: int = 12) -> str | None:
    """The title among the first lines: a title line, or the head of a run-in line."""
    seen = 0
    for block in blocks:
        if block.kind != "paragraph" or not block.text.strip():
            continue
        line = block.text.strip()
        if is_title_line(line):
            return line
        head = _TITLE_HEAD.match(line)
        if head and is_title_line(head.group("title")):
            return head.group("title")
        seen += 1
        if seen >= limit:
            break
    return None


def _break_run_in_lines(blocks: list[Block]) -> list[Block]:
    """Cut paragraphs at addressee breaks, so each report starts a block of its own."""
    pattern = split_rules().addressee_break
    out: list[Block] = []
    for block in blocks:
        if block.kind != "paragraph" or not pattern.search(block.text):
            out.append(block)
            continue
        pieces = pattern.split(block.text)
        for index, piece in enumerate(pieces):
            new = replace(block, text=piece.strip(), raw=piece.strip())
            if index > 0:
                new.raw = "\x00part-start"  # marker, replaced below
            out.append(new)
    return out


def _toc_key(text: str) -> str:
    """A TOC entry or title line compared by its letters and digits only: numbering,
    page number, leader dots, punctuation and spaces removed."""
    rules = split_rules()
    text = rules.toc_page.sub("", text.strip())
    text = rules.toc_numbering.sub("", text)
    return re.sub(r"[\W_]+", "", text)


def _same_title(line: str, entry: str) -> bool:
    """A title line and a TOC entry (both as _toc_key) name the same report."""
    if not line or not entry:
        return False
    if line == entry:
        return True
    rules = split_rules()
    shorter, longer = sorted((line, entry), key=len)
    return (len(shorter) >= rules.toc_min_shared_chars
            and len(shorter) >= rules.toc_min_shared_share * len(longer)
            and shorter in longer)


def _toc_lines(block: Block) -> list[str]:
    """The entry lines a block after 目录 holds: a paragraph, or the rows of a table
    (its cells that are not page numbers, joined)."""
    if block.kind == "table" and block.rows:
        rows = [" ".join(cell.strip() for cell in row if cell.strip() and not cell.strip().isdigit())
                for row in block.rows]
        return [row for row in rows if row]
    return [block.text.strip()] if block.text.strip() else []


def _toc_marked(line: str) -> bool:
    """Numbered or ending in a page number: an entry line by its form."""
    rules = split_rules()
    return bool(rules.toc_numbering.match(line) or rules.toc_page.search(line))


def _toc_titles(blocks: list[Block]) -> tuple[int, list[str]]:
    """(index after the TOC, the keys of the titles it lists) or (-1, []) when there is none.

    The entries follow the 目录 line, as paragraphs or as the rows of a table: lines
    numbered or ending in a page number, or bare title lines. The TOC ends at the first
    line that is none of these, or at a bare title listed already (the first report's
    title right after a TOC of bare titles).
    """
    rules = split_rules()
    for index, block in enumerate(blocks[:40]):
        if block.kind == "paragraph" and rules.toc_heading.fullmatch(block.text.strip()):
            keys: list[str] = []
            cursor = index + 1
            while cursor < len(blocks):
                lines = [line for line in _toc_lines(blocks[cursor]) if _toc_key(line)]
                if not lines and blocks[cursor].kind == "paragraph" and not blocks[cursor].text.strip():
                    cursor += 1
                    continue
                marked = [line for line in lines if _toc_marked(line)]
                bare = [line for line in lines if not _toc_marked(line) and is_title_line(line)]
                if not marked and (not bare or any(_same_title(_toc_key(line), seen)
                                                   for line in bare for seen in keys)):
                    break
                keys.extend(_toc_key(line) for line in lines if line in marked or line in bare)
                cursor += 1
            if len(keys) >= 2:
                return cursor, keys
    return -1, []


def _title_like(block: Block) -> bool:
    """A line that may be (part of) a report's title: short, no sentence punctuation, and
    not numbered (a numbered line is a section heading, as listed in a report's own 目录)."""
    text = block.text.strip()
    return (block.kind == "paragraph" and bool(text) and len(text) <= split_rules().title_max_chars
            and not _SENTENCE_PUNCT.search(text) and not _NUMBERED.match(text))


def _toc_starts(blocks: list[Block], after_toc: int, wanted: list[str]) -> list[tuple[int, str]]:
    """(block index, title) where the TOC's titles come again, in their order. A title
    may be wrapped over two lines; an entry that never comes back is passed over."""
    found: list[tuple[int, str]] = []
    position = 0
    index = after_toc
    while index < len(blocks) and position < len(wanted):
        block = blocks[index]
        if _title_like(block):
            key = _toc_key(block.text)
            title, used = block.text.strip(), 1
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if (following is not None and _title_like(following)
                    and not any(_same_title(key, entry) for entry in wanted[position:])
                    and any(key and key in entry for entry in wanted[position:])):
                key += _toc_key(following.text)  # the first line of a title wrapped over two
                title, used = title + following.text.strip(), 2
            match = next((k for k in range(position, len(wanted)) if _same_title(key, wanted[k])), None)
            if match is not None:
                found.append((index, title))
                position = match + 1
                index += used
                continue
        index += 1
    return found


def _running_chars(block: Block) -> int:
    """Characters of running text a block holds: a sentence (or a table), not a title,
    heading, signature or date line."""
    text = block.text.strip()
    if block.kind == "table":
        return len(text)
    return len(text) if _SENTENCE_PUNCT.search(text) else 0


def _title_starts(blocks: list[Block]) -> list[int]:
    """Part starts without a table of contents: title lines and addressee breaks.

    A title line opens a new part when the current part holds running text (sentences)
    and the title is followed by running text of its own, at least `min_part_chars`
    each side; so a title in a site's tail or a compilation's own title never makes a
    part of its own. A part that did not open with a title (a cover letter, a report
    that starts at its addressee) needs `min_untitled_chars` of text before a title can
    open the next. A title repeated word for word (a running header left in the text,
    the report's own title again on its last page) belongs to the part it repeats:
    compared with the document's first title and every title of the current part.

    The first part starts at the last title before any running text (what comes before
    it is the compilation's own header), or at the first line when there is none.
    """
    rules = split_rules()
    titles = [block.kind == "paragraph" and is_title_line(block.text) for block in blocks]
    running = [_running_chars(block) for block in blocks]

    def running_after(index: int) -> int:
        key = _compact(blocks[index].text)
        total = 0
        for later in range(index + 1, len(blocks)):
            if blocks[later].raw == "\x00part-start" or (titles[later] and _compact(blocks[later].text) != key):
                break
            total += running[later]
        return total

    starts: list[int] = []
    first_body: int | None = None
    opening_title: int | None = None
    first_title: str | None = None
    part_titles: set[str] = set()
    body_chars = run_chars = 0
    titled = False
    for index, block in enumerate(blocks):
        text = block.text.strip()
        if block.raw == "\x00part-start" and first_body is not None:
            starts.append(index)
            body_chars, run_chars, titled, part_titles = 0, 0, False, set()
            continue
        if titles[index]:
            key = _compact(text)
            if first_title is None:
                first_title = key
            if (key != first_title and key not in part_titles and first_body is not None
                    and run_chars >= rules.min_part_chars
                    and (titled or body_chars >= rules.min_untitled_chars)
                    and running_after(index) >= rules.min_part_chars):
                starts.append(index)
                body_chars, run_chars, titled, part_titles = 0, 0, True, {key}
                continue
            if run_chars == 0:
                titled = True
                if not starts:
                    opening_title = index
            part_titles.add(key)
        if text:
            if first_body is None:
                first_body = index
            body_chars += len(text)
            run_chars += running[index]
    if not starts:
        return []
    first = opening_title if opening_title is not None else first_body or 0
    return [first] + starts


def part_starts(blocks: list[Block]) -> tuple[list[int], list[str] | None]:
    """Block indices where a contained report starts (empty: not a compilation),
    and, when they came from a table of contents, the title of each part."""
    after_toc, wanted = _toc_titles(blocks)
    if wanted:
        found = _toc_starts(blocks, after_toc, wanted)
        if len(found) >= 2:
            return [index for index, _ in found], [title for _, title in found]
    return _title_starts(blocks), None


def split(doc: Document) -> list[Document]:
    """The reports a document holds: `[doc]` itself when it holds one."""
    blocks = _break_run_in_lines(doc.blocks)
    starts, toc_titles = part_starts(blocks)
    for block in blocks:
        if block.raw == "\x00part-start":
            block.raw = block.text
    if len(starts) < 2:
        return [replace(doc, blocks=blocks, title=doc.title or find_title(blocks))]
    parts = []
    bounds = starts + [len(blocks)]
    for number, (start, end) in enumerate(zip(bounds, bounds[1:])):
        part_blocks = blocks[start:end]
        title = toc_titles[number] if toc_titles else find_title(part_blocks, limit=1)
        parts.append(replace(doc, blocks=part_blocks, part=number, title=title,
                             chars=sum(len(b.text) for b in part_blocks),
                             warnings=doc.warnings + [f"part {number + 1} of {len(starts)} in a compilation"]))
    return parts
