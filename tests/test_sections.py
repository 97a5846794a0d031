"""Sections stage: heading shapes, heading wordings, requirements, checklists.

Protocol: the wordings in `UNSEEN_HEADINGS` are not in rules/sections.yaml (a test checks
that), so they measure the fallback (keywords, bigram similarity), not the data. Reports
with a section removed, emptied or swapped are generated from `template_2021()`, a
report laid out as the 2021 template prescribes.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus_tool.model import Block, Document
from corpus_tool.rules import RULES_DIR, load_csv, load_yaml
from corpus_tool.sections import (ChecklistError, SectionResult, _template_rules, checklist_items,
                                  cn_number, find_sections)

ROOT = Path(__file__).resolve().parent.parent
ALL_2021 = ["overview", "proactive", "applications", "review_litigation", "problems", "other"]

TABLE_1 = [["第二十条第（一）项", "", "", ""], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
           ["规章", "0", "0", "0"], ["行政规范性文件", "2", "1", "15"]]
TABLE_2 = [["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "申请人情况"],
           ["一、本年新收政府信息公开申请数量", "", "3"], ["二、上年结转政府信息公开申请数量", "", "0"],
           ["三、本年度办理结果", "（一）予以公开", "2"], ["四、结转下年度继续办理", "", "1"]]
TABLE_3 = [["行政复议", "", "行政诉讼"], ["结果维持", "结果纠正", "总计"], ["0", "0", "0"]]


def template_2021(*, government: bool = False) -> list[tuple[str, list[Block]]]:
    """A 2021-template report as (section id, blocks) parts, the title part first."""
    overview = [
        Block.paragraph("一、总体情况"),
        Block.paragraph("2022年，我局坚持以公开为常态、不公开为例外，推进政府信息公开。"),
        Block.paragraph("（一）主动公开情况"),
        Block.paragraph("全年通过门户网站主动公开政府信息326条。"),
        Block.paragraph("（二）依申请公开情况"),
        Block.paragraph("全年新收政府信息公开申请3件，均按期答复。"),
        Block.paragraph("（三）政府信息管理情况"),
        Block.paragraph("落实公开属性源头认定。"),
        Block.paragraph("（四）平台建设情况"),
        Block.paragraph("优化网站栏目。"),
    ]
    if government:
        overview += [Block.paragraph("（五）监督保障情况"), Block.paragraph("将政务公开纳入年度目标考核。")]
    return [
        ("title", [Block.paragraph("某县某局2022年政府信息公开工作年度报告"),
                   Block.paragraph("本报告依据《中华人民共和国政府信息公开条例》编制，包括总体情况、主动公开政府信息情况、"
                                   "收到和处理政府信息公开申请情况等六个部分。")]),
        ("overview", overview),
        ("proactive", [Block.paragraph("二、主动公开政府信息情况"), Block.table(TABLE_1)]),
        ("applications", [Block.paragraph("三、收到和处理政府信息公开申请情况"), Block.table(TABLE_2)]),
        ("review_litigation", [Block.paragraph("四、政府信息公开行政复议、行政诉讼情况"), Block.table(TABLE_3)]),
        ("problems", [Block.paragraph("五、存在的主要问题及改进情况"),
                      Block.paragraph("一是政策解读形式单一；二是栏目更新不及时。下一步将建立更新台账。")]),
        ("other", [Block.paragraph("六、其他需要报告的事项"), Block.paragraph("本年度未收取信息处理费。")]),
    ]


def make_doc(parts: list[tuple[str, list[Block]]] | list[Block] | list[str]) -> Document:
    blocks: list[Block] = []
    for part in parts:
        if isinstance(part, str):
            blocks.append(Block.paragraph(part))
        elif isinstance(part, Block):
            blocks.append(part)
        else:
            blocks.extend(part[1])
    return Document(path="test.txt", format="txt", blocks=blocks)


def lines_doc(text: str) -> Document:
    """A txt-like document: every line is a block."""
    return make_doc([line for line in text.strip().splitlines()])


# ----------------------------------------------------------------- whole reports


def test_template_report_is_complete() -> None:
    result = find_sections(make_doc(template_2021()), "2021", tables_found={1, 2, 3})
    assert result.present == ALL_2021
    assert result.missing == [] and result.empty == [] and result.out_of_order == []
    assert result.tables_missing == []
    assert result.evidence["review_litigation"].text == "四、政府信息公开行政复议、行政诉讼情况"
    assert result.evidence["review_litigation"].source == "heading"


def test_spans_give_the_block_of_each_heading() -> None:
    doc = make_doc(template_2021())
    result = find_sections(doc, "2021")
    spans = dict((section, block) for block, section in result.spans)
    for section in ALL_2021:
        assert doc.blocks[spans[section]].text == result.evidence[section].text


def test_section_removed_is_missing_with_evidence_before_gap() -> None:
    parts = [p for p in template_2021() if p[0] != "review_litigation"]
    result = find_sections(make_doc(parts), "2021")
    assert result.missing == ["review_litigation"]
    assert "review_litigation" not in result.present
    evidence = result.evidence["review_litigation"]
    assert evidence.text == "三、收到和处理政府信息公开申请情况"
    assert "missing" in evidence.flags


def test_renumbered_report_with_section_removed() -> None:
    """Headings renumbered after the removal (四、存在的主要问题…): still only one missing."""
    parts = [p for p in template_2021() if p[0] != "review_litigation"]
    renumbered = [(name, [Block.paragraph(b.text.replace("五、", "四、", 1).replace("六、", "五、", 1))
                          if b.kind == "paragraph" else b for b in blocks]) for name, blocks in parts]
    result = find_sections(make_doc(renumbered), "2021")
    assert result.missing == ["review_litigation"]
    assert result.present == [s for s in ALL_2021 if s != "review_litigation"]


def test_first_section_removed_evidence_points_after() -> None:
    parts = [p for p in template_2021() if p[0] != "overview"]
    result = find_sections(make_doc(parts), "2021")
    assert result.missing == ["overview"]
    assert result.evidence["overview"].flags == ["missing", "before"]
    assert result.evidence["overview"].text.startswith("二、主动公开")


def test_empty_section() -> None:
    parts = [(name, blocks[:1]) if name == "problems" else (name, blocks) for name, blocks in template_2021()]
    result = find_sections(make_doc(parts), "2021")
    assert result.empty == ["problems"]
    assert "problems" in result.present and result.missing == []


def test_heading_followed_by_wu_is_not_empty() -> None:
    parts = [(name, [blocks[0], Block.paragraph("无。")]) if name == "other" else (name, blocks)
             for name, blocks in template_2021()]
    result = find_sections(make_doc(parts), "2021")
    assert "other" in result.present and result.empty == []


def test_last_heading_with_nothing_after_is_empty() -> None:
    parts = [(name, blocks[:1]) if name == "other" else (name, blocks) for name, blocks in template_2021()]
    assert find_sections(make_doc(parts), "2021").empty == ["other"]


@pytest.mark.parametrize("renumber", [False, True], ids=["numbers_kept", "renumbered"])
def test_swapped_sections_are_out_of_order(renumber: bool) -> None:
    parts = template_2021()
    parts[-1], parts[-2] = parts[-2], parts[-1]  # 六 before 五
    if renumber:
        for name, number in (("other", "五、"), ("problems", "六、")):
            blocks = dict(parts)[name]
            blocks[0] = Block.paragraph(number + blocks[0].text[2:])
    result = find_sections(make_doc(parts), "2021")
    assert result.present == ALL_2021 and result.missing == []
    assert result.out_of_order in (["other"], ["problems"])
    assert result.empty == []


def test_headings_without_tables_flag_missing_tables() -> None:
    """d19: headings 二–四 kept, tables gone: present, empty, and tables 1-3 missing."""
    parts = [(name, blocks[:1]) if name in ("proactive", "applications", "review_litigation") else (name, blocks)
             for name, blocks in template_2021()]
    result = find_sections(make_doc(parts), "2021", tables_found=set())
    assert result.present == ALL_2021
    assert result.tables_missing == ["1", "2", "3"]
    assert result.empty == ["proactive", "applications", "review_litigation"]


def test_tables_missing_only_for_present_sections() -> None:
    """d10: no review section and no table 3: the section is missing, not its table."""
    parts = [p for p in template_2021() if p[0] != "review_litigation"]
    result = find_sections(make_doc(parts), "2021", tables_found={1, 2})
    assert result.tables_missing == []
    assert find_sections(make_doc(template_2021()), "2021", tables_found={1, 2}).tables_missing == ["3"]
    assert find_sections(make_doc(template_2021()), "2021", tables_found=None).tables_missing == []


@pytest.mark.parametrize("template", ["none", "unknown"])
def test_no_template_gives_empty_result(template: str) -> None:
    assert find_sections(make_doc(template_2021()), template) == SectionResult()


# ----------------------------------------------------------------- heading shapes

SHAPES = {
    "cn_numbered": """
一、总体情况
本年度工作概况。
二、主动公开政府信息情况
三、收到和处理政府信息公开申请情况
四、政府信息公开行政复议、行政诉讼情况
五、存在的主要问题及改进情况
六、其他需要报告的事项
""",
    "part_numbered": """
第一部分 总体情况
本年度工作概况。
第二部分 主动公开政府信息情况
第三部分 收到和处理政府信息公开申请情况
第四部分 政府信息公开行政复议、行政诉讼情况
第五部分 存在的主要问题及改进情况
第六部分 其他需要报告的事项
""",
    "paren_cn_top_level": """
（一）总体情况
本年度工作概况。
（二）主动公开政府信息情况
（三）收到和处理政府信息公开申请情况
（四）政府信息公开行政复议、行政诉讼情况
（五）存在的主要问题及改进情况
（六）其他需要报告的事项
""",
    "halfwidth_paren": """
(一)总体情况
本年度工作概况。
(二)主动公开政府信息情况
(三)收到和处理政府信息公开申请情况
(四)政府信息公开行政复议、行政诉讼情况
(五)存在的主要问题及改进情况
(六)其他需要报告的事项
""",
    "arabic_top_level": """
1.总体情况
本年度工作概况。
2.主动公开政府信息情况
3.收到和处理政府信息公开申请情况
4.政府信息公开行政复议、行政诉讼情况
5.存在的主要问题及改进情况
6.其他需要报告的事项
""",
    "fullwidth_digits": """
１．总体情况
本年度工作概况。
２．主动公开政府信息情况
３．收到和处理政府信息公开申请情况
４．政府信息公开行政复议、行政诉讼情况
５．存在的主要问题及改进情况
６．其他需要报告的事项
""",
    "unnumbered": """
某局2022年政府信息公开工作年度报告
总体情况
本年度工作概况。
主动公开政府信息情况
收到和处理政府信息公开申请情况
政府信息公开行政复议、行政诉讼情况
存在的主要问题及改进情况
其他需要报告的事项
""",
    "traditional": """
一、總體情況
本年度工作概況。
二、主動公開政府信息情況
三、收到和處理政府信息公開申請情況
四、政府信息公開行政復議、行政訴訟情況
五、存在的主要問題及改進情況
六、其他需要報告的事項
""",
    "flattened_pdf": """
一、总体 情况
本年度工作概况。
二、主动公开政府信息 情况
三、收到和处理政府信息公开申请情
况
四、政府信息公开行政复议、行政诉讼情况
五、存在的 主要问题及改进情况
六、其他需要报告的事项
""",
    "content_on_heading_line": """
一、总体情况：本年度工作概况。
二、主动公开政府信息情况。全年主动公开信息120条。
三、收到和处理政府信息公开申请情况 全年收到申请2件。
四、政府信息公开行政复议、行政诉讼情况本年度未发生行政复议和行政诉讼。
五、存在的主要问题及改进情况：信息更新不够及时。
六、其他需要报告的事项：无。
""",
}


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_heading_shapes(shape: str) -> None:
    result = find_sections(lines_doc(SHAPES[shape]), "2021")
    assert result.present == ALL_2021, [h.text for h in result.headings]
    assert result.missing == []


def test_one_line_report_run_in_headings() -> None:
    """Seeds 000/002: a whole report on one line, headings run into the text."""
    line = ("2023年某局政府信息公开工作年度报告 本年度报告由概述、主动公开政府信息状况、依申请公开政府信息状况等部分组成。"
            "现将情况报告如下: 一、概述 年,我局认真贯彻条例,完善工作机制。 (一)建立健全工作机制 成立领导小组。"
            " 二、主动公开政府信息的状况 全年公开信息1200条。 三、依申请公开政府信息状况 收到申请26条。"
            " (三)询问处理状况 接受询问200人次。 四、政府信息公开收费和减免状况 未收取费用。"
            " 五、行政复议和行政诉讼及申诉状况 未发生行政复议和行政诉讼。 六、主要问题及改进措施 一是渠道有待拓展。")
    doc = make_doc([line])
    result = find_sections(doc, "legacy")
    assert result.present == ["overview", "proactive", "applications", "fees", "review_litigation", "problems"]
    assert result.missing == [] and result.empty == []
    assert [h.number for h in result.headings] == [1, 2, 3, 4, 5, 6]
    assert all(block == 0 for block, _ in result.spans)
    assert result.evidence["fees"].text == "四、政府信息公开收费和减免状况"


def test_one_line_report_with_section_missing() -> None:
    line = ("现将情况报告如下: 一、概述 我局完善工作机制。 二、主动公开政府信息情况 全年公开信息1200条。"
            " 三、依申请公开政府信息情况 收到申请26条。 四、因政府信息公开申请行政复议、提起行政诉讼的情况 未发生。"
            " 五、存在的主要问题及改进情况 一是渠道有待拓展。")
    result = find_sections(make_doc([line]), "legacy")
    assert result.missing == ["fees"]


def test_heading_in_first_cell_of_table_row() -> None:
    """Some pages lay the whole report out in a table, one heading per row."""
    rows = [["一、总体情况", ""], ["本年度工作概况。", ""], ["二、主动公开政府信息情况", ""],
            ["三、收到和处理政府信息公开申请情况", ""], ["四、政府信息公开行政复议、行政诉讼情况", ""],
            ["五、存在的主要问题及改进情况", ""], ["内容", ""], ["六、其他需要报告的事项", ""], ["无", ""]]
    result = find_sections(make_doc([Block.table(rows)]), "2021")
    assert result.present == ALL_2021


def test_table_rows_numbered_like_headings_are_not_headings() -> None:
    """Table 2 numbers its rows 一、…四、; one cell per line they look like headings."""
    text = SHAPES["cn_numbered"].replace(
        "四、政府信息公开行政复议、行政诉讼情况\n",
        "一、本年新收政府信息公开申请数量\n3\n二、上年结转政府信息公开申请数量\n0\n三、本年度办理结果\n"
        "（一）予以公开\n2\n四、结转下年度继续办理\n1\n")
    result = find_sections(lines_doc(text), "2021")
    assert result.missing == ["review_litigation"]
    assert [h.number for h in result.headings] == [1, 2, 3, 5, 6]


def test_sub_headings_reusing_section_words_do_not_count() -> None:
    """（二）依申请公开情况 / 3.依申请公开办理情况 inside the overview are not section 三."""
    text = """
一、总体情况
1.组织领导
成立领导小组。
2.主动公开情况
全年公开信息20条。
3.依申请公开办理情况
接到申请1件。
（四）政府信息公开行政复议、行政诉讼情况
未发生。
二、主动公开政府信息情况
三、存在的主要问题及改进情况
人员不足。
四、其他需要报告的事项
无。
"""
    result = find_sections(lines_doc(text), "2021")
    assert result.missing == ["applications", "review_litigation"]
    assert result.present == ["overview", "proactive", "problems", "other"]


def test_enumeration_inside_text_is_not_a_heading() -> None:
    text = SHAPES["cn_numbered"].replace("本年度工作概况。", "主要做法：一、健全制度；二、加强培训；三、强化考核。")
    assert find_sections(lines_doc(text), "2021").present == ALL_2021


# ----------------------------------------------------------------- wordings

#: Heading wordings not in rules/sections.yaml, with the section they mean.
UNSEEN_HEADINGS = [
    ("政府信息公开工作情况", "overview"),  # bigram similarity only
    ("政府信息公开工作基本概况", "overview"),
    ("本机关政府信息公开工作总体开展情况", "overview"),
    ("主动公开政府信息工作开展情况", "proactive"),
    ("政府信息主动公开工作落实情况", "proactive"),
    ("政府信息公开申请的收到和处理情况", "applications"),
    ("政府信息依申请公开受理答复情况", "applications"),
    ("因政府信息公开引发的行政复议和行政诉讼情况", "review_litigation"),
    ("行政复议、行政诉讼、举报投诉情况", "review_litigation"),
    ("因政府信息公开申请行政复议、提起行政诉讼、收到举报投诉情况", "review_litigation"),
    ("政府信息公开工作中存在的不足及改进方向", "problems"),
    ("存在的主要问题和下一步工作打算", "problems"),
    ("其他需报告的事项", "other"),
    ("其他相关工作情况", "other"),
    ("依申请提供政府信息收取费用及减免情况", "fees"),
    ("政府信息公开支出与收费", "fees"),
    ("政府信息公开咨询答复情况", "consultation"),
    ("政府信息公开机构设置和工作经费情况", "institution"),
    ("监督保障工作方面", "supervision"),
]


def _ids(title: str) -> list[str]:
    matcher = _template_rules().matcher
    return matcher.ids(matcher.clean(title))


def test_unseen_headings_are_not_in_the_rules() -> None:
    matcher = _template_rules().matcher
    for title, _ in UNSEEN_HEADINGS:
        assert matcher.clean(title) not in matcher.exact, title


@pytest.mark.parametrize("title, expected", UNSEEN_HEADINGS,
                         ids=[f"{expected}-{i}" for i, (_, expected) in enumerate(UNSEEN_HEADINGS)])
def test_unseen_heading_wordings(title: str, expected: str) -> None:
    assert _ids(title)[0] == expected


def test_similarity_fallback_alone() -> None:
    """A wording with no keyword still maps by bigram similarity; nonsense maps to nothing."""
    matcher = _template_rules().matcher
    title = matcher.clean("政府信息公开工作情况")
    assert not any(item.keywords and item.keywords.search(title) for item in matcher.items)
    assert matcher.ids(title) == ["overview"]
    assert matcher.ids(matcher.clean("加强党的建设")) == []


@pytest.mark.parametrize("title, expected", [
    ("依申请公开办理和行政复议、申诉、诉讼情况", ["applications", "review_litigation"]),
    ("主动公开和依申请公开情况", ["applications", "proactive"]),
    ("因政府信息公开申请行政复议、提起行政诉讼的情况", ["review_litigation"]),
    ("依申请公开收费及减免情况", ["fees"]),
    ("政府信息依申请公开及咨询情况", ["applications"]),
    # legacy reports merge neighbouring sections: each conjunct names its own section
    ("政府信息公开收费及减免、行政复议和行政诉讼情况", ["fees", "review_litigation"]),
    ("收费减免与复议诉讼情况", ["fees", "review_litigation"]),
    ("依申请公开以及收费情况", ["applications", "fees"]),
    ("依申请公开和不予公开政府信息的情况", ["applications"]),
    ("因政府信息公开申请行政复议、提起行政诉讼情况", ["review_litigation"]),
])
def test_merged_and_overlapping_headings(title: str, expected: list[str]) -> None:
    assert sorted(_ids(title)) == sorted(expected)


def test_spun_copy_words() -> None:
    """Spun copies replace 情况→状况 and 咨询→询问 (TEMPLATES.md §4)."""
    text = SHAPES["cn_numbered"].replace("情况", "状况")
    assert find_sections(lines_doc(text), "2021").present == ALL_2021
    matcher = _template_rules().matcher
    assert matcher.clean("政府信息公开询问处理状况") == "政府信息公开咨询处理情况"


def test_unnumbered_heading_unseen_in_a_flat_report_is_ignored() -> None:
    """Unnumbered lines must be known headings, or every table label would be one."""
    text = SHAPES["unnumbered"].replace("其他需要报告的事项", "行政复议")
    result = find_sections(lines_doc(text), "2021")
    assert result.missing == ["other"]


# ----------------------------------------------------------------- legacy


LEGACY = """
某县2016年政府信息公开工作年度报告
一、概述
本年度调整领导小组。
二、主动公开政府信息情况
全年主动公开政府信息800条。
三、依申请公开政府信息情况
全年收到申请5件。
四、政府信息公开的收费及减免情况
未收取费用。
五、因政府信息公开申请行政复议、提起行政诉讼的情况
未发生。
六、存在的主要问题及改进措施
更新不及时。
"""


def test_legacy_other_is_optional() -> None:
    result = find_sections(lines_doc(LEGACY), "legacy")
    assert result.present == ["overview", "proactive", "applications", "fees", "review_litigation", "problems"]
    assert result.missing == []
    with_other = find_sections(lines_doc(LEGACY + "七、其他需要报告的事项\n无。"), "legacy")
    assert with_other.present[-1] == "other"


def test_legacy_fees_missing_and_institution_is_extension() -> None:
    text = LEGACY.replace("四、政府信息公开的收费及减免情况\n未收取费用。", "四、政府信息公开机构建设和保障经费情况\n专职人员3人。")
    result = find_sections(lines_doc(text), "legacy")
    assert result.missing == ["fees"]
    assert "institution" in result.extensions and "institution" not in result.present


def test_legacy_merged_headings_cover_both_sections_in_order() -> None:
    """Legacy reports merge sections under one heading: 收费及减免 with 复议诉讼, 依申请公开
    with 不予公开; each merged section is present, empty of nothing, and in order."""
    text = """
某区水务局2015年政府信息公开工作年度报告
一、概述
本年度健全工作机制。
二、主动公开政府信息情况
全年主动公开政府信息640条。
三、依申请公开和不予公开政府信息情况
全年受理申请7件，不予公开1件。
四、政府信息公开收费及减免、行政复议和行政诉讼情况
未收取费用；未发生行政复议和行政诉讼。
五、存在的主要问题及改进措施
公开深度不够。
"""
    result = find_sections(lines_doc(text), "legacy")
    assert result.missing == [] and result.out_of_order == [] and result.empty == []
    assert result.present == ["overview", "proactive", "applications", "fees", "review_litigation", "problems"]
    assert result.evidence["fees"].text == result.evidence["review_litigation"].text \
        == "四、政府信息公开收费及减免、行政复议和行政诉讼情况"


def test_legacy_first_heading_without_keyword_is_overview() -> None:
    text = LEGACY.replace("一、概述", "一、加强组织领导")
    assert "overview" in find_sections(lines_doc(text), "legacy").present


def test_fees_not_judged_in_2021() -> None:
    text = SHAPES["cn_numbered"] + "七、政府信息公开的收费及减免情况\n无。\n"
    result = find_sections(lines_doc(text), "2021")
    assert "fees" not in result.present and "fees" not in result.missing


# ----------------------------------------------------------------- governments


def test_government_needs_supervision() -> None:
    plain = make_doc(template_2021())
    assert find_sections(plain, "2021", is_government=True).extensions_missing == ["supervision"]
    assert find_sections(plain, "2021", is_government=False).extensions_missing == []
    with_heading = find_sections(make_doc(template_2021(government=True)), "2021", is_government=True)
    assert with_heading.extensions_missing == []
    assert with_heading.extensions["supervision"].text == "（五）监督保障情况"
    assert "supervision" not in with_heading.present


def test_government_supervision_by_phrases() -> None:
    parts = template_2021()
    parts[1][1].append(Block.paragraph("全年开展工作考核和社会评议，未发生责任追究情形。"))
    result = find_sections(make_doc(parts), "2021", is_government=True)
    assert result.extensions_missing == []
    assert result.extensions["supervision"].source == "sentence"


# ----------------------------------------------------------------- checklists

CHECKLIST = """
name: 测试检查单
items:
  - id: leadership
    label: 组织领导
    keywords: [领导小组, 组织领导]
    order: 1
  - id: disclosure
    label: 主动公开
    keywords: [主动公开]
    order: 2
  - id: problems
    label: 存在的问题
    keywords: [问题, 不足]
    order: 3
  - id: measures
    label: 整改措施
    keywords: [整改, 改进]
    level: any
  - id: training
    label: 业务培训
    required: false
"""

SELF_INSPECTION = """
某区政府信息公开工作自查报告
现将自查情况报告如下：
一、加强组织领导，确保工作有序开展
成立领导小组。
二、推进主动公开，扩大公开范围
全年公开信息300条。
三、存在的问题
（一）问题
更新不及时。
（二）整改措施
建立台账。
"""


def write(tmp_path: Path, text: str, name: str = "checklist.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_checklist_replaces_template(tmp_path: Path) -> None:
    result = find_sections(lines_doc(SELF_INSPECTION), "none", checklist=write(tmp_path, CHECKLIST))
    assert result.present == ["leadership", "disclosure", "problems", "measures"]
    assert result.missing == []
    assert result.tables_missing == [] and result.extensions == {}


def test_checklist_missing_and_order(tmp_path: Path) -> None:
    swapped = SELF_INSPECTION.replace("一、加强组织领导，确保工作有序开展\n成立领导小组。\n", "").replace(
        "三、存在的问题", "三、存在的问题\n四、加强组织领导\n成立领导小组。\n五、其他")
    result = find_sections(lines_doc(swapped), "2021", checklist=write(tmp_path, CHECKLIST))
    assert "leadership" in result.present
    assert result.out_of_order == ["leadership"]
    without = SELF_INSPECTION.replace("二、推进主动公开，扩大公开范围", "二、其他工作")
    assert find_sections(lines_doc(without), "none", checklist=write(tmp_path, CHECKLIST)).missing == ["disclosure"]


def test_checklist_level_main_ignores_sub_headings(tmp_path: Path) -> None:
    text = CHECKLIST.replace("    level: any\n", "")
    result = find_sections(lines_doc(SELF_INSPECTION), "none", checklist=write(tmp_path, text))
    assert result.missing == ["measures"]


def test_checklist_as_bare_list(tmp_path: Path) -> None:
    path = write(tmp_path, "- id: problems\n  keywords: [问题]\n")
    assert checklist_items(path) == ["problems"]
    assert find_sections(lines_doc(SELF_INSPECTION), "none", checklist=path).present == ["problems"]


@pytest.mark.parametrize("text, message", [
    ("items: []\n", "non-empty `items`"),
    ("items:\n  - label: 无编号\n", "needs an `id`"),
    ("items:\n  - id: a\n    label: x\n    colour: red\n", "unknown keys"),
    ("items:\n  - id: a\n    keywords: ['(unclosed']\n", "bad pattern"),
    ("items:\n  - id: a\n    label: x\n  - id: a\n    label: y\n", "duplicate id"),
    ("items:\n  - id: a\n", "label"),
    ("items:\n  - id: a\n    label: x\n    order: first\n", "order must be a number"),
    ("items:\n  - id: a\n    label: x\n    level: top\n", "level must be"),
    ("items: [\n", "not valid YAML"),
])
def test_bad_checklist_is_reported(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ChecklistError, match=message):
        find_sections(lines_doc(SELF_INSPECTION), "none", checklist=write(tmp_path, text))


def test_missing_checklist_file(tmp_path: Path) -> None:
    with pytest.raises(ChecklistError, match="cannot read"):
        checklist_items(tmp_path / "absent.yaml")


def test_shipped_example_checklist() -> None:
    path = RULES_DIR / "checklists" / "self_inspection.yaml"
    assert "problems" in checklist_items(path)
    result = find_sections(lines_doc(SELF_INSPECTION), "none", checklist=str(path))
    assert result.present[:2] == ["organisation", "proactive"]
    assert "problems" in result.present and "measures" in result.present
    assert result.missing == []


def test_checklist_doc_example_is_valid(tmp_path: Path) -> None:
    """The example in docs/checklist.md must load."""
    text = (ROOT / "docs" / "checklist.md").read_text(encoding="utf-8")
    block = text.split("```yaml\n", 1)[1].split("```", 1)[0]
    assert checklist_items(write(tmp_path, block)) == ["organisation"]


# ----------------------------------------------------------------- rules data


def test_rules_ids_exist_in_spec() -> None:
    spec_ids = {row["section_id"] for row in load_csv("spec/sections.csv")}
    data = load_yaml("sections.yaml")
    assert set(data["sections"]) <= spec_ids
    for name, spec in data["templates"].items():
        assert set(spec["order"]) | set(spec["required"]) | set(spec["government"]) <= set(data["sections"]), name


def test_rules_seed_every_spec_variant() -> None:
    matcher = _template_rules().matcher
    for row in load_csv("spec/sections.csv"):
        for variant in row["heading_variants_zh"].split("|"):
            assert matcher.exact.get(matcher.clean(variant)) == row["section_id"], variant


def test_required_ids_follow_labels() -> None:
    templates = _template_rules().templates
    assert list(templates["2021"].required) == ALL_2021
    assert list(templates["2019"].required) == ALL_2021
    assert list(templates["legacy"].required) == ["overview", "proactive", "applications", "fees",
                                                  "review_litigation", "problems"]


@pytest.mark.parametrize("text, value", [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20),
                                         ("二十三", 23), ("7", 7), ("", None), ("十十", None)])
def test_cn_number(text: str, value: int | None) -> None:
    assert cn_number(text) == value


# ----------------------------------------------------------------- dev corpus (txt files)


def _gold_txt() -> list[dict]:
    rows = []
    for corpus in ("dev", "seeds"):
        base = ROOT / "corpora" / corpus
        for line in (base / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            if gold["file"].endswith(".txt") and gold["format"] != "none":
                rows.append({**gold, "path": str(base / gold["file"])})
    return rows


@pytest.mark.parametrize("gold", _gold_txt(), ids=lambda g: Path(g["file"]).name[:24])
def test_dev_txt_reports_match_gold(gold: dict) -> None:
    from corpus_tool.ingest import read_document
    from corpus_tool.normalize import normalize

    result = find_sections(normalize(read_document(gold["path"])), gold["format"])
    assert result.present == gold["sections_present"]
    assert result.missing == gold["sections_missing"]
