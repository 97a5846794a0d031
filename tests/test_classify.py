"""Classify: doc type, year and agency from realistic title lines and bodies."""
from __future__ import annotations

import pytest

from corpus_tool.classify import agency_from_title, agency_level, agency_sector, classify
from corpus_tool.model import Block, Document
from corpus_tool.rules import load_yaml


def doc(*lines: str, title: str | None = None) -> Document:
    document = Document("t.txt", "txt", [Block.paragraph(line) for line in lines])
    document.title = title
    return document


TITLES = [
    # (title line, doc_type, year, agency)
    ("四川省文化和旅游厅2022年政府信息公开工作年度报告", "annual_report", 2022, "四川省文化和旅游厅"),
    ("太仆寺旗人民政府办公室2017年政府信息公开工作报告", "annual_report", 2017, "太仆寺旗人民政府办公室"),
    ("北京市 2018 年政府信息公开工作年度报告", "annual_report", 2018, "北京市人民政府"),
    ("宣汉县2018年政府信息公开工作年度报告", "annual_report", 2018, "宣汉县人民政府"),
    ("南充市高坪区政府信息公开工作自查报告", "self_inspection", None, "南充市高坪区人民政府"),
    ("贵池区统计局2022年度政务公开工作总结", "work_summary", 2022, "贵池区统计局"),
    ("临平区2022年度政务公开工作总结及2023年工作思路", "work_summary", 2022, "临平区人民政府"),
    ("承德市人民政府办公室关于印发承德市2022年政务公开工作要点的通知", "work_plan", 2022, "承德市人民政府办公室"),
    ("新乡市人民政府办公室关于印发全面推进新乡市基层政务公开标准化规范化工作实施方案的通知",
     "work_plan", None, "新乡市人民政府办公室"),
    ("某市生态环境局2023年政府信息公开审查报告", "review_report", 2023, "某市生态环境局"),
    # a report on how a review went: the review is the genre, the agency stands before 关于
    ("某县人民政府办公室关于2021年度政府信息公开工作年度报告评估情况的报告", "review_report", 2021, "某县人民政府办公室"),
    ("某县人民政府办公室关于2021年度全县政务公开工作评估情况的报告", "review_report", 2021, "某县人民政府办公室"),
    ("某市人民政府办公室关于2022年度政府信息公开工作年度报告审查情况的报告", "review_report", 2022, "某市人民政府办公室"),
    # counter-example: a self-inspection reported as 自查情况的报告 stays a self-inspection
    ("某市某区司法局关于2021年度政务公开工作自查情况的报告", "self_inspection", 2021, "某市某区司法局"),
]


def test_an_anonymised_bare_organ_is_no_agency() -> None:
    assert classify(doc("xx局政府信息公开工作自查报告", "20xx年，我局认真贯彻落实条例。", "xx局")).agency is None
    assert agency_from_title("xx市质监局2015年政府信息公开工作年度报告") == "xx市质监局"
    assert agency_from_title("某局2019年政府信息公开工作自查报告") == "某局"  # anonymised, not blank



def test_a_template_signature_with_every_part_blank_is_no_agency() -> None:
    # an unfilled template: blank place(s) and a blank organ name no body
    assert classify(doc("20xx年政府信息公开工作自查报告", "今年以来，我局在xx县政府网站主动公开信息80条。",
                        "xx县xx局", "20xx年x月x日")).agency is None
    assert classify(doc("20xx年政府信息公开工作自查报告", "今年以来，我局主动公开信息80条。",
                        "某市××局", "20xx年x月x日")).agency is None
    # counter-examples: a real organ word or a real place keeps the name the document gives
    assert classify(doc("20xx年政府信息公开工作自查报告", "今年以来，我局主动公开信息80条。",
                        "xx县审计局", "20xx年x月x日")).agency == "xx县审计局"
    assert classify(doc("20xx年政府信息公开工作自查报告", "今年以来，我局主动公开信息80条。",
                        "柳州市xx局", "20xx年x月x日")).agency == "柳州市xx局"


def test_a_place_title_takes_the_signing_office_not_an_invented_government() -> None:
    # the title names only a place; the document names its issuer (the government's office)
    info = classify(doc("通化市东昌区2025年政务公开工作要点", "为做好全区政务公开工作，制定本要点。",
                        "一、深化重点领域信息公开。", "通化市东昌区人民政府办公室", "2025年3月2日"))
    assert info.agency == "通化市东昌区人民政府办公室"
    # counter-example: the body names the government itself, so the government it is
    info = classify(doc("通化市东昌区2025年政务公开工作要点", "通化市东昌区人民政府决定深化政务公开。",
                        "一、深化重点领域信息公开。"))
    assert info.agency == "通化市东昌区人民政府"
    # nothing named at all: the place's people's government is constructed
    info = classify(doc("通化市东昌区2025年政务公开工作要点", "为做好全区政务公开工作，制定本要点。"))
    assert info.agency == "通化市东昌区人民政府"

@pytest.mark.parametrize("title, doc_type, year, agency", TITLES, ids=[t[0][:12] for t in TITLES])
def test_title_lines(title: str, doc_type: str, year: int | None, agency: str) -> None:
    info = classify(doc(title, "一、总体情况", "本年度工作有序推进。"))
    assert (info.doc_type, info.year, info.agency) == (doc_type, year, agency)
    assert info.evidence["doc_type"].text
    assert info.evidence["agency"].source == "metadata"


@pytest.mark.parametrize("text, doc_type, year", load_yaml("doc_types.yaml")["examples"])
def test_doc_types_file_examples(text: str, doc_type: str, year: int | None) -> None:
    info = classify(doc(text))
    assert (info.doc_type, info.year) == (doc_type, year)


@pytest.mark.parametrize("name, level, sector", load_yaml("metadata.yaml")["examples"])
def test_metadata_file_examples(name: str, level: str, sector: str) -> None:
    assert (agency_level(name), agency_sector(name)) == (level, sector)


def test_statistic_period_decides_the_year() -> None:
    info = classify(doc("中原区审计局政府信息公开工作年度报告",
                        "统计期限自2015年1月1日起至2015年12月31日止。", "发布日期：2016-04-08"))
    assert info.year == 2015
    assert info.published == "2016-04-08"


def test_redacted_period_means_no_year() -> None:
    info = classify(doc("2023年民政局信息公开审查报告 本年度报告依据条例编制。",
                        "本年度报告中所列数据的统计期限自年1月1日起至年12月31日。",
                        "一、概述 年,我市认真贯彻落实条例。二、主动公开政府信息的状况 三、依申请公开政府信息状况",
                        "五、行政复议和行政诉讼及申诉状况 六、存在的主要问题及改进措施",
                        "严格依据市人民政府信息公开指南要求，我市各级各部门…"))
    assert info.year is None
    assert info.doc_type == "annual_report"  # the body is a legacy annual report
    assert info.agency == "市人民政府"  # the title's 民政局 is not how the body speaks of itself


def test_opening_year_and_body_agency_without_title() -> None:
    info = classify(doc("市政府信息公开办: 我局自开展政府信息公开工作以来,严格按照要求,现将自查情况汇报如下:",
                        "成立了由主要领导任组长的xx市质监局信息公开领导小组。",
                        "把xx市质监局政府信息公开指南印发到各科室。",
                        "按照条例规定,2023年市质监局通过政府信息交换平台报送信息314条。",
                        "印发xx市质监局2023年信息公开工作要点。"))
    assert (info.doc_type, info.year, info.agency) == ("self_inspection", 2023, "xx市质监局")


def test_anonymised_report_has_no_year_or_agency() -> None:
    info = classify(doc("关于政府信息公开工作落实情况的自查报告", "20xx年，我局按照省、市、区关于政府信息公开的部署开展工作。"))
    assert (info.doc_type, info.year, info.agency) == ("self_inspection", None, None)


def test_closing_signature_and_date() -> None:
    info = classify(doc("柳州市交通运输局2018年政府信息", "公开工作年度报告", "2018年,在柳州市交通运输局信息公开领导小组的领导下开展工作。",
                        "柳州市交通运输局", "20181219"))
    assert (info.doc_type, info.year, info.agency, info.published) == (
        "annual_report", 2018, "柳州市交通运输局", "2018-12-19")
    assert (info.agency_level, info.sector) == ("city", "交通")


def test_title_place_is_written_out_as_the_body_names_it() -> None:
    info = classify(doc("市交通运输局政府信息公开工作自查报告",
                        "我局制定并落实了襄阳市交通运输局网络安全保密工作制度、襄阳市交通运输局网络应急预案。"))
    assert info.agency == "襄阳市交通运输局"


def test_no_city_is_added_that_the_document_does_not_name() -> None:
    info = classify(doc("和平区人民政府办公室2023年政府信息公开工作年度报告", "全年主动公开政府信息3845条。"))
    assert info.agency == "和平区人民政府办公室"


def test_part_title_from_split_wins_for_type() -> None:
    info = classify(doc("今年以来,贵池区统计局紧紧围绕文件要求开展工作。", title="贵池区统计局2022年度政务公开工作总结"))
    assert (info.doc_type, info.year, info.agency) == ("work_summary", 2022, "贵池区统计局")


def test_model_types_a_document_without_genre_words() -> None:
    info = classify(doc("一、主动公开政府信息情况", "全年主动公开政府信息98条。", "二、依申请公开政府信息情况",
                        "三、因政府信息公开申请行政复议、提起行政诉讼的情况"))
    assert info.doc_type is not None
    assert 0 < (info.doc_type_confidence or 0) <= 1


def test_agency_from_title_strips_year_and_genre() -> None:
    assert agency_from_title("中原区审计局2015年政府信息公开工作年度报告") == "中原区审计局"
    assert agency_from_title("关于政府信息公开工作落实情况的自查报告") is None


@pytest.mark.parametrize("name, level", [
    ("义乌市市场监督管理局", "county"),   # county-level city under a prefecture
    ("仙桃市统计局", "county"),          # county-level city under the province
    ("苏州市人民政府", "city"),
    ("昆山市千灯镇人民政府", "township"),
])
def test_county_level_cities_come_from_the_division_codes(name: str, level: str) -> None:
    assert agency_level(name) == level


# --- an office named in the body is not the agency; street offices are organs --------------


@pytest.mark.parametrize("lines, agency", [
    # the contact or compiler is the agency's own office: the title's agency stands, whole
    (("黄石市交通运输局2014年政府信息公开工作年度报告",
      "如对本报告有疑问，请联系黄石市交通运输局办公室（电话：0714-0000000）。"), "黄石市交通运输局"),
    (("某某区人民政府2015年政府信息公开工作年度报告", "本报告由某某区人民政府办公室编制。",
      "某某区人民政府办公室", "2016年3月20日"), "某某区人民政府"),
    # a fuller spelling of the same body still wins, and a cut-off 办 is completed
    (("南岸区政府办2021年政府信息公开工作年度报告", "南岸区政府办公室全年主动公开信息20条。"), "南岸区政府办公室"),
])
def test_an_office_in_the_body_does_not_replace_the_title_agency(lines: tuple[str, ...], agency: str) -> None:
    assert classify(doc(*lines)).agency == agency


@pytest.mark.parametrize("lines, agency", [
    (("南岸区人民政府桃园街道办事处2021年政府信息公开工作年度报告", "桃园街道全年主动公开信息20条。"),
     "南岸区人民政府桃园街道办事处"),
    (("桃园街道2021年政府信息公开工作年度报告", "桃园街道办事处全年主动公开信息20条。"), "桃园街道办事处"),
    (("桃园街道2021年政府信息公开工作年度报告", "我街道全年主动公开信息20条。"), "桃园街道办事处"),
    (("2021年政府信息公开工作年度报告", "我街道全年主动公开信息20条。", "南岸区人民政府桃园街道办事处"),
     "南岸区人民政府桃园街道办事处"),
    (("河口镇2021年政府信息公开工作年度报告", "河口镇人民政府全年主动公开信息20条。"), "河口镇人民政府"),
])
def test_street_offices_and_townships_are_agencies(lines: tuple[str, ...], agency: str) -> None:
    info = classify(doc(*lines))
    assert (info.agency, info.agency_level) == (agency, "township")


def test_township_level_of_a_street_office_under_a_district_government() -> None:
    assert agency_level("某市某区人民政府某街道办事处") == "township"
    assert agency_level("某县乡镇企业局") == "county"
    assert agency_level("某区人民政府办公室") == "county"


# --- holdout-2 lessons: Chinese-numeral years, reviews of annual reports, self-inspections
# split over two head lines, ministries, the agency the document itself names ----------------


@pytest.mark.parametrize("lines, year", [
    (("某县人民政府二〇一五年政府信息公开工作年度报告", "一、概述", "二〇一五年，县政府推进政府信息公开。"), 2015),
    (("某市国土资源局二零一二年度政府信息公开工作年度报告", "一、概述"), 2012),
    (("政府信息公开工作年度报告", "二〇二〇年度，我局认真落实条例。"), 2020),
])
def test_years_in_chinese_numerals(lines: tuple[str, ...], year: int) -> None:
    assert classify(doc(*lines)).year == year


def test_a_review_of_annual_reports_is_a_review_report() -> None:
    info = classify(doc("关于某县2022年度政府信息公开工作年度报告的审查评估报告", "某县政务公开办公室",
                        "一、总体情况", "本次共审查年度报告31份。"))
    assert info.doc_type == "review_report"
    assert info.agency == "某县政务公开办公室"  # the body the document names, not an invented 人民政府


@pytest.mark.parametrize("lines", [
    ("某市某区卫生健康委员会", "关于2023年度政务公开工作自查情况的报告", "某卫健〔2023〕186号", "区政务公开办公室：",
     "根据通知要求，现将有关情况报告如下：", "一、基本情况", "主动公开政府信息412条。", "二、依申请公开办理情况",
     "共收到政府信息公开申请2件。", "三、存在的问题", "栏目更新不及时。"),
    ("某市某区卫生健康委员会", "关于2023年度政务公开工作自查情况的报告", "区政务公开办公室：",
     "我委对本年度工作进行了全面自查，现将有关情况报告如下：", "一、基本情况"),
])
def test_self_inspection_with_the_agency_line_above_its_title(lines: tuple[str, ...]) -> None:
    info = classify(doc(*lines))
    assert (info.doc_type, info.year, info.agency) == ("self_inspection", 2023, "某市某区卫生健康委员会")


def test_a_statement_that_reports_follow_is_not_a_title() -> None:
    info = classify(doc("区政务公开办公室：", "现将自查情况报告如下：", "一、基本情况"))
    assert info.doc_type == "self_inspection"
    assert info.evidence["doc_type"].text != "现将自查情况报告"


@pytest.mark.parametrize("title, agency", [
    ("退役军人事务部2021年政府信息公开工作年度报告", "退役军人事务部"),
    ("生态环境部2022年政府信息公开工作年度报告", "生态环境部"),
])
def test_ministries_without_national_prefix(title: str, agency: str) -> None:
    info = classify(doc(title, "一、总体情况"))
    assert (info.agency, info.agency_level) == (agency, "national")


@pytest.mark.parametrize("lines, agency", [
    # a second title line or the signature spells the place out: that full name is the document's
    (("湖南路街道2024年政府信息公开工作年度报告", "上海市徐汇区湖南路街道办事处2024年政府信息公开工作年度报告",
      "本年度街道未制发行政规范性文件。", "上海市徐汇区湖南路街道办事处", "2025年1月20日"), "上海市徐汇区湖南路街道办事处"),
    # a website banner opening with the city is no title or signature
    (("某市某县人民政府门户网站简体版|繁体版", "某县2010年政府信息公开工作年度报告", "一、概述",
      "某县人民政府办公室"), "某县人民政府"),
    # 委 of a self-reference is read as the whole 委员会
    (("2023年政务公开工作情况", "我委全年主动公开信息20条。", "三亚市吉阳区卫生健康委员会", "2023年12月8日"),
     "三亚市吉阳区卫生健康委员会"),
])
def test_the_agency_is_the_name_the_document_writes(lines: tuple[str, ...], agency: str) -> None:
    title = next((line for line in lines if "年度报告" in line), None)  # as split sets it
    assert classify(doc(*lines, title=title)).agency == agency
