"""Cells: what one table cell says (a figure, nothing, not applicable, or words), and how a
line of flattened text splits into cells.

Flattened tables come as `label | n | n` lines, tab-separated lines, runs of spaces, or one
cell per line; `split_line` turns each into cells plus whether the line is a whole table row
(so the reader knows where a row ends and can count its blank cells).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

CellKind = Literal["number", "blank", "na", "text"]

_NUMBER_RE = re.compile(
    r"^(?P<sign>[+-]|增加|增|减少|减)?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<unit>万元|元|件|个|项|条|次|人次)?$")
_DASHES = str.maketrans({"−": "-", "–": "-", "—": "-", "﹣": "-", "－": "-", "＋": "+", "﹢": "+"})
_WS_RE = re.compile(r"\s+")
_SINGLE_HAN_RE = re.compile(r"^[\u4e00-\u9fff]$")
#: A line of words without figures is read as label pieces only when it is this short.
MAX_LABEL_PIECES = 8
MAX_LABEL_LINE = 60


@dataclass(frozen=True)
class CellValue:
    """A parsed cell: `number` holds the figure (int when whole), `unit` the unit written in it."""

    kind: CellKind
    number: float | int | None = None
    unit: str | None = None


BLANK = CellValue("blank")
NOT_APPLICABLE = CellValue("na")
TEXT = CellValue("text")


def parse_cell(raw: str | None, not_applicable: frozenset[str]) -> CellValue:
    """What a cell says. `'+2'` -> 2, `'减少8'` -> -8, `'/'` -> not applicable, `''` -> blank.

    >>> parse_cell("１２５０.４６", frozenset()).number
    1250.46
    """
    text = _WS_RE.sub("", unicodedata.normalize("NFKC", raw or ""))
    if not text:
        return BLANK
    if text in not_applicable or text.translate(_DASHES).strip("-") == "":
        return NOT_APPLICABLE
    match = _NUMBER_RE.match(text.translate(_DASHES))
    if not match:
        return TEXT
    digits = match.group("num").replace(",", "")
    number: float | int = float(digits) if "." in digits else int(digits)
    if match.group("sign") in ("-", "减少", "减"):
        number = -number
    return CellValue("number", number, match.group("unit"))


def is_vertical_header_line(line: str) -> bool:
    """A PDF text line of single characters from column headers printed vertically (`结 结 其 尚`)."""
    tokens = line.split()
    return len(tokens) >= 3 and all(_SINGLE_HAN_RE.match(token) for token in tokens)


@dataclass(frozen=True)
class SplitLine:
    """One text line as cells. `row` says the line is a whole table row (tabs, pipes, or a
    label followed by its figures); a line holding one cell (one-cell-per-line layouts) is not."""

    cells: tuple[str, ...]
    row: bool
    spaced_label: bool = False  # the cells before the figures are space-separated pieces


def split_line(line: str, not_applicable: frozenset[str]) -> SplitLine:
    """Cells of a flattened table line.

    >>> split_line("行政许可 | 86 |||", frozenset()).cells
    ('行政许可', '86', '', '')
    >>> split_line("一、本年新收政府信息公开申请数量 3 2 0 0 0 0 5", frozenset()).cells[-1]
    '5'
    """
    if "\t" in line:
        cells = [cell.strip() for cell in line.split("\t")]
        return SplitLine(tuple(cells), len(cells) > 1)
    if "|" in line or "｜" in line:
        if not line.strip().strip("|｜"):
            return SplitLine((), False)  # `|||`: the merged cells of a cell-per-line layout
        parts = [cell.strip() for cell in line.replace("｜", "|").split("|")]
        if line.rstrip().endswith(("|", "｜")):
            parts = parts[:-1]
        return SplitLine(tuple(parts), len(parts) > 1)
    tokens = unicodedata.normalize("NFKC", line).split()
    if len(tokens) <= 1 or is_vertical_header_line(line):
        return SplitLine((line.strip(),), False)
    values: list[str] = []
    while tokens and parse_cell(tokens[-1], not_applicable).kind in ("number", "na"):
        values.insert(0, tokens.pop())
    if not values:
        # Several labels on one line (`（三）不予公开 1.属于国家秘密`); long lines are prose.
        short = len(tokens) <= MAX_LABEL_PIECES and len(line) <= MAX_LABEL_LINE
        return SplitLine(tuple(tokens) if short else (line.strip(),), False, spaced_label=short)
    if not tokens:
        return SplitLine(tuple(values), True)
    # The words before the figures: label pieces, joined again by the reader when one label
    # was broken by spaces (PDF text gives `商业 企业`).
    return SplitLine(tuple(tokens + values), True, spaced_label=True)
