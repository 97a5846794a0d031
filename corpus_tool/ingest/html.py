"""HTML reader: the visible text of a government page, its tables as grids.

Input is a saved web page (portal article or Word's "save as web page" export, which
can be 350k characters of MSO styling). Output is a `Document` whose blocks are the
page's paragraphs and tables in reading order.

- Page chrome goes: script/style/noscript/nav/header/footer/iframe/form elements,
  containers whose class or id is listed in `rules/html_chrome_classes.txt`, hidden
  elements, and lines made only of site furniture (`rules/html_furniture.txt`:
  字号 大 中 小, 打印本页, 关闭窗口, 分享到 …).
- Block-level elements (p, div, h1–h6, li, br, tr …) end a paragraph; inline
  elements join. Source line breaks between Chinese characters are not spaces.
- Tables become grids with rowspan/colspan expanded: a spanned cell's text is given
  once, in its first (top-left) grid position, and the positions it covers are "",
  so columns stay aligned; rows and columns empty in every cell are then dropped
  (Word's spacer columns). The docx reader lays out gridSpan/vMerge the same way.
- A table nested in a cell is left out of that cell's text and becomes its own
  block after the outer table. A table used for page layout (one column, or cells
  holding whole paragraphs of prose) is read as ordinary text instead.
- Encoding: BOM, then the declared charset (meta or XML declaration; GB2312/GBK read
  as their superset GB18030), then strict UTF-8, then charset-normalizer. The codec
  actually used is recorded in `doc.encoding`.
"""
from __future__ import annotations

import codecs
import re
from functools import lru_cache
from pathlib import Path

import lxml.html
from lxml import etree

from ..model import Block, Document
from ..rules import load_lines
from . import IngestError
from ._text import collapse, join_lines, tidy_grid

#: Elements skipped with everything inside them.
_DROP = frozenset(
    "head script style noscript nav header footer iframe form template svg button select "
    "textarea input object embed map".split()
)
#: Elements that end the current paragraph.
_BLOCK = frozenset(
    "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr td th br hr table tbody thead tfoot caption "
    "section article aside blockquote pre address center main figure figcaption fieldset".split()
)
#: Table parts are never chrome by class name: data tables use class="header" too.
_TABLE_PARTS = frozenset("table tr td th thead tbody tfoot".split())
_PROSE = frozenset("p div h1 h2 h3 h4 h5 h6 li".split())
#: Spans above this are treated as markup errors, not as tables thousands of cells wide.
_MAX_SPAN = 1000
#: Declared charsets read through a superset codec.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030", "big5": "big5hkscs"}

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECL_TEXT = re.compile(r"^\s*<\?xml[^>]*\?>")
_FURNITURE_SEPARATORS = re.compile(r"[\s:：|｜/·•>＞»«【】\[\]()（）\-—_,，、.。]+")


def _codec(name: str) -> str | None:
    """The Python codec for a declared charset, or None if it is unknown."""
    name = name.strip().lower()
    name = _SUPERSET.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(data: bytes) -> tuple[str, str, str | None]:
    """(text, codec used, warning or None) for the bytes of a web page."""
    for bom, name in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(name, errors="replace"), name, None
    head = data[:4096]
    match = _XML_DECL.match(head) or _META_CHARSET.search(head)
    declared = _codec(match.group(1).decode("ascii")) if match else None
    if declared:
        try:
            return data.decode(declared), declared, None
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "utf-8", f"page declares {declared} but is utf-8" if declared else None
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guessed = _codec(best.encoding) if best is not None else None
    if guessed is None:
        raise IngestError("not a readable HTML page (no text encoding fits)")
    warning = f"encoding {guessed} guessed" + (f" (page declares {declared})" if declared else "")
    return data.decode(guessed, errors="replace"), guessed, warning


@lru_cache(maxsize=1)
def _furniture() -> tuple[re.Pattern[str], re.Pattern[str] | None]:
    """(phrase alternation, line-start alternation) built from html_furniture.txt."""
    phrases: list[str] = []
    prefixes: list[str] = []
    for line in load_lines("html_furniture.txt"):
        line = line.strip()
        (prefixes if line.endswith("*") else phrases).append(line.rstrip("*"))
    phrases.sort(key=len, reverse=True)  # longest first: 打印本页 before 打印
    phrase_re = re.compile("|".join(re.escape(p) for p in phrases))
    prefix_re = re.compile("|".join(re.escape(p) for p in prefixes)) if prefixes else None
    return phrase_re, prefix_re


@lru_cache(maxsize=1)
def _chrome_names() -> frozenset[str]:
    return frozenset(name.strip().lower() for name in load_lines("html_chrome_classes.txt"))


def is_furniture(line: str) -> bool:
    """True for a line made only of site furniture, e.g. `字号：大 中 小 【打印】 【关闭】`."""
    phrase_re, prefix_re = _furniture()
    if prefix_re is not None and prefix_re.match(line):
        return True
    rest = _FURNITURE_SEPARATORS.sub("", phrase_re.sub("", line))
    return not rest


def _skipped(el: etree._Element) -> bool:
    """Chrome or hidden: the element and its content are not part of the text."""
    if el.tag in _DROP:
        return True
    attrib = el.attrib
    if not attrib or el.tag in _TABLE_PARTS:
        return False
    names = _chrome_names()
    classes = attrib.get("class")
    if classes and any(name.lower() in names for name in classes.split()):
        return True
    ident = attrib.get("id")
    if ident and ident.lower() in names:
        return True
    style = attrib.get("style")
    if style and "display:none" in style.replace(" ", "").lower():
        return True
    return "hidden" in attrib


def _span(el: etree._Element, name: str) -> int:
    value = el.get(name)
    if not value:
        return 1
    digits = re.match(r"\s*(\d+)", value)
    if not digits:
        return 1
    return max(0, min(int(digits.group(1)), _MAX_SPAN))


def _rows(table: etree._Element) -> list[etree._Element]:
    """The table's own rows (not those of tables nested in its cells)."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(grand for grand in child if grand.tag == "tr")
    return rows


def _cells(row: etree._Element) -> list[etree._Element]:
    return [cell for cell in row if cell.tag in ("td", "th")]


class _Reader:
    """Walks the tree once, turning text into paragraph and table blocks."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []

    def flush(self) -> None:
        if self.buffer:
            text = collapse("".join(self.buffer))
            self.buffer = []
            if text and not is_furniture(text):
                self.blocks.append(Block.paragraph(text))

    def walk(self, el: etree._Element) -> None:
        tag = el.tag
        if not isinstance(tag, str) or _skipped(el):
            return  # comments, processing instructions, chrome; the tail is the parent's
        if tag == "table":
            self.flush()
            self.table(el)
            return
        block = tag in _BLOCK
        if block:
            self.flush()
        if el.text:
            self.buffer.append(el.text)
        for child in el:
            self.walk(child)
            if child.tail:
                self.buffer.append(child.tail)
        if block:
            self.flush()

    def table(self, table: etree._Element) -> None:
        rows = _rows(table)
        if _is_layout(rows):
            for child in table:
                self.walk(child)
            self.flush()
            return
        nested: list[etree._Element] = []
        grid: dict[tuple[int, int], str] = {}
        width = 0
        for r, row in enumerate(rows):
            c = 0
            for cell in _cells(row):
                while (r, c) in grid:
                    c += 1
                colspan = max(1, _span(cell, "colspan"))
                rowspan = _span(cell, "rowspan") or len(rows) - r  # rowspan=0: to the end
                rowspan = max(1, min(rowspan, len(rows) - r))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        grid[(r + dr, c + dc)] = ""
                grid[(r, c)] = _cell_text(cell, nested)
                c += colspan
                width = max(width, c)
        cells = tidy_grid([[grid.get((r, c), "") for c in range(width)] for r in range(len(rows))])
        if cells:
            self.blocks.append(Block.table(cells))
        for inner in nested:
            self.table(inner)


def _cell_text(cell: etree._Element, nested: list[etree._Element]) -> str:
    """A cell's text without the tables nested in it (those are queued in `nested`)."""
    lines: list[str] = []
    buffer: list[str] = []

    def walk(el: etree._Element) -> None:
        tag = el.tag
        if not isinstance(tag, str) or _skipped(el):
            return
        if tag == "table":
            nested.append(el)
            return
        block = tag in _BLOCK
        if block and buffer:
            lines.append("".join(buffer))
            buffer.clear()
        if el.text:
            buffer.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                buffer.append(child.tail)
        if block and buffer:
            lines.append("".join(buffer))
            buffer.clear()

    walk(cell)
    if buffer:
        lines.append("".join(buffer))
    return join_lines(lines)


def _is_layout(rows: list[etree._Element]) -> bool:
    """A table that lays out the page rather than holding data.

    Either every row has a single cell (a frame around content), or some cell holds
    several paragraphs of prose (the article column of a portal page).
    """
    if not rows:
        return True
    if all(len(_cells(row)) <= 1 for row in rows):
        return True
    for row in rows:
        for cell in _cells(row):
            prose = [el for el in cell.iter(*_PROSE) if el.text_content().strip()]
            if len(prose) >= 3 and len(cell.text_content()) > 300:
                return True
    return False


def read(path: Path, data: bytes) -> Document:
    """Read a web page into paragraphs and tables (see the module docstring)."""
    text, encoding, warning = decode_html(data)
    text = _XML_DECL_TEXT.sub("", text, count=1)  # lxml refuses str input with an encoding declaration
    if not text.strip():
        raise IngestError("empty HTML page (no content)")
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise IngestError(f"not a readable HTML page: {exc}") from exc
    body = root.find("body")
    reader = _Reader()
    reader.walk(body if body is not None else root)
    reader.flush()
    doc = Document(path=str(path), format="html", blocks=reader.blocks, encoding=encoding)
    if warning:
        doc.warnings.append(warning)
    return doc
