"""The data every stage passes on: documents made of blocks, evidence, records.

A `Document` is what a reader produces and what every later stage consumes. It
keeps the blocks in reading order: a paragraph is a string, a table is a list of
rows of cell strings. `raw` keeps the text as read (for evidence); `text`/`rows`
hold the normalised form used for analysis (filled by `normalize`).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

BlockKind = Literal["paragraph", "table"]


@dataclass
class Block:
    """One paragraph or one table, in reading order.

    For a table, `rows` holds the cells (each logical cell once, merged cells not
    repeated) and `text` is the rows joined with `|` and newlines, so that text
    patterns can also run over tables.
    """

    kind: BlockKind
    text: str
    rows: list[list[str]] | None = None
    page: int | None = None
    raw: str | None = None  # the text as read, before normalisation

    @staticmethod
    def paragraph(text: str, page: int | None = None) -> "Block":
        return Block("paragraph", text, None, page)

    @staticmethod
    def table(rows: list[list[str]], page: int | None = None) -> "Block":
        return Block("table", table_text(rows), rows, page)


def table_text(rows: list[list[str]]) -> str:
    """Rows joined as `a | b | c` lines: how a table reads as text."""
    return "\n".join(" | ".join(cell for cell in row) for row in rows)


@dataclass
class Document:
    """A document as read from one file (or one part of a split compilation)."""

    path: str
    format: str  # file format: txt, docx, pdf, html, doc
    blocks: list[Block] = field(default_factory=list)
    sha256: str = ""
    encoding: str | None = None
    pages: int | None = None
    chars: int = 0
    part: int = 0
    title: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """All blocks' text joined by newlines (normalised once `normalize` ran)."""
        return "\n".join(block.text for block in self.blocks)

    @property
    def tables(self) -> list[Block]:
        return [block for block in self.blocks if block.kind == "table"]


@dataclass
class Evidence:
    """Why a value was extracted: the table cell or sentence it came from."""

    text: str  # the sentence, or the raw cell text
    source: Literal["table", "sentence", "heading", "metadata"] = "sentence"
    page: int | None = None
    table: int | None = None  # template table number 1/2/3
    row: str | None = None  # row label as found
    column: str | None = None  # column label as found
    section: str | None = None  # section id the value was found under
    block: int | None = None  # index of the block it came from, when the stage knows it
    flags: list[str] = field(default_factory=list)  # approx, partial_year, ...

    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v not in (None, [], "")}


@dataclass
class CheckResult:
    """A consistency check that failed, with the numbers on both sides."""

    check_id: str
    severity: str
    description: str
    left: float | None
    right: float | None
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Record:
    """One output row: one document (or one part of a compilation).

    The keys follow the record contract in DESIGN.md. Fields not built yet stay
    empty rather than invented.
    """

    path: str
    part: int = 0
    title: str | None = None
    file_format: str | None = None
    sha256: str | None = None
    encoding: str | None = None
    pages: int | None = None
    chars: int | None = None
    doc_type: str | None = None
    doc_type_confidence: float | None = None
    format: str | None = None
    year: int | None = None
    published: str | None = None
    agency: str | None = None
    agency_level: str | None = None
    sector: str | None = None
    fields: dict[str, float | int] = field(default_factory=dict)
    evidence: dict[str, dict[str, Any]] = field(default_factory=dict)
    conflicts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    sections_present: list[str] = field(default_factory=list)
    sections_missing: list[str] = field(default_factory=list)
    sections_empty: list[str] = field(default_factory=list)
    sections_out_of_order: list[str] = field(default_factory=list)
    tables_missing: list[str] = field(default_factory=list)
    section_evidence: dict[str, dict[str, Any]] = field(default_factory=dict)
    section_extensions: dict[str, dict[str, Any]] = field(default_factory=dict)  # e.g. supervision
    section_extensions_missing: list[str] = field(default_factory=list)
    checks_failed: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
