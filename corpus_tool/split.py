"""Split compilations (placeholder, being written)."""
from __future__ import annotations

from .model import Document


def split(doc: Document) -> list[Document]:
    return [doc]
