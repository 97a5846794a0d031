"""Export: turn records into table rows, and write them as they arrive.

Input: `Record`s, one at a time. Output: a file whose suffix names the format —
`.jsonl` (the whole record), `.csv` and `.parquet` (one row per record, a column per
field key of the spec), `.xlsx` (the auditor's workbook, `corpus_tool.workbook`).

The row builders here (`document_row`, `value_rows`, `flag_rows`, `wide_row`,
`SummaryCounter`) are the single definition of every table: the workbook's sheets
and `Corpus`'s DataFrames both call them, so a notebook sees exactly what the
auditor's file shows. Writers are streaming, so memory stays flat on a large corpus.
"""
from __future__ import annotations

import csv
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, TypeGuard

from .model import Record
from .rules import field_keys, load_csv, load_yaml

# --- the tables -------------------------------------------------------------------------

#: The figures an auditor looks at first: applications received, their outcomes,
#: proactive publication and the two redress channels.
KEY_FIGURES = [
    "applications.new.total", "outcomes.total.total", "proactive.items_published",
    "reconsideration.total", "litigation.direct.total",
]

_DOCUMENT_META = ["path", "part", "title", "agency", "agency_level", "year", "doc_type", "format", "file_format"]
#: Columns of the Documents sheet / `Corpus.documents` (which adds the raw record after them).
DOCUMENT_COLUMNS = [
    *_DOCUMENT_META, *KEY_FIGURES, "n_fields", "n_flags", "n_checks_failed", "error",
]

#: Columns of the Evidence sheet / `Corpus.evidence`: one row per extracted value.
VALUE_COLUMNS = [
    "path", "part", "key", "label_zh", "value", "approx", "in_failed_check",
    "source", "page", "table", "section", "row", "column", "text", "flags",
]

#: Columns of the Flags sheet / `Corpus.flags`: one row per problem found in a record.
FLAG_COLUMNS = [
    "path", "part", "kind", "item", "description", "severity", "left", "right", "keys",
    "text", "page", "evidence_flags",
]

#: Flag kinds, from the record attribute each comes from.
FLAG_KINDS = {
    "sections_missing": "section_missing",
    "sections_empty": "section_empty",
    "sections_out_of_order": "section_out_of_order",
    "tables_missing": "table_missing",
    "checks_failed": "check_failed",
    "conflicts": "conflict",
}

#: The first columns of the wide field table (`Corpus.fields_wide`, the Fields sheet).
WIDE_ID_COLUMNS = ["path", "part", "title"]

_KEY_RE = re.compile(r"[a-z_][a-z0-9_]*(?:\.[a-z0-9_]+)+")


@lru_cache(maxsize=1)
def spec_field_keys() -> list[str]:
    """Field keys in the spec's order, each once."""
    seen: dict[str, None] = {}
    for row in load_csv("spec/fields.csv"):
        seen.setdefault(row["key"], None)
    return list(seen)


@lru_cache(maxsize=1)
def field_labels() -> dict[str, tuple[str, str]]:
    """Key → (row label, column label) in Chinese, from the first template that names it (2021 first)."""
    labels: dict[str, tuple[str, str]] = {}
    for row in load_csv("spec/fields.csv"):
        labels.setdefault(row["key"], (row["row_label_zh"], row["column_label_zh"]))
    return labels


def label_zh(key: str) -> str | None:
    """`规章 · 本年制发件数`: how the template names a field, for a reader who knows the form."""
    labels = field_labels().get(key)
    if labels is None:
        return None
    row, column = labels
    return " · ".join(part for part in (row, column) if part)


@lru_cache(maxsize=1)
def _section_headings() -> dict[str, str]:
    headings: dict[str, str] = {}
    for row in load_csv("spec/sections.csv"):
        headings.setdefault(row["section_id"], row["heading_zh"])
    return headings


@lru_cache(maxsize=1)
def _check_expressions() -> dict[str, str]:
    return {row["check_id"]: row["expression"] for row in load_csv("spec/checks.csv")}


def order_keys(keys: Iterable[str]) -> list[str]:
    """Field keys in the spec's order; keys the spec does not know go last, as first seen."""
    wanted = dict.fromkeys(keys)
    known = set(spec_field_keys())
    return [key for key in spec_field_keys() if key in wanted] + [key for key in wanted if key not in known]


def check_keys(check: dict[str, Any]) -> list[str]:
    """The field keys a failed check is about: those of its spec expression and of its detail."""
    detail = check.get("detail") or {}
    texts = [_check_expressions().get(str(check.get("check_id")), "")]
    names: list[str] = []
    for value in detail.values() if isinstance(detail, dict) else []:
        if isinstance(value, str):
            texts.append(value)  # e.g. the expression of a checklist's own check
        elif isinstance(value, (dict, list)):
            names.extend(str(name) for name in value)  # e.g. {"left": {key: value, ...}}
    names = _KEY_RE.findall(" ".join(texts)) + names
    return list(dict.fromkeys(name for name in names if name in field_keys()))


def failed_check_keys(record: Record) -> set[str]:
    """Every field key involved in one of the record's failed checks (highlighted in Fields)."""
    return {key for check in record.checks_failed for key in check_keys(check)}


def is_approx(evidence: dict[str, Any] | None) -> bool:
    """An approximate value (约/余/多, 'approx*' evidence flags): usable, but not a count."""
    return any("approx" in str(flag) for flag in (evidence or {}).get("flags", []))


def document_row(record: Record) -> dict[str, Any]:
    """One row of the Documents sheet: who, what, the key figures and how many flags."""
    row: dict[str, Any] = {column: getattr(record, column) for column in _DOCUMENT_META}
    row.update({key: record.fields.get(key) for key in KEY_FIGURES})
    row["n_fields"] = len(record.fields)
    row["n_flags"] = len(flag_rows(record))
    row["n_checks_failed"] = len(record.checks_failed)
    row["error"] = record.error
    return row


def value_rows(record: Record) -> list[dict[str, Any]]:
    """One row per extracted value, with the table cell or sentence that proves it."""
    involved = failed_check_keys(record)
    rows = []
    for key in order_keys(record.fields):
        evidence = record.evidence.get(key, {})
        rows.append({
            "path": record.path, "part": record.part, "key": key, "label_zh": label_zh(key),
            "value": record.fields[key], "approx": is_approx(evidence), "in_failed_check": key in involved,
            "source": evidence.get("source"), "page": evidence.get("page"), "table": evidence.get("table"),
            "section": evidence.get("section"), "row": evidence.get("row"), "column": evidence.get("column"),
            "text": evidence.get("text"), "flags": list(evidence.get("flags", [])),
        })
    return rows


def wide_row(record: Record) -> dict[str, Any]:
    """One row per record, a column per field key it has (the Fields sheet, `Corpus.fields_wide`)."""
    return {"path": record.path, "part": record.part, "title": record.title, **record.fields}


def _table_sections(template: str | None) -> dict[str, str]:
    """Template table number → the section that must hold it (rules/sections.yaml)."""
    tables = (load_yaml("sections.yaml").get("templates", {}).get(str(template)) or {}).get("tables") or {}
    return {str(number): section for section, number in tables.items()}


def _cell_evidence(evidence: dict[str, Any]) -> dict[str, Any]:
    """A table cell's evidence with its row and column labels: a bare `12` proves nothing."""
    labels = " × ".join(str(evidence[k]) for k in ("row", "column") if evidence.get(k))
    if evidence.get("source") == "table" and labels:
        return {**evidence, "text": f"{labels}: {evidence.get('text', '')}"}
    return evidence


def _flag(record: Record, kind: str, item: str, description: str | None,
          evidence: dict[str, Any] | None, **extra: Any) -> dict[str, Any]:
    evidence = evidence or {}
    row = dict.fromkeys(FLAG_COLUMNS)
    row.update(path=record.path, part=record.part, kind=kind, item=item, description=description,
               text=evidence.get("text"), page=evidence.get("page"),
               evidence_flags=list(evidence.get("flags", [])))
    row.update(extra)
    return row


def flag_rows(record: Record) -> list[dict[str, Any]]:
    """One row per problem: missing/empty/out-of-order section, missing table, failed check, conflict.

    Each carries the text that shows it: the heading a section should follow (or the
    section's own heading), the first value of a failed check, the two sides of a conflict.
    """
    headings = _section_headings()
    rows = []
    for attribute in ("sections_missing", "sections_empty", "sections_out_of_order"):
        for section in getattr(record, attribute):
            rows.append(_flag(record, FLAG_KINDS[attribute], section, headings.get(section),
                              record.section_evidence.get(section), severity="warning"))
    table_sections = _table_sections(record.format)
    for table in record.tables_missing:
        section = table_sections.get(str(table))
        rows.append(_flag(record, "table_missing", f"table {table}",
                          f"表{table} ({section})" if section else f"表{table}",
                          record.section_evidence.get(section or ""), severity="warning"))
    for check in record.checks_failed:
        keys = check_keys(check)
        with_value = [key for key in keys if key in record.fields]
        evidence = _cell_evidence(record.evidence.get(with_value[0], {})) if with_value else None
        rows.append(_flag(record, "check_failed", str(check.get("check_id")), check.get("description"), evidence,
                          severity=check.get("severity"), left=check.get("left"), right=check.get("right"),
                          keys="; ".join(f"{key}={record.fields.get(key, '—')}" for key in keys)))
    for key, sides in record.conflicts.items():
        values = " vs ".join(str(side.get("value")) for side in sides)
        texts = " ‖ ".join(str(side.get("text", "")) for side in sides)
        first = sides[0] if sides else {}
        rows.append(_flag(record, "conflict", key, label_zh(key), {"text": texts, "page": first.get("page")},
                          severity="warning", keys=f"{key}: {values}",
                          left=sides[0].get("value") if sides else None,
                          right=sides[1].get("value") if len(sides) > 1 else None))
    return rows


class SummaryCounter:
    """Counts for the Summary sheet, gathered one record at a time (no record kept)."""

    #: Flag kinds whose share of judged reports the summary reports, with their label.
    SHARES = [
        ("sections_missing", "with missing sections 缺少章节"),
        ("sections_empty", "with empty sections 章节无内容"),
        ("sections_out_of_order", "with sections out of order 章节顺序不符"),
        ("tables_missing", "with missing tables 缺少表格"),
        ("checks_failed", "with failed checks 数字校验未通过"),
        ("conflicts", "with table/text conflicts 表格与正文不一致"),
    ]

    def __init__(self) -> None:
        self.records = 0
        self.paths: set[str] = set()
        self.errors = 0
        self.judged = 0
        self.by: dict[str, Counter[str]] = {"doc_type": Counter(), "format": Counter(), "year": Counter()}
        self.flagged: Counter[str] = Counter()
        self.approx = 0

    def add(self, record: Record) -> None:
        self.records += 1
        self.paths.add(record.path)
        self.errors += record.error is not None
        for name, counter in self.by.items():
            value = getattr(record, name)
            counter["(none)" if value in (None, "") else str(value)] += 1
        if record.error is None and record.format not in (None, "none"):
            self.judged += 1
            for attribute, _ in self.SHARES:
                self.flagged[attribute] += bool(getattr(record, attribute))
        self.approx += any(is_approx(e) for e in record.evidence.values())

    def rows(self) -> list[dict[str, Any]]:
        """Rows of (group, item, documents, share); shares of flags are of the reports judged against a template."""
        def share(count: int, total: int) -> float | None:
            return round(count / total, 4) if total else None

        rows = [
            {"group": "total", "item": "files read 文件", "documents": len(self.paths), "share": None},
            {"group": "total", "item": "records 报告（含汇编拆分）", "documents": self.records, "share": None},
            {"group": "total", "item": "errors 读取失败", "documents": self.errors,
             "share": share(self.errors, self.records)},
        ]
        for name, counter in self.by.items():
            for value, count in sorted(counter.items()):
                rows.append({"group": name, "item": value, "documents": count, "share": share(count, self.records)})
        rows.append({"group": "flags", "item": "judged against a template 按模板检查的报告",
                     "documents": self.judged, "share": share(self.judged, self.records)})
        for attribute, label in self.SHARES:
            count = self.flagged[attribute]
            rows.append({"group": "flags", "item": label, "documents": count, "share": share(count, self.judged)})
        rows.append({"group": "flags", "item": "with approximate values 含约数", "documents": self.approx,
                     "share": share(self.approx, self.records)})
        return rows


SUMMARY_COLUMNS = ["group", "item", "documents", "share"]

# --- text safety ------------------------------------------------------------------------

#: A spreadsheet treats a cell starting with one of these as a formula (OWASP CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def csv_safe(value: object) -> object:
    """Text that a spreadsheet would run as a formula, prefixed with `'` (numbers untouched)."""
    return "'" + value if is_formula_like(value) else value


# --- flat rows for csv / parquet --------------------------------------------------------

#: Record attributes that become CSV/Parquet columns, in this order.
CSV_META_COLUMNS = [
    "path", "part", "title", "file_format", "doc_type", "doc_type_confidence", "format", "year",
    "published", "agency", "agency_level", "sector", "pages", "chars", "encoding", "sha256",
    "sections_present", "sections_missing", "sections_empty", "sections_out_of_order",
    "tables_missing", "n_checks_failed", "error", "warnings",
]
CSV_JSON_COLUMNS = ["evidence", "checks_failed", "conflicts"]
_LIST_COLUMNS = ["sections_present", "sections_missing", "sections_empty", "sections_out_of_order",
                 "tables_missing", "warnings"]

OUTPUT_SUFFIXES = (".jsonl", ".csv", ".parquet", ".xlsx")


def flat_row(record: Record, field_keys: list[str]) -> dict[str, Any]:
    """One row per record: metadata (lists kept as lists), a column per field key, nested parts as JSON."""
    data = record.to_dict()
    row: dict[str, Any] = {}
    for column in CSV_META_COLUMNS:
        row[column] = len(record.checks_failed) if column == "n_checks_failed" else data.get(column)
    for key in field_keys:
        row[key] = record.fields.get(key)
    for column in CSV_JSON_COLUMNS:
        value = data.get(column)
        row[column] = json.dumps(value, ensure_ascii=False) if value else ""
    return row


def csv_row(record: Record, field_keys: list[str]) -> dict[str, Any]:
    """One CSV row: `flat_row` with lists joined by `;` and formula-like text defused."""
    row = flat_row(record, field_keys)
    for column, value in row.items():
        if isinstance(value, list):
            value = ";".join(str(v) for v in value)
        row[column] = csv_safe(value)
    return row


# --- writers ----------------------------------------------------------------------------


class RecordWriter(Protocol):
    def write(self, record: Record) -> None: ...
    def close(self) -> None: ...


class JsonlWriter:
    def __init__(self, path: Path) -> None:
        self._handle = open(path, "w", encoding="utf-8")

    def write(self, record: Record) -> None:
        self._handle.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()


class CsvWriter:
    def __init__(self, path: Path) -> None:
        # utf-8-sig: Excel opens the Chinese text correctly only with a BOM.
        self._handle = open(path, "w", encoding="utf-8-sig", newline="")
        self._keys = spec_field_keys()
        self._writer = csv.DictWriter(self._handle, fieldnames=CSV_META_COLUMNS + self._keys + CSV_JSON_COLUMNS)
        self._writer.writeheader()

    def write(self, record: Record) -> None:
        self._writer.writerow(csv_row(record, self._keys))
        self._handle.flush()

    def close(self) -> None:
        self._handle.close()


class ParquetWriter:
    """Parquet with a fixed schema (every spec key a float64 column), one row group per batch.

    Parquet needs the schema up front, so the columns are those of the CSV, not only
    the keys that occur; lists stay lists.
    """

    BATCH = 500

    def __init__(self, path: Path) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa = pa
        self._keys = spec_field_keys()
        integers = {"part", "year", "pages", "chars", "n_checks_failed"}
        types = {column: pa.list_(pa.string()) if column in _LIST_COLUMNS
                 else pa.int64() if column in integers
                 else pa.float64() if column == "doc_type_confidence" else pa.string()
                 for column in CSV_META_COLUMNS}
        types.update({key: pa.float64() for key in self._keys})
        types.update({column: pa.string() for column in CSV_JSON_COLUMNS})
        self._schema = pa.schema(list(types.items()))
        self._writer = pq.ParquetWriter(str(path), self._schema)
        self._rows: list[dict[str, Any]] = []

    def write(self, record: Record) -> None:
        self._rows.append(flat_row(record, self._keys))
        if len(self._rows) >= self.BATCH:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            self._writer.write_table(self._pa.Table.from_pylist(self._rows, schema=self._schema))
            self._rows = []

    def close(self) -> None:
        self._flush()
        self._writer.close()


class OutputFormatError(ValueError):
    """The output path's suffix names no format we write."""


def open_writer(path: str | os.PathLike[str], format: str | None = None) -> RecordWriter:
    """A streaming writer chosen by `format` (jsonl/csv/parquet/xlsx) or else by the file's suffix."""
    path = Path(path)
    suffix = f".{format.lower().lstrip('.')}" if format else path.suffix.lower()
    if suffix == ".jsonl":
        return JsonlWriter(path)
    if suffix == ".csv":
        return CsvWriter(path)
    if suffix == ".parquet":
        return ParquetWriter(path)
    if suffix == ".xlsx":
        from .workbook import XlsxWriter

        return XlsxWriter(path)
    raise OutputFormatError(f"unsupported output format {suffix or '(none)'}: use one of {', '.join(OUTPUT_SUFFIXES)}")


class writing:
    """Context manager around `open_writer`."""

    def __init__(self, path: str | os.PathLike[str], format: str | None = None) -> None:
        self.writer = open_writer(path, format)

    def __enter__(self) -> RecordWriter:
        return self.writer

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.writer.close()


def write_records(records: Iterable[Record], path: str | os.PathLike[str], format: str | None = None) -> Path:
    """Write records in one go (what `Corpus.to_excel` and friends use): the same writers as the CLI."""
    with writing(path, format) as writer:
        for record in records:
            writer.write(record)
    return Path(path)
