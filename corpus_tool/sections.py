"""Sections: find headings, map them to section ids, flag what is missing.

STUB: replaced by the sections stage (issue 5). The signature is the contract.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Document, Evidence


@dataclass
class SectionResult:
    present: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    out_of_order: list[str] = field(default_factory=list)
    tables_missing: list[str] = field(default_factory=list)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    # (block index, section id) for each heading found, so values can name their section
    spans: list[tuple[int, str]] = field(default_factory=list)


def find_sections(doc: Document, template: str, *, is_government: bool = False,
                  tables_found: set[int] | None = None, checklist: str | None = None) -> SectionResult:
    """Sections of a normalised document judged against `template`'s requirements."""
    return SectionResult()
