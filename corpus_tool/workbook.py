"""The auditor's workbook: records streamed into an .xlsx an auditor can hand on as is.

Sheets: Summary (counts by doc type, template and year; the share of reports with
each kind of flag; a colour legend), Documents (one row per record), Fields (one row
per record, a column per field key that occurs, Chinese label above the key), Flags
(one row per missing/empty/out-of-order section, missing table, failed check or
conflict, with its evidence), Evidence (one row per extracted value).

Memory: openpyxl's write-only mode writes each sheet's rows to a temporary file as
records arrive and still allows cell styles and comments (through `WriteOnlyCell`),
freeze panes, column widths (set before the first row) and autofilters (written at
the end). Two sheets cannot be written in arrival order: Summary needs every record,
and Fields needs to know which keys occur before it writes its header. Summary is
kept as counters; Fields rows are spooled to a temporary JSON-lines file and written
at `close`. What is not flat: openpyxl keeps the shared-strings table (every distinct
text, e.g. each evidence sentence) in memory until the file is saved.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from .export import (
    DOCUMENT_COLUMNS, FLAG_COLUMNS, SUMMARY_COLUMNS, VALUE_COLUMNS, WIDE_ID_COLUMNS, SummaryCounter,
    document_row, failed_check_keys, field_labels, flag_rows, is_approx, is_formula_like, order_keys,
    value_rows, wide_row,
)
from .model import Record

#: Fills an auditor can read at a glance (Excel's own "bad" / "neutral" / note colours).
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")  # error, failed check
WARN_FILL = PatternFill("solid", fgColor="FFEB9C")  # a record with flags, a section flag
APPROX_FILL = PatternFill("solid", fgColor="DDEBF7")  # an approximate value (约/余/多)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
HEADER_FONT = Font(bold=True)
APPROX_FONT = Font(italic=True)
WRAP = Alignment(wrap_text=True, vertical="top")

#: Column widths by column name (characters); anything else gets DEFAULT_WIDTH.
WIDTHS = {"path": 42, "title": 40, "agency": 24, "item": 28, "description": 40, "text": 60, "keys": 40,
          "label_zh": 30, "key": 30, "error": 30, "group": 10, "documents": 11, "share": 9,
          "evidence_flags": 14, "flags": 14, "part": 6, "year": 7, "page": 6, "table": 6}
DEFAULT_WIDTH = 13
MAX_CELL = 32767  # Excel's limit on the characters of one cell

LEGEND = [
    (ERROR_FILL, "red: a read error, a failed check, or a value involved in one 读取失败 / 校验未通过"),
    (WARN_FILL, "yellow: a record with flags, or a section/table flag 有问题的报告 / 章节或表格问题"),
    (APPROX_FILL, "blue italic: an approximate value (约/余/多), see the cell's comment 约数"),
]


def cell(ws: WriteOnlyWorksheet, value: Any, *, fill: PatternFill | None = None, font: Font | None = None,
         comment: str | None = None, number_format: str | None = None) -> Any:
    """A cell (or plain value) whose text always stays text: `=HYPERLINK(...)` never becomes a formula."""
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value)
    elif isinstance(value, dict):
        value = json.dumps(value, ensure_ascii=False)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:MAX_CELL] or None  # "" reads back as an empty cell
    if fill is None and font is None and not comment and not number_format and not is_formula_like(value):
        return value  # openpyxl types a plain value itself, twice as fast as a styled cell
    out = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        out.data_type = "s"  # never "f": text that looks like a formula stays text
        if is_formula_like(value):
            out.quotePrefix = True  # what Excel sets when a user types a leading '
    if fill is not None:
        out.fill = fill
    if font is not None:
        out.font = font
    if comment:
        out.comment = Comment(comment[:2000], "corpus-tool")
    if number_format:
        out.number_format = number_format
    return out


def _sheet(wb: Workbook, title: str, columns: list[str], freeze: str) -> WriteOnlyWorksheet:
    """A sheet with widths and frozen header set: write-only mode writes both before the first row."""
    ws = wb.create_sheet(title)
    for index, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = WIDTHS.get(column, DEFAULT_WIDTH)
    ws.freeze_panes = freeze
    return ws


def _header(ws: WriteOnlyWorksheet, labels: list[str]) -> None:
    cells = [cell(ws, label, fill=HEADER_FILL, font=HEADER_FONT) for label in labels]
    for one in cells:
        one.alignment = WRAP
    ws.append(cells)


def _autofilter(ws: WriteOnlyWorksheet, columns: int, first_row: int, last_row: int) -> None:
    ws.auto_filter.ref = f"A{first_row}:{get_column_letter(max(columns, 1))}{max(last_row, first_row)}"


class XlsxWriter:
    """Streams records into the workbook; the file exists once `close` has run."""

    def __init__(self, path: str | Path) -> None:
        self._path = Path(path)
        self._wb = Workbook(write_only=True)
        self._summary_ws = _sheet(self._wb, "Summary", SUMMARY_COLUMNS, "A2")
        self._documents = _sheet(self._wb, "Documents", DOCUMENT_COLUMNS, "C2")
        self._fields_ws = self._wb.create_sheet("Fields")  # widths set at close, once its columns are known
        self._flags = _sheet(self._wb, "Flags", FLAG_COLUMNS, "C2")
        self._evidence = _sheet(self._wb, "Evidence", VALUE_COLUMNS, "D2")
        for ws, columns in ((self._documents, DOCUMENT_COLUMNS), (self._flags, FLAG_COLUMNS),
                            (self._evidence, VALUE_COLUMNS)):
            _header(ws, columns)
        self._rows = {"Documents": 1, "Flags": 1, "Evidence": 1}
        self._summary = SummaryCounter()
        self._spool = tempfile.TemporaryFile("w+", encoding="utf-8")
        self._keys: dict[str, None] = {}

    def write(self, record: Record) -> None:
        self._summary.add(record)
        self._write_document(record)
        for row in flag_rows(record):
            fill = ERROR_FILL if row["kind"] == "check_failed" else WARN_FILL
            ws = self._flags
            ws.append([cell(ws, row[c], fill=fill if c == "kind" else None) for c in FLAG_COLUMNS])
            self._rows["Flags"] += 1
        for row in value_rows(record):
            self._write_value(row)
        self._keys.update(dict.fromkeys(record.fields))
        approx = [key for key, evidence in record.evidence.items() if is_approx(evidence)]
        spooled = {"row": wide_row(record), "approx": {k: record.evidence[k].get("text") for k in approx},
                   "failed": sorted(failed_check_keys(record))}
        self._spool.write(json.dumps(spooled, ensure_ascii=False) + "\n")

    def _write_document(self, record: Record) -> None:
        ws = self._documents
        row = document_row(record)
        cells = []
        for column in DOCUMENT_COLUMNS:
            fill = None
            if column == "error" and row["error"]:
                fill = ERROR_FILL
            elif column == "n_flags" and row["n_flags"]:
                fill = WARN_FILL
            elif column == "n_checks_failed" and row["n_checks_failed"]:
                fill = ERROR_FILL
            cells.append(cell(ws, row[column], fill=fill))
        ws.append(cells)
        self._rows["Documents"] += 1

    def _write_value(self, row: dict[str, Any]) -> None:
        ws = self._evidence
        cells = []
        for column in VALUE_COLUMNS:
            if column == "value" and row["in_failed_check"]:
                cells.append(cell(ws, row[column], fill=ERROR_FILL, font=APPROX_FONT if row["approx"] else None))
            elif column == "value" and row["approx"]:
                cells.append(cell(ws, row[column], fill=APPROX_FILL, font=APPROX_FONT))
            else:
                cells.append(cell(ws, row[column]))
        ws.append(cells)
        self._rows["Evidence"] += 1

    def _write_summary(self) -> None:
        ws = self._summary_ws
        for index, column in enumerate(SUMMARY_COLUMNS, start=1):
            ws.column_dimensions[get_column_letter(index)].width = WIDTHS.get(column, DEFAULT_WIDTH)
        ws.column_dimensions["B"].width = 48
        _header(ws, SUMMARY_COLUMNS)
        rows = self._summary.rows()
        for row in rows:
            ws.append([cell(ws, row["group"]), cell(ws, row["item"]), cell(ws, row["documents"]),
                       cell(ws, row["share"], number_format="0.0%")])
        _autofilter(ws, len(SUMMARY_COLUMNS), 1, len(rows) + 1)
        ws.append([])
        ws.append([cell(ws, "legend", font=HEADER_FONT)])
        for fill, text in LEGEND:
            ws.append([cell(ws, "", fill=fill), cell(ws, text)])
        ws.append([])
        ws.append([cell(ws, "notes", font=HEADER_FONT), cell(
            ws, "shares of flags are of the reports judged against a template (format 2021/2019/legacy, "
                "no error); Fields: row 1 the template's label 模板中的行/列名, row 2 the field key")])

    def _write_fields(self) -> None:
        ws = self._fields_ws
        keys = order_keys(self._keys)
        columns = WIDE_ID_COLUMNS + keys
        for index, column in enumerate(columns, start=1):
            ws.column_dimensions[get_column_letter(index)].width = WIDTHS.get(column, 16)
        ws.freeze_panes = "D3"
        labels = field_labels()
        _header(ws, ["", "", ""] + ["\n".join(p for p in labels.get(key, ("", "")) if p) for key in keys])
        _header(ws, columns)
        self._spool.seek(0)
        count = 0
        for line in self._spool:
            spooled = json.loads(line)
            row, approx, failed = spooled["row"], spooled["approx"], set(spooled["failed"])
            cells = [cell(ws, row.get(column)) for column in WIDE_ID_COLUMNS]
            for key in keys:
                value = row.get(key)
                if value is not None and key in failed:
                    cells.append(cell(ws, value, fill=ERROR_FILL, font=APPROX_FONT if key in approx else None))
                elif value is not None and key in approx:
                    cells.append(cell(ws, value, fill=APPROX_FILL, font=APPROX_FONT,
                                      comment=f"约数 approximate: {approx[key] or ''}"))
                else:
                    cells.append(cell(ws, value))
            ws.append(cells)
            count += 1
        _autofilter(ws, len(columns), 2, count + 2)

    def close(self) -> None:
        try:
            self._write_summary()
            self._write_fields()
            for ws, columns in ((self._documents, DOCUMENT_COLUMNS), (self._flags, FLAG_COLUMNS),
                                (self._evidence, VALUE_COLUMNS)):
                _autofilter(ws, len(columns), 1, self._rows[ws.title])
            self._wb.save(self._path)
        finally:
            self._spool.close()


__all__ = ["XlsxWriter", "cell", "ERROR_FILL", "WARN_FILL", "APPROX_FILL"]
