"""Property test: a random 2021 or 2019 report, rendered in every layout the table stage
meets (Word, ruled PDF, HTML, `|` text, one cell per line, PDF column text, one line per row
with each figure after its column label), read back
through the real readers gives every cell back: not one lost, not one invented. Table 3 comes
in the template's layout (groups as column groups, one row of 15 figures) or transposed (one
row per group, the five results as columns in a random order).

Expected values follow LABELS.md: a blank cell in a row with figures is 0, a row with no
figure at all is absent, `/` is absent.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus_tool.ingest import read_document
from corpus_tool.normalize import normalize
from corpus_tool.tables import extract_tables

APPLICANT_COLUMNS = ["natural_person", "commercial", "research", "public_interest", "legal_service",
                     "other_org", "total"]
TABLE2_ROWS = [  # (stem, group label or None, label variants)
    ("applications.new", None, ["一、本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量"]),
    ("applications.carried_over", None, ["二、上年结转政府信息公开申请数量", "上年结转政府信息公开申请数量"]),
    ("outcomes.disclosed", "三、本年度办理结果", ["（一）予以公开", "(一)予以公开"]),
    ("outcomes.partial", None, ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开"]),
    ("outcomes.withheld.state_secret", "（三）不予公开", ["1.属于国家秘密"]),
    ("outcomes.withheld.law_prohibited", None, ["2.其他法律行政法规禁止公开", "2.其他法律、行政法规禁止公开"]),
    ("outcomes.withheld.security_stability", None, ["3.危及“三安全一稳定”", "3.危及\"三安全一稳定\"",
                                                   "3.危及‘三安全一稳定’", "3.危及三安全一稳定"]),
    ("outcomes.withheld.third_party_rights", None, ["4.保护第三方合法权益"]),
    ("outcomes.withheld.internal_affairs", None, ["5.属于三类内部事务信息"]),
    ("outcomes.withheld.process_info", None, ["6.属于四类过程性信息"]),
    ("outcomes.withheld.enforcement_file", None, ["7.属于行政执法案卷"]),
    ("outcomes.withheld.admin_query", None, ["8.属于行政查询事项"]),
    ("outcomes.unavailable.not_held", "（四）无法提供", ["1.本机关不掌握相关政府信息"]),
    ("outcomes.unavailable.needs_creation", None, ["2.没有现成信息需要另行制作"]),
    ("outcomes.unavailable.unclear_after_correction", None, ["3.补正后申请内容仍不明确"]),
    ("outcomes.not_processed.petition", "（五）不予处理", ["1.信访举报投诉类申请"]),
    ("outcomes.not_processed.duplicate", None, ["2.重复申请"]),
    ("outcomes.not_processed.publication", None, ["3.要求提供公开出版物"]),
    ("outcomes.not_processed.excessive", None, ["4.无正当理由大量反复申请"]),
    ("outcomes.not_processed.confirmation", None, ["5.要求行政机关确认或重新出具已获取信息"]),
]
OTHER_2021 = [
    ("outcomes.other.overdue_correction", "（六）其他处理",
     ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
      "1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请"]),
    ("outcomes.other.overdue_fee", None, ["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"]),
    ("outcomes.other.misc", None, ["3.其他"]),
]
OTHER_2019 = [("outcomes.other", None, ["（六）其他处理"])]
TAIL_ROWS = [("outcomes.total", None, ["（七）总计"]),
             ("applications.carried_forward", None, ["四、结转下年度继续办理", "结转下年度继续办理"])]
TABLE1 = {
    "2021": [  # (block heading, header labels, [(stem, label variants, column ids)])
        ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"],
         [("rules", ["规章"], ["issued", "repealed", "in_force"]),
          ("normative_docs", ["行政规范性文件"], ["issued", "repealed", "in_force"])]),
        ("第二十条第（五）项", ["本年处理决定数量"], [("licensing", ["行政许可"], ["decisions"])]),
        ("第二十条第（六）项", ["本年处理决定数量"], [("penalty", ["行政处罚"], ["decisions"]),
                                                      ("coercion", ["行政强制"], ["decisions"])]),
        ("第二十条第（八）项", ["本年收费金额（单位：万元）"], [("fees", ["行政事业性收费"], ["amount_10k_yuan"])]),
    ],
    "2019": [
        ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
         [("rules", ["规章"], ["issued", "published_new", "public_total"]),
          ("normative_docs", ["规范性文件"], ["issued", "published_new", "public_total"])]),
        ("第二十条第（五）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
         [("licensing", ["行政许可"], ["items_prev_year", "items_change", "decisions"]),
          ("other_services", ["其他对外管理服务事项"], ["items_prev_year", "items_change", "decisions"])]),
        ("第二十条第（六）项", ["上一年项目数量", "本年增/减", "处理决定数量"],
         [("penalty", ["行政处罚"], ["items_prev_year", "items_change", "decisions"]),
          ("coercion", ["行政强制"], ["items_prev_year", "items_change", "decisions"])]),
        ("第二十条第（八）项", ["上一年项目数量", "本年增/减"],
         [("fees", ["行政事业性收费"], ["items_prev_year", "items_change"])]),
        ("第二十条第（九）项", ["采购项目数量", "采购总金额"],
         [("procurement", ["政府集中采购"], ["projects", "amount_10k_yuan"])]),
    ],
}
T3_GROUPS = [("reconsideration", "行政复议"), ("litigation.direct", "未经复议直接起诉"),
             ("litigation.after_reconsideration", "复议后起诉")]
T3_COLUMNS = [("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"),
              ("pending", "尚未审结"), ("total", "总计")]


@dataclass
class Grid:
    """One table: rows of cell text ("" under a merged cell) and its merges (row, col, rowspan, colspan)."""

    rows: list[list[str]]
    spans: list[tuple[int, int, int, int]] = field(default_factory=list)
    label_columns: int = 1


@dataclass
class Report:
    template: str
    tables: list[Grid]
    expected: dict[str, float | int]
    t3_transposed: bool = False


@st.composite
def cell_text(draw: st.DrawFn, *, signed: bool = False, money: bool = False) -> str:
    """A cell: mostly a count, sometimes blank; signed or decimal where the column allows."""
    kind = draw(st.sampled_from(["n", "n", "n", "n", "blank"]))
    if kind == "blank":
        return ""
    number = draw(st.integers(min_value=0, max_value=3000))
    if money and draw(st.booleans()):
        return f"{number}.{draw(st.integers(min_value=1, max_value=99)):02d}".rstrip("0")
    if signed and number and draw(st.booleans()):
        return f"-{number}" if draw(st.booleans()) else f"+{number}"
    return str(number)


def expected_row(stem: str, columns: list[str], cells: list[str]) -> dict[str, float | int]:
    """What the convention makes of a row: blank is 0 beside figures, absent in an empty row."""
    if not any(c not in ("", "/") for c in cells):
        return {}
    out: dict[str, float | int] = {}
    for column, text in zip(columns, cells):
        if text == "/":
            continue
        out[f"{stem}.{column}"] = 0 if text == "" else (float(text) if "." in text else int(text))
    return out


MAIN_ROWS = {"applications.new", "applications.carried_over", "outcomes.disclosed", "outcomes.partial",
             "outcomes.other", "outcomes.total", "applications.carried_forward"}


def _group_extent(rows: list[tuple[str, str | None, list[str]]], first: int) -> int:
    """How many table-2 rows the group label on row `first` spans."""
    if (rows[first][1] or "").startswith("三"):
        return [stem for stem, _, _ in rows].index("outcomes.total") - first
    extent = 1
    while first + extent < len(rows) and rows[first + extent][1] is None \
            and rows[first + extent][0] not in MAIN_ROWS:
        extent += 1
    return extent


@st.composite
def reports(draw: st.DrawFn) -> Report:
    template = draw(st.sampled_from(["2021", "2019"]))
    expected: dict[str, float | int] = {}
    t1 = Grid([], label_columns=1)
    for heading, headers, rows in TABLE1[template]:
        t1.spans.append((len(t1.rows), 0, 1, 4))
        t1.rows.append([heading, "", "", ""])
        t1.rows.append(["信息内容"] + headers + [""] * (3 - len(headers)))
        if len(headers) < 3:
            t1.spans.append((len(t1.rows) - 1, len(headers), 1, 4 - len(headers)))
        for stem, variants, columns in rows:
            if draw(st.integers(0, 9)) == 0:
                cells = [""] * len(columns)  # a row left empty
            elif stem == "rules" and draw(st.integers(0, 4)) == 0:
                cells = ["/"] * len(columns)  # no rule-making power
            else:
                cells = [draw(cell_text(signed=c == "items_change", money=c == "amount_10k_yuan"))
                         for c in columns]
            expected.update(expected_row(stem, columns, cells))
            t1.rows.append([draw(st.sampled_from(variants))] + cells + [""] * (3 - len(cells)))
            if len(cells) < 3:
                t1.spans.append((len(t1.rows) - 1, len(cells), 1, 4 - len(cells)))
    t2 = Grid([["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况",
                "", "", "", "", "", ""],
               ["", "", "", "自然人", "法人或其他组织", "", "", "", "", "总计"],
               ["", "", "", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]],
              spans=[(0, 0, 3, 3), (0, 3, 1, 7), (1, 3, 2, 1), (1, 4, 1, 5), (1, 9, 2, 1)], label_columns=3)
    rows2 = TABLE2_ROWS + (OTHER_2021 if template == "2021" else OTHER_2019) + TAIL_ROWS
    for index, (stem, group, variants) in enumerate(rows2):
        empty_row = draw(st.integers(0, 7)) == 0
        cells = [""] * 7 if empty_row else [draw(cell_text()) for _ in APPLICANT_COLUMNS]
        expected.update(expected_row(stem, APPLICANT_COLUMNS, cells))
        label = draw(st.sampled_from(variants))
        row = len(t2.rows)
        if stem.startswith("applications.") or stem == "outcomes.total":
            t2.rows.append([label, "", ""] + cells)
            t2.spans.append((row, 0, 1, 3))
        elif stem in ("outcomes.disclosed", "outcomes.partial", "outcomes.other"):
            t2.rows.append([group or "", label, ""] + cells)
            t2.spans.append((row, 1, 1, 2))
        else:
            t2.rows.append(["", group or "", label] + cells)
        if group:  # a group label is one cell spanning its rows
            t2.spans.append((row, 0 if group.startswith("三") else 1, _group_extent(rows2, index), 1))
    if draw(st.booleans()):
        t3 = draw(transposed_table3(expected))
        return Report(template, [t1, t2, t3], expected, t3_transposed=True)
    t3 = Grid([["行政复议", "", "", "", "", "行政诉讼"] + [""] * 9,
               [c for _, c in T3_COLUMNS] + ["未经复议直接起诉", "", "", "", "", "复议后起诉", "", "", "", ""],
               [""] * 5 + [c for _, c in T3_COLUMNS] * 2],
              spans=[(0, 0, 1, 5), (0, 5, 1, 10), (1, 5, 1, 5), (1, 10, 1, 5)], label_columns=0)
    figures = [] if draw(st.integers(0, 9)) == 0 else [draw(cell_text()) for _ in range(15)]
    figures = figures or [""] * 15
    t3.rows.append(figures)
    if any(figures):
        for i, text in enumerate(figures):
            group, column = T3_GROUPS[i // 5][0], T3_COLUMNS[i % 5][0]
            expected[f"{group}.{column}"] = int(text) if text else 0
    return Report(template, [t1, t2, t3], expected)


#: Row labels of a transposed table 3 (one label column), and with 行政诉讼 as a merged parent cell.
T3_ROW_LABELS = {"reconsideration": ["行政复议"],
                 "litigation.direct": ["行政诉讼（未经复议直接起诉）", "行政诉讼(未经复议直接起诉)", "未经复议直接起诉",
                                       "直接起诉", "行政诉讼—未经复议直接起诉", "行政诉讼-未经复议直接起诉"],
                 "litigation.after_reconsideration": ["行政诉讼（复议后起诉）", "复议后起诉", "行政诉讼-复议后起诉"]}
T3_SUB_LABELS = {"litigation.direct": ["未经复议直接起诉", "直接起诉"],
                 "litigation.after_reconsideration": ["复议后起诉"]}


@st.composite
def transposed_table3(draw: st.DrawFn, expected: dict[str, float | int]) -> Grid:
    """Table 3 transposed: a header of the five results (random order, a corner cell maybe
    worded) and one row per group, its label in one cell or under a merged 行政诉讼 cell."""
    order = draw(st.permutations(T3_COLUMNS))
    corner = draw(st.sampled_from(["", "类别", "项目"]))
    parent = draw(st.booleans())  # 行政诉讼 as a merged cell over its two sub-rows
    grid = Grid([[corner] + ([""] if parent else []) + [label for _, label in order]],
                label_columns=2 if parent else 1)
    if parent:
        grid.spans.append((0, 0, 1, 2))
    for number, (group, _) in enumerate(T3_GROUPS):
        cells = [""] * 5 if draw(st.integers(0, 7)) == 0 else [draw(cell_text()) for _ in order]
        expected.update(expected_row(group, [c for c, _ in order], cells))
        row = len(grid.rows)
        if not parent:
            grid.rows.append([draw(st.sampled_from(T3_ROW_LABELS[group]))] + cells)
        elif number == 0:
            grid.rows.append(["行政复议", ""] + cells)
            grid.spans.append((row, 0, 1, 2))
        else:
            grid.rows.append(["行政诉讼" if number == 1 else "", draw(st.sampled_from(T3_SUB_LABELS[group]))] + cells)
            if number == 1:
                grid.spans.append((row, 0, 2, 1))
    return grid


HEADINGS = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况"]


def _title(report: Report) -> str:
    year = 2022 if report.template == "2021" else 2020
    return f"某县某局{year}年政府信息公开工作年度报告"


def _covered(grid: Grid) -> set[tuple[int, int]]:
    """Grid positions under a merged cell (not its top-left)."""
    covered = set()
    for row, col, rowspan, colspan in grid.spans:
        covered.update((r, c) for r in range(row, row + rowspan) for c in range(col, col + colspan)
                       if (r, c) != (row, col))
    return covered


def render_pipes(report: Report, path: Path, style: random.Random | None = None) -> Path:
    lines = [_title(report)]
    for heading, grid in zip(HEADINGS, report.tables):
        lines.append(heading)
        for row in grid.rows:
            lines.append(" | ".join(row) + " |")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def render_cell_per_line(report: Report, path: Path, style: random.Random | None = None) -> Path:
    """One cell per line; a blank cell is a blank line; merged positions are left out."""
    lines = [_title(report)]
    for heading, grid in zip(HEADINGS, report.tables):
        lines.append(heading)
        covered = _covered(grid)
        for r, row in enumerate(grid.rows):
            lines.extend(text for c, text in enumerate(row) if (r, c) not in covered)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


OVERVIEW = "本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，全面推进政务公开工作。"


def render_pdf_text(report: Report, path: Path, style: random.Random | None = None) -> Path:
    """Text as a PDF text layer gives it: label then figures on one line, long labels wrapped,
    blank cells lost (written 0 here, which the convention reads them as), table 3's headers
    printed vertically. A paragraph of prose opens the body, as in every real report (the
    normaliser reads short word runs before any prose as a site's navigation bar)."""
    lines = [_title(report), OVERVIEW]
    for number, (heading, grid) in enumerate(zip(HEADINGS, report.tables), start=1):
        lines.append(heading)
        if number == 3 and not report.t3_transposed:
            labels = [c for _, c in T3_COLUMNS] * 3
            lines.append("行政复议 行政诉讼")
            lines.append("未经复议直接起诉 复议后起诉")
            for depth in range(4):
                lines.append(" ".join(label[depth] for label in labels if len(label) > depth))
            figures = grid.rows[-1]
            if any(figures):
                lines.append(" ".join(text or "0" for text in figures))
            continue
        covered = _covered(grid)
        for r, row in enumerate(grid.rows):
            words = [t for t in row[:grid.label_columns] if t]
            figures = [t for c, t in enumerate(row) if c >= grid.label_columns and (r, c) not in covered]
            has_figures = any(f not in ("", "/") for f in figures)
            shown = [f or "0" for f in figures] if has_figures else [f for f in figures if f]
            if words and len(words[-1]) > 16:  # a long label wraps inside its cell
                lines.append(" ".join(words[:-1] + [words[-1][:12]]))
                words = [words[-1][12:]]
            lines.append(" ".join(words + shown).strip())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def render_html(report: Report, path: Path, style: random.Random | None = None) -> Path:
    parts = [f"<html><head><meta charset='utf-8'><title>{_title(report)}</title></head><body>",
             f"<h1>{_title(report)}</h1>"]
    for heading, grid in zip(HEADINGS, report.tables):
        parts.append(f"<p>{heading}</p><table border='1'>")
        covered = _covered(grid)
        spans = {(r, c): (rs, cs) for r, c, rs, cs in grid.spans}
        for r, row in enumerate(grid.rows):
            cells = []
            for c, text in enumerate(row):
                if (r, c) in covered:
                    continue
                rs, cs = spans.get((r, c), (1, 1))
                cells.append(f"<td rowspan='{rs}' colspan='{cs}'>{text}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    path.write_text("".join(parts), encoding="utf-8")
    return path


def render_docx(report: Report, path: Path, style: random.Random | None = None) -> Path:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_paragraph(_title(report))
    for heading, grid in zip(HEADINGS, report.tables):
        document.add_paragraph(heading)
        table = document.add_table(rows=len(grid.rows), cols=len(grid.rows[0]))
        table.style = "Table Grid"
        for r, row in enumerate(grid.rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        for r, c, rs, cs in grid.spans:
            table.cell(r, c).merge(table.cell(r + rs - 1, c + cs - 1))
            table.cell(r, c).text = grid.rows[r][c]
    document.save(str(path))
    return path


def render_pdf(report: Report, path: Path, style: random.Random | None = None) -> Path:
    pytest.importorskip("reportlab")
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("cn", fontName="STSong-Light", fontSize=7, leading=9, wordWrap="CJK")
    story = [Paragraph(_title(report), style)]
    for heading, grid in zip(HEADINGS, report.tables):
        story.append(Paragraph(heading, style))
        data = [[Paragraph(text, style) if text else "" for text in row] for row in grid.rows]
        widths = [70] * grid.label_columns + [None] * (len(grid.rows[0]) - grid.label_columns)
        commands = [("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                    ("FONTNAME", (0, 0), (-1, -1), "STSong-Light")]
        commands += [("SPAN", (c, r), (c + cs - 1, r + rs - 1)) for r, c, rs, cs in grid.spans]
        table = Table(data, colWidths=[w or 38 for w in widths], repeatRows=0)
        table.setStyle(TableStyle(commands))
        story.append(table)
    SimpleDocTemplate(str(path), pagesize=(A4[1], 3000)).build(story)  # one tall page: no split spans
    return path


#: Column labels as reports write them beside a figure (a space inside a label is PDF flattening).
PAIR_COLUMN_VARIANTS = {
    "商业企业": ["商业企业", "商业 企业"], "社会公益组织": ["社会公益组织", "社会公益 组织"],
    "其他": ["其他", "其他组织"], "总计": ["总计", "合计"],
    "现行有效件数": ["现行有效件数", "现行有效件数（历史累计）"],
    "本年收费金额（单位：万元）": ["本年收费金额（单位：万元）", "本年收费金额(单位:万元)", "本年收费金额（万元）"],
    "本年处理决定数量": ["本年处理决定数量", "处理决定数量"], "处理决定数量": ["处理决定数量", "本年处理决定数量"],
    "本年增/减": ["本年增/减", "本年增减"],
}
APPLICANT_LABELS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T3_GROUP_VARIANTS = {"reconsideration": ["行政复议"],
                     "litigation.direct": ["行政诉讼（未经复议直接起诉）", "未经复议直接起诉", "直接起诉",
                                           "行政诉讼—未经复议直接起诉"],
                     "litigation.after_reconsideration": ["行政诉讼（复议后起诉）", "复议后起诉"]}


def render_labelled_pairs(report: Report, path: Path, style: random.Random | None = None) -> Path:
    """One line per table row, each figure after its column label (`行政许可：本年处理决定数量 2316`,
    `本年度办理结果—（三）不予公开—1.属于国家秘密：自然人 0，…`, `直接起诉结果维持 0`), with random
    separators and label variants. Blank cells beside figures are written 0 (as the convention
    reads them); a row without figures is its label alone or its column labels without figures."""
    style = style or random.Random(0)
    pair_sep = style.choice(["，", ",", "；", "、", " ", "， "])
    row_sep = style.choice(["：", ":", " ", "： "])
    joiner = style.choice([" ", "", "："])

    def pairs(labels: list[str], cells: list[str]) -> str:
        written = [f"{style.choice(PAIR_COLUMN_VARIANTS.get(label, [label]))}{joiner}{text or '0'}"
                   for label, text in zip(labels, cells)]
        return pair_sep.join(written)

    def row_line(label: str, labels: list[str], cells: list[str]) -> str:
        if any(c not in ("", "/") for c in cells) or "/" in cells:
            return f"{label}{row_sep}{pairs(labels, cells)}"
        return label if style.random() < 0.5 else f"{label}{row_sep}{pair_sep.join(labels)}"

    t1, t2, t3 = report.tables
    lines = [_title(report), HEADINGS[0]]
    headers: list[str] = []
    for row in t1.rows:
        if row[0].startswith("第二十条"):
            if style.random() < 0.5:
                lines.append(row[0])
        elif row[0] == "信息内容":
            headers = [h for h in row[1:] if h]
        else:
            lines.append(row_line(row[0], headers, row[1:1 + len(headers)]))
    lines.append(HEADINGS[1])
    if style.random() < 0.5:
        lines.append(t2.rows[0][0])  # the 勾稽关系 note
    dash = style.choice(["—", "-", " > "])
    top = group = ""
    for row in t2.rows[3:]:
        label = next(text for text in reversed(row[:3]) if text)
        top = row[0] if row[0] and row[0] != label else ("" if row[0] == label else top)
        group = row[1] if row[1] and row[1] != label else (group if not row[1] else "")
        groups_written = [p for p in (top, group) if p] if style.random() < 0.5 else []
        lines.append(row_line(dash.join(groups_written + [label]), APPLICANT_LABELS, row[3:]))
    lines.append(HEADINGS[2])
    figures = t3.rows[-1]
    if report.t3_transposed:
        labels = t3.rows[0][t3.label_columns:]
        for row in t3.rows[1:]:
            label = next(text for text in reversed(row[:t3.label_columns]) if text)
            lines.append(row_line(label, labels, row[t3.label_columns:]))
    elif any(figures):
        layout = style.choice(["group rows", "prefixed", "first prefixed"])
        groups = [(g, style.choice(T3_GROUP_VARIANTS[g])) for g, _ in T3_GROUPS]
        column_labels = [c for _, c in T3_COLUMNS]
        if layout == "group rows":
            for i, (_, group_label) in enumerate(groups):
                lines.append(f"{group_label}{row_sep}{pairs(column_labels, figures[5 * i:5 * i + 5])}")
        else:
            written = []
            for i, (_, group_label) in enumerate(groups):
                for j, label in enumerate(column_labels):
                    prefix = group_label if layout == "prefixed" or j == 0 else ""
                    written.append(f"{prefix}{label}{joiner}{figures[5 * i + j] or '0'}")
            lines.append(pair_sep.join(written))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


RENDERERS = {
    "pipes.txt": render_pipes,
    "cells.txt": render_cell_per_line,
    "pdftext.txt": render_pdf_text,
    "report.html": render_html,
    "report.docx": render_docx,
    "report.pdf": render_pdf,
    "pairs.txt": render_labelled_pairs,
}
EXAMPLES = {"pipes.txt": 25, "cells.txt": 25, "pdftext.txt": 25, "report.html": 20,
            "report.docx": 15, "report.pdf": 12, "pairs.txt": 40}


def _check_round_trip(report: Report, path: Path) -> None:
    result = extract_tables(normalize(read_document(path)))
    assert result.template == report.template
    lost = {k: v for k, v in report.expected.items() if k not in result.fields}
    wrong = {k: (result.fields[k], v) for k, v in report.expected.items()
             if k in result.fields and result.fields[k] != pytest.approx(v)}
    invented = {k: v for k, v in result.fields.items() if k not in report.expected}
    assert not lost and not wrong and not invented, (lost, wrong, invented)


@pytest.mark.parametrize("name", list(RENDERERS))
def test_every_cell_survives_every_layout(name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    renderer = RENDERERS[name]
    folder = tmp_path_factory.mktemp(name.replace(".", "_"))

    @settings(max_examples=EXAMPLES[name], deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(report=reports(), style=st.randoms(use_true_random=False))
    def round_trip(report: Report, style: random.Random) -> None:
        _check_round_trip(report, renderer(report, folder / name, style))

    round_trip()


SPLIT_T3_GROUPS = (("行政复议", "reconsideration"), ("未经复议直接起诉", "litigation.direct"),
             ("复议后起诉", "litigation.after_reconsideration"))
SPLIT_T3_RESULTS = (("结果维持", "upheld"), ("结果纠正", "corrected"), ("其他结果", "other"),
              ("尚未审结", "pending"), ("总计", "total"))


@settings(max_examples=60, deadline=None)
@given(values=st.lists(st.integers(min_value=0, max_value=999), min_size=15, max_size=15),
       split=st.sampled_from([1, 2]), lead=st.integers(0, 1), vertical=st.booleans(),
       furniture=st.sampled_from([None, "- 3 -", "第3页 共5页"]))
def test_table3_split_after_its_group_header_maps_every_figure(values: list[int], split: int, lead: int,
                                                               vertical: bool, furniture: str | None) -> None:
    """Table 3 broken by a page break after its group header row(s): the part before the break
    read as its own narrow grid, the result headers (perhaps one character per line) and the
    figures on the next page as a 15-column grid. Every figure lands under its group and result."""
    from corpus_tool.model import Block, Document

    pad = [""] * lead
    top = [pad + ["行政复议", "行政诉讼", ""], pad + ["", "未经复议直接起诉", "复议后起诉"]][:split]
    wide_groups = pad + [cell for label, _ in SPLIT_T3_GROUPS for cell in ([""] * 5 if label == "行政复议" else [label] + [""] * 4)]
    results = ["\n".join(label) if vertical else label for label, _ in SPLIT_T3_RESULTS] * 3
    rest = ([wide_groups] if split == 1 else []) + [pad + results, pad + [str(v) for v in values]]
    blocks = [Block.paragraph("四、政府信息公开行政复议、行政诉讼情况", 1), Block.table(top, 1)]
    if furniture:
        blocks.append(Block.paragraph(furniture, 1))
    blocks.append(Block.table(rest, 2))
    result = extract_tables(Document("x.pdf", "pdf", blocks))
    expected = {f"{g}.{r}": values[i * 5 + j] for i, (_, g) in enumerate(SPLIT_T3_GROUPS) for j, (_, r) in enumerate(SPLIT_T3_RESULTS)}
    got = {k: v for k, v in result.fields.items() if k.startswith(("reconsideration", "litigation"))}
    assert got == expected
