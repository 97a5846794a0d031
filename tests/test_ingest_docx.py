"""The docx reader on a python-docx file with merged cells, and on the dev corpus."""
from __future__ import annotations

from pathlib import Path

from conftest import DEV_DOCS, DOCX_FOOTER, DOCX_HEADER, DOCX_NESTED, DOCX_TABLE

from corpus_tool.ingest import read_document


def test_blocks_in_body_order(docx_file: Path) -> None:
    doc = read_document(docx_file)
    assert doc.format == "docx"
    assert [(block.kind, block.text if block.kind == "paragraph" else None) for block in doc.blocks] == [
        ("paragraph", "合江县2022年政府信息公开工作年度报告"),
        ("paragraph", "详见县政府门户网站。"),  # the hyperlink's text is part of the paragraph
        ("table", None),
        ("table", None),  # the nested table, right after its outer table
        ("paragraph", "表后说明段落。"),
        ("table", None),
    ]


def test_merged_cells_given_once(docx_file: Path) -> None:
    doc = read_document(docx_file)
    assert doc.tables[0].rows == DOCX_TABLE


def test_nested_table_is_its_own_block(docx_file: Path) -> None:
    outer, inner, last = read_document(docx_file).tables
    assert inner.rows == DOCX_NESTED
    assert "内表甲" not in outer.text
    assert last.rows == [["第二表"]]


def test_header_and_footer_left_out(docx_file: Path) -> None:
    text = read_document(docx_file).text
    assert DOCX_HEADER not in text and DOCX_FOOTER not in text


def test_dev_docx_template_tables() -> None:
    doc = read_document(next(DEV_DOCS.glob("d04_*.docx")))
    cells = [cell for table in doc.tables for row in table.rows for cell in row]
    assert "一、本年新收政府信息公开申请数量" in cells
    row = next(row for table in doc.tables for row in table.rows if row[0] == "一、本年新收政府信息公开申请数量")
    assert all(cell.isdigit() for cell in row[-7:])
    assert len({len(row) for row in doc.tables[1].rows}) == 1  # rectangular
