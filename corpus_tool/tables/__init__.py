"""Template tables: detect the 2021/2019 template and read every cell, with evidence.

Input: a normalised `Document`. Output: a `TableResult` whose `fields` use the keys of
`spec/fields.csv` (tables 1, 2, 3 and stated subtotals). Real tables and tables flattened
into text are both turned into cells in reading order and read by label (see `reader`);
lines that write each figure after its column label are read by those labels (see `pairs`);
the template's wording lives in `rules/templates/*.yaml`.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from ..model import Block, Document, Evidence
from .cells import split_line
from .lexicon import TEMPLATES, Lexicon, lexicon, normalise
from .pairs import LabelledRow, read_labelled_row
from .reader import Cell, TableReader

__all__ = ["TableResult", "extract_tables", "detect_template"]

#: The year a report covers, as its title or statistics period states it.
_YEAR_RE = re.compile(r"(20[12]\d)年(?:度)?(?:政府信息公开|政务公开|1月1日)")
#: A heading line is short; longer lines are prose that merely mention a heading's words.
MAX_HEADING_CHARS = 40
#: Blank-line separators: a one-cell-per-line run where single blank lines outnumber
#: adjacent filled lines this many times has blank lines between cells, not blank cells.
SEPARATOR_RATIO = 2
MIN_SEPARATORS = 8


@dataclass
class TableResult:
    template: str | None = None  # "2021", "2019" or None
    fields: dict[str, float | int] = field(default_factory=dict)
    evidence: dict[str, Evidence] = field(default_factory=dict)
    tables_found: set[int] = field(default_factory=set)  # template tables 1/2/3 found
    template_cue: str | None = None  # why the template was chosen (a label, citation or year)


def extract_tables(doc: Document) -> TableResult:
    """Every template-table cell of a normalised document, with evidence."""
    compact = normalise(doc.text)
    guess, cue = detect_template(compact)
    reader = TableReader(lexicon(guess or "2021"))
    for line in _cell_lines(doc.blocks, reader.lex):
        if isinstance(line, LabelledRow):
            reader.feed_labelled(line)
        else:
            cells, is_row, spaced = line
            reader.feed_row(cells, is_row=is_row, spaced_label=spaced)
    reader.close()
    result = TableResult(fields=reader.fields, evidence=reader.evidence, tables_found=reader.found)
    if reader.found:
        result.template, result.template_cue = guess or _by_year(doc) or "2021", cue or "tables"
    elif _has_template_headings(doc, reader.lex):
        by_citation = _by_citation(compact)
        result.template = by_citation or guess or _by_year(doc)
        result.template_cue = "headings"
    return result


def detect_template(compact_text: str) -> tuple[str | None, str | None]:
    """The template whose own header labels the text holds most, with the label that decided.

    >>> detect_template("信息内容本年制发件数本年废止件数")
    ('2021', '本年制发件数')
    """
    best: tuple[int, str | None, str | None] = (0, None, None)
    for template in TEMPLATES:
        lex = lexicon(template)
        hits = [cue for cue in lex.strong_cues if cue in compact_text]
        if len(hits) > best[0]:
            best = (len(hits), template, hits[0])
    if best[1]:
        return best[1], best[2]
    for template in TEMPLATES:
        for cue in lexicon(template).secondary_cues:
            if cue in compact_text:
                return template, cue
    citation = _by_citation(compact_text)
    return (citation, "citation") if citation else (None, None)


def _by_citation(compact_text: str) -> str | None:
    for template in TEMPLATES:
        if any(citation in compact_text for citation in lexicon(template).citations):
            return template
    return None


def _by_year(doc: Document) -> str | None:
    """2021 for reports on 2021 on, 2019 for 2019–2020 (TEMPLATES.md §5)."""
    for block in doc.blocks[:40]:
        match = _YEAR_RE.search(block.text)
        if match:
            year = int(match.group(1))
            return "2021" if year >= 2021 else "2019" if year >= 2019 else None
    return None


def _has_template_headings(doc: Document, lex: Lexicon) -> bool:
    """Whether the 2019/2021 section headings stand as headings (the tables may be lost)."""
    found: set[str] = set()
    for block in doc.blocks:
        text = normalise(block.text)
        if block.kind == "paragraph" and len(text) <= MAX_HEADING_CHARS:
            found.update(h for h in lex.template_headings if h in text)
    return len(found) >= len(lex.template_headings)


@dataclass(frozen=True)
class TextLine:
    """One line of text and where it stands: page and block index."""

    text: str
    page: int | None
    block: int | None


#: One line for the reader: cells (whether a whole row, whether its label words were split at
#: spaces), or a row whose figures name their columns.
Line = tuple[list[Cell], bool, bool] | LabelledRow


def _cell_lines(blocks: list[Block], lex: Lexicon) -> Iterator[Line]:
    """Each table row or text line as cells, or as a labelled row when it names the column of
    each figure (also a table row holding one such cell)."""
    run: list[tuple[int, Block]] = []
    for number, block in enumerate(blocks):
        if block.kind == "table" and block.rows:
            yield from _text_lines(run, lex)
            run = []
            width = max((len(row) for row in block.rows), default=0)
            for row in block.rows:
                filled = [text for text in row if text and text.strip()]
                labelled = read_labelled_row(filled[0], lex, block.page, number) if len(filled) == 1 else None
                if labelled:
                    yield labelled
                    continue
                cells = [Cell(text or "", block.page, number, width, i, origin=number) for i, text in enumerate(row)]
                yield cells, True, False
        else:
            run.append((number, block))
    yield from _text_lines(run, lex)


def _text_lines(run: list[tuple[int, Block]], lex: Lexicon) -> Iterator[Line]:
    lines = [TextLine(line, block.page, number) for number, block in run for line in block.text.split("\n")]
    for line in _collapse_separators(lines):
        if any(pattern.match(line.text.strip()) for pattern in lex.page_number_res):
            continue  # page furniture (`- 3 -`) between the parts of a table broken by a page
        labelled = read_labelled_row(line.text, lex, line.page, line.block)
        if labelled:
            yield labelled
            continue
        split = split_line(line.text, lex.not_applicable)
        yield [Cell(text, line.page, origin=line.block) for text in split.cells], split.row, split.spaced_label


def _collapse_separators(lines: list[TextLine]) -> list[TextLine]:
    """Drop blank lines that only separate cells (one cell per line, a blank line between
    each); a blank cell then shows as a longer run of blank lines."""
    adjacent = separators = 0
    for previous, line, following in zip(lines, lines[1:], lines[2:]):
        if previous.text.strip() and line.text.strip():
            adjacent += 1
        if not line.text.strip() and previous.text.strip() and following.text.strip():
            separators += 1
    if separators < MIN_SEPARATORS or separators < SEPARATOR_RATIO * adjacent:
        return lines
    kept: list[TextLine] = []
    blank_run: list[TextLine] = []
    for line in lines + [TextLine("\0", None, None)]:
        if not line.text.strip():
            blank_run.append(line)
            continue
        kept.extend(blank_run[: (len(blank_run) - 1) // 2])
        blank_run = []
        if line.text != "\0":
            kept.append(line)
    return kept
