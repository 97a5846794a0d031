"""PDF reader: paragraphs joined across line and page breaks, ruled tables as grids.

Two extractors, chosen per page (`backend="auto"`, measured in benchmarks/ingest.py):

- pages without ruling lines are read with pypdfium2, about 20× faster than pdfplumber;
- pages with ruling lines (a table grid is drawn as path segments, counted cheaply in
  pdfium) are read with pdfplumber: duplicate characters removed (`dedupe_chars`,
  for Chinese PDFs that draw bold text twice), tables found by their ruling lines,
  and the text outside the tables' boxes read as lines, so table text is not doubled.

`backend="pdfplumber"` uses pdfplumber for every page (slower; for comparison).

Every page yields lines and tables ordered by their top coordinate. Page numbers
(`— 2 —`, `- 2 -`, `第2页`, `第 2 页 共 5 页`, a lone number) at the top or bottom of a
page are dropped, and so are running headers and footers: a line among the first or
last two of a page that recurs, digits aside, at the same height on at least half of
the pages (two at least), such as a Word header repeating the report title. Lines are then joined into paragraphs: a new paragraph starts
after a line ending with 。！？；：, after a short line, at an indented line, at a
heading numeral (一、 （一） 1.), or after a wide vertical gap; otherwise the line
continues the paragraph, also across a page break (the paragraph keeps the page it
started on). Spaces extractors put between Chinese characters or between digits and
Chinese characters are removed; spaces between Latin words stay. On a letter-spaced
page (character spacing: `2 0 2 0 年 政 府`) and in a letter-spaced table cell,
the single spaces between digits go as well (_text.unspace_letters). A table broken
across pages gives one table block per page. Table cells follow the same layout as
the docx and HTML readers: a merged cell's text once, in its first position, "" in
the positions it covers.
"""
from __future__ import annotations

import io
import math
import re
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Union

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ..model import Block, Document
from . import IngestError
from ._text import collapse, join_lines, letter_spaced, tidy_grid, unspace_letters

Backend = Literal["auto", "pdfplumber"]
BACKENDS: tuple[str, ...] = ("auto", "pdfplumber")

#: A page with at least this many path segments may hold a ruled table. One box
#: around a text (5 segments) stays on the fast path; the smallest 2×2 grid has 12.
RULING_SEGMENTS = 8

_PAGE_NUMBER = re.compile(
    r"""^(?:
        [-—–―－~·•\s]*\d{1,4}[-—–―－~·•\s]*               # — 2 —   - 2 -   2
      | 第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?      # 第2页   第 2 页 共 5 页
      | 共\s*\d+\s*页\s*[,，/]?\s*第\s*\d+\s*页           # 共5页 第2页
      | \d+\s*/\s*\d+                                     # 2 / 5
      | (?:page|p\.)\s*\d+(?:\s*(?:of|/)\s*\d+)?          # Page 2 of 5
    )$""",
    re.X | re.I,
)
#: Running headers and footers: among the first / last this many lines of a page, a line
#: repeated (digits aside) at the same height on at least this share of the pages, and on
#: two pages at least, is page furniture (a Word header repeating the report title).
_EDGE_LINES = 2
_RUNNING_SHARE = 0.5
#: A line ending this many characters (font sizes) before the right edge is short (see _Body.short).
_SHORT_LINE = 4.0
#: Page numbers sit in the top or bottom part of the page (fraction of its height).
_HEADER_ZONE, _FOOTER_ZONE = 0.12, 0.80
_SENTENCE_END = tuple("。！？；：!?;:")
_CLOSERS = "”’」』）)】》\"' "
_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十百]+[、.．]|[（(][一二三四五六七八九十百\d]+[）)]|\d+[.．、](?!\d)"
    r"|第[一二三四五六七八九十百\d]+[章节条部分]|[①-⑳])"
)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float


@dataclass
class _Table:
    rows: list[list[str]]
    top: float


_Item = Union[_Line, _Table]


def _open(data: bytes) -> pdfium.PdfDocument:
    """The PDF opened with pdfium; password and damage become clear errors."""
    if data.find(b"%PDF", 0, 1024) < 0:
        raise IngestError("not a PDF (no %PDF header)")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD or "password" in str(exc).lower():
            raise IngestError("encrypted PDF (password required)") from exc
        raise IngestError(f"corrupt PDF: {exc}") from exc


def _has_rulings(page: pdfium.PdfPage) -> bool:
    """True if the page draws enough path segments to hold a ruled table."""
    segments = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        segments += max(0, pdfium_c.FPDFPath_CountSegments(obj.raw))
        if segments >= RULING_SEGMENTS:
            return True
    return False


def _same_box(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return abs(a[0] - b[0]) < 1 and abs(a[1] - b[1]) < 1


def _pdfium_items(page: pdfium.PdfPage) -> list[_Item] | None:
    """Text lines of a page from pdfium, or None when its text cannot be mapped to boxes."""
    height = page.get_height()
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
        if len(text) != textpage.count_chars():
            return None  # characters outside the BMP shift indices; let pdfplumber read the page
        lines: list[_Item] = []
        for match in re.finditer(r"[^\r\n]+", text):
            start, end = match.span()
            indices = [i for i in range(start, end) if not text[i].isspace()]
            if not indices:
                continue
            # Bold drawn twice: the same character again at the same place.
            keep = [indices[0]]
            for i in indices[1:]:
                if text[i] == text[keep[-1]] and _same_box(textpage.get_charbox(i), textpage.get_charbox(keep[-1])):
                    continue
                keep.append(i)
            if _halves_overlap(textpage, text, keep):
                keep = keep[: len(keep) // 2]
            line_text = text[start:end] if len(keep) == len(indices) else "".join(text[i] for i in keep)
            left, bottom, _, top = textpage.get_charbox(indices[0], loose=True)
            _, bottom2, right, top2 = textpage.get_charbox(indices[-1], loose=True)
            lines.append(_Line(line_text, left, right, height - max(top, top2), height - min(bottom, bottom2)))
        return lines
    finally:
        textpage.close()


def _halves_overlap(textpage: pdfium.PdfTextPage, text: str, keep: list[int]) -> bool:
    """A line drawn twice as a whole: its second half repeats the first, in place."""
    half = len(keep) // 2
    if half < 2 or len(keep) % 2:
        return False
    if any(text[keep[j]] != text[keep[j + half]] for j in range(half)):
        return False
    return _same_box(textpage.get_charbox(keep[0]), textpage.get_charbox(keep[half]))


def _plumber_items(page: Any) -> list[_Item]:
    """Tables and the text lines outside them, from one pdfplumber page."""
    page = page.dedupe_chars()
    items: list[_Item] = []
    boxes = []
    for table in page.find_tables():
        rows = tidy_grid([[join_lines(unspace_letters(cell or "").split("\n")) for cell in row]
                          for row in table.extract()])
        if rows:
            items.append(_Table(rows, table.bbox[1]))
        boxes.append(table.bbox)
    # Text outside the tables: a character belongs to a table when its centre lies in the
    # table's box, as in the cells (a heading right under a table may touch its box).
    rest = page.filter(lambda obj: not any(_centre_in(obj, box) for box in boxes)) if boxes else page
    for line in rest.extract_text_lines(return_chars=False):
        items.append(_Line(line["text"], line["x0"], line["x1"], line["top"], line["bottom"]))
    return items


def _centre_in(obj: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _unmapped(items: list[_Item]) -> bool:
    """pdfminer printed `(cid:123)` for glyphs it could not map (e.g. CID fonts in encrypted files)."""
    for item in items:
        texts = [cell for row in item.rows for cell in row] if isinstance(item, _Table) else [item.text]
        if any("(cid:" in text for text in texts):
            return True
    return False


def _drop_page_numbers(items: list[_Item], height: float) -> list[_Item]:
    """Without page-number lines in the header and footer zones."""
    kept = []
    for item in items:
        if (
            isinstance(item, _Line)
            and (item.top > _FOOTER_ZONE * height or item.bottom < _HEADER_ZONE * height)
            and _PAGE_NUMBER.match(item.text.strip())
        ):
            continue
        kept.append(item)
    return kept


def _edge_lines(items: list[_Item], height: float) -> list[tuple[str, _Line]]:
    """("top"/"bottom", line) for the first and last lines of a page in its header and footer zones."""
    lines = [item for item in items if isinstance(item, _Line)]
    top = [("top", line) for line in lines[:_EDGE_LINES] if line.bottom < _HEADER_ZONE * height]
    bottom = [("bottom", line) for line in lines[-_EDGE_LINES:] if line.top > _FOOTER_ZONE * height]
    return top + bottom


def _running_key(text: str) -> str:
    """A header or footer compared without digits (page numbers, dates) and spaces."""
    return re.sub(r"[\d\s]+", "", text)


def _drop_running_lines(pages: list[list[_Item]], heights: list[float]) -> list[list[_Item]]:
    """Without running headers and footers: an edge line of a page whose text (digits
    aside) recurs at the same height among the edge lines of most pages."""
    need = max(2, math.ceil(_RUNNING_SHARE * len(pages)))
    if len(pages) < need:
        return pages
    edges = [_edge_lines(items, height) for items, height in zip(pages, heights)]

    def place(edge: str, line: _Line, height: float) -> float:
        return line.top if edge == "top" else height - line.bottom

    def same(a: tuple[str, _Line, float], b: tuple[str, _Line, float]) -> bool:
        tolerance = 0.5 * max(a[1].bottom - a[1].top, b[1].bottom - b[1].top, 2.0)
        return (a[0] == b[0] and _running_key(a[1].text) == _running_key(b[1].text)
                and abs(place(*a) - place(*b)) <= tolerance)

    placed = [[(edge, line, height) for edge, line in page_edges] for page_edges, height in zip(edges, heights)]
    drop: set[int] = set()
    for page_edges in placed:
        for candidate in page_edges:
            if not _running_key(candidate[1].text):
                continue  # digits only: a page number, handled by _drop_page_numbers
            pages_with = sum(any(same(candidate, other) for other in others) for others in placed)
            if pages_with >= need:
                drop.add(id(candidate[1]))
    if not drop:
        return pages
    return [[item for item in items if id(item) not in drop] for items in pages]


@dataclass
class _Body:
    """The text column: left and right edge, font size, and whether paragraphs are indented."""

    left: float
    right: float
    size: float
    indents: bool = False

    @staticmethod
    def of(lines: list[_Line]) -> "_Body":
        if not lines:
            return _Body(0.0, 0.0, 10.0)
        x0s = sorted(line.x0 for line in lines)
        x1s = sorted(line.x1 for line in lines)
        size = statistics.median(line.bottom - line.top for line in lines) or 10.0
        body = _Body(x0s[len(x0s) // 10], x1s[(len(x1s) * 9) // 10], size)
        # Lines after a clear paragraph end (a short line closing a sentence): if most of
        # them are indented, the document marks its paragraphs by indentation.
        starts = [
            line for prev, line in zip(lines, lines[1:])
            if _ends_sentence(prev.text) and body.short(prev) and not _HEADING.match(line.text)
        ]
        body.indents = sum(body.indented(line) for line in starts) > len(starts) / 2
        return body

    def short(self, line: _Line) -> bool:
        """Ends well before the right edge. The margin is four characters wide because
        ragged-right Chinese text (LibreOffice's default) wraps early when a character
        may not start a line (`训。` moves down together)."""
        return line.x1 < self.right - _SHORT_LINE * self.size

    def indented(self, line: _Line) -> bool:
        return line.x0 > self.left + 1.0 * self.size


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_SENTENCE_END)


def _continues(prev: _Line, line: _Line, body: _Body, page_break: bool) -> bool:
    """True if `line` goes on with the paragraph whose last line is `prev`.

    A sentence may end exactly at the right edge inside a paragraph; where the
    document indents its paragraphs, only a short line or an indented one ends it.
    """
    if _HEADING.match(line.text) or body.short(prev):
        return False
    if body.indented(line) and not _centred_under(prev, line, body):
        return False  # an indented line starts a paragraph; a wrapped centred title does not
    if _ends_sentence(prev.text) and not body.indents:
        return False
    return page_break or line.top - prev.bottom <= 1.0 * body.size


def _centred_under(prev: _Line, line: _Line, body: _Body) -> bool:
    """A short `line` centred on the text column below a centred `prev`: a title wrapped in two."""
    centre = body.left + body.right
    return (
        body.short(line)
        and abs(prev.x0 + prev.x1 - centre) < body.size
        and abs(line.x0 + line.x1 - centre) < body.size
    )


def _assemble(pages: list[list[_Item]]) -> list[Block]:
    """Blocks in reading order, with lines joined into paragraphs (letter-spaced lines
    of a letter-spaced page closed up first: pages read by pdfium have no such spaces)."""
    body = _Body.of([item for items in pages for item in items if isinstance(item, _Line)])
    blocks: list[Block] = []
    lines: list[str] = []
    start_page = 0
    prev: _Line | None = None
    prev_page = 0

    def flush() -> None:
        if lines:
            text = join_lines(lines)
            if text:
                blocks.append(Block.paragraph(text, start_page))
            lines.clear()

    for page_no, items in enumerate(pages, start=1):
        spaced = letter_spaced(item.text for item in items if isinstance(item, _Line))
        for item in items:
            if isinstance(item, _Table):
                flush()
                blocks.append(Block.table(item.rows, page_no))
                prev = None
                continue
            item.text = collapse(unspace_letters(item.text) if spaced else item.text)
            if not item.text:
                continue
            if prev is None or not _continues(prev, item, body, page_break=page_no != prev_page):
                flush()
                start_page = page_no
            lines.append(item.text)
            prev, prev_page = item, page_no
    flush()
    return blocks


def read(path: Path, data: bytes, *, backend: Backend = "auto") -> Document:
    """Read a PDF into paragraphs and tables (see the module docstring).

    Args:
        path: the file, for the document's record.
        data: its bytes.
        backend: "auto" (pdfium, pdfplumber on pages with ruling lines) or
            "pdfplumber" (pdfplumber on every page).
    """
    if backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, not {backend!r}")
    pdf = _open(data)
    plumber = None
    pages: list[list[_Item]] = []
    heights: list[float] = []
    empty_pages: list[int] = []
    warnings: list[str] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            height = page.get_height()
            items = None
            if backend == "auto" and not _has_rulings(page):
                items = _pdfium_items(page)
            if items is None:
                if plumber is None:
                    plumber = _open_plumber(data)
                plumber_page = plumber.pages[index]
                items = _plumber_items(plumber_page)
                plumber_page.close()  # drop its cached layout objects
                if _unmapped(items):
                    fallback = _pdfium_items(page)
                    if fallback is not None:
                        items = fallback
                        warnings.append(f"page {index + 1}: fonts pdfplumber cannot map to Unicode; read without tables")
            page.close()
            items.sort(key=lambda item: item.top)
            if not any(isinstance(item, _Table) or item.text.strip() for item in items):
                empty_pages.append(index + 1)
            pages.append(_drop_page_numbers(items, height))
            heights.append(height)
    finally:
        if plumber is not None:
            plumber.close()
        pdf.close()
    if len(empty_pages) == len(pages):
        raise IngestError("no text layer (scanned PDF?)")
    doc = Document(path=str(path), format="pdf", blocks=_assemble(_drop_running_lines(pages, heights)), pages=len(pages), warnings=warnings)
    if empty_pages:
        doc.warnings.append(f"no text layer on page(s) {', '.join(map(str, empty_pages))} (scanned?)")
    return doc


def _open_plumber(data: bytes) -> Any:
    import pdfplumber  # imported late: the fast path and the other readers do not need it

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds (PDFSyntaxError, PSEOF, …)
        raise IngestError(f"corrupt PDF: {type(exc).__name__}: {exc}") from exc
