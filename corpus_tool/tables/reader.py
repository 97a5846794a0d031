"""The table reader: a state machine fed cell by cell, whatever the layout was.

Real tables, `|`/tab lines, space-separated PDF text and one-cell-per-line text all reach it
as cells in reading order, with the row ends a layout gives; lines that name the column of
each figure (`pairs`) reach it as labelled rows and are stored by those labels. A row label (looked up in the
template lexicon) opens a row; the figures after it, up to the row's end or the next label,
are its cells. Header labels fix which column each figure belongs to: by grid position for
real tables, by the header's order for flattened text, by the template's order only when the
header could not be read (e.g. printed vertically). Headers carry over from block to block, so
a table broken by a page break (one table block per page, each with its own column count) is
read with the header it continues; grid positions are compared only within one grid width, and
across a break table 3's groups are taken in the order its group header gives them.

Table 3's groups (行政复议, 未经复议直接起诉, 复议后起诉) are column groups in the template, but some
reports lay the table out transposed: one row per group, the five results as columns. A group
label therefore opens a tentative group row as well as counting as a header word; the row is
kept only when figures follow the label in its row (or, one cell per line, directly after it),
and those figures go to the result columns the header named before it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Evidence
from .cells import BLANK, CellValue, is_vertical_header_line, parse_cell
from .lexicon import HeaderItem, Lexicon, RowDef, has_numbering, label_key, normalise
from .pairs import LabelledRow

#: A cue (e.g. 第二十条第) only counts in a cell this short: longer text is prose citing it.
MAX_CUE_CELL = 48
#: Text this long, or with a full stop, is prose: it ends the table being read.
MIN_PROSE_CHARS = 60
#: A table-2 row label this long is distinctive enough to open table 2 without a header.
MIN_DISTINCT_ROW_LABEL = 6


@dataclass(frozen=True)
class Cell:
    """One cell as found: text, page, and for a real table its grid (block id, width, column).

    `origin` is the document block the cell came from, real table or text line alike: it
    goes into the evidence so a value can name the section it sits under.
    """

    text: str
    page: int | None = None
    block: int | None = None
    width: int | None = None
    index: int | None = None
    origin: int | None = None


@dataclass(frozen=True)
class HeaderCell:
    item: HeaderItem
    cell: Cell


@dataclass(frozen=True)
class Slot:
    """Where one figure of a row goes: key suffix, the column label as found, grid position."""

    id: str
    label: str
    index: int | None = None
    width: int | None = None
    block: int | None = None
    money: bool = False


@dataclass
class PendingRow:
    """A row being read: its template row (None for table 3's unlabelled figure row)."""

    row: RowDef | None
    label: str
    table: int
    page: int | None
    cells: list[tuple[Cell, CellValue]] = field(default_factory=list)
    cell_per_line: bool = False  # figures came one per line, not as one table row
    group: str | None = None  # a table-3 group laid out as a row (transposed table 3)
    columns: tuple[HeaderCell, ...] = ()  # the result columns such a group row reads
    label_cell: Cell | None = None


class TableReader:
    """Reads the template tables of one document; `fields` and `evidence` hold the result."""

    def __init__(self, lex: Lexicon) -> None:
        self.lex = lex
        self.table: int | None = None
        self.headers: dict[int, list[HeaderCell]] = {1: [], 2: [], 3: []}
        self.header_closed = {1: False, 2: False, 3: False}  # a data row since the header
        self.header_unreadable = {1: False, 2: False, 3: False}
        self.rows_started = {1: False, 2: False, 3: False}
        self.pending: PendingRow | None = None
        self.table3_done = False
        self.group_row_columns: tuple[HeaderCell, ...] = ()  # result columns of a group row read
        self.last_header: tuple[int, HeaderCell] | None = None  # the header word just read
        self.row_has_text = False
        self.in_row = False
        self.found: set[int] = set()
        self.fields: dict[str, float | int] = {}
        self.evidence: dict[str, Evidence] = {}

    # -- input ---------------------------------------------------------------------------

    def feed_row(self, cells: list[Cell], *, is_row: bool, spaced_label: bool = False) -> None:
        """Feed one line or table row; `is_row` means the row ends with its last cell."""
        self.row_has_text = False
        self.in_row = is_row
        if spaced_label:
            cells = self._join_label_pieces(cells)
        for cell in cells:
            self._feed(cell)
        if self.pending is not None and self.pending.group and not _has_figures(self.pending) \
                and sum(bool(cell.text.strip()) for cell in cells) > 1:
            self.pending = None  # `未经复议直接起诉 复议后起诉`: header words, no group row
        if is_row and any(cell.text.strip() for cell in cells):
            self._finish()

    def feed_labelled(self, labelled: LabelledRow) -> None:
        """Feed a row whose figures name their columns (`pairs`): each goes where its label says."""
        self._finish()
        table = labelled.table
        self._enter(table)
        self.rows_started[table] = True
        self.header_closed[table] = True
        self.found.add(table)
        if table == 3:
            self.table3_done = True  # no unlabelled table-3 figure row after a labelled one
        slots = [Slot(cell.id, cell.label, money=cell.money) for cell in labelled.cells]
        values = [(Cell(cell.value, labelled.page), parse_cell(cell.value, self.lex.not_applicable))
                  for cell in labelled.cells]
        pending = PendingRow(labelled.row, labelled.label, table, labelled.page)
        self._store(pending, slots, values, block=labelled.block)

    def close(self) -> None:
        """End of document: store the row still open."""
        self._finish()

    # -- cells ---------------------------------------------------------------------------

    def _feed(self, cell: Cell) -> None:
        text = cell.text.strip()
        if not text:
            self._value(cell, BLANK)
            return
        if any(pattern.match(text) for pattern in self.lex.page_number_res):
            return
        value = parse_cell(text, self.lex.not_applicable)
        if value.kind != "text":
            self._value(cell, value)
        elif is_vertical_header_line(text):
            if self.pending is not None and self.pending.group and not _has_figures(self.pending):
                self.pending = None  # a group label above vertical headers is a header
            if self.table is not None:
                self.header_unreadable[self.table] = True
        else:
            self._words(cell)

    def _value(self, cell: Cell, value: CellValue) -> None:
        if value.kind != "blank":
            self.last_header = None
        if self.pending is None:
            table3_ready = self.headers[3] or self.header_unreadable[3]
            if self.table != 3 or not table3_ready or self.table3_done or self.row_has_text:
                return
            self.pending = PendingRow(None, "", 3, cell.page)
        self.pending.cells.append((cell, value))
        if not self.in_row:
            self.pending.cell_per_line = True

    def _words(self, cell: Cell) -> None:
        """A cell of words: a table cue, a row label, a header label, or other text."""
        self.row_has_text = True
        normal = normalise(cell.text)
        if len(normal) <= MAX_CUE_CELL:
            for table, cues in self.lex.table_cues.items():
                if any(cue in normal for cue in cues):
                    self._enter(table, new_block=True)
                    return
        row = self.lex.match_row(cell.text)
        header = self._match_header(cell.text)
        if row and header and self._prefer_header(cell.text, row, header):
            row = None
        if row and self._row_allowed(row):
            self._open_row(row, cell)
        elif header:
            self._header(cell, header)
        else:
            self._other_text(normal)

    def _match_header(self, text: str) -> list[HeaderItem] | None:
        order = [self.table] if self.table else []
        for table in order + [t for t in (1, 2, 3) if t != self.table]:
            items = self.lex.match_header(text, table)
            if items:
                return items
        return None

    def _prefer_header(self, text: str, row: RowDef, header: list[HeaderItem]) -> bool:
        """总计 / 其他 name both a column and a row: a column until the table's rows begin."""
        if self.table == 3 and header[0].table == 3:
            return True
        if not row.after_header:
            return False
        return not has_numbering(text) and not self.rows_started[row.table]

    def _row_allowed(self, row: RowDef) -> bool:
        if row.table == self.table:
            return True
        return row.table == 2 and len(label_key(row.label)) >= MIN_DISTINCT_ROW_LABEL

    def _open_row(self, row: RowDef, cell: Cell) -> None:
        """A row label: it finds its table at once only inside a table structure (a real table,
        or after the table's cue or header); elsewhere only once figures are stored for it, so
        prose naming a row (`本年新收政府信息公开申请数量 6 件，较上年增加 2 件`) finds no table."""
        in_structure = cell.block is not None or self.table == row.table or bool(self.headers[row.table])
        self.last_header = None
        self._finish()
        self._enter(row.table)
        if in_structure:
            self.found.add(row.table)
        self.rows_started[row.table] = True
        if row.stem is not None:
            self.pending = PendingRow(row, cell.text.strip(), row.table, cell.page, label_cell=cell)

    def _header(self, cell: Cell, items: list[HeaderItem]) -> None:
        table = items[0].table
        earlier = self._header_read_as_row(table)
        if self.pending is not None:
            if self.pending.row is None and not _has_figures(self.pending):
                self.pending = None  # blank lines inside table 3's header
            self._finish()
        self._enter(table)
        if self.header_closed[table]:
            self.headers[table] = []
            self.header_closed[table] = False
            self.header_unreadable[table] = False
        earlier = earlier or self._header_of_other_table(table)
        if earlier:
            self.headers[table].append(earlier)
        columns_before = tuple(h for h in self.headers[table] if h.item.kind == "column")
        self.headers[table].extend(HeaderCell(item, cell) for item in items)
        self.last_header = (table, self.headers[table][-1]) if len(items) == 1 else None
        if table == 3 and sum(h.item.kind == "column" for h in self.headers[3]) >= 3:
            self.found.add(3)
        groups = [item.id for item in items if item.kind == "group"]
        if table == 3 and len(groups) == 1 and items[-1].kind == "group":
            # Perhaps a transposed table 3's row label: kept only if figures follow it.
            self.pending = PendingRow(None, cell.text.strip(), 3, cell.page, group=groups[-1],
                                      columns=columns_before or self.group_row_columns)

    def _header_read_as_row(self, table: int) -> HeaderCell | None:
        """总计 (a table-2 row as well) heading another table's header (`总计 | 结果维持 | …`) was
        taken for a row; the header word after it shows it was this table's first column."""
        pending = self.pending
        if pending is None or pending.row is None or pending.label_cell is None or _has_figures(pending):
            return None
        if pending.table == table or not pending.row.after_header or has_numbering(pending.label):
            return None
        items = self.lex.match_header(pending.label, table)
        if not items or len(items) != 1 or items[0].kind != "column":
            return None
        self.pending = None
        return HeaderCell(items[0], pending.label_cell)

    def _header_of_other_table(self, table: int) -> HeaderCell | None:
        """The header word just before this one, read for another table (总计 names a column of
        tables 2 and 3) though it also names a column here: it belongs with its neighbours."""
        if self.last_header is None or self.last_header[0] == table:
            return None
        other, header = self.last_header
        items = self.lex.match_header(header.cell.text, table)
        if not items or len(items) != 1 or items[0].kind != "column":
            return None
        if self.headers[other] and self.headers[other][-1] is header:
            self.headers[other].pop()
        return HeaderCell(items[0], header.cell)

    def _other_text(self, normal: str) -> None:
        """Words that are no label: a wrapped label's tail (kept in the row) or prose."""
        if self.pending is not None and self.pending.group and not _has_figures(self.pending):
            self.pending = None  # words after a table-3 group label: a header, not a group row
        if self.pending is not None and _has_figures(self.pending):
            self._finish()
        if len(normal) >= MIN_PROSE_CHARS or "。" in normal:
            self._finish()
            self.table = None

    def _enter(self, table: int, *, new_block: bool = False) -> None:
        if table != self.table:
            self._finish()
            self.table = table
        if new_block and self.headers[table]:
            self.header_closed[table] = True

    def _join_label_pieces(self, cells: list[Cell]) -> list[Cell]:
        """Rejoin label words a PDF text line split at spaces (`商业 企业`, `（三）不予公开 1.属于…`)."""
        words = [c for c in cells if parse_cell(c.text, self.lex.not_applicable).kind == "text"]
        figures = cells[len(words):]
        joined: list[Cell] = []
        start = 0
        while start < len(words):
            for end in range(len(words), start, -1):
                text = "".join(w.text for w in words[start:end])
                if self.lex.match_row(text) or self._match_header(text):
                    break
            else:
                end = start + 1
                text = words[start].text
            joined.append(Cell(text, words[start].page))
            start = end
        return joined + figures

    # -- rows ----------------------------------------------------------------------------

    def _finish(self) -> None:
        pending, self.pending = self.pending, None
        if pending is None:
            return
        if not _has_figures(pending):
            return
        slots = self._group_row_slots(pending) if pending.group else self._slots(pending)
        if not slots:
            return
        if pending.row is None:
            self.table3_done = True
        # Extra blank cells: in a table row, merged label cells before the figures (tables 2
        # and 3) or merged figure cells after them (table 1); one cell per line, blank lines
        # before the next label.
        values = _assign(pending.cells, slots,
                         fillers_first=pending.table != 1 and not pending.cell_per_line)
        if values is None:
            return
        self.header_closed[pending.table] = True
        self.found.add(pending.table)
        self._store(pending, slots, values)

    def _store(self, pending: PendingRow, slots: list[Slot],
               values: list[tuple[Cell, CellValue]], *, block: int | None = None) -> None:
        """Row figures into fields: blank is 0 in a row with figures; '/' stays unstated."""
        stem = pending.row.stem if pending.row else None
        allowed = set(pending.row.columns) if pending.row else None
        row_has_number = any(value.kind == "number" for _, value in values)
        for slot, (cell, value) in zip(slots, values):
            if allowed is not None and slot.id not in allowed:
                continue
            if value.kind == "number":
                number = value.number
            elif value.kind == "blank" and row_has_number:
                number = 0
            else:
                continue
            assert number is not None
            if slot.money and (value.unit == "元" or _yuan_header(slot.label)):
                number = round(number / 10000, 6)
            key = f"{stem}.{slot.id}" if stem else slot.id
            if key in self.fields:
                continue
            self.fields[key] = number
            self.evidence[key] = Evidence(
                text=cell.text.strip(), source="table", page=cell.page or pending.page,
                table=pending.table, row=pending.label or None, column=slot.label,
                block=block if block is not None else cell.origin)

    def _slots(self, pending: PendingRow) -> list[Slot]:
        if pending.table == 3:
            return self._table3_slots()
        assert pending.row is not None
        table = pending.table
        template_slots = [self._template_slot(table, cid) for cid in pending.row.columns]
        if self.header_unreadable[table]:
            return template_slots
        header = self._header_slots(table)
        ids = {slot.id for slot in header}
        wanted = set(pending.row.columns) if table == 1 else set(self.lex.column_order[2])
        return header if wanted <= ids and len(ids) == len(header) else template_slots

    def _group_row_slots(self, pending: PendingRow) -> list[Slot]:
        """A transposed table 3's group row: its group × the result columns the header named
        (by grid position or header order); the template's five only when the header could not
        be read. No slots (the row is dropped) when no result header was read at all."""
        assert pending.group is not None
        prefix = f"{pending.label} > "
        if self.header_unreadable[3] and not pending.columns:
            return [Slot(f"{pending.group}.{c}", prefix + self.lex.columns[3][c].label)
                    for c in self.lex.column_order[3]]
        slots = self._slots_from(list(pending.columns), 3)
        if len({slot.id for slot in slots}) != len(slots) or len(slots) < 3:
            return []
        self.group_row_columns = pending.columns
        return [Slot(f"{pending.group}.{s.id}", prefix + s.label, s.index, s.width, s.block)
                for s in slots]

    def _template_slot(self, table: int, column_id: str) -> Slot:
        column = self.lex.columns[table][column_id]
        return Slot(column_id, column.label, money=column.money)

    def _header_slots(self, table: int) -> list[Slot]:
        """The columns in the order (or at the grid positions) the document's header gives."""
        return self._slots_from(self.headers[table], table)

    def _slots_from(self, headers: list[HeaderCell], table: int) -> list[Slot]:
        slots: list[Slot] = []
        parent_at: dict[str, int] = {}
        used: set[str] = set()
        for header in headers:
            item = header.item
            if item.kind == "parent":
                parent_at[item.id] = len(slots)
            if item.kind != "column":
                continue
            column_id = next((c for c in item.candidates if c not in used), item.id)
            used.add(column_id)
            column = self.lex.columns[table][column_id]
            slots.append(Slot(column_id, header.cell.text.strip(), header.cell.index,
                              header.cell.width, header.cell.block, column.money))
        # Flattened two-row headers give a parent's children after the parent's neighbours
        # (自然人 | 法人或其他组织 | 总计 / 商业企业 | …): put them back under the parent.
        for parent, position in parent_at.items():
            children = self.lex.parents.get(parent, ())
            moved = [s for s in slots[position:] if s.id in children]
            if moved and slots[position] is not moved[0]:
                others = [s for s in slots if s.id not in children]
                slots = others[:position] + moved + others[position:]
        return slots

    def _table3_slots(self) -> list[Slot]:
        """Table 3's fifteen columns: group × result, from the header when it is readable."""
        groups = self.lex.group_order
        results = self.lex.column_order[3]
        template = [Slot(f"{g}.{c}", f"{self.lex.group_labels[g]} > {self.lex.columns[3][c].label}")
                    for g in groups for c in results]
        if self.header_unreadable[3]:
            return template
        columns = [h for h in self.headers[3] if h.item.kind == "column"]
        group_cells = [h for h in self.headers[3] if h.item.kind == "group"]
        seen_groups = list(dict.fromkeys(h.item.id for h in group_cells))
        if len(seen_groups) != len(groups):
            seen_groups = list(groups)
        # Groups own the columns below them by grid position only when header rows share one
        # grid; a header split across a page break (group rows in one block, result columns
        # in the next, each read with its own column count) is read by the groups' order.
        if _on_one_grid([h.cell for h in columns + group_cells]) and len(columns) == 15:
            slots = []
            for h in columns:
                owner = max((g for g in group_cells if (g.cell.index or 0) <= (h.cell.index or 0)),
                            key=lambda g: g.cell.index or 0, default=None)
                if owner is None:
                    return template
                slots.append(Slot(f"{owner.item.id}.{h.item.id}",
                                  f"{owner.cell.text.strip()} > {h.cell.text.strip()}",
                                  h.cell.index, h.cell.width, h.cell.block))
            return slots
        if len(columns) == 15:
            return [Slot(f"{seen_groups[i // 5]}.{h.item.id}",
                         f"{self.lex.group_labels[seen_groups[i // 5]]} > {h.cell.text.strip()}")
                    for i, h in enumerate(columns)]
        if len(columns) == 5:
            return [Slot(f"{g}.{h.item.id}", f"{self.lex.group_labels[g]} > {h.cell.text.strip()}")
                    for g in seen_groups for h in columns]
        return template


def _has_figures(pending: PendingRow) -> bool:
    return any(value.kind in ("number", "na") for _, value in pending.cells)


def _yuan_header(label: str) -> bool:
    normal = normalise(label)
    return "元" in normal and "万元" not in normal


def _on_grid(cells: list[Cell]) -> bool:
    indexes = [c.index for c in cells]
    return bool(cells) and None not in indexes and len(set((c.block, c.index) for c in cells)) == len(cells)


def _on_one_grid(cells: list[Cell]) -> bool:
    """Cells of one grid: grid positions, distinct, all in tables of the same width."""
    return _on_grid(cells) and len({c.width for c in cells}) == 1


def _assign(cells: list[tuple[Cell, CellValue]], slots: list[Slot], *,
            fillers_first: bool) -> list[tuple[Cell, CellValue]] | None:
    """The cell for each slot: by grid position when row and header share a grid, else by
    count. Blank cells beyond the column count are merged-cell filler: before the figures
    when `fillers_first` (the wide label cells of tables 2 and 3), after them otherwise (the
    wide figure cells of table 1). None when the figures cannot be placed without guessing."""
    widths = {cell.width for cell, _ in cells}
    if all(s.index is not None for s in slots) and len(widths) == 1 and widths == {slots[0].width} \
            and len({s.index for s in slots}) == len(slots):
        ordered = sorted(range(len(slots)), key=lambda i: slots[i].index or 0)
        result: list[tuple[Cell, CellValue] | None] = [None] * len(slots)
        for rank, i in enumerate(ordered):
            low = slots[i].index or 0
            high = slots[ordered[rank + 1]].index if rank + 1 < len(ordered) else (slots[i].width or 0)
            inside = [(c, v) for c, v in cells if c.index is not None and low <= c.index < (high or 0)]
            filled = [(c, v) for c, v in inside if v.kind != "blank"]
            result[i] = (filled or inside or [(Cell("", cells[0][0].page), BLANK)])[0]
        return [r for r in result if r is not None]
    values = list(cells)
    for end in ((0, -1) if fillers_first else (-1, 0)):
        while len(values) > len(slots) and values[end][1].kind == "blank":
            values.pop(end)
    if len(values) > len(slots):
        filled = [(c, v) for c, v in values if v.kind != "blank"]
        values = filled if len(filled) == len(slots) else []
    if len(values) != len(slots):
        return None
    return values
