"""The public API: `analyse` streams records to a file, `load` gives a `Corpus`.

The CLI is a thin layer over these two functions and `evaluate`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .batch import collect_files, iter_records
from .export import writing
from .model import Record

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

    The output's suffix picks the format (.jsonl or .csv). `on_file_done` is
    called once per finished record (the CLI drives its progress bar with it).
    """
    start = time.perf_counter()
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
    """Records of a corpus as pandas DataFrames, for notebooks and scripts."""

    records: list[Record]
    skipped: list[str] = field(default_factory=list)

    @property
    def documents(self) -> pd.DataFrame:
        """One row per record (the columns of the record contract)."""
        rows = [record.to_dict() for record in self.records]
        frame = pd.DataFrame(rows, columns=list(Record.__dataclass_fields__))
        return frame.sort_values(["path", "part"], kind="stable").reset_index(drop=True)

    @property
    def fields(self) -> pd.DataFrame:
        """Long form: one row per extracted value (path, part, key, value, evidence text)."""
        rows = []
        for record in self.records:
            for key, value in record.fields.items():
                evidence = record.evidence.get(key, {})
                rows.append({"path": record.path, "part": record.part, "key": key, "value": value,
                             "source": evidence.get("source"), "page": evidence.get("page"),
                             "evidence": evidence.get("text"), "flags": evidence.get("flags", [])})
        return pd.DataFrame(rows, columns=["path", "part", "key", "value", "source", "page", "evidence", "flags"])

    def __len__(self) -> int:
        return len(self.records)


def load(paths: PathLike | Iterable[PathLike], *, jobs: int | None = 1, timeout: float | None = None,
         checklist: str | None = None) -> Corpus:
    """Read documents into a `Corpus` (the same records `analyse` writes)."""
    found = collect_files(_as_list(paths))
    records = list(iter_records(found.files, jobs=jobs, timeout=timeout, checklist=checklist))
    records.sort(key=lambda r: (r.path, r.part))
    return Corpus(records, [str(p) for p in found.skipped])
