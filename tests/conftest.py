"""Shared fixtures: real .docx, .pdf and .html files generated once per test session.

Each fixture writes a genuine file with the library that real producers use
(python-docx, reportlab with its built-in Chinese CID font, hand-written Word-export
HTML), so the readers are tested against actual formats, never mocks. The expected
content of each file is kept beside it as module constants.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

DEV_DOCS = Path(__file__).resolve().parent.parent / "corpora" / "dev" / "docs"

# ---------------------------------------------------------------- docx

DOCX_HEADER = "页眉文字不应出现"
DOCX_FOOTER = "页脚文字不应出现"
#: The merged-cell table as the docx reader must give it: each logical cell once,
#: "" where a merge covers a position, the empty fifth column gone.
DOCX_TABLE = [
    ["项目", "", "自然人", "法人"],
    ["办理结果", "予以公开", "3", "1"],
    ["", "部分公开", "2", "0"],
    ["总计", "见附表", "5", "1"],
]
DOCX_NESTED = [["内表甲", "内表乙"]]


@pytest.fixture(scope="session")
def docx_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A .docx with header/footer, merged cells, a nested table and a hyperlink."""
    import docx
    from docx.oxml import OxmlElement

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = DOCX_HEADER
    section.footer.paragraphs[0].text = DOCX_FOOTER
    document.add_paragraph("合江县2022年政府信息公开工作年度报告")
    paragraph = document.add_paragraph("详见")
    link = OxmlElement("w:hyperlink")  # text inside w:hyperlink belongs to the paragraph
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "县政府门户网站"
    run.append(text)
    link.append(run)
    paragraph._p.append(link)
    paragraph.add_run("。")

    table = document.add_table(rows=4, cols=5)
    values = [
        ["项目", None, "自然人", "法人", ""],
        ["办理结果", "予以公开", "3", "1", ""],
        [None, "部分公开", "2", "0", ""],
        ["总计", "见附表", "5", "1", ""],
    ]
    for r, row in enumerate(values):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    table.cell(0, 0).merge(table.cell(0, 1))  # horizontal: gridSpan=2
    table.cell(1, 0).merge(table.cell(2, 0))  # vertical: vMerge restart/continue
    inner = table.cell(3, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text, inner.cell(0, 1).text = DOCX_NESTED[0]
    document.add_paragraph("表后说明段落。")
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "第二表"

    path = tmp_path_factory.mktemp("docx") / "merged.docx"
    document.save(str(path))
    return path


# ---------------------------------------------------------------- pdf

PDF_TITLE = "某县2022年政府信息公开工作年度报告"
#: Paragraphs long enough that one of them runs over the first page break.
PDF_PARAGRAPHS = [
    f"（{'一二三四五六七八九十'[i]}）第{i + 1}段：本县围绕稳增长、促改革、惠民生、防风险，通过政府网站和政务新媒体"
    f"发布政府信息{1000 + i * 37}条，政务微信推送工作动态{200 + i}条，依法办理政府信息公开申请，"
    "细化申请接收、审核、办理、答复、归档各环节要求，举办业务培训，规范答复文书格式，"
    "加强公开属性源头认定和发布前保密审查，持续优化网站栏目设置和政务新媒体矩阵管理。"
    for i in range(10)
]
PDF_TABLE_HEADER = [["信息内容", "申请人情况", "", "总计"], ["", "自然人", "法人或其他组织", ""]]
PDF_TABLE_BODY = [[f"第{i + 1}项本年新收政府信息公开申请数量", str(i), str(i * 2), str(i * 3)] for i in range(40)]
#: Footer styles that must all vanish, keyed by a readable id.
PDF_FOOTERS = {"dash": "— {n} —", "hyphen": "- {n} -", "chinese": "第 {n} 页 共 {total} 页", "bare": "{n}"}


def _cjk_font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    return "STSong-Light"


def make_report_pdf(footer: str = "— {n} —") -> bytes:
    """A report: title, ten paragraphs over the first page break, a ruled table over the next."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    font = _cjk_font()
    body = ParagraphStyle("body", fontName=font, fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24)
    title = ParagraphStyle("title", parent=body, fontSize=16, leading=28, alignment=1, firstLineIndent=0)
    story_texts = [(PDF_TITLE, title)] + [(text, body) for text in PDF_PARAGRAPHS]

    def build(total: int) -> tuple[bytes, int]:
        pages: list[int] = []

        def draw_footer(canvas, doc) -> None:  # noqa: ANN001 (reportlab callback)
            canvas.setFont(font, 10)
            canvas.drawCentredString(A4[0] / 2, 30, footer.format(n=doc.page, total=total))
            pages.append(doc.page)

        table = Table(PDF_TABLE_HEADER + PDF_TABLE_BODY, colWidths=[250, 70, 90, 50])
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, -1), font),
            ("FONTSIZE", (0, 0), (-1, -1), 10),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("SPAN", (1, 0), (2, 0)),  # 申请人情况 over two columns
            ("SPAN", (0, 0), (0, 1)),  # 信息内容 over two rows
            ("SPAN", (3, 0), (3, 1)),
        ]))
        story = [Paragraph(text, style) for text, style in story_texts] + [table]
        buffer = io.BytesIO()
        SimpleDocTemplate(buffer, pagesize=A4).build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
        return buffer.getvalue(), max(pages)

    _, total = build(0)  # `共 N 页` is known only once the pages are laid out
    return build(total)[0]


@pytest.fixture(scope="session", params=sorted(PDF_FOOTERS))
def report_pdf(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report PDF, once per footer style."""
    path = tmp_path_factory.mktemp("pdf") / f"report_{request.param}.pdf"
    path.write_bytes(make_report_pdf(PDF_FOOTERS[request.param]))
    return path


@pytest.fixture(scope="session")
def encrypted_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A PDF that needs a user password to open."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path_factory.mktemp("pdf") / "encrypted.pdf"
    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="owner"))
    pdf.setFont(_cjk_font(), 12)
    pdf.drawString(72, 700, "保密文件")
    pdf.save()
    return path


@pytest.fixture(scope="session")
def owner_only_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Encrypted with an owner password only: opens without one, so it must read."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    path = tmp_path_factory.mktemp("pdf") / "owner_only.pdf"
    pdf = canvas.Canvas(str(path), encrypt=pdfencrypt.StandardEncryption("", ownerPassword="owner", canModify=0))
    pdf.setFont(_cjk_font(), 12)
    pdf.drawString(72, 700, "本年度未收取信息处理费。")
    pdf.save()
    return path


@pytest.fixture(scope="session")
def corrupt_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report PDF cut off after its first 2 KB."""
    path = tmp_path_factory.mktemp("pdf") / "corrupt.pdf"
    path.write_bytes(make_report_pdf()[:2048])
    return path


@pytest.fixture(scope="session")
def shapes_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Drawn shapes and no text at all, like a scan without OCR."""
    from reportlab.pdfgen import canvas

    path = tmp_path_factory.mktemp("pdf") / "shapes.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.rect(72, 500, 300, 200, fill=1)
    pdf.circle(300, 300, 80)
    pdf.showPage()
    pdf.save()
    return path


# ---------------------------------------------------------------- html

HTML_TABLE = [
    ["项目", "申请人情况", "", "总计"],
    ["", "自然人", "法人", ""],
    ["一、本年新收政府信息公开申请数量", "9", "3", "12"],
    ["二、上年结转政府信息公开申请数量", "0", "1", "1"],
]
HTML_OUTER = [["附表", ""], ["说明", "详见下表"]]
HTML_INNER = [["内表甲", "内表乙"]]
HTML_FURNITURE = ["字号", "打印本页", "关闭窗口", "分享到", "首页", "网站地图", "alert("]

_MSO = "style='font-size:10.5pt;font-family:宋体;mso-ascii-font-family:\"Times New Roman\";mso-bidi-font-size:12.0pt'"


def _td(text: str, **attrs: int) -> str:
    span = "".join(f" {name}={value}" for name, value in attrs.items())
    body = f"<span lang=EN-US {_MSO}>{text}<o:p></o:p></span>" if text else "<o:p>&nbsp;</o:p>"
    return f"<td width=60 valign=top{span} {_MSO}><p class=MsoNormal align=center {_MSO}>{body}</p></td>"


def make_report_html(padding: int = 0) -> str:
    """A portal page around a Word-exported report; `padding` adds MSO style bulk."""
    table = "".join([
        "<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0>",
        "<tr>", _td("项目", rowspan=2, colspan=2), _td("申请人情况", colspan=2), _td("总计", rowspan=2), _td(""), "</tr>",
        "<tr>", _td("自然人"), _td("法人"), _td(""), "</tr>",
        "<tr>", _td("一、本年新收政府信息公开申请数量"), _td(""), _td("9"), _td("3"), _td("12"), _td(""), "</tr>",
        "<tr>", _td("二、上年结转政府信息公开申请数量"), _td("&nbsp;"), _td("0"), _td("1"), _td("1"), _td(""), "</tr>",
        "<![if !supportMisalignedColumns]><tr height=0>", "<td width=44 style='border:none'></td>" * 6,
        "</tr><![endif]>",
        "</table>",
    ])
    nested = (
        "<table border=1><tr><td colspan=2>附表</td></tr><tr><td>说明</td><td>详见下表"
        "<table border=1><tr><td>内表甲</td><td>内表乙</td></tr></table></td></tr></table>"
    )
    styles = "".join(f"p.MsoStyle{i}, li.MsoStyle{i} {{mso-style-name:样式{i}; margin:0cm; font-size:10.5pt}}\n"
                     for i in range(padding))
    return f"""<!DOCTYPE html>
<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>某县2022年政府信息公开工作年度报告</title>
<style>{styles}</style>
<script>var x = 1; alert("统计代码");</script>
</head><body>
<div class="header"><a href="/">首页</a> | <a href="/map">网站地图</a></div>
<nav><a href="#">政务公开</a> <a href="#">互动交流</a></nav>
<div class="article">
<h1>某县2022年政府信息公开工作年度报告</h1>
<div>字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
<p>【打印本页】 【关闭窗口】</p>
<p class=MsoNormal style='text-indent:21.0pt'><span {_MSO}>本年共<span>收到</span>政府信息公开申请<b>12</b>件，
全部按时办结。<o:p></o:p></span></p>
<p>第一行<br>第二行</p>
<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>某人</o:Author></o:DocumentProperties></xml><![endif]-->
{table}
<p>表后文字。</p>
{nested}
</div>
<div>分享到：微信 微博</div>
<footer>主办单位：某县人民政府办公室 关闭窗口</footer>
</body></html>"""


HTML_PARAGRAPHS = [
    "某县2022年政府信息公开工作年度报告",
    "本年共收到政府信息公开申请12件，全部按时办结。",
    "第一行",
    "第二行",
    "表后文字。",
]


@pytest.fixture(scope="session")
def html_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(make_report_html(), encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def big_html_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same page padded with MSO styles to the size of a real Word export (~350k chars)."""
    path = tmp_path_factory.mktemp("html") / "big.html"
    path.write_text(make_report_html(padding=3500), encoding="utf-8")
    return path


# ---------------------------------------------------------------- bad input

@pytest.fixture(scope="session")
def zip_bomb_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A .docx whose word/document.xml is 300 MB of spaces (about 300 KB compressed)."""
    path = tmp_path_factory.mktemp("bad") / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b" " * (1 << 20)
            for _ in range(300):
                member.write(chunk)
    return path
