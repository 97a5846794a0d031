"""Export: write records as they arrive, in the format the output suffix names.

Writers are streaming (one record at a time), so memory stays flat on a large
corpus. `.jsonl` carries the whole record; `.csv` is one row per record with the
metadata, every field key of the spec as its own column, and the nested parts
(evidence, failed checks) as JSON text.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol

from .model import Record
from .rules import load_csv

#: Record attributes that become CSV columns, in this order.
CSV_META_COLUMNS = [
    "path", "part", "title", "file_format", "doc_type", "doc_type_confidence", "format", "year",
    "published", "agency", "agency_level", "sector", "pages", "chars", "encoding", "sha256",
    "sections_present", "sections_missing", "sections_empty", "sections_out_of_order",
    "tables_missing", "n_checks_failed", "error", "warnings",
]
CSV_JSON_COLUMNS = ["evidence", "checks_failed", "conflicts"]

OUTPUT_SUFFIXES = (".jsonl", ".csv")


def spec_field_keys() -> list[str]:
    """Field keys in the spec's order, each once."""
    seen: dict[str, None] = {}
    for row in load_csv("spec/fields.csv"):
        seen.setdefault(row["key"], None)
    return list(seen)


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


def csv_row(record: Record, field_keys: list[str]) -> dict[str, Any]:
    """One CSV row: metadata, lists joined by `;`, one column per field key."""
    data = record.to_dict()
    row: dict[str, Any] = {}
    for column in CSV_META_COLUMNS:
        if column == "n_checks_failed":
            row[column] = len(record.checks_failed)
            continue
        value = data.get(column)
        row[column] = ";".join(str(v) for v in value) if isinstance(value, list) else value
    for key in field_keys:
        row[key] = record.fields.get(key)
    for column in CSV_JSON_COLUMNS:
        value = data.get(column)
        row[column] = json.dumps(value, ensure_ascii=False) if value else ""
    return row


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


class OutputFormatError(ValueError):
    """The output path's suffix names no format we write."""


def open_writer(path: str | Path) -> RecordWriter:
    """A streaming writer chosen by the output file's suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return JsonlWriter(path)
    if suffix == ".csv":
        return CsvWriter(path)
    raise OutputFormatError(f"unsupported output format {suffix or '(none)'}: use one of {', '.join(OUTPUT_SUFFIXES)}")


class writing:
    """Context manager around `open_writer`."""

    def __init__(self, path: str | Path) -> None:
        self.writer = open_writer(path)

    def __enter__(self) -> RecordWriter:
        return self.writer

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.writer.close()
