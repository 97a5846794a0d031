"""Narrative figures: every rules example gives its value, and the traps give nothing.

Examples come from the phrases files themselves (rules/phrases/*.yaml), so a pattern
edited without its examples fails here; the traps below are the hard cases of
LABELS.md written as single sentences.
"""
from __future__ import annotations

import pytest

from corpus_tool.model import Block, Document
from corpus_tool.narrative import (confirmed, context_rules, context_verdict, extract_narrative,
                                   find_candidates, phrase_rules)
from corpus_tool.rules import field_keys
from corpus_tool.train import load_model


def narrative(*sentences: str) -> dict[str, float]:
    doc = Document("t.txt", "txt", [Block.paragraph(s) for s in sentences])
    return extract_narrative(doc, "legacy").fields


def flags(sentence: str, key: str) -> list[str]:
    doc = Document("t.txt", "txt", [Block.paragraph(sentence)])
    return extract_narrative(doc, "legacy").evidence[key].flags


EXAMPLES = [(rule.id, rule.field, text, value) for rule in phrase_rules() for text, value in rule.examples]
COUNTER = [(rule.id, rule.field, text) for rule in phrase_rules() for text in rule.counter_examples]


@pytest.mark.parametrize("rule_id, key, text, value", EXAMPLES, ids=[f"{e[0]}:{e[2][:12]}" for e in EXAMPLES])
def test_rules_examples_give_their_value(rule_id: str, key: str, text: str, value: float) -> None:
    assert narrative(text).get(key) == value


@pytest.mark.parametrize("rule_id, key, text", COUNTER, ids=[f"{e[0]}:{e[2][:12]}" for e in COUNTER])
def test_rules_counter_examples_give_nothing(rule_id: str, key: str, text: str) -> None:
    model = load_model("narrative")
    assert not [c for c in find_candidates(text) if c.rule == rule_id and confirmed(c, model)]


def test_rules_fields_exist_in_spec() -> None:
    assert {rule.field for rule in phrase_rules()} <= field_keys()


@pytest.mark.parametrize("text, number, verdict", [(t, n, v) for t, n, v in context_rules().examples])
def test_context_examples(text: str, number: float, verdict: str) -> None:
    start = text.find(str(number))
    if verdict == "partial_year":
        assert context_rules().partial_year.search(text)
        assert context_verdict(text, start, "applications.new.total") == "total"
    else:
        assert context_verdict(text, start) == verdict


NONE_STATEMENTS = [
    ("本年度未收到政府信息公开申请。", {"applications.new.total": 0}),
    ("我局未接到关于公开政府信息申请。", {"applications.new.total": 0}),
    ("本单位没有收到要求公开信息的申请。", {"applications.new.total": 0}),
    ("全年未发生因政府信息公开引发的行政复议和行政诉讼。",
     {"reconsideration.total": 0, "litigation.direct.total": 0}),
    ("没有发生因政府信息公开引起的行政复议。", {"reconsideration.total": 0}),
    ("无因政府信息公开申请行政复议、提起行政诉讼的情况。",
     {"reconsideration.total": 0, "litigation.direct.total": 0}),
]


@pytest.mark.parametrize("text, expected", NONE_STATEMENTS, ids=[n[0][:14] for n in NONE_STATEMENTS])
def test_none_statements(text: str, expected: dict[str, int]) -> None:
    fields = narrative(text)
    assert {k: fields.get(k) for k in expected} == expected
    if "litigation.direct.total" not in expected:
        assert "litigation.direct.total" not in fields
    assert "litigation.after_reconsideration.total" not in fields


def test_cumulative_stock_is_not_the_year_total() -> None:
    fields = narrative("2023年市质监局通过政府信息交换平台报送信息314条，累计报送2925条。")
    assert fields["proactive.items_published"] == 314
    assert narrative("截至2019年底，累计主动公开政府信息64627条。") == {}


def test_cumulative_within_the_year_is_the_total() -> None:
    assert narrative("2025年全年累计主动公开政府信息7700余条。")["proactive.items_published"] == 7700


def test_partial_year_is_labelled_and_flagged() -> None:
    text = "截至11月底,我区共受理依申请公开件959件,办结938件。"
    assert narrative(text)["applications.new.total"] == 959
    assert "partial_year" in flags(text, "applications.new.total")
    text = "2023年1月1日至2023年12月20日,共主动公开政府信息600余条,其中通过监测表汇总上报的信息有211条。"
    assert narrative(text)["proactive.items_published"] == 600
    assert set(flags(text, "proactive.items_published")) == {"partial_year", "approx"}


def test_subcounts_and_new_media_are_not_the_total() -> None:
    fields = narrative("全年门户网站发布信息24055条，其中概况类255条，政务动态类14266条。",
                       "“施秉县人民政府网”微信、“世遗之声”微博发布政务信息667条。")
    assert fields["proactive.items_published"] == 24055
    assert narrative("至今共推送原创微博682条,局新闻微信98条。") == {}


def test_category_figures_alone_give_no_total() -> None:
    assert "proactive.items_published" not in narrative(
        "2023年在市政府门户网站政府信息公开专栏发布政务动态类信息133条，市政府及政府办文件和解读信息82条。")


def test_first_total_wins_over_a_later_channel_figure() -> None:
    fields = narrative("2020年，彝良县主动公开政府信息3747条，其中通过门户网站发布信息3758条。")
    assert fields["proactive.items_published"] == 3747


def test_enquiries_and_released_information_are_not_applications() -> None:
    assert "applications.new.total" not in narrative("全年接受咨询四十余人次，回复依申请公开20条。")


def test_numerals_only_where_captured() -> None:
    fields = narrative("一是加强组织领导。全年发生因政府信息公开引起的行政复议一起，复议结果为维持。")
    assert fields == {"reconsideration.total": 1}


def test_all_answered_copies_the_received_count() -> None:
    fields = narrative("2017年，旗政府办公室共收到政府信息公开申请两件，均已依法答复，无不予公开情况。")
    assert fields["applications.new.total"] == 2
    assert fields["outcomes.total.total"] == 2


def test_full_width_digits_after_normalisation() -> None:
    from corpus_tool.normalize import normalize

    doc = normalize(Document("t.txt", "txt", [Block.paragraph("全年主动公开政府信息３８４５条。")]))
    assert extract_narrative(doc, "legacy").fields["proactive.items_published"] == 3845


def test_evidence_is_the_sentence() -> None:
    doc = Document("t.txt", "txt", [Block.paragraph("一、概述"), Block.paragraph("全省受理申请21407件，按期答复20866件。")])
    result = extract_narrative(doc, "legacy")
    assert result.evidence["applications.new.total"].text == "全省受理申请21407件，按期答复20866件。"
    assert result.evidence["applications.new.total"].source == "sentence"


# --- legacy outcome names in quotes, answered counts ------------------------------------------


@pytest.mark.parametrize("sentence, disclosed, partial", [
    ("截至年底，其中“同意公开”八件，“同意部分公开”两件。", 8, 2),
    ('其中"同意公开"8件，"同意部分公开"2件。', 8, 2),
    ("其中‘同意公开’8件，‘同意部分公开’2件。", 8, 2),
    ("其中「同意公开」八件，「同意部分公开」两件。", 8, 2),
    ("其中同意公开八件，同意部分公开两件，不同意公开一件。", 8, 2),
])
def test_quoted_outcome_names_in_any_quote_style(sentence: str, disclosed: int, partial: int) -> None:
    fields = narrative(sentence)
    assert (fields.get("outcomes.disclosed.total"), fields.get("outcomes.partial.total")) == (disclosed, partial)


def test_refusals_are_not_disclosures() -> None:
    fields = narrative("不同意公开答复数3件。")
    assert "outcomes.disclosed.total" not in fields
    assert fields["outcomes.withheld.total"] == 3


@pytest.mark.parametrize("sentences, answered", [
    (("全年共受理政府信息公开申请十六件。", "截至年底，已答复十六件，其中同意公开十件。"), 16),
    (("全年共受理政府信息公开申请16件。", "截至年底，已答复16件。"), 16),
    (("在答复的33件中，属于已主动公开范围5件，同意公开20件。",), 33),
    (("本年度申请答复数41件。",), 41),
    (("全年共答复政府信息公开申请27件。",), 27),
    (("全年受理申请12件，已全部办结，其中按时办结11件、延期办结1件。", "依法办结12件。"), 12),
])
def test_answered_counts_are_the_outcome_total(sentences: tuple[str, ...], answered: int) -> None:
    assert narrative(*sentences).get("outcomes.total.total") == answered


@pytest.mark.parametrize("sentence", [
    "全年接受群众咨询150人次，已答复150件。",
    "区长信箱收到网民留言64条，已答复64条。",
    "办理人大代表建议和政协提案30件，办结30件。",
    "已全部办结，其中按时办结11件、延期办结1件。",
])
def test_answers_to_enquiries_messages_and_parts_are_not_the_outcome_total(sentence: str) -> None:
    assert "outcomes.total.total" not in narrative(sentence)


# --- appended statistics tables (统计表) --------------------------------------------------------


def _legacy_with(*blocks: Block) -> Document:
    return Document("t.txt", "txt", [Block.paragraph("全年主动公开政府信息3210条，受理政府信息公开申请12件。"),
                                     Block.paragraph("附件：政府信息公开情况统计表"), *blocks])


@pytest.mark.parametrize("block", [
    Block.table([["统计指标", "单位", "统计数"], ["(一)主动公开政府信息数（不同渠道公开相同信息计1条）", "条", "3120"],
                 ["其中：主动公开规范性文件数", "条", "9"], ["(一)收到申请数", "件", "12"],
                 ["(三)申请答复数", "件", "12"], ["2.同意公开答复数", "件", "7"], ["四、行政复议数量", "件", "0"]]),
    Block.paragraph("主动公开政府信息数 | 3120 | 条\n其中：主动公开规范性文件数 | 9 | 条\n收到申请数 | 12 | 件\n"
                    "申请答复数 | 12 | 件\n同意公开答复数 | 7 | 件\n行政复议数量 | 0 | 件"),
    Block.paragraph("主动公开政府信息数\t3120\n收到申请数\t12\n申请答复数\t12\n同意公开\t7\n行政复议数量\t0"),
    Block.paragraph("主动公开政府信息数 3120\n收到申请数 12\n申请答复数 12\n同意公开 7\n行政复议数量 0"),
])
def test_statistics_table_rows_are_read_by_the_label_rules(block: Block) -> None:
    result = extract_narrative(_legacy_with(block), "legacy")
    assert result.table_fields == {"proactive.items_published": 3120, "applications.new.total": 12,
                                   "outcomes.total.total": 12, "outcomes.disclosed.total": 7,
                                   "reconsideration.total": 0}
    assert result.sentence_fields["proactive.items_published"] == 3210
    # one value per key: the statistics table's, as a table cell
    assert result.fields["proactive.items_published"] == 3120
    assert result.evidence["proactive.items_published"].source == "table"


def test_statistics_rows_are_not_read_in_template_reports() -> None:
    block = Block.paragraph("主动公开政府信息数 | 3120 | 条")
    assert extract_narrative(_legacy_with(block), "2021").table_fields == {}


def test_statistics_table_against_the_text_is_a_conflict() -> None:
    from corpus_tool.pipeline import analyse_document

    doc = Document("t.txt", "txt", [
        Block.paragraph("某县审计局2015年政府信息公开工作年度报告"),
        Block.paragraph("一、概述"), Block.paragraph("全年主动公开政府信息3210条，受理政府信息公开申请12件。"),
        Block.paragraph("附件：政府信息公开情况统计表"),
        Block.table([["统计指标", "单位", "统计数"], ["主动公开政府信息数", "条", "3120"], ["收到申请数", "件", "12"]])])
    record = analyse_document(doc)
    assert record.fields["proactive.items_published"] == 3120
    assert [side["value"] for side in record.conflicts["proactive.items_published"]] == [3120, 3210]
    consistent = [c for c in record.checks_failed if c["check_id"] == "ANY.CONSISTENT"]
    assert consistent and "proactive.items_published" in consistent[0]["detail"]["keys"]
    assert "applications.new.total" not in record.conflicts


def test_thinly_trained_legacy_fields_are_decided_by_the_rules() -> None:
    sentence = "全年共收到政府信息公开申请8件,已答复8件,其中同意公开5件、同意部分公开1件、信息不存在2件。"
    doc = Document("x.txt", "txt", [Block.paragraph(sentence)])
    fields = extract_narrative(doc, "legacy").fields
    assert fields["outcomes.legacy.not_exist"] == 2
    assert fields["outcomes.disclosed.total"] == 5 and fields["outcomes.partial.total"] == 1


# --- whose figure: another year's, other bodies' (holdout-2 lessons) -------------------------


def _typed(*lines: str) -> dict[str, float]:
    """Figures of a document with a title line: its year and type are read from it."""
    return extract_narrative(Document("t.txt", "txt", [Block.paragraph(s) for s in lines]), "none").fields


def test_a_plan_restating_last_years_figures_has_none_of_its_own() -> None:
    fields = _typed("某市2024年政务公开工作要点",
                    "2023年，全市各级行政机关共收到政府信息公开申请1208件，同比增长12.6%。",
                    "2023年全市政府网站共发布政府信息5.8万条，2024年要进一步优化栏目设置。")
    assert fields == {}


def test_a_comparison_with_last_year_keeps_this_years_figure() -> None:
    fields = _typed("某县2023年政府信息公开工作年度报告",
                    "全年主动公开政府信息1500条，较上年增长10%；2022年为1200条。",
                    "2023年，共收到政府信息公开申请12件。")
    assert fields["proactive.items_published"] == 1500
    assert fields["applications.new.total"] == 12


def test_a_year_inside_a_clause_does_not_make_the_figure_another_years() -> None:
    fields = _typed("某局2012年政府信息公开工作年度报告",
                    "本年度，我局因2011年办理的一件政府信息公开申请被申请人提起行政诉讼1件。",
                    "全年受理申请58件，办结56件，另有2件因需征求第三方意见结转至2013年办理。")
    assert fields["litigation.direct.total"] == 1
    assert fields["applications.carried_forward.total"] == 2


def test_a_review_report_quoting_reviewed_bodies_has_none_of_their_figures() -> None:
    fields = _typed("关于某市2023年度政府信息公开工作年度报告的审查评估报告",
                    "如某局表中本年新收申请11件、上年结转0件，而办理结果总计为12件。",
                    "如某镇正文表述“全年主动公开政府信息326条”，但其他章节表述为“共发布各类信息263条”。")
    assert fields == {}


def test_all_answered_after_the_sentence_that_counts_the_applications() -> None:
    fields = narrative("全年共受理政府信息公开申请三百二十八件，其中当面申请二百一十六件。",
                       "截至年底已全部答复，其中同意公开二百零五件。")
    assert fields["outcomes.total.total"] == 328
    assert "partial_year" not in flags("截至年底，共收到政府信息公开申请6件。", "applications.new.total")


def test_litigation_named_as_after_reconsideration() -> None:
    fields = narrative("全年被申请行政复议2件；行政诉讼1件，系申请人经复议后起诉；无未经复议直接起诉的案件。")
    assert fields["litigation.after_reconsideration.total"] == 1
    assert fields["litigation.direct.total"] == 0
    assert fields["reconsideration.total"] == 2


def test_none_statements_of_applications_and_normative_documents() -> None:
    assert narrative("本年度无公民、法人和其他组织向我局提出政府信息公开申请。")["applications.new.total"] == 0
    assert narrative("本年度街道未制发行政规范性文件。")["normative_docs.issued"] == 0


def test_stated_total_beats_an_earlier_channel_figure_of_its_paragraph() -> None:
    # the sum of the channels, stated at the end of the list, is the year's total
    fields = narrative("全县通过县政府门户网站发布信息3120条，通过政务微信发布信息1450条，"
                       "通过各镇公开栏公开信息1240条，共计主动公开政府信息6842条。")
    assert fields["proactive.items_published"] == 6842
    fields = narrative("全县通过县政府门户网站发布信息3120条。通过政务微信发布信息1450条。全年共主动公开政府信息5550条。")
    assert fields["proactive.items_published"] == 5550
    # counter-examples: a channel's own 共计 is not the year's total; a total stated first stays
    fields = narrative("全县通过县政府门户网站发布信息3120条，通过各镇公开栏共计公开信息1240条。")
    assert fields["proactive.items_published"] == 3120
    fields = narrative("全年主动公开政府信息5000条，通过门户网站共计发布信息3000条。")
    assert fields["proactive.items_published"] == 5000


def test_reconsideration_application_is_not_a_disclosure_application() -> None:
    fields = narrative("本年度我局未收到因政府信息公开引起的行政复议申请，也未被提起行政诉讼。")
    assert "applications.new.total" not in fields
    assert fields["reconsideration.total"] == 0
    assert fields["litigation.direct.total"] == 0
    # counter-example: a disclosure application named beside redress still counts
    assert narrative("全年未收到政府信息公开申请，也未发生行政复议。")["applications.new.total"] == 0


@pytest.mark.parametrize("text", ["未发生因信息公开引起的行政复议、诉讼。", "全年没有发生因政府信息公开引起的行政复议或诉讼。",
                                  "全年无政府信息公开行政复议和诉讼案件。"])
def test_abbreviated_coordination_covers_litigation(text: str) -> None:
    assert {k: narrative(text).get(k) for k in ("reconsideration.total", "litigation.direct.total")} == \
        {"reconsideration.total": 0, "litigation.direct.total": 0}


def test_abbreviated_coordination_counter_examples() -> None:
    fields = narrative("全年未发生行政复议，被提起行政诉讼1件。")
    assert fields["reconsideration.total"] == 0
    assert fields["litigation.direct.total"] == 1


def test_another_year_in_brackets_is_not_the_documents_figure() -> None:
    fields = _typed("某县人民政府办公室2020年政务公开工作总结",
                    "全年未发生政府信息公开行政复议和行政诉讼案件（2019年发生行政复议1件）。")
    assert fields["reconsideration.total"] == 0
    assert fields["litigation.direct.total"] == 0
    # after the closing bracket the document's year governs again
    fields = _typed("某县人民政府办公室2020年政务公开工作总结",
                    "全年受理政府信息公开申请5件（2019年为3件），已答复5件。")
    assert fields["applications.new.total"] == 5
    assert fields["outcomes.total.total"] == 5
    # a bracket naming the document's own year is the document's
    fields = _typed("某县人民政府办公室2020年政务公开工作总结", "全县行政复议情况（2020年发生行政复议2件）。")
    assert fields["reconsideration.total"] == 2


def test_category_list_closed_by_deng_is_a_last_resort_total() -> None:
    # the sentence's only count: everything published, the list left open by 等
    fields = narrative("政府信息公开专栏累计发布信息1.2万条。",
                       "2022年，我局发布医保政策、定点医药机构、基金监管等信息532条，全年未收到政府信息公开申请。")
    assert fields["proactive.items_published"] == 532
    # counter-examples: one category among several figures; any other total of the document wins
    assert "proactive.items_published" not in narrative(
        "发布机关职能、机构设置、联系方式等信息596条；发布规划及相关政策信息23条，统计信息25条。")
    fields = narrative("发布医保政策、定点医药机构、基金监管等信息532条。", "全年通过门户网站发布信息1800条。")
    assert fields["proactive.items_published"] == 1800


def test_answered_count_after_a_channel_breakdown_is_read() -> None:
    # a 其中 clause ends at ；: the answered count after it is the total, not a part
    fields = narrative("全区共受理政府信息公开申请215件，其中当面申请40件、网上申请160件、信函申请15件；"
                       "已答复212件，其中同意公开90件。")
    assert fields["outcomes.total.total"] == 212
    assert fields["applications.new.total"] == 215
    # counter-example: inside the 其中 clause a count stays a part
    assert "outcomes.total.total" not in narrative("全区共受理政府信息公开申请215件，其中已办结200件，15件正在办理。")


def test_upheld_reconsiderations_are_not_answered_applications() -> None:
    fields = narrative("全年受理政府信息公开申请31件，其中予以公开12件。因政府信息公开引发行政复议2件，均维持原答复。")
    assert fields["applications.new.total"] == 31
    assert "outcomes.total.total" not in fields
    fields = narrative("受理政府信息公开申请31件；发生行政诉讼1件，已全部办结。")
    assert "outcomes.total.total" not in fields
    # counter-example: an all-answered phrase about the applications still copies their count
    assert narrative("全年受理政府信息公开申请31件，均已按期答复。")["outcomes.total.total"] == 31
