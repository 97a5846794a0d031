"""Word .docx reader: body paragraphs and tables in order, merged cells laid out once.

python-docx opens the package; the body XML is walked here directly (w:p and w:tbl
children of w:body, and inside content controls), because python-docx's `row.cells`
is several times slower and repeats merged cells.

Tables use the same layout as the HTML reader: a cell spanning grid columns
(gridSpan) gives its text once followed by "" for the columns it covers; a cell
continuing a vertical merge (vMerge without "restart") is "", its text being given
once in the first row of the merge; rows and columns empty in every cell are
dropped. A table nested in a cell is left out of the cell's text and becomes its own
block after the outer table. Headers, footers, footnotes and comments are not read.

The zip is checked before anything is parsed, so a zip bomb costs nothing.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from lxml import etree

from ..model import Block, Document
from . import IngestError
from ._text import join_lines, tidy_grid

#: The main document part may not expand beyond this (bytes).
MAX_PART_BYTES = 200 * 1024 * 1024
#: All parts together may not expand beyond this (python-docx loads every part).
MAX_TOTAL_BYTES = 400 * 1024 * 1024
#: Real Word XML compresses 10–40×; far beyond that a large part is a bomb.
MAX_RATIO = 200
_RATIO_MIN_BYTES = 10 * 1024 * 1024

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
P, TBL, TR, TC, R = (f"{{{_W}}}{name}" for name in ("p", "tbl", "tr", "tc", "r"))
T, TAB, BR, CR = (f"{{{_W}}}{name}" for name in ("t", "tab", "br", "cr"))
SDT, SDT_CONTENT, CUSTOM_XML = f"{{{_W}}}sdt", f"{{{_W}}}sdtContent", f"{{{_W}}}customXml"
TC_PR, TR_PR = f"{{{_W}}}tcPr", f"{{{_W}}}trPr"
GRID_SPAN, V_MERGE, H_MERGE, GRID_BEFORE = (f"{{{_W}}}{n}" for n in ("gridSpan", "vMerge", "hMerge", "gridBefore"))
VAL = f"{{{_W}}}val"
_FALLBACK = f"{{{_MC}}}Fallback"
_MAIN_PART = re.compile(r"word/document\d*\.xml")
_MB = 1024 * 1024


def check_zip(data: bytes) -> None:
    """Refuse what is not a zip, lacks a Word body, or would expand absurdly."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError) as exc:
        raise IngestError("not a valid .docx (not a zip archive)") from exc
    with archive:
        infos = archive.infolist()
    mains = [info for info in infos if _MAIN_PART.fullmatch(info.filename)]
    if not mains:
        raise IngestError("not a valid .docx (word/document.xml missing from the archive)")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_PART_BYTES or (info.file_size > _RATIO_MIN_BYTES and ratio > MAX_RATIO):
            raise IngestError(
                f"refusing .docx: {info.filename} would expand to {info.file_size // _MB} MB "
                f"from {info.compress_size // 1024} KB (zip bomb? limit {MAX_PART_BYTES // _MB} MB, ratio {MAX_RATIO}:1)"
            )
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise IngestError(f"refusing .docx: parts would expand to {total // _MB} MB (limit {MAX_TOTAL_BYTES // _MB} MB)")


def paragraph_text(p: etree._Element) -> str:
    """All w:t of a paragraph (hyperlinks, insertions, smart tags, content controls
    included), w:tab as a tab and w:br/w:cr as a newline; deleted text is w:delText
    and so left out."""
    parts = []
    for el in p.iter(T, TAB, BR, CR):
        if el.tag == T:
            parts.append(el.text or "")
        elif el.getparent().tag == R:  # w:tab also defines tab stops in w:pPr
            parts.append("\t" if el.tag == TAB else "\n")
    return "".join(parts)


def _content(parent: etree._Element) -> list[etree._Element]:
    """Block-level children, looking through content controls and custom XML."""
    out = []
    for child in parent:
        tag = child.tag
        if tag in (P, TBL, TR, TC):
            out.append(child)
        elif tag == SDT:
            inner = child.find(SDT_CONTENT)
            if inner is not None:
                out.extend(_content(inner))
        elif tag == CUSTOM_XML:
            out.extend(_content(child))
    return out


def _int(el: etree._Element | None, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(VAL, default))
    except ValueError:
        return default


def _table(tbl: etree._Element, blocks: list[Block]) -> None:
    """Append the table's block, then blocks for the tables nested in its cells."""
    nested: list[etree._Element] = []
    rows = []
    for tr in _content(tbl):
        if tr.tag != TR:
            continue
        row: list[str] = [""] * _int(tr.find(f"{TR_PR}/{GRID_BEFORE}"), 0)
        for tc in _content(tr):
            if tc.tag != TC:
                continue
            props = tc.find(TC_PR)
            span = max(1, _int(props.find(GRID_SPAN) if props is not None else None, 1))
            v_merge = props.find(V_MERGE) if props is not None else None
            h_merge = props.find(H_MERGE) if props is not None else None
            continued = any(m is not None and m.get(VAL, "continue") == "continue" for m in (v_merge, h_merge))
            lines = []
            for child in _content(tc):
                if child.tag == TBL:
                    nested.append(child)
                elif child.tag == P:
                    lines.append(paragraph_text(child))
            row.append("" if continued else join_lines(lines))
            row.extend([""] * (span - 1))
        rows.append(row)
    cells = tidy_grid(rows)
    if cells:
        blocks.append(Block.table(cells))
    for inner in nested:
        _table(inner, blocks)


def read(path: Path, data: bytes) -> Document:
    """Read a .docx body into paragraphs and tables (see the module docstring)."""
    check_zip(data)
    import docx  # python-docx; imported late so that the other readers do not pay for it

    try:
        body = docx.Document(io.BytesIO(data)).element.body
    except Exception as exc:  # python-docx raises KeyError, ValueError, XMLSyntaxError … for broken packages
        raise IngestError(f"not a valid .docx ({type(exc).__name__}: {exc})") from exc
    for fallback in list(body.iter(_FALLBACK)):
        fallback.getparent().remove(fallback)  # the same text box again, for old Word versions
    blocks: list[Block] = []
    for child in _content(body):
        if child.tag == P:
            text = paragraph_text(child).strip()
            if text:
                blocks.append(Block.paragraph(text))
        elif child.tag == TBL:
            _table(child, blocks)
    return Document(path=str(path), format="docx", blocks=blocks)
