"""The pipeline: one file in, one record per (part of a) document out.

Each stage is a plain function of the previous stage's value, so a worker process
can run `process_file` on its own.
"""
from __future__ import annotations

import time
from pathlib import Path

from .check import CheckContext, Occurrence, agency_is_government, collect_occurrences, parse_date, run_checks
from .classify import Classification, classify
from .ingest import IngestError, read_document
from .model import Document, Evidence, Record
from .narrative import extract_narrative
from .normalize import normalize
from .sections import find_sections
from .split import split
from .tables import TableResult, extract_tables

def decide_template(table_template: str | None, doc_type: str | None) -> str:
    """The record's `format`: the table template if one was found, else legacy/none."""
    if table_template in ("2021", "2019"):
        return table_template
    if doc_type == "annual_report":
        return "legacy"
    return "none"


def merge_fields(table_fields: dict[str, float | int], table_evidence: dict[str, Evidence],
                 prose_fields: dict[str, float | int], prose_evidence: dict[str, Evidence],
                 ) -> tuple[dict[str, float | int], dict[str, Evidence], dict[str, list[dict]]]:
    """Table cells win over prose; a prose figure that disagrees is kept as a conflict."""
    fields = dict(table_fields)
    evidence = dict(table_evidence)
    conflicts: dict[str, list[dict]] = {}
    for key, value in prose_fields.items():
        if key not in fields:
            fields[key] = value
            if key in prose_evidence:
                evidence[key] = prose_evidence[key]
        elif fields[key] != value:
            conflicts[key] = [
                {"value": fields[key], **(evidence[key].to_dict() if key in evidence else {})},
                {"value": value, **(prose_evidence[key].to_dict() if key in prose_evidence else {})},
            ]
    return fields, evidence, conflicts


def check_context(info: Classification, template: str, tables: TableResult,
                  occurrences: dict[str, list[Occurrence]]) -> CheckContext:
    """The metadata and occurrences the generic checks read (TEMPLATES.md §8). The publication
    date is given only for annual reports: the deadline is theirs."""
    return CheckContext(
        format=template, year=info.year,
        publish_date=parse_date(info.published) if info.doc_type == "annual_report" else None,
        tables_found=tuple(sorted(str(t) for t in tables.tables_found)),
        agency_level=info.agency_level, is_government=agency_is_government(info.agency, info.agency_level),
        occurrences=occurrences)


def attribute_sections(doc: Document, spans: list[tuple[int, str]], evidence: dict[str, Evidence]) -> None:
    """Name in each value's evidence the section it was found under.

    Uses the block index where the extracting stage recorded it; else, for a
    table cell, the first table block (or line without a sentence) holding its row label (or,
    for table 3, its column group); else the
    first block holding the evidence sentence. A bare cell text such as `42` is
    never searched for: it would match any sentence with that number.
    """
    if not spans:
        return
    starts = sorted(spans)

    def section_at(index: int) -> str | None:
        current = None
        for start, section in starts:
            if start > index:
                break
            current = section
        return current

    for item in evidence.values():
        if item.section:
            continue
        index = item.block
        label = item.row or (item.column or "").split(" > ")[0]
        if index is None and item.source == "table" and label:
            holding = [i for i, block in enumerate(doc.blocks) if label in block.text]
            # a real table, else a short line of a flattened one (not a sentence naming the label)
            index = next((i for i in holding if doc.blocks[i].kind == "table"),
                         next((i for i in holding if len(doc.blocks[i].text) <= 120
                               and "。" not in doc.blocks[i].text), None))
        elif index is None and item.text and len(item.text) >= 8:
            index = next((i for i, block in enumerate(doc.blocks) if item.text in block.text), None)
        if index is not None:
            item.section = section_at(index)


def analyse_document(doc: Document, *, checklist: str | None = None) -> Record:
    """Classify, extract and check one normalised (part of a) document."""
    record = Record(path=doc.path, part=doc.part, title=doc.title, file_format=doc.format,
                    sha256=doc.sha256, encoding=doc.encoding, pages=doc.pages, chars=doc.chars,
                    warnings=list(doc.warnings))
    info = classify(doc)
    record.doc_type = info.doc_type
    record.doc_type_confidence = info.doc_type_confidence
    record.year = info.year
    record.published = info.published
    record.agency = info.agency
    record.agency_level = info.agency_level
    record.sector = info.sector
    tables = extract_tables(doc)
    record.format = decide_template(tables.template, info.doc_type)
    prose = extract_narrative(doc, record.format, year=info.year, doc_type=info.doc_type)
    # an appended statistics table (统计表) of a legacy report is the table side, as the
    # template tables are: its rows win over sentences, and a differing sentence is a conflict
    table_fields = {**prose.table_fields, **tables.fields}
    table_evidence = {**prose.table_evidence, **tables.evidence}
    fields, evidence, conflicts = merge_fields(table_fields, table_evidence,
                                               prose.sentence_fields, prose.sentence_evidence)
    is_government = agency_is_government(info.agency, info.agency_level) is True
    if record.format != "none" or checklist:
        sections = find_sections(doc, record.format, is_government=is_government,
                                 tables_found=tables.tables_found, checklist=checklist)
        record.sections_present = sections.present
        record.sections_missing = sections.missing
        record.sections_empty = sections.empty
        record.sections_out_of_order = sections.out_of_order
        record.tables_missing = sections.tables_missing
        record.section_evidence = {k: v.to_dict() for k, v in sections.evidence.items()}
        record.section_extensions = {k: v.to_dict() for k, v in sections.extensions.items()}
        record.section_extensions_missing = sections.extensions_missing
        attribute_sections(doc, sections.spans, evidence)
    record.fields = fields
    record.evidence = {k: v.to_dict() for k, v in evidence.items()}
    record.conflicts = conflicts
    occurrences = collect_occurrences(table_fields, table_evidence, prose.sentence_fields, prose.sentence_evidence)
    context = check_context(info, record.format, tables, occurrences)
    record.checks_failed = [c.to_dict() for c in run_checks(fields, record.format, tables.tables_found,
                                                            context=context)]
    return record


def process_file(path: str | Path, *, checklist: str | None = None) -> list[Record]:
    """All records of one file; a file that cannot be read gives one record with `error`."""
    start = time.perf_counter()
    try:
        doc = read_document(path)
    except IngestError as exc:
        return [Record(path=str(path), error=str(exc), seconds=round(time.perf_counter() - start, 4))]
    except Exception as exc:  # a reader bug must not stop the batch
        return [Record(path=str(path), error=f"unreadable ({type(exc).__name__}: {exc})",
                       seconds=round(time.perf_counter() - start, 4))]
    records = []
    try:
        for part in split(normalize(doc)):
            records.append(analyse_document(part, checklist=checklist))
    except Exception as exc:
        records = [Record(path=str(path), file_format=doc.format, sha256=doc.sha256,
                          error=f"analysis failed ({type(exc).__name__}: {exc})")]
    elapsed = round(time.perf_counter() - start, 4)
    for record in records:
        record.seconds = elapsed
    return records
