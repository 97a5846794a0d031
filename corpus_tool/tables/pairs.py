"""Labelled pairs: a table row flattened into one line that names the column of each figure.

    行政许可：本年处理决定数量 2316
    一、本年新收政府信息公开申请数量：自然人 5，商业企业 1，…，总计 6
    本年度办理结果—（三）不予公开—1.属于国家秘密：自然人 0，…
    行政诉讼（未经复议直接起诉）：结果维持 0，…        直接起诉结果维持 0，结果纠正 0，…

The line is read from its end: a figure, the column label before it (a whole column label or
alias of the template; in table 3 possibly led by its group), a separator, and again, until no
pair is left. What remains at the start must name a row (a path `A—B—row` names it by its
last part) or a table-3 group, or be empty when the columns carry their groups. Each figure
goes to the column its label names, never to a position; columns not written stay unstated.

A line that does not read so to its start is no labelled row: prose such as
`本年新收政府信息公开申请数量6件，较上年增加2件` has no column label beside its figures and goes on
to the ordinary cell reader.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from .lexicon import Lexicon, RowDef

#: A figure at the end of a text: signed, thousands commas, decimals, a unit.
_FIGURE_RE = re.compile(r"(?:[+\-−]|增加|减少)?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
                        r"(?:万元|元|件|个|项|条|次|人次)?$")
#: A column label written beside its figure is at most this long (with its table-3 group).
MAX_COLUMN_LABEL = 40
#: Lines longer than this are prose, whatever they end with.
MAX_LINE = 600


@dataclass(frozen=True)
class PairCell:
    """One figure of a labelled row: key suffix, the column label as written, the figure."""

    id: str
    label: str
    value: str
    money: bool = False


@dataclass(frozen=True)
class LabelledRow:
    """A row read from a labelled-pairs line; `row` is None for table 3 (keys carry the group)."""

    label: str
    table: int
    row: RowDef | None
    cells: tuple[PairCell, ...]
    page: int | None = None
    block: int | None = None  # index of the document block holding the line


def read_labelled_row(line: str, lex: Lexicon, page: int | None = None,
                      block: int | None = None) -> LabelledRow | None:
    """The row a `label：column value，column value` line states, or None for any other line.

    >>> from corpus_tool.tables.lexicon import lexicon
    >>> row = read_labelled_row("行政许可：本年处理决定数量 2316", lexicon("2021"))
    >>> (row.row.stem, row.cells[0].id, row.cells[0].value)
    ('licensing', 'decisions', '2316')
    """
    text = unicodedata.normalize("NFKC", line).strip()
    if not text or len(text) > MAX_LINE:
        return None
    pairs: list[tuple[str, str]] = []  # (column label, figure), last pair first
    end = len(text)
    while True:
        rest = text[:end].rstrip(lex.pair_separators + "。 ")
        figure = _trailing_figure(rest, lex)
        if figure is None:
            break
        before = rest[:len(rest) - len(figure)].rstrip().rstrip(":").rstrip()
        start = _column_start(before, lex)
        if start is None:
            break
        pairs.append((before[start:].strip(), figure))
        end = start
    if not pairs:
        return None
    label = text[:end].strip().rstrip(lex.pair_separators + " ").strip()
    named = _row(label, lex)
    if named is None:
        return None
    table, row, group = named
    cells = _cells(reversed(pairs), table, row, group, lex)
    return LabelledRow(label, table, row, tuple(cells), page, block) if cells else None


def _trailing_figure(text: str, lex: Lexicon) -> str | None:
    """The figure (or not-applicable mark) a text ends with."""
    match = _FIGURE_RE.search(text)
    if match:
        return match.group()
    marks = [mark for mark in lex.not_applicable if mark and text.endswith(mark)]
    return max(marks, key=len) if marks else None


def _column_start(before: str, lex: Lexicon) -> int | None:
    """Where the column label that `before` ends with starts: the longest whole label that
    begins with a letter at the line's start, a separator or a space (`社会公益 组织` is one
    label; `0，本年废止件数` is a figure and a label). A label without a separator inside comes
    first, so that `行政复议：结果维持` keeps its row label; `本年收费金额（单位：万元）` needs one."""
    starts = [0] + [i + 1 for i, ch in enumerate(before) if ch in lex.pair_separators or ch.isspace()]
    candidates = [(start, before[start:].strip()) for start in starts]
    candidates = [(start, label) for start, label in candidates
                  if label and label[0].isalpha() and len(label) <= MAX_COLUMN_LABEL]
    plain = [(start, label) for start, label in candidates
             if not any(ch in lex.pair_separators for ch in label)]
    for start, label in plain + candidates:
        if any(_column(label, t, lex) for t in (1, 2, 3)):
            return start
    return None


def _column(label: str, table: int, lex: Lexicon) -> tuple[str | None, str] | None:
    """(table-3 group or None, column id) a column label names in `table`."""
    items = lex.split_label(label, table)
    if not items or items[-1].kind != "column" or sum(i.kind == "column" for i in items) != 1:
        return None
    groups = [item.id for item in items if item.kind == "group"]
    return (groups[-1] if groups else None), items[-1].id


def _row(label: str, lex: Lexicon) -> tuple[int, RowDef | None, str | None] | None:
    """(table, template row, table-3 group) a row label names; empty: table 3, groups in columns."""
    if not label:
        return 3, None, None
    parts = [p for p in lex.path_separators.split(label) if p.strip()]
    for part in [label] + parts[::-1]:
        row = lex.match_row(part)
        if row is not None and row.stem is not None:
            return row.table, row, None
    items = lex.split_label(label, 3)
    if items and all(item.kind in ("group", "word") for item in items):
        groups = [item.id for item in items if item.kind == "group"]
        return 3, None, (groups[-1] if groups else None)
    return None


def _cells(pairs: Iterable[tuple[str, str]], table: int, row: RowDef | None, group: str | None,
           lex: Lexicon) -> list[PairCell]:
    """The pairs that name a column of the row, in reading order. In table 3 a group written
    before a column label holds for the labels after it (`直接起诉结果维持 0，结果纠正 0`)."""
    cells: list[PairCell] = []
    for label, figure in pairs:
        named = _column(label, table, lex)
        if named is None:
            continue
        column_group, column_id = named
        if table == 3:
            group = column_group or group
            if group is None:
                continue
            key = f"{group}.{column_id}"
            if column_group is None:  # named as the grid reader names table-3 columns
                label = f"{lex.group_labels[group]} > {label}"
        elif column_group is not None or row is None or column_id not in row.columns:
            continue
        else:
            key = column_id
        cells.append(PairCell(key, label, figure, lex.columns[table][column_id].money))
    return cells
