"""Normalise: text ready for analysis (placeholder, being written)."""
from __future__ import annotations

from .model import Document


def normalize(doc: Document) -> Document:
    return doc
