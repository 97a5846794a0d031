"""Split: a file holding several reports back to back becomes several documents.

Compilations come from template and download sites. Three structural cues, all
configured in rules/split.yaml:

1. a table of contents (目录 + numbered titles): each listed title, found again
   later as a line of its own, opens a part;
2. a title line (short, no sentence punctuation, ending in a doc-type word such
   as 工作总结/自查报告) after enough running text opens a part;
3. in copies that lost their line breaks, a stray page number after a sentence
   followed by an addressee line (`市政府信息公开办:`) opens a part.

Front matter before the first part (the compilation's own title, the 目录) is
dropped. Every part also gets its title (None when it has none, as a letter
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
_TITLE_HEAD = re.compile(r"^\s*(?P<title>[^\s。，,；;！!？?:：]{6,60}?)\s")


@dataclass(frozen=True)
class SplitRules:
    toc_heading: re.Pattern[str]
    toc_entry: re.Pattern[str]
    title_endings: tuple[str, ...]
    title_max_chars: int
    min_part_chars: int
    addressee_break: re.Pattern[str]


@lru_cache(maxsize=1)
def split_rules() -> SplitRules:
    data = load_yaml("split.yaml")
    return SplitRules(
        toc_heading=re.compile(data["toc_heading"]),
        toc_entry=re.compile(data["toc_entry"]),
        title_endings=tuple(data["title_endings"]),
        title_max_chars=int(data["title_max_chars"]),
        min_part_chars=int(data["min_part_chars"]),
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
    if _NUMBERED.match(line):
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


def _toc_titles(blocks: list[Block]) -> tuple[int, list[str]]:
    """(index after the TOC, the titles it lists) or (-1, []) when there is no TOC."""
    rules = split_rules()
    for index, block in enumerate(blocks[:40]):
        if block.kind == "paragraph" and rules.toc_heading.fullmatch(block.text.strip()):
            titles = []
            cursor = index + 1
            while cursor < len(blocks):
                line = blocks[cursor].text.strip()
                if not line:
                    cursor += 1
                    continue
                match = rules.toc_entry.match(line)
                if not match:
                    break
                titles.append(match.group("title").strip())
                cursor += 1
            if len(titles) >= 2:
                return cursor, titles
    return -1, []


def part_starts(blocks: list[Block]) -> tuple[list[int], bool]:
    """Block indices where a contained report starts (empty: not a compilation),
    and whether they came from a table of contents (then each start is a title)."""
    rules = split_rules()
    after_toc, titles = _toc_titles(blocks)
    starts: list[int] = []
    if titles:
        wanted = [_compact(title) for title in titles]
        position = 0
        for index in range(after_toc, len(blocks)):
            line = _compact(blocks[index].text)
            if position < len(wanted) and line and line == wanted[position]:
                starts.append(index)
                position += 1
        if len(starts) >= 2:
            return starts, True
        starts = []
    body_chars = 0
    first_body = None
    for index, block in enumerate(blocks):
        text = block.text.strip()
        if block.raw == "\x00part-start" or (block.kind == "paragraph" and is_title_line(text)
                                             and body_chars >= rules.min_part_chars):
            if first_body is not None:
                starts.append(index)
                body_chars = 0
                continue
        if text:
            if first_body is None:
                first_body = index
            body_chars += len(text)
    if starts:
        return [first_body or 0] + starts, False
    return [], False


def split(doc: Document) -> list[Document]:
    """The reports a document holds: `[doc]` itself when it holds one."""
    blocks = _break_run_in_lines(doc.blocks)
    starts, from_toc = part_starts(blocks)
    for block in blocks:
        if block.raw == "\x00part-start":
            block.raw = block.text
    if len(starts) < 2:
        return [replace(doc, blocks=blocks, title=doc.title or find_title(blocks))]
    parts = []
    bounds = starts + [len(blocks)]
    for number, (start, end) in enumerate(zip(bounds, bounds[1:])):
        part_blocks = blocks[start:end]
        title = part_blocks[0].text.strip() if from_toc else find_title(part_blocks, limit=1)
        parts.append(replace(doc, blocks=part_blocks, part=number, title=title,
                             chars=sum(len(b.text) for b in part_blocks),
                             warnings=doc.warnings + [f"part {number + 1} of {len(starts)} in a compilation"]))
    return parts
