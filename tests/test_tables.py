"""Table stage: template detection, label variants, value conventions and layouts, each
pinned on a small document built by hand (paragraph lines or real table rows)."""
from __future__ import annotations

import pytest

from corpus_tool.model import Block, Document
from corpus_tool.tables import extract_tables
from corpus_tool.tables.cells import parse_cell, split_line

T2_HEADER = ["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 申请人情况",
             "自然人 | 法人或其他组织 | 总计",
             "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他"]
T3_HEADER = ["行政复议 | 行政诉讼",
             "结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | 复议后起诉",
             " | ".join(["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2)]


def text_doc(*lines: str) -> Document:
    return Document("x.txt", "txt", [Block.paragraph(line) for line in lines])


def table_doc(rows: list[list[str]], page: int = 1) -> Document:
    return Document("x.pdf", "pdf", [Block.table(rows, page)])


@pytest.mark.parametrize("text, kind, number", [
    ("12", "number", 12), ("１２５０.４６", "number", 1250.46), ("+2", "number", 2), ("-1", "number", -1),
    ("−8", "number", -8), ("减少8", "number", -8), ("增加3", "number", 3), ("1,234", "number", 1234),
    ("", "blank", None), ("  ", "blank", None), ("/", "na", None), ("—", "na", None), ("-", "na", None),
    ("无", "na", None), ("——", "na", None), ("自然人", "text", None),
], ids=lambda v: repr(v))
def test_parse_cell(text: str, kind: str, number: float | None) -> None:
    value = parse_cell(text, frozenset({"/", "无", "-", "—", "——"}))
    assert (value.kind, value.number) == (kind, number)


def test_split_line_keeps_blank_cells_of_tabs_and_drops_pipe_filler() -> None:
    assert split_line("一、本年新收\t3\t\t\t5", frozenset()).cells == ("一、本年新收", "3", "", "", "5")
    assert split_line("|||", frozenset()).cells == ()
    assert split_line("0 |", frozenset()).cells == ("0",)


def test_detects_2021_and_reads_table1_by_labels() -> None:
    result = extract_tables(text_doc(
        "第二十条第（一）项", "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数（历史累计）",
        "规章 | / | / | /", "行政规范性文件 | 5 | | 41",
        "第二十条第（八）项", "信息内容 | 本年收费金额（单位：万元）", "行政事业性收费 | 1250.46"))
    assert result.template == "2021" and 1 in result.tables_found
    assert "rules.issued" not in result.fields  # '/' is not applicable
    assert result.fields["normative_docs.repealed"] == 0  # blank beside figures
    assert result.fields["normative_docs.in_force"] == 41
    assert result.fields["fees.amount_10k_yuan"] == 1250.46
    evidence = result.evidence["normative_docs.in_force"]
    assert (evidence.table, evidence.row, evidence.column, evidence.text) == (1, "行政规范性文件", "现行有效件数（历史累计）", "41")


def test_2019_signed_changes_truncated_headers_and_yuan() -> None:
    result = extract_tables(text_doc(
        "第二十条第（一）项 ||||", "信息内容 | 本年新 | 本年新 | 对外公开总数量 |", "规范性文件 | 7 | 6 | 65 |",
        "第二十条第（五）项 ||||", "信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |",
        "其他对外管理服务事项 | 2 | +2 | 114 |", "行政许可 | 25 | 减少8 | 0 |",
        "第二十条第（九）项 ||||", "信息内容 | 采购项目数量 | 采购总金额 ||", "政府集中采购 | 2 | 251000元 ||"))
    assert result.template == "2019"
    assert (result.fields["normative_docs.issued"], result.fields["normative_docs.published_new"]) == (7, 6)
    assert result.fields["other_services.items_change"] == 2
    assert result.fields["licensing.items_change"] == -8
    assert result.fields["procurement.amount_10k_yuan"] == pytest.approx(25.1)


def test_tab_rows_blank_row_is_null_blank_cell_is_zero() -> None:
    result = extract_tables(text_doc(
        *[line.replace(" | ", "\t") for line in T2_HEADER],
        "一、本年新收政府信息公开申请数量\t3\t2\t\t\t\t\t5",
        "二、上年结转政府信息公开申请数量\t\t\t\t\t\t\t",
        "三、本年度办理结果\t（一）予以公开\t\t2\t\t\t\t\t2",
        "（七）总计\t3\t2\t\t\t\t\t5"))
    assert result.fields["applications.new.research"] == 0
    assert result.fields["applications.new.total"] == 5
    assert not any(k.startswith("applications.carried_over") for k in result.fields)
    assert (result.fields["outcomes.disclosed.natural_person"], result.fields["outcomes.disclosed.commercial"]) == (0, 2)
    assert result.fields["outcomes.total.total"] == 5
    assert 2 in result.tables_found


@pytest.mark.parametrize("label, stem", [
    ("3.危及“三安全一稳定”", "outcomes.withheld.security_stability"),
    ("3.危及\"三安全一稳定\"", "outcomes.withheld.security_stability"),
    ("危及‘三安全一稳定’", "outcomes.withheld.security_stability"),
    ("（二）部分公开", "outcomes.partial"),
    ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "outcomes.partial"),
    ("本年新收政府信息公开申请数量", "applications.new"),
    ("5.要求行政机关确认或重新出具", "outcomes.not_processed.confirmation"),
    ("1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请", "outcomes.other.overdue_correction"),
    ("3.其他", "outcomes.other.misc"),
    ("合计", "outcomes.total"),
])
def test_row_label_variants(label: str, stem: str) -> None:
    result = extract_tables(text_doc(*T2_HEADER, "（一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1",
                                     f"{label} | 4 | 0 | 0 | 0 | 0 | 0 | 4"))
    assert result.fields[f"{stem}.natural_person"] == 4 and result.fields[f"{stem}.total"] == 4


def test_one_cell_per_line_with_blank_line_separators_and_full_width_digits() -> None:
    cells = ["自然人", "法人或其他组织", "总计", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他",
             "一、本年新收政府信息公开申请数量", "８６", "１２", "０", "０", "５", "２", "１０５"]
    lines = ["三、收到和处理政府信息公开申请情况"]
    for cell in cells:
        lines += [cell, ""]
    result = extract_tables(text_doc(*lines))
    assert result.fields["applications.new.natural_person"] == 86
    assert result.fields["applications.new.other_org"] == 2  # header order rebuilt under 法人或其他组织
    assert result.fields["applications.new.total"] == 105


def test_pdf_text_with_vertical_headers_uses_template_order() -> None:
    result = extract_tables(text_doc(
        "四、政府信息公开行政复议、行政诉讼情况", "行政复议 行政诉讼", "未经复议直接起诉 复议后起诉",
        "结 结 其 尚 总 结 结 其 尚 总 结 结 其 尚 总", "果 果 他 未 计 果 果 他 未 计 果 果 他 未 计",
        "维 纠 结 审 维 纠 结 审 维 纠 结 审", "持 正 果 结 持 正 果 结 持 正 果 结",
        "1 0 0 0 1 2 0 1 0 3 0 0 0 0 0"))
    assert result.fields["reconsideration.total"] == 1
    assert result.fields["litigation.direct.upheld"] == 2 and result.fields["litigation.direct.total"] == 3
    assert result.fields["litigation.after_reconsideration.total"] == 0
    assert 3 in result.tables_found


def test_pdf_text_rows_with_wrapped_labels() -> None:
    result = extract_tables(text_doc(
        *T2_HEADER, "（二）部分公开（区分处理的", "，只计这一情形，不计其他情形） 1 0 0 0 0 0 1",
        "（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0", "自然人 商业 企业"))
    assert result.fields["outcomes.partial.total"] == 1
    assert result.fields["outcomes.withheld.state_secret.total"] == 0


def test_real_table_with_merged_headers_spans_and_page_break() -> None:
    header = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "", "申请人情况", "", "", "", "", "", ""],
              ["", "", "", "自然\n人", "法人或其他组织", "", "", "", "", "总计"],
              ["", "", "", "", "商业\n企业", "科研\n机构", "社会\n公益\n组织", "法律\n服务\n机构", "其他", ""],
              ["一、本年新收政府信息公开申请数量", "", "", "11", "2", "", "0", "0", "0", "13"]]
    continued = [["", "（七）总计", "", "11", "2", "0", "0", "0", "0", "13"],
                 ["3", "", "", "", "", "", "", "", "", ""]]  # page number inside the table
    doc = Document("x.pdf", "pdf", [Block.table(header, 1), Block.paragraph("- 2 -", 1), Block.table(continued, 2)])
    result = extract_tables(doc)
    assert result.fields["applications.new.research"] == 0 and result.fields["applications.new.total"] == 13
    assert result.fields["outcomes.total.commercial"] == 2
    assert result.evidence["outcomes.total.total"].page == 2


def test_table3_real_grid_by_position() -> None:
    rows = [["行政复议", "", "", "", "", "行政诉讼", "", "", "", "", "", "", "", "", ""],
            ["结果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计", "未经复议直接起诉", "", "", "", "",
             "复议后起诉", "", "", "", ""],
            ["", "", "", "", ""] + ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2,
            ["1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "", "", "", "", "2"]]
    result = extract_tables(table_doc(rows))
    assert result.fields["reconsideration.upheld"] == 1
    assert result.fields["litigation.after_reconsideration.total"] == 2
    assert result.fields["litigation.after_reconsideration.upheld"] == 0


def test_stated_subtotal_row_is_kept() -> None:
    result = extract_tables(text_doc(*T2_HEADER, "（三）不予公开 | 2 | 0 | 0 | 0 | 0 | 0 | 2",
                                     "1.属于国家秘密 | 2 | 0 | 0 | 0 | 0 | 0 | 2"))
    assert result.fields["outcomes.withheld.total"] == 2
    assert result.fields["outcomes.withheld.state_secret.total"] == 2


def test_no_template_for_prose_and_headings_only_report() -> None:
    assert extract_tables(text_doc("本年度共收到政府信息公开申请23件。", "行政许可")).template is None
    headings = extract_tables(text_doc("依据国办公开办函〔2021〕30号编制。", "三、收到和处理政府信息公开申请情况",
                                       "四、政府信息公开行政复议、行政诉讼情况"))
    assert headings.template == "2021" and not headings.tables_found
    by_year = extract_tables(text_doc("某县2020年政府信息公开工作年度报告", *T2_HEADER,
                                      "一、本年新收政府信息公开申请数量 | 1 | 0 | 0 | 0 | 0 | 0 | 1"))
    assert by_year.template == "2019"


# -- labelled pairs: one line per row, each figure after its column label -------------------

def test_labelled_pairs_rows_fill_cells_by_label_and_find_every_table() -> None:
    result = extract_tables(text_doc(
        "某区某局2021年度政府信息公开工作年度报告", "二、主动公开政府信息情况",
        "规章：本年制发件数 /，本年废止件数 /，现行有效件数 /",
        "行政规范性文件：现行有效件数 3，本年制发件数 1",  # order of the template not needed
        "行政许可：本年处理决定数量 2316",
        "行政事业性收费：本年收费金额（单位：万元） 1.5",
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量：自然人 5，商业企业 1，科研机构 0，社会公益组织 0，法律服务机构 0，其他 0，总计 6",
        "本年度办理结果—（三）不予公开—1.属于国家秘密：总计 0，自然人 0",
        "本年度办理结果—（六）其他处理—3.其他：其他 2，总计 2",
        "本年度办理结果—（七）总计：自然人 5，合计 6",
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议：结果维持 1，结果纠正 0，其他结果 0，尚未审结 0，总计 1",
        "行政诉讼（未经复议直接起诉）：结果维持 0，总计 2",
        "行政诉讼（复议后起诉）总计 0"))
    assert result.template == "2021" and result.tables_found == {1, 2, 3}
    assert not any(k.startswith("rules.") for k in result.fields)  # '/' is not applicable
    assert (result.fields["normative_docs.in_force"], result.fields["normative_docs.issued"]) == (3, 1)
    assert "normative_docs.repealed" not in result.fields  # not written: not stated, not 0
    assert result.fields["licensing.decisions"] == 2316 and result.fields["fees.amount_10k_yuan"] == 1.5
    assert result.fields["applications.new.commercial"] == 1 and result.fields["applications.new.total"] == 6
    assert result.fields["outcomes.withheld.state_secret.natural_person"] == 0
    assert (result.fields["outcomes.other.misc.other_org"], result.fields["outcomes.other.misc.total"]) == (2, 2)
    assert (result.fields["outcomes.total.natural_person"], result.fields["outcomes.total.total"]) == (5, 6)
    assert "outcomes.total.commercial" not in result.fields
    assert result.fields["reconsideration.upheld"] == 1 and result.fields["reconsideration.total"] == 1
    assert result.fields["litigation.direct.total"] == 2 and "litigation.direct.corrected" not in result.fields
    assert result.fields["litigation.after_reconsideration.total"] == 0
    evidence = result.evidence["applications.new.total"]
    assert (evidence.table, evidence.column, evidence.text) == (2, "总计", "6")
    assert evidence.row == "一、本年新收政府信息公开申请数量"


@pytest.mark.parametrize("line, expected", [
    ("本年新收政府信息公开申请数量:自然人 4,商业企业 1,合计 5", {"natural_person": 4, "commercial": 1, "total": 5}),
    ("一、本年新收政府信息公开申请数量 自然人4 其他组织1 总计5", {"natural_person": 4, "other_org": 1, "total": 5}),
    ("本年新收申请数量；自然人：4；社会公益 组织：0；总计：4", {"natural_person": 4, "public_interest": 0, "total": 4}),
    ("一、本年新收政府信息公开申请数量：自然人 4件、法律服务机构 0件、总计 4件。",
     {"natural_person": 4, "legal_service": 0, "total": 4}),
], ids=["half-width", "spaces-glued", "semicolons-colons", "units-and-full-stop"])
def test_labelled_pairs_separators_and_column_variants(line: str, expected: dict[str, int]) -> None:
    result = extract_tables(text_doc("三、收到和处理政府信息公开申请情况", line))
    assert result.fields == {f"applications.new.{k}": v for k, v in expected.items()}
    assert 2 in result.tables_found


@pytest.mark.parametrize("label, stem", [
    ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "outcomes.partial"),
    ("本年度办理结果—(二)部分公开", "outcomes.partial"),
    ("本年度办理结果-（三）不予公开-3.危及\"三安全一稳定\"", "outcomes.withheld.security_stability"),
    ("（四）无法提供—不掌握相关政府信息", "outcomes.unavailable.not_held"),
    ("（六）其他处理—1.申请人无正当理由逾期不补正，行政机关不再处理其政府信息公开申请", "outcomes.other.overdue_correction"),
    ("结转下年度继续办理", "applications.carried_forward"),
])
def test_labelled_pairs_row_label_variants(label: str, stem: str) -> None:
    result = extract_tables(text_doc("三、收到和处理政府信息公开申请情况", f"{label}：自然人 2，总计 2"))
    assert result.fields == {f"{stem}.natural_person": 2, f"{stem}.total": 2}


def test_labelled_pairs_table3_group_prefixed_columns() -> None:
    result = extract_tables(text_doc(
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议结果维持 1，结果纠正 0，总计 1；直接起诉结果维持 0，未审结 2，直接起诉合计 2",
        "行政诉讼（复议后起诉）总计 0，行政诉讼（复议后起诉）尚未审结 0"))
    assert result.fields == {"reconsideration.upheld": 1, "reconsideration.corrected": 0, "reconsideration.total": 1,
                             "litigation.direct.upheld": 0, "litigation.direct.pending": 2,
                             "litigation.direct.total": 2, "litigation.after_reconsideration.total": 0,
                             "litigation.after_reconsideration.pending": 0}
    assert result.tables_found == {3}


def test_labelled_pairs_2019_signed_change_and_yuan() -> None:
    result = extract_tables(text_doc(
        "某县某局2020年政府信息公开工作年度报告",
        "行政许可：上一年项目数量 25，本年增/减 -8，处理决定数量 0",
        "其他对外管理服务事项：本年增减 +2",
        "政府集中采购：采购项目数量 2、采购总金额 251000元"))
    assert result.template == "2019" and 1 in result.tables_found
    assert result.fields["licensing.items_change"] == -8 and result.fields["licensing.decisions"] == 0
    assert result.fields["other_services.items_change"] == 2
    assert result.fields["procurement.amount_10k_yuan"] == pytest.approx(25.1)


def test_labelled_pairs_in_a_one_column_real_table() -> None:
    result = extract_tables(table_doc([["行政处罚：本年处理决定数量 408"], ["行政强制：本年处理决定数量 12"]]))
    assert (result.fields["penalty.decisions"], result.fields["coercion.decisions"]) == (408, 12)


@pytest.mark.parametrize("line", [
    "本年新收政府信息公开申请数量6件，较上年增加2件",
    "本年新收政府信息公开申请数量 6 件，较上年增加 2 件",
    "本年新收政府信息公开申请数量：6件，其中自然人5件，商业企业1件",
    "一、本年新收政府信息公开申请数量6件",
    "行政许可：本年处理决定数量较上年增加 5",
    "全年办理行政许可2316件，行政处罚408件",
    "行政复议1件，结果维持",
])
def test_prose_with_a_row_label_and_figures_is_no_table_row(line: str) -> None:
    """Figures in prose carry no column label and sit in no table: they fill no cell, neither
    in the overview nor right before a table whose header is known."""
    overview = extract_tables(text_doc("一、总体情况", line, "二、主动公开政府信息情况"))
    assert overview.fields == {} and not overview.tables_found
    before_table = extract_tables(text_doc("三、收到和处理政府信息公开申请情况", *T2_HEADER, line,
                                           "（一）予以公开 | 1 | 0 | 0 | 0 | 0 | 0 | 1"))
    assert set(before_table.fields) == {f"outcomes.disclosed.{c}" for c in
                                        ("natural_person", "commercial", "research", "public_interest",
                                         "legal_service", "other_org", "total")}


@pytest.mark.parametrize("template", ["2021", "2019"])
@pytest.mark.parametrize("label, stem", [
    ("（三）不予公开1.属于国家秘密", "outcomes.withheld.state_secret"),
    ("（四）无法提供—2.没有现成信息需要另行制作", "outcomes.unavailable.needs_creation"),
    ("（五）不予处理 2.重复申请", "outcomes.not_processed.duplicate"),
    ("（三）不予公开", "outcomes.withheld"),
])
def test_group_label_run_into_its_sub_row_label(template: str, label: str, stem: str) -> None:
    from corpus_tool.tables.lexicon import lexicon

    row = lexicon(template).match_row(label)
    assert row is not None and row.stem == stem


T3_ROWS = [("行政复议", ["2", "0", "1", "0", "3"]),
           ("行政诉讼（未经复议直接起诉）", ["0", "0", "0", "1", "1"]),
           ("复议后起诉", ["0", "", "0", "0", "0"])]
T3_TRANSPOSED = {"reconsideration.upheld": 2, "reconsideration.other": 1, "reconsideration.total": 3,
                 "litigation.direct.pending": 1, "litigation.direct.total": 1,
                 "litigation.after_reconsideration.corrected": 0, "litigation.after_reconsideration.total": 0}


def _t3_fields(result) -> dict[str, float | int]:  # type: ignore[no-untyped-def]
    return {k: v for k, v in result.fields.items() if k.startswith(("reconsideration", "litigation"))}


def test_table3_transposed_real_table_groups_as_rows() -> None:
    rows = [["类别", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]] + [[label] + cells for label, cells in T3_ROWS]
    result = extract_tables(Document("x.docx", "docx", [Block.paragraph("四、政府信息公开行政复议、行政诉讼情况"),
                                                       Block.table(rows, 1)]))
    fields = _t3_fields(result)
    assert len(fields) == 15 and 3 in result.tables_found
    assert fields.items() >= T3_TRANSPOSED.items()
    evidence = result.evidence["litigation.direct.pending"]
    assert (evidence.row, evidence.column) == ("行政诉讼（未经复议直接起诉）", "行政诉讼（未经复议直接起诉） > 尚未审结")


@pytest.mark.parametrize("layout", ["pipes", "tabs", "spaces", "cells"])
def test_table3_transposed_flattened_columns_read_by_their_labels(layout: str) -> None:
    order = [4, 2, 0, 3, 1]  # 总计 first: a column of tables 2 and 3, here table 3's by its neighbours
    header = ["", "总计", "其他结果", "结果维持", "尚未审结", "结果纠正"]
    lines = ["（七）总计 | 1 | 0 | 0 | 0 | 0 | 0 | 1", "四、政府信息公开行政复议、行政诉讼情况"]
    body = [header] + [[label] + [cells[i] for i in order] for label, cells in T3_ROWS]
    for row in body:
        if layout == "pipes":
            lines.append(" | ".join(row) + " |")
        elif layout == "tabs":
            lines.append("\t".join(row))
        elif layout == "spaces":
            lines.append(" ".join([row[0]] + [cell or "0" for cell in row[1:]]).strip())
        else:
            lines.extend(row[1:] if not row[0] else row)
    fields = _t3_fields(extract_tables(text_doc(*lines)))
    assert len(fields) == 15 and fields.items() >= T3_TRANSPOSED.items()


def test_table3_transposed_under_a_merged_litigation_cell() -> None:
    rows = [["项目", "", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"],
            ["行政复议", "", "1", "0", "0", "0", "1"],
            ["行政诉讼", "直接起诉", "0", "2", "0", "0", "2"],
            ["行政诉讼", "复议后起诉", "0", "0", "0", "3", "3"]]
    fields = _t3_fields(extract_tables(table_doc(rows)))
    assert fields["reconsideration.upheld"] == 1 and fields["litigation.direct.corrected"] == 2
    assert fields["litigation.after_reconsideration.pending"] == 3 and len(fields) == 15


def test_table3_group_label_without_result_header_is_no_row() -> None:
    result = extract_tables(text_doc("四、政府信息公开行政复议、行政诉讼情况", "行政复议 2 0 1 0 3"))
    assert not _t3_fields(result)


T3_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
T3_GROUP_IDS = ["reconsideration", "litigation.direct", "litigation.after_reconsideration"]
T3_RESULT_IDS = ["upheld", "corrected", "other", "pending", "total"]


def _t3_split_blocks(values: list[str], split: int, label_column: bool,
                     vertical: bool) -> list[Block]:
    """Table 3 broken by a page break after header row `split` (1: the group row, 2: both group
    rows): the part above the break read with its own column count (3 merged columns), the rest
    (the result headers, perhaps one character per line, and the figures) 15 columns wide."""
    lead = [""] if label_column else []
    top = [lead + ["行政复议", "行政诉讼", ""], lead + ["", "未经复议直接起诉", "复议后起诉"]]
    wide_groups = lead + [""] * 5 + ["未经复议直接起诉"] + [""] * 4 + ["复议后起诉"] + [""] * 4
    results = ["\n".join(r) if vertical else r for r in T3_RESULTS] * 3
    rest = ([wide_groups] if split == 1 else []) + [lead + results, lead + values]
    return [Block.paragraph("四、政府信息公开行政复议、行政诉讼情况", 1), Block.table(top[:split], 1),
            Block.paragraph("- 3 -", 1), Block.table(rest, 2)]


@pytest.mark.parametrize("split", [1, 2])
@pytest.mark.parametrize("label_column", [False, True])
@pytest.mark.parametrize("vertical", [False, True])
def test_table3_header_split_across_a_page_break_maps_by_group(split: int, label_column: bool,
                                                                vertical: bool) -> None:
    """The group header rows on one page, the result headers and figures on the next: each
    figure goes to the group above its column, in the group header's order, never shifted."""
    values = ["1", "1", "0", "0", "2", "0", "0", "0", "1", "1", "0", "0", "0", "0", "0"]
    result = extract_tables(Document("x.pdf", "pdf", _t3_split_blocks(values, split, label_column, vertical)))
    expected = {f"{g}.{c}": int(v) for (g, c), v in
                zip([(g, c) for g in T3_GROUP_IDS for c in T3_RESULT_IDS], values)}
    assert _t3_fields(result) == expected
    assert 3 in result.tables_found
    assert result.evidence["litigation.direct.total"].page == 2
