"""Ingest benchmark: documents/second and peak memory per reader, and the PDF strategy.

Generates a corpus of report-like Chinese documents (N each of docx, pdf, html, txt,
with prose and a template table 3), reads each format in its own subprocess with
`read_document` and prints documents/second and the worker's peak resident memory
(ru_maxrss, which includes the interpreter and the libraries the reader imports).
For PDF it also compares the default strategy (pypdfium2 on pages without ruling
lines, pdfplumber where ruled tables are) with pdfplumber on every page.

    .venv/bin/python benchmarks/ingest.py            # N=50, well under a minute
    .venv/bin/python benchmarks/ingest.py -n 100
"""
from __future__ import annotations

import argparse
import io
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SENTENCES = [
    "本机关坚持以公开为常态、不公开为例外，全年通过政府网站主动公开政府信息{n}条。",
    "政务新媒体发布工作动态{n}条，政策解读{m}篇，回应社会关切{m}次。",
    "依法办理政府信息公开申请{m}件，全部在法定期限内答复，未发生因答复引起的行政复议。",
    "落实公文公开属性源头认定机制，发布前严格执行保密审查，全年审查稿件{n}篇。",
    "推进基层政务公开标准化规范化建设，更新公开事项标准目录{m}项。",
    "将政务公开纳入年度绩效考核，开展季度检查通报，督促整改问题{m}个。",
]
HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
TABLE_LABELS = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
                "（二）部分公开", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理",
                "（七）总计", "四、结转下年度继续办理"]
TABLE_HEADER = ["本列数据的勾稽关系", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def report(rng: random.Random) -> tuple[list[tuple[str, list[str]]], list[list[str]]]:
    """(sections of (heading, paragraphs), table rows) for one made-up report."""
    sections = []
    for heading in HEADINGS:
        paragraphs = ["".join(rng.choice(SENTENCES).format(n=rng.randint(100, 30000), m=rng.randint(0, 300))
                              for _ in range(rng.randint(3, 6))) for _ in range(rng.randint(2, 4))]
        sections.append((heading, paragraphs))
    rows = [TABLE_HEADER] + [[label] + [str(rng.randint(0, 50)) for _ in range(7)] for label in TABLE_LABELS]
    return sections, rows


def write_docx(path: Path, sections: list[tuple[str, list[str]]], rows: list[list[str]]) -> None:
    import docx

    document = docx.Document()
    for heading, paragraphs in sections:
        document.add_paragraph(heading)
        for text in paragraphs:
            document.add_paragraph(text)
        if heading.startswith("三"):
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, value in enumerate(row):
                    table.cell(r, c).text = value
    document.save(str(path))


def write_pdf(path: Path, sections: list[tuple[str, list[str]]], rows: list[list[str]]) -> None:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName="STSong-Light", fontSize=12, leading=22, wordWrap="CJK", firstLineIndent=24)
    story = []
    for heading, paragraphs in sections:
        story.append(Paragraph(heading, style))
        story.extend(Paragraph(text, style) for text in paragraphs)
        if heading.startswith("三"):
            table = Table(rows)
            table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), "STSong-Light"), ("FONTSIZE", (0, 0), (-1, -1), 8),
                                       ("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
            story.append(table)

    def footer(canvas, doc) -> None:  # noqa: ANN001 (reportlab callback)
        canvas.setFont("STSong-Light", 10)
        canvas.drawCentredString(A4[0] / 2, 30, f"— {doc.page} —")

    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story, onFirstPage=footer, onLaterPages=footer)
    path.write_bytes(buffer.getvalue())


def write_html(path: Path, sections: list[tuple[str, list[str]]], rows: list[list[str]]) -> None:
    mso = "style='font-size:10.5pt;font-family:宋体;mso-bidi-font-size:12.0pt;mso-font-kerning:1.0pt'"
    styles = "".join(f"p.MsoStyle{i} {{mso-style-name:样式{i};margin:0cm;font-size:10.5pt}}\n" for i in range(2500))
    parts = [f"<html><head><meta charset='utf-8'><style>{styles}</style><script>var a=1;</script></head><body>",
             "<div class='header'>首页 | 政务公开</div><div class='tools'>字号：大 中 小 打印 关闭</div>"]
    for heading, paragraphs in sections:
        parts.append(f"<p class=MsoNormal {mso}><b><span {mso}>{heading}<o:p></o:p></span></b></p>")
        parts.extend(f"<p class=MsoNormal {mso}><span {mso}>{text}<o:p></o:p></span></p>" for text in paragraphs)
        if heading.startswith("三"):
            parts.append("<table class=MsoNormalTable border=1>")
            for row in rows:
                cells = "".join(f"<td {mso}><p class=MsoNormal {mso}><span {mso}>{cell}<o:p></o:p></span></p></td>"
                                for cell in row)
                parts.append(f"<tr>{cells}<td style='border:none'></td></tr>")
            parts.append("</table>")
    parts.append("<div class='footer'>主办单位 网站标识码</div></body></html>")
    path.write_text("".join(parts), encoding="utf-8")


def write_txt(path: Path, sections: list[tuple[str, list[str]]], rows: list[list[str]]) -> None:
    lines = []
    for heading, paragraphs in sections:
        lines.append(heading)
        lines.extend(paragraphs)
        if heading.startswith("三"):
            lines.extend(" | ".join(row) for row in rows)
    path.write_text("\n".join(lines), encoding="gb18030")


WRITERS = {"docx": write_docx, "pdf": write_pdf, "html": write_html, "txt": write_txt}


def generate(folder: Path, n: int) -> None:
    rng = random.Random(20240601)
    for i in range(n):
        sections, rows = report(rng)
        for suffix, writer in WRITERS.items():
            writer(folder / f"r{i:04d}.{suffix}", sections, rows)


def worker(folder: Path, suffix: str, backend: str | None) -> None:
    """Read every file of one format; print one JSON line with the measurements."""
    from corpus_tool.ingest import read_document
    from corpus_tool.ingest import pdf as pdf_reader

    files = sorted(folder.glob(f"*.{suffix}"))
    read_document(files[0])  # imports and caches out of the timing
    start = time.perf_counter()
    blocks = tables = 0
    for path in files:
        doc = pdf_reader.read(path, path.read_bytes(), backend=backend) if backend else read_document(path)  # type: ignore[arg-type]
        blocks += len(doc.blocks)
        tables += len(doc.tables)
    seconds = time.perf_counter() - start
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"docs": len(files), "seconds": seconds, "peak_mib": peak_mib, "blocks": blocks, "tables": tables}))


def measure(folder: Path, suffix: str, backend: str | None = None) -> dict[str, float]:
    command = [sys.executable, __file__, "--worker", suffix, str(folder)] + (["--backend", backend] if backend else [])
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=50, help="documents per format (default 50)")
    parser.add_argument("--worker", nargs=2, metavar=("SUFFIX", "FOLDER"), help=argparse.SUPPRESS)
    parser.add_argument("--backend", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(Path(args.worker[1]), args.worker[0], args.backend)
        return
    with tempfile.TemporaryDirectory(prefix="corpus-tool-bench-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        generate(folder, args.n)
        sizes = {s: sum(p.stat().st_size for p in folder.glob(f"*.{s}")) / args.n / 1024 for s in WRITERS}
        print(f"generated {args.n} documents per format in {time.perf_counter() - start:.1f} s "
              f"(mean size: " + ", ".join(f"{s} {kib:.0f} KiB" for s, kib in sizes.items()) + ")")
        print(f"{'reader':<22}{'docs':>6}{'docs/s':>10}{'ms/doc':>9}{'peak MiB':>10}{'blocks':>8}{'tables':>8}")
        runs = [(s, s, None) for s in ("txt", "html", "docx")]
        runs += [("pdf (auto: pdfium)", "pdf", "auto"), ("pdf (pdfplumber all)", "pdf", "pdfplumber")]
        results = {}
        for label, suffix, backend in runs:
            r = measure(folder, suffix, backend)
            results[label] = r
            print(f"{label:<22}{r['docs']:>6}{r['docs'] / r['seconds']:>10.1f}{1000 * r['seconds'] / r['docs']:>9.1f}"
                  f"{r['peak_mib']:>10.0f}{r['blocks']:>8}{r['tables']:>8}")
        fast, slow = results["pdf (auto: pdfium)"], results["pdf (pdfplumber all)"]
        print(f"pdf: the pdfium fast path is {slow['seconds'] / fast['seconds']:.1f}x faster than pdfplumber on every page")


if __name__ == "__main__":
    main()
