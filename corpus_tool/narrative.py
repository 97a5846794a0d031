"""Narrative figures: numbers stated in sentences, attributed to field keys.

STUB: replaced by the narrative stage (issue 4). The signature is the contract.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .model import Document, Evidence


@dataclass
class NarrativeResult:
    fields: dict[str, float | int] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)


def extract_narrative(doc: Document, template: str | None) -> NarrativeResult:
    """Figures stated in prose (template is "2021"/"2019"/"legacy"/"none")."""
    return NarrativeResult()
