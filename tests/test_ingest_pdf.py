"""The PDF reader on reportlab reports (ruled CJK table, footers, page breaks) and the dev corpus."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

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


# ------------------------------------------------- running headers, headings under tables

RUNNING_TITLE = "某局2023年政府信息公开工作年度报告"
RUNNING_BODY = [f"（{'一二三四五六七八九十'[i % 10]}）全年主动公开政府信息{4000 + i}条，其中政策文件{30 + i}件，"
                "通过政府网站、政务新媒体等渠道及时发布，持续做好政策解读和回应关切工作，"
                "依法保障人民群众的知情权、参与权和监督权。" * 3 for i in range(12)]


def _running_head_pdf(path: Path, *, first_page_header: bool) -> Path:
    """A report over several pages whose header repeats its title (as a Word header does)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    from conftest import _cjk_font

    font = _cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=28, alignment=1, firstLineIndent=0)

    def header_and_footer(canvas, doc) -> None:  # noqa: ANN001 (reportlab callback)
        canvas.setFont(font, 9)
        canvas.drawRightString(A4[0] - 72, A4[1] - 40, RUNNING_TITLE)
        canvas.drawCentredString(A4[0] / 2, 30, f"— {doc.page} —")

    def footer_only(canvas, doc) -> None:  # noqa: ANN001
        canvas.setFont(font, 9)
        canvas.drawCentredString(A4[0] / 2, 30, f"— {doc.page} —")

    story = [Paragraph(RUNNING_TITLE, title)] + [Paragraph(text, body) for text in RUNNING_BODY]
    SimpleDocTemplate(str(path), pagesize=A4).build(
        story, onFirstPage=header_and_footer if first_page_header else footer_only, onLaterPages=header_and_footer)
    return path


@pytest.mark.parametrize("first_page_header", [True, False], ids=["every-page", "later-pages"])
def test_a_running_header_repeating_the_title_is_dropped(tmp_path: Path, backend: str,
                                                         first_page_header: bool) -> None:
    from corpus_tool.normalize import normalize
    from corpus_tool.split import split

    path = _running_head_pdf(tmp_path / "running.pdf", first_page_header=first_page_header)
    doc = pdf_reader.read(path, path.read_bytes(), backend=backend)
    assert doc.pages >= 3
    # The title once (the page-1 title stays even where the header is on later pages only).
    assert [block.text for block in doc.blocks] == [RUNNING_TITLE] + RUNNING_BODY
    assert len(split(normalize(doc))) == 1


def test_a_line_repeated_below_the_page_edge_is_not_a_header(tmp_path: Path) -> None:
    """Only lines at the top or bottom edge of most pages, at one height, are running lines."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from conftest import _cjk_font

    path = tmp_path / "repeated.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    headings = ["一、总体情况", "二、主动公开情况", "三、依申请公开情况"]
    for heading in headings:
        pdf.setFont(_cjk_font(), 12)
        pdf.drawString(72, 760, heading)
        pdf.drawString(72, 680, "本年度未收取信息处理费。")  # the same sentence on each page, below the edge
        pdf.showPage()
    pdf.save()
    texts = [block.text for block in read_document(path).blocks]
    assert texts == [text for heading in headings for text in (heading, "本年度未收取信息处理费。")]


def test_a_heading_touching_the_table_above_is_kept(tmp_path: Path) -> None:
    """A heading set right under a ruled table, its glyph box reaching into the table's
    box, is text after the table (not dropped with the table's area, not in a cell)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from conftest import _cjk_font

    path = tmp_path / "heading_under_table.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    font = _cjk_font()
    pdf.setFont(font, 12)
    pdf.drawString(72, 760, "四、政府信息公开行政复议、行政诉讼情况")
    rows = [("行政复议", "行政诉讼"), ("3", "1"), ("0", "2")]
    top, height, xs = 740, 20, (72, 300, 520)
    bottom = top - height * len(rows)
    for r in range(len(rows) + 1):
        pdf.line(xs[0], top - r * height, xs[-1], top - r * height)
    for x in xs:
        pdf.line(x, top, x, bottom)
    pdf.setFont(font, 10)
    for r, row in enumerate(rows):
        for c, cell in enumerate(row):
            pdf.drawString(xs[c] + 4, top - (r + 1) * height + 6, cell)
    pdf.setFont(font, 12)
    pdf.drawString(72, bottom - 8, "五、存在的主要问题及改进情况")  # glyph top above the table's bottom rule
    pdf.drawString(72, bottom - 40, "一是政策解读形式单一。")
    pdf.save()

    import pdfplumber

    with pdfplumber.open(str(path)) as plumber:  # the trap is really there
        page = plumber.pages[0]
        table_bottom = page.find_tables()[0].bbox[3]
        heading_top = min(char["top"] for char in page.chars if char["text"] == "五")
        assert heading_top < table_bottom

    doc = read_document(path)
    assert [block.kind for block in doc.blocks] == ["paragraph", "table", "paragraph", "paragraph"]
    assert doc.blocks[2].text == "五、存在的主要问题及改进情况"
    assert doc.blocks[1].rows == [list(row) for row in rows]


def test_letter_spaced_pdf_text_is_closed_up(tmp_path: Path) -> None:
    """Character spacing makes extractors put a space after every character."""
    from reportlab.pdfgen import canvas

    from conftest import _cjk_font

    path = tmp_path / "spaced.pdf"
    pdf = canvas.Canvas(str(path))
    for y in (100, 150, 200):  # ruling lines: the page goes to pdfplumber, which spaces the letters
        pdf.line(72, y, 500, y)
    for x in (72, 300, 500):
        pdf.line(x, 100, x, 200)
    text = pdf.beginText(72, 700)
    text.setFont(_cjk_font(), 12)
    text.setCharSpace(6)
    text.textLine("全年主动公开政府信息3405条，统计期限为2020年1月1日至12月31日。")
    pdf.drawText(text)
    pdf.save()
    assert read_document(path).blocks[0].text == "全年主动公开政府信息3405条，统计期限为2020年1月1日至12月31日。"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_word_header_and_heading_after_table_in_a_libreoffice_pdf(tmp_path: Path) -> None:
    """A .docx whose page header repeats the title, converted by LibreOffice: the header
    is not read as text (no fake compilation), and a heading right after a table stays."""
    import docx

    from corpus_tool.normalize import normalize
    from corpus_tool.split import split

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = RUNNING_TITLE
    document.add_paragraph(RUNNING_TITLE)
    for text in RUNNING_BODY[:8]:
        document.add_paragraph(text)
    document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    table = document.add_table(rows=3, cols=2)
    table.style = "Table Grid"
    for r, row in enumerate([("行政复议", "行政诉讼"), ("3", "1"), ("0", "2")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.add_paragraph("五、存在的主要问题及改进情况")
    for text in RUNNING_BODY[8:]:
        document.add_paragraph(text)
    source = tmp_path / "report.docx"
    document.save(str(source))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)

    doc = read_document(tmp_path / "report.pdf")
    assert doc.pages >= 3
    paragraphs = [block.text for block in doc.blocks if block.kind == "paragraph"]
    assert paragraphs.count(RUNNING_TITLE) == 1
    assert "五、存在的主要问题及改进情况" in paragraphs
    assert len(split(normalize(doc))) == 1


def test_a_number_wrapped_in_chinese_text_joins_without_a_space() -> None:
    from corpus_tool.ingest._text import join_lines

    assert join_lines(["统计期限为2020年1月1日至202", "0年12月31日。"]) == "统计期限为2020年1月1日至2020年12月31日。"
    assert join_lines(["Windows 10", "11"]) == "Windows 10 11"  # not Chinese text: the space stays


def _grid(pdf: Any, font: str, x0: float, top: float, widths: list[float], heights: list[float],
          cells: list[tuple[int, int, int, int, str]]) -> None:
    """Ruled cells (row, col, row span, col span, text) on a grid of column widths and row heights;
    text with newlines is drawn one line under another (vertical headers)."""
    xs = [x0 + sum(widths[:i]) for i in range(len(widths) + 1)]
    ys = [top - sum(heights[:i]) for i in range(len(heights) + 1)]
    for row, col, rows, cols, text in cells:
        left, right, upper, lower = xs[col], xs[col + cols], ys[row], ys[row + rows]
        pdf.rect(left, lower, right - left, upper - lower)
        pdf.setFont(font, 9)
        for n, line in enumerate(text.split("\n")):
            pdf.drawString(left + 3, upper - 11 - 10 * n, line)


def test_table3_with_a_page_break_after_its_group_header(tmp_path: Path) -> None:
    """Table 3's merged group rows (行政复议 | 行政诉讼 / 未经复议直接起诉 | 复议后起诉) end page 1;
    the vertical result headers and the figures start page 2. pdfplumber reads the page-1 part
    as a 3-column grid and page 2 as 15 columns; the figures still map by their group."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    from conftest import _cjk_font

    from corpus_tool.normalize import normalize
    from corpus_tool.tables import extract_tables

    path = tmp_path / "table3_split.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    font = _cjk_font()
    pdf.setFont(font, 12)
    pdf.drawString(72, 780, "2024年政府信息公开工作年度报告")
    pdf.drawString(72, 740, "四、政府信息公开行政复议、行政诉讼情况")
    widths = [32.0] * 15
    _grid(pdf, font, 60, 720, widths, [20, 20],
          [(0, 0, 2, 5, "行政复议"), (0, 5, 1, 10, "行政诉讼"),
           (1, 5, 1, 5, "未经复议直接起诉"), (1, 10, 1, 5, "复议后起诉")])
    pdf.showPage()
    results = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3
    values = ["1", "1", "0", "0", "2", "0", "0", "0", "1", "1", "0", "0", "0", "0", "0"]
    _grid(pdf, font, 60, 800, widths, [48, 20],
          [(0, c, 1, 1, "\n".join(results[c])) for c in range(15)] + [(1, c, 1, 1, values[c]) for c in range(15)])
    pdf.drawString(72, 700, "五、存在的主要问题及改进情况")
    pdf.save()

    doc = read_document(path)
    tables = [block for block in doc.blocks if block.kind == "table"]
    assert [block.page for block in tables] == [1, 2]  # the trap: one table block per page
    assert len(tables[0].rows[0]) == 3 and len(tables[1].rows[0]) == 15
    fields = extract_tables(normalize(doc)).fields
    groups = ["reconsideration", "litigation.direct", "litigation.after_reconsideration"]
    columns = ["upheld", "corrected", "other", "pending", "total"]
    expected = {f"{g}.{c}": int(v) for (g, c), v in zip([(g, c) for g in groups for c in columns], values)}
    assert {k: v for k, v in fields.items() if k.startswith(("reconsideration", "litigation"))} == expected
