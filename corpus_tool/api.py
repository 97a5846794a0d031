"""The public API: `analyse` streams records to a file, `load` gives a `Corpus`.

The CLI is a thin layer over these two functions and `evaluate`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from .batch import collect_files, iter_records
from .export import (
    DOCUMENT_COLUMNS, FLAG_COLUMNS, SUMMARY_COLUMNS, VALUE_COLUMNS, WIDE_ID_COLUMNS, SummaryCounter,
    document_row, flag_rows, order_keys, value_rows, wide_row, write_records, writing,
)
from .model import Record
from .sections import checklist_items

PathLike = str | os.PathLike[str]


@dataclass
class BatchSummary:
    """What a batch did: the one-line summary the CLI prints at the end."""

    files: int = 0
    records: int = 0
    errors: int = 0
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def line(self) -> str:
        return (f"files: {self.files}, records: {self.records}, errors: {self.errors}, "
                f"skipped: {len(self.skipped)}, seconds: {self.seconds:.1f}")


def _as_list(paths: PathLike | Iterable[PathLike]) -> list[PathLike]:
    if isinstance(paths, (str, os.PathLike)):
        return [paths]
    return list(paths)


def analyse(paths: PathLike | Iterable[PathLike], output: PathLike, *, jobs: int | None = None,
            timeout: float | None = None, checklist: str | None = None,
            on_file_done: Callable[[Record], None] | None = None) -> BatchSummary:
    """Read every document under `paths` and stream one record per (part of a) document to `output`.

    The output's suffix picks the format: .jsonl (whole records), .csv or .parquet
    (one row per record, a column per field key), .xlsx (the auditor's workbook,
    see `corpus_tool.workbook`). `on_file_done` is
    called once per finished record (the CLI drives its progress bar with it).
    """
    start = time.perf_counter()
    if checklist:
        checklist_items(checklist)  # a broken checklist stops here, once, with a clear message
    found = collect_files(_as_list(paths))
    summary = BatchSummary(files=len(found.files), skipped=[str(p) for p in found.skipped])
    with writing(output) as writer:
        for record in iter_records(found.files, jobs=jobs, timeout=timeout, checklist=checklist):
            writer.write(record)
            summary.records += 1
            summary.errors += record.error is not None
            if on_file_done:
                on_file_done(record)
    summary.seconds = time.perf_counter() - start
    return summary


@dataclass
class Corpus:
    """Records of a corpus as pandas DataFrames, for notebooks and scripts.

    Every table is built by the same row functions as the exported files
    (`corpus_tool.export`), so `corpus.flags` is row for row the workbook's Flags
    sheet, and `to_excel`/`to_csv`/`to_parquet` write what `corpus-tool analyse` writes.
    """

    records: list[Record]
    skipped: list[str] = field(default_factory=list)

    def _ordered(self) -> list[Record]:
        return sorted(self.records, key=lambda r: (r.path, r.part))

    @property
    def documents(self) -> pd.DataFrame:
        """One row per record: the Documents sheet's columns, then the rest of the record contract."""
        rest = [name for name in Record.__dataclass_fields__ if name not in DOCUMENT_COLUMNS]
        rows = [{**document_row(r), **{name: getattr(r, name) for name in rest}} for r in self._ordered()]
        return pd.DataFrame(rows, columns=DOCUMENT_COLUMNS + rest)

    @property
    def evidence(self) -> pd.DataFrame:
        """Long form, one row per extracted value with its table cell or sentence (the Evidence sheet)."""
        rows = [row for record in self._ordered() for row in value_rows(record)]
        return pd.DataFrame(rows, columns=VALUE_COLUMNS)

    @property
    def fields(self) -> pd.DataFrame:
        """Long form, one row per value: `evidence` with the proving text in an `evidence` column."""
        return self.evidence.rename(columns={"text": "evidence"})

    @property
    def fields_wide(self) -> pd.DataFrame:
        """One row per record, a float column per field key that occurs, in the spec's order (the Fields sheet)."""
        records = self._ordered()
        keys = order_keys(key for record in records for key in record.fields)
        frame = pd.DataFrame([wide_row(r) for r in records], columns=WIDE_ID_COLUMNS + keys)
        return frame.astype({key: "float64" for key in keys})

    @property
    def flags(self) -> pd.DataFrame:
        """One row per missing/empty/out-of-order section, missing table, failed check or conflict."""
        rows = [row for record in self._ordered() for row in flag_rows(record)]
        return pd.DataFrame(rows, columns=FLAG_COLUMNS)

    @property
    def summary(self) -> pd.DataFrame:
        """Counts by doc type, template and year, and the share of reports with each kind of flag."""
        counter = SummaryCounter()
        for record in self.records:
            counter.add(record)
        return pd.DataFrame(counter.rows(), columns=SUMMARY_COLUMNS)

    def to_excel(self, path: PathLike) -> Path:
        """The auditor's workbook (see `corpus_tool.workbook`), whatever `path`'s suffix."""
        return write_records(self._ordered(), path, "xlsx")

    def to_csv(self, path: PathLike) -> Path:
        """One row per record, a column per field key of the spec, as `analyse -o x.csv`."""
        return write_records(self._ordered(), path, "csv")

    def to_parquet(self, path: PathLike) -> Path:
        """One row per record, a float column per field key of the spec, as `analyse -o x.parquet`."""
        return write_records(self._ordered(), path, "parquet")

    def to_jsonl(self, path: PathLike) -> Path:
        """The whole records, one JSON object a line, as `analyse -o x.jsonl`."""
        return write_records(self._ordered(), path, "jsonl")

    @cached_property
    def tokens(self) -> pd.DataFrame:
        """Tokens per part (path, part, title, n_tokens, tokens, error, year, doc_type, agency, level)."""
        from .segment import tokens

        return tokens(self)

    def __len__(self) -> int:
        return len(self.records)


def load(paths: PathLike | Iterable[PathLike], *, jobs: int | None = 1, timeout: float | None = None,
         checklist: str | None = None) -> Corpus:
    """Read documents into a `Corpus` (the same records `analyse` writes)."""
    found = collect_files(_as_list(paths))
    records = list(iter_records(found.files, jobs=jobs, timeout=timeout, checklist=checklist))
    records.sort(key=lambda r: (r.path, r.part))
    return Corpus(records, [str(p) for p in found.skipped])
