"""Template tables: detect the 2021/2019 template and read every cell.

STUB: replaced by the table stage (issue 3). The signature is the contract.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Document, Evidence


@dataclass
class TableResult:
    template: str | None = None  # "2021", "2019" or None
    fields: dict[str, float | int] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    tables_found: set[int] = field(default_factory=set)  # template tables 1/2/3 found


def extract_tables(doc: Document) -> TableResult:
    """Every template-table cell of a normalised document, with evidence."""
    return TableResult()
