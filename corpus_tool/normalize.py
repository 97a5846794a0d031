"""Normalise: the text every later stage analyses.

What it does, in order, on every paragraph and table cell:
- drops download-site and aggregator boilerplate (rules/boilerplate.yaml);
- removes pinyin annotations that some sites insert after characters (`網(wǎng)`);
- maps full-width ASCII (digits, letters, punctuation such as （ ） ： ，) and the
  ideographic space to half-width, so numbers and labels match one way;
- in a letter-spaced document (`2 0 2 0 年 政 府 信 息`, one space after most
  characters), closes up its letter-spaced lines and leaves other spacing alone
  (ingest/_text.py: letter_spaced, unspace_letters);
- converts traditional to simplified characters when the text is traditional.

The text as read stays in `Block.raw`, so evidence can quote the original.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

from .ingest._text import letter_spaced, unspace_letters
from .model import Block, Document, table_text
from .rules import load_yaml

if TYPE_CHECKING:
    import opencc

# Full-width ASCII block U+FF01..U+FF5E -> U+0021..U+007E, ideographic space -> space.
_HALF_WIDTH: dict[int, int | None] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_HALF_WIDTH.update({0x3000: 0x20, 0xA0: 0x20, 0x200B: None, 0x200C: None, 0x200D: None, 0xFEFF: None,
                    0x301D: 0x201C, 0x301E: 0x201D, 0x301F: 0x201D})  # 〝〞 quotes of spun copies

# A pinyin syllable with at least one tone mark, in brackets right after a character.
_PINYIN_NOTE = re.compile(
    r"(?<=[\u4e00-\u9fff])[(（]"
    r"[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹ][a-zü]*"
    r"[)）]")

_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern[str]
    only_before_body: bool = False
    only_after_body: bool = False


@dataclass(frozen=True)
class BoilerplateRules:
    drop_line: tuple[_Pattern, ...]
    cut_from: tuple[re.Pattern[str], ...]
    drop_inline: tuple[re.Pattern[str], ...]


@lru_cache(maxsize=1)
def boilerplate_rules() -> BoilerplateRules:
    """The compiled boilerplate rules (loaded once per process)."""
    data = load_yaml("boilerplate.yaml")
    return BoilerplateRules(
        drop_line=tuple(_Pattern(re.compile(entry["pattern"]), bool(entry.get("only_before_body")),
                                 bool(entry.get("only_after_body"))) for entry in data.get("drop_line", [])),
        cut_from=tuple(re.compile(entry["pattern"]) for entry in data.get("cut_from", [])),
        drop_inline=tuple(re.compile(entry["pattern"]) for entry in data.get("drop_inline", [])),
    )


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC("t2s")


def to_half_width(text: str) -> str:
    """Full-width ASCII and special spaces to their half-width forms."""
    return text.translate(_HALF_WIDTH)


def strip_pinyin_notes(text: str) -> str:
    """`網(wǎng)友` -> `網友`: drop tone-marked pinyin in brackets after a character."""
    return _PINYIN_NOTE.sub("", text)


def is_traditional(text: str, sample_chars: int = 4000) -> bool:
    """Whether a text is written in traditional characters (share of chars t2s changes)."""
    sample = "".join(_CJK.findall(text[: sample_chars * 3]))[:sample_chars]
    if len(sample) < 20:
        return False
    converted = _t2s().convert(sample)
    changed = sum(1 for a, b in zip(sample, converted) if a != b)
    return changed / len(sample) > 0.04


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def normalize_text(text: str, *, traditional: bool = False, spaced: bool = False) -> str:
    """One string normalised: pinyin notes out, half-width, letter spacing closed up
    if asked, simplified if asked."""
    text = strip_pinyin_notes(text)
    text = to_half_width(text)
    if spaced:
        text = unspace_letters(text)
    if traditional:
        text = to_simplified(text)
    return text


_SENTENCE_END = re.compile(r"[。！？!?；;][”’\"')）]*$")


def _is_prose(line: str) -> bool:
    """Running text: a long line, or a sentence (a shorter line ending as one does)."""
    chinese = len(_CJK.findall(line))
    return chinese >= 40 or (chinese >= 15 and bool(_SENTENCE_END.search(line)))


def remove_boilerplate(blocks: list[Block]) -> tuple[list[Block], int]:
    """Blocks without site boilerplate lines and tails; also how many were dropped.

    Patterns marked `only_before_body` / `only_after_body` apply only before the
    first / after the last line of running prose (40+ Chinese characters, or a
    sentence of 15+) that no other pattern drops, so a site's notices are not
    mistaken for the report.
    """
    rules = boilerplate_rules()
    texts = [block.text.strip() if block.kind == "paragraph" else "" for block in blocks]
    anywhere = [p.regex for p in rules.drop_line if not p.only_before_body and not p.only_after_body]
    dropped_anywhere = [bool(line) and any(p.fullmatch(line) for p in anywhere) for line in texts]
    prose = [i for i, line in enumerate(texts) if not dropped_anywhere[i] and _is_prose(line)]
    start, end = (prose[0], prose[-1] + 1) if prose else (len(texts), 0)
    kept: list[Block] = []
    dropped = 0
    for index, block in enumerate(blocks):
        if block.kind != "paragraph":
            kept.append(block)
            continue
        line = texts[index]
        if line and index >= start and any(p.search(line) for p in rules.cut_from):
            dropped += len(blocks) - index
            break
        if dropped_anywhere[index] or (line and any(
                p.regex.fullmatch(line) for p in rules.drop_line
                if (p.only_before_body and index < start) or (p.only_after_body and index >= end))):
            dropped += 1
            continue
        for pattern in rules.drop_inline:
            if pattern.search(block.text):
                block = replace(block, text=pattern.sub("", block.text))
        if line and not block.text.strip():  # a line of nothing but inline boilerplate
            dropped += 1
            continue
        kept.append(block)
    return kept, dropped


def normalize(doc: Document) -> Document:
    """The document ready for analysis; each block keeps its original text in `raw`."""
    traditional = is_traditional(doc.text)
    spaced = letter_spaced(to_half_width(block.text) for block in doc.blocks if block.kind == "paragraph")
    blocks: list[Block] = []
    for block in doc.blocks:
        raw = block.raw if block.raw is not None else block.text
        if block.kind == "table" and block.rows is not None:
            rows = [[normalize_text(cell, traditional=traditional, spaced=spaced) for cell in row]
                    for row in block.rows]
            blocks.append(Block("table", table_text(rows), rows, block.page, raw))
        else:
            blocks.append(Block("paragraph", normalize_text(block.text, traditional=traditional, spaced=spaced),
                                None, block.page, raw))
    blocks, dropped = remove_boilerplate(blocks)
    warnings = list(doc.warnings)
    if traditional:
        warnings.append("traditional characters converted to simplified")
    if spaced:
        warnings.append("letter-spaced text closed up")
    if dropped:
        warnings.append(f"{dropped} boilerplate lines removed")
    title = normalize_text(doc.title, traditional=traditional) if doc.title else None
    return replace(doc, blocks=blocks, warnings=warnings, title=title)
