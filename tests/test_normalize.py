"""Normalisation of the five seeds and of the text forms that matter for numbers."""
from __future__ import annotations

from pathlib import Path

import pytest

from corpus_tool.ingest import read_document
from corpus_tool.model import Block, Document
from corpus_tool.normalize import normalize, strip_pinyin_notes, to_half_width

SEEDS = Path(__file__).resolve().parent.parent / "corpora" / "seeds"

BOILERPLATE = ["下载文档", "ID:", "大小:", "页数:", "温馨提示", "网站客服", "收藏 分享赚钱",
               "此文档下载收益归作者所有", "你可能关注的文档", "来源于网友上传", "范文", "预计阅读时长"]


def seed(prefix: str) -> Document:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return normalize(read_document(path))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_has_no_site_boilerplate(prefix: str) -> None:
    text = seed(prefix).text
    for phrase in BOILERPLATE:
        assert phrase not in text, phrase
    assert len(text) > 2000  # the reports themselves are kept


def test_seed_000_keeps_the_report_text() -> None:
    text = seed("000").text
    assert text.lstrip().startswith("市交通运输局政府信息公开工作自查报告")
    assert "600余条" in text and "县效能办" in text


def test_seed_001_keeps_publication_date_and_signature() -> None:
    text = seed("001").text
    assert "发布日期: 2018-12-24" in text
    assert text.rstrip().endswith("20181219")


def test_seed_003_traditional_becomes_simplified_without_pinyin() -> None:
    doc = seed("003")
    assert doc.text.startswith("交通局政务事务公开计划")
    assert "网友" not in doc.text or "(wǎng)" not in doc.text
    assert "(wǎng)" not in doc.text and "(yǔ)" not in doc.text and "(chuàng)" not in doc.text
    assert "政务公开" in doc.text and "政務" not in doc.text
    assert "traditional characters converted to simplified" in doc.warnings
    # the original stays available for evidence
    assert any("政務" in (block.raw or "") for block in doc.blocks)


def test_seed_004_keeps_table_of_contents_and_titles() -> None:
    text = seed("004").text
    assert "SUCAI198" not in text and "共计12132个字" not in text
    assert "2022年上城区投促局政务公开工作总结" in text
    assert "微信扫码" not in text and "221381" not in text


@pytest.mark.parametrize("raw, expected", [
    ("收到申请１２件", "收到申请12件"),
    ("（一）予以公开：３", "(一)予以公开:3"),
    ("共计　５条", "共计 5条"),
    ("“谁主管、谁负责〞", "“谁主管、谁负责”"),
])
def test_half_width(raw: str, expected: str) -> None:
    assert to_half_width(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("網(wǎng)友上傳", "網友上傳"),
    ("運轉(zhuǎn)協(xié)調(diào)", "運轉協調"),
    ("规章(a)与(1)条", "规章(a)与(1)条"),  # brackets without tone marks stay
])
def test_pinyin_notes(raw: str, expected: str) -> None:
    assert strip_pinyin_notes(raw) == expected


def test_table_cells_are_normalised_and_raw_kept() -> None:
    doc = Document(path="x", format="docx", blocks=[
        Block.paragraph("政府信息公開工作年度報告，本年度共收到申請１２件，全部按時答覆，沒有發生行政復議。"),
        Block.table([["本年新收政府信息公開申請數量", "１２"]]),
    ])
    out = normalize(doc)
    assert out.blocks[1].rows == [["本年新收政府信息公开申请数量", "12"]]
    assert out.blocks[1].raw is not None and "數量" in out.blocks[1].raw


def test_simplified_text_is_not_converted() -> None:
    text = "本机关认真贯彻落实条例，全年主动公开政府信息1200条，著力提升公开质量，乾坤朗朗。" * 3
    doc = normalize(Document(path="x", format="txt", blocks=[Block.paragraph(text)]))
    assert doc.text == to_half_width(text)  # only punctuation widths change


def test_flattened_table_rows_are_not_taken_for_site_boilerplate() -> None:
    prose = "本机关认真贯彻落实政府信息公开条例，全年主动公开政府信息一千二百余条，依申请公开工作规范有序开展。"
    rows = ["规章 | 0 | 0 | 0", "(七)总计\t3\t2\t0\t0\t0\t0\t5", "结果维持 结果纠正 其他结果 尚未审结 总计",
            "1 0 0 0 1 0 0 0 0 0 0 0 0 0 0", "结 结 其 尚"]
    doc = Document(path="x", format="txt", blocks=[Block.paragraph(prose)] + [Block.paragraph(r) for r in rows]
                   + [Block.paragraph(prose)])
    assert [b.text for b in normalize(doc).blocks[1:-1]] == [to_half_width(r) for r in rows]


SPACED_PROSE = [
    "宁 波 市 某 局 2 0 2 0 年 政 府 信 息 公 开 工 作 年 度 报 告",
    "一、总体情况",
    "全 年 主 动 公 开 政 府 信 息 3 4 0 5 条 ， 其 中 政 策 文 件 1 2 . 5 万 字 。",
    "统 计 期 限 为 2 0 2 0 年 1 月 1 日 至 1 2 月 3 1 日 。",
]
SPACED_CLOSED = [
    "宁波市某局2020年政府信息公开工作年度报告",
    "一、总体情况",
    "全年主动公开政府信息3405条,其中政策文件12.5万字。",
    "统计期限为2020年1月1日至12月31日。",
]


def test_letter_spaced_text_is_closed_up() -> None:
    rows = ["本 年 新 收 申 请    3    0", "规章\t0\t1", "结果维持 结果纠正 其他结果"]
    doc = normalize(Document(path="x", format="txt",
                             blocks=[Block.paragraph(line) for line in SPACED_PROSE + rows]))
    texts = [block.text for block in doc.blocks]
    assert texts[:4] == SPACED_CLOSED
    # cell gaps (runs of spaces, tabs) stay; words that run together stay apart
    assert texts[4:] == ["本年新收申请    3    0", "规章\t0\t1", "结果维持 结果纠正 其他结果"]
    assert "letter-spaced text closed up" in doc.warnings
    assert doc.blocks[2].raw == SPACED_PROSE[2]  # evidence quotes the text as read


def test_full_width_letter_spacing() -> None:
    doc = normalize(Document(path="x", format="txt", blocks=[
        Block.paragraph("全　年　主　动　公　开　政　府　信　息　３　４　０　５　条　。")]))
    assert doc.blocks[0].text == "全年主动公开政府信息3405条。"


def test_ordinary_text_keeps_its_spaces() -> None:
    """A few spaced lines in an ordinary document (column headers one character per
    column, keyword lines) are not letter spacing."""
    prose = "本机关认真贯彻落实政府信息公开条例，全年主动公开政府信息1200条，依申请公开工作规范有序开展。"
    lines = ["结 结 其 尚 总", "维 纠 结 审 计", "0 0 0 0 0", "2023 民政局 信息 公开", "Word 2 3"]
    doc = normalize(Document(path="x", format="txt",
                             blocks=[Block.paragraph(prose)] + [Block.paragraph(line) for line in lines]
                             + [Block.paragraph(prose)]))
    assert [block.text for block in doc.blocks[1:-1]] == lines
    assert "letter-spaced text closed up" not in doc.warnings


# ----------------------------------------------------------------- portal and aggregator pages


def _boilerplate_examples() -> list[tuple[str, str]]:
    from corpus_tool.rules import load_yaml

    data = load_yaml("boilerplate.yaml")
    return [(kind, example) for kind in ("drop_line", "cut_from", "drop_inline")
            for entry in data.get(kind, []) for example in entry.get("examples", [])]


@pytest.mark.parametrize("kind, example", _boilerplate_examples())
def test_boilerplate_file_examples(kind: str, example: str) -> None:
    """Every example in rules/boilerplate.yaml is caught by its own kind of rule."""
    from corpus_tool.normalize import boilerplate_rules

    rules = boilerplate_rules()
    line = to_half_width(example)
    if kind == "drop_line":
        assert any(p.regex.fullmatch(example) or p.regex.fullmatch(line) for p in rules.drop_line)
    elif kind == "cut_from":
        assert any(p.search(example) or p.search(line) for p in rules.cut_from)
    else:
        assert any(p.search(example) or p.search(line) for p in rules.drop_inline)


PROSE = "本单位认真贯彻落实政府信息公开条例，全年主动公开政府信息八百余条，依申请公开工作规范有序开展，未收取任何费用。"


def _texts(lines: list[str]) -> list[str]:
    doc = normalize(Document(path="x", format="txt", blocks=[Block.paragraph(line) for line in lines]))
    return [block.text.strip() for block in doc.blocks]


def test_a_portal_article_header_is_dropped_and_its_date_kept() -> None:
    """Breadcrumb, aggregator lead-in, view count, column, source and font switch go; the
    publication date on the same line stays (it dates the page)."""
    texts = _texts([
        "公文写作网 > 总结报告 > 自查报告 > 政务公开自查报告两篇",
        "政务公开自查报告两篇",
        "发布时间：2022-03-08 09:12   栏目：自查报告   浏览次数：2,031  【字体：大 中 小】",
        "来源：本站整理  阅读：318次",
        "【导语】以下是小编为大家收集的政务公开自查报告两篇，仅供参考。",
        "某镇2021年政务公开工作自查报告",
        PROSE,
    ])
    assert texts == ["政务公开自查报告两篇", "发布时间:2022-03-08 09:12", "某镇2021年政务公开工作自查报告",
                     to_half_width(PROSE)]


def test_source_words_inside_the_report_are_kept() -> None:
    line = "数据来源：县统计局；本表按栏目：办理结果统计。"
    assert _texts([PROSE, line, PROSE])[1] == to_half_width(line)


@pytest.mark.parametrize("tail", [
    ["相关文章：", "政务公开自查报告", "信息公开整改报告"],
    ["【政务公开自查报告两篇】相关推荐", "· 某局2020年政务公开工作总结"],
    ["猜你喜欢", "政府信息公开工作自查报告"],
    ["上一篇：安全生产工作总结", "下一篇：党风廉政建设自查报告"],
])
def test_the_related_articles_tail_is_cut(tail: list[str]) -> None:
    texts = _texts(["某镇2021年政务公开工作自查报告", PROSE, "某镇人民政府", "2021年12月1日", *tail])
    assert texts[-1] == "2021年12月1日"


def test_related_words_in_the_text_do_not_cut_it() -> None:
    line = "我局在网站开设相关文章专栏，共推送相关推荐信息12条。"
    assert _texts([PROSE, line, PROSE])[1:] == [to_half_width(line), to_half_width(PROSE)]
