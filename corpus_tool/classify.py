"""Classify: document type, year covered, agency, its level and sector.

STUB: replaced by the classifier stage (issue 4). The signature is the contract.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Document, Evidence


@dataclass
class Classification:
    doc_type: str | None = None
    doc_type_confidence: float | None = None
    year: int | None = None
    published: str | None = None
    agency: str | None = None
    agency_level: str | None = None
    sector: str | None = None
    evidence: dict[str, Evidence] = field(default_factory=dict)


def classify(doc: Document) -> Classification:
    """Document type, year, agency of a normalised document."""
    return Classification()
