"""The PDF reader on reportlab reports (ruled CJK table, footers, page breaks) and the dev corpus."""
from __future__ import annotations

import re
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import DEV_DOCS, PDF_PARAGRAPHS, PDF_TABLE_BODY, PDF_TABLE_HEADER, PDF_TITLE

from corpus_tool.ingest import IngestError, read_document
from corpus_tool.ingest import pdf as pdf_reader


@pytest.fixture(scope="module", params=pdf_reader.BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


def test_paragraphs_joined_across_lines_and_pages(report_pdf: Path, backend: str) -> None:
    doc = pdf_reader.read(report_pdf, report_pdf.read_bytes(), backend=backend)
    assert doc.pages == 3
    assert [block.text for block in doc.blocks if block.kind == "paragraph"] == [PDF_TITLE] + PDF_PARAGRAPHS


def test_a_paragraph_really_crosses_the_page_break(report_pdf: Path) -> None:
    lines = pdfium.PdfDocument(str(report_pdf))[1].get_textpage().get_text_range().split("\r\n")
    starts = [text[:10] for text in PDF_PARAGRAPHS]
    page2_text = [line for line in lines if line.strip() and not re.fullmatch(r"[-—第\d\s页共]+", line)]
    assert page2_text[0][:10] not in starts  # page 2 opens mid-paragraph
    doc = read_document(report_pdf)
    crossing = next(block for block in doc.blocks if page2_text[0].replace(" ", "")[:12] in block.text)
    assert crossing.page == 1


def test_table_rows_as_cells_per_page(report_pdf: Path, backend: str) -> None:
    doc = pdf_reader.read(report_pdf, report_pdf.read_bytes(), backend=backend)
    assert [table.page for table in doc.tables] == [2, 3]  # broken across pages: one block each
    assert [row for table in doc.tables for row in table.rows] == PDF_TABLE_HEADER + PDF_TABLE_BODY
    assert all(block.page for block in doc.blocks)


def test_no_page_number_text(report_pdf: Path) -> None:
    text = read_document(report_pdf).text
    assert not re.search(r"—\s*\d\s*—|-\s*\d\s*-|第\s*\d\s*页", text)
    assert not any(re.fullmatch(r"\d+", block.text) for block in read_document(report_pdf).blocks)


def test_owner_password_only_reads(owner_only_pdf: Path) -> None:
    assert read_document(owner_only_pdf).text == "本年度未收取信息处理费。"


@pytest.mark.parametrize("shapes", [False, True], ids=["pdfium-page", "pdfplumber-page"])
def test_bold_drawn_twice_is_read_once(tmp_path: Path, shapes: bool) -> None:
    from reportlab.pdfgen import canvas

    from conftest import _cjk_font

    path = tmp_path / "bold.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setFont(_cjk_font(), 12)
    for dx in (0, 0.3):
        pdf.drawString(72 + dx, 700, "政府信息公开工作年度报告")
    if shapes:
        for y in (100, 150, 200):
            pdf.line(72, y, 500, y)
        for x in (72, 300, 500):
            pdf.line(x, 100, x, 200)
    pdf.save()
    assert read_document(path).blocks[0].text == "政府信息公开工作年度报告"


@pytest.mark.parametrize(
    "fixture, message",
    [
        ("encrypted_pdf", "encrypted PDF (password required)"),
        ("shapes_pdf", "no text layer (scanned PDF?)"),
    ],
)
def test_unreadable_pdfs(request: pytest.FixtureRequest, fixture: str, message: str) -> None:
    with pytest.raises(IngestError) as error:
        read_document(request.getfixturevalue(fixture))
    assert str(error.value) == message


def test_corrupt_pdf(corrupt_pdf: Path) -> None:
    with pytest.raises(IngestError, match=r"^corrupt PDF: "):
        read_document(corrupt_pdf)


def test_dev_pdf_template_tables() -> None:
    doc = read_document(next(DEV_DOCS.glob("d02_*.pdf")))
    assert doc.pages == 3
    row = next(row for table in doc.tables for row in table.rows if row[0] == "一、本年新收政府信息公开申请数量")
    assert [cell for cell in row if cell] == ["一、本年新收政府信息公开申请数量", "38", "3", "0", "0", "0", "1", "42"]
    assert "— 2 —" not in doc.text
    assert any("依法办结41件" in block.text for block in doc.blocks if block.kind == "paragraph")
