"""Ingest: read one file into a `Document`, whatever its format.

`read_document(path)` picks the reader by magic bytes first and suffix second, so a
PDF named `.txt` is still read as a PDF and a `.docx` that is not a zip gets a
clear error. Readers raise `IngestError` with a message a user can act on; the
batch runner turns it into a record with `error` set.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from pathlib import Path

from ..model import Document

#: Suffixes the batch walks into; anything else is listed as skipped.
SUPPORTED_SUFFIXES = {".txt", ".text", ".docx", ".pdf", ".html", ".htm", ".shtml", ".xhtml", ".doc", ".wps"}

#: Files larger than this are refused rather than read into memory.
MAX_FILE_BYTES = 200 * 1024 * 1024


class IngestError(Exception):
    """A file that cannot be read as a document; the message says why."""


def sniff_format(path: Path, head: bytes) -> str:
    """The reader to use: by magic bytes where they are decisive, else by suffix."""
    suffix = path.suffix.lower()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # OLE2: old Word .doc / .wps
        return "doc"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    if suffix in {".html", ".htm", ".shtml", ".xhtml"}:
        return "html"
    if suffix == ".docx":
        return "docx"  # not a zip: the docx reader says so
    if suffix == ".pdf":
        return "pdf"  # not a PDF header: the pdf reader says so
    if suffix in {".doc", ".wps"}:
        return "doc"
    stripped = head.lstrip()[:200].lower()
    if suffix in {".txt", ".text"} and (stripped.startswith(b"<!doctype html") or stripped.startswith(b"<html")):
        return "html"
    return "txt"


def read_document(path: str | os.PathLike[str]) -> Document:
    """Read one file into a Document (blocks in reading order, pages where known)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise IngestError(f"cannot open file: {exc.strerror or exc}") from exc
    if size > MAX_FILE_BYTES:
        raise IngestError(f"file too large ({size // (1024 * 1024)} MiB > {MAX_FILE_BYTES // (1024 * 1024)} MiB)")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot open file: {exc.strerror or exc}") from exc
    if not data:
        raise IngestError("empty file (0 bytes)")
    kind = sniff_format(path, data[:512])
    reader: Callable[[Path, bytes], Document]  # each reader is imported only when needed
    if kind == "txt":
        from .txt import read as reader
    elif kind == "docx":
        from .docx import read as reader
    elif kind == "pdf":
        from .pdf import read as reader
    elif kind == "html":
        from .html import read as reader
    else:
        from .legacy_word import read as reader
    doc = reader(path, data)
    doc.path = str(path)
    doc.format = kind if doc.format in ("", None) else doc.format
    doc.sha256 = hashlib.sha256(data).hexdigest()
    doc.chars = sum(len(block.text) for block in doc.blocks)
    if doc.chars == 0 or not any(block.text.strip() for block in doc.blocks):
        raise IngestError("no text found in document")
    for block in doc.blocks:
        if block.raw is None:
            block.raw = block.text
    return doc


__all__ = ["IngestError", "read_document", "sniff_format", "SUPPORTED_SUFFIXES", "MAX_FILE_BYTES"]
