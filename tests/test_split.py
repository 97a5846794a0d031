"""Splitting compilations into their reports, by the structure of such documents."""
from __future__ import annotations

from pathlib import Path

import pytest

from corpus_tool.ingest import read_document
from corpus_tool.model import Block, Document
from corpus_tool.normalize import normalize
from corpus_tool.split import is_title_line, split

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def parts_of(path: Path) -> list[Document]:
    return split(normalize(read_document(path)))


def test_seed_000_three_self_inspection_reports() -> None:
    (path,) = (CORPORA / "seeds").glob("000_*.txt")
    parts = parts_of(path)
    assert [p.part for p in parts] == [0, 1, 2]
    assert parts[0].title == "市交通运输局政府信息公开工作自查报告"
    assert parts[1].title is None and parts[2].title is None
    assert parts[1].text.startswith("市政府信息公开办:")
    assert parts[2].text.startswith("县效能办:")
    assert "600余条" in parts[0].text and "2925" in parts[1].text and "榕效办" in parts[2].text
    # nothing of one report leaks into the next
    assert "县效能办" not in parts[1].text and "2925" not in parts[0].text


def test_seed_004_seven_summaries_from_the_table_of_contents() -> None:
    (path,) = (CORPORA / "seeds").glob("004_*.txt")
    parts = parts_of(path)
    assert len(parts) == 7
    assert parts[0].title == "2022年上城区投促局政务公开工作总结"
    assert parts[5].title == "上城区综合行政执法局政务公开工作2022年总结和2023年思路"
    assert parts[6].title == "裕安区交通局2022年度政务公开工作总结"
    assert not any(block.text.strip() == "目录" for p in parts for block in p.blocks)  # front matter dropped
    assert all(len(p.text) > 800 for p in parts)


def test_dev_compilation_d39_three_parts() -> None:
    parts = parts_of(CORPORA / "dev" / "docs" / "d39_yunnan_zhengwugongkai_zongjie_huibian_2020.txt")
    assert [p.title for p in parts] == [
        "贡山县人民政府办公室2020年政务信息公开工作总结",
        "普洱市人民政府办公室2020年政务公开工作总结",
        "保山市人民政府办公室2020年政务公开工作总结",
    ]


def test_single_reports_are_not_split() -> None:
    for path in sorted((CORPORA / "dev" / "docs").glob("*.txt")) + sorted((CORPORA / "seeds").glob("00[123]_*.txt")):
        if "d39" in path.name:
            continue
        assert len(parts_of(path)) == 1, path.name


def test_titles_after_running_text_split_without_a_toc() -> None:
    body = "本局认真贯彻落实政府信息公开条例，全面推进政务公开工作，取得了积极成效。" * 12
    doc = Document(path="x", format="txt", blocks=[
        Block.paragraph("甲县统计局2021年政务公开工作总结"), Block.paragraph(body),
        Block.paragraph("乙县民政局2021年政务公开工作总结"), Block.paragraph(body),
    ])
    parts = split(doc)
    assert [p.title for p in parts] == ["甲县统计局2021年政务公开工作总结", "乙县民政局2021年政务公开工作总结"]


def test_a_repeated_title_at_the_top_is_not_a_new_part() -> None:
    body = "本局认真贯彻落实政府信息公开条例，全面推进政务公开工作，取得了积极成效。" * 12
    doc = Document(path="x", format="txt", blocks=[
        Block.paragraph("甲县统计局2021年政府信息公开工作年度报告"), Block.paragraph("发布日期: 2022-01-20"),
        Block.paragraph("甲县统计局2021年政府信息公开工作年度报告"), Block.paragraph(body),
        Block.paragraph("一、总体情况"), Block.paragraph(body),
    ])
    assert len(split(doc)) == 1


BODY = "本局认真贯彻落实政府信息公开条例，全年主动公开政府信息一千余条，依申请公开工作规范有序开展。" * 8
AGENCIES = ["丽山市水利局", "丽山市民政局", "丽山市医疗保障局"]


def _compilation(toc: list[Block], titles: list[list[str]]) -> Document:
    """Cover, 目录 + `toc`, then one report per title (its title lines, body, signature)."""
    blocks = [Block.paragraph("丽山市市直部门2022年政府信息公开工作总结汇编"), Block.paragraph("2023年1月"),
              Block.paragraph("目 录"), *toc]
    for agency, lines in zip(AGENCIES, titles):
        blocks += [Block.paragraph(line) for line in lines]
        blocks += [Block.paragraph(BODY), Block.paragraph(BODY), Block.paragraph(agency)]
    return Document(path="x", format="docx", blocks=blocks)


FULL_TITLES = [f"{agency}2022年政府信息公开工作总结" for agency in AGENCIES]


@pytest.mark.parametrize("entries", [
    [f"{title}……………………{page}" for title, page in zip(FULL_TITLES, (1, 3, 5))],  # leader dots, no numbering
    [f"{title}\t{page}" for title, page in zip(FULL_TITLES, (1, 3, 5))],  # tab leader
    FULL_TITLES,  # bare titles: the TOC ends where the first title comes again
    [f"{n}. {title} .......... {page}" for n, title, page in zip((1, 2, 3), FULL_TITLES, (2, 4, 6))],
], ids=["leader-dots", "tab", "bare", "numbered"])
def test_toc_entries_in_their_usual_forms(entries: list[str]) -> None:
    parts = split(normalize(_compilation([Block.paragraph(e) for e in entries], [[t] for t in FULL_TITLES])))
    assert [p.title for p in parts] == FULL_TITLES
    assert all(p.text.endswith(agency) for p, agency in zip(parts, AGENCIES))
    assert not any("目 录" in p.text for p in parts)  # front matter dropped


def test_toc_as_a_table() -> None:
    toc = [Block.table([[title, str(page)] for title, page in zip(FULL_TITLES, (1, 3, 5))])]
    parts = split(_compilation(toc, [[t] for t in FULL_TITLES]))
    assert [p.title for p in parts] == FULL_TITLES


def test_toc_entry_without_the_agency_and_titles_wrapped_over_two_lines() -> None:
    toc = [Block.paragraph("2022年政府信息公开工作总结……1"),  # the entry leaves the agency out
           Block.paragraph(f"{FULL_TITLES[1]}……3"), Block.paragraph(f"{FULL_TITLES[2]}……5")]
    titles = [
        [FULL_TITLES[0]],
        [AGENCIES[1], "2022年政府信息公开工作总结"],  # wrapped after the agency
        [FULL_TITLES[2]],
    ]
    parts = split(_compilation(toc, titles))
    assert [p.title for p in parts] == FULL_TITLES
    assert parts[1].blocks[0].text == AGENCIES[1]  # the part opens at the first line of its title


def test_a_signature_line_before_the_next_title_stays_in_its_part() -> None:
    parts = split(_compilation([Block.paragraph(f"{t}……{p}") for t, p in zip(FULL_TITLES, (1, 3, 5))],
                               [[t] for t in FULL_TITLES]))
    assert [p.blocks[-1].text for p in parts] == AGENCIES


def test_a_title_repeated_after_running_text_is_not_a_new_part() -> None:
    """The report's title again and again (a running header read as text) stays in the report."""
    title = "甲县统计局2021年政府信息公开工作年度报告"
    blocks = [Block.paragraph(title), Block.paragraph(BODY)]
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、存在的主要问题"):
        blocks += [Block.paragraph(title), Block.paragraph(heading), Block.paragraph(BODY)]
    parts = split(Document(path="x", format="pdf", blocks=blocks))
    assert len(parts) == 1 and parts[0].title == title


def test_a_compilation_docx_with_cover_and_toc(tmp_path: Path) -> None:
    """Cover page, 目录 with tab leaders and page numbers, page breaks, three summaries."""
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    document.add_paragraph("丽山市市直部门2022年政府信息公开工作总结汇编")
    document.add_paragraph("丽山市政务公开办公室\u3000编")
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.add_paragraph("目\u3000录")
    for title, page in zip(FULL_TITLES, (1, 3, 5)):
        document.add_paragraph(f"{title}\t{page}")
    for agency, title in zip(AGENCIES, FULL_TITLES):
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        document.add_paragraph(title)
        document.add_paragraph(BODY)
        document.add_paragraph(agency)
    path = tmp_path / "huibian.docx"
    document.save(str(path))
    parts = parts_of(path)
    assert [p.title for p in parts] == FULL_TITLES
    assert [p.blocks[-1].text for p in parts] == AGENCIES


def test_a_report_with_a_toc_of_its_own_sections_is_not_split() -> None:
    headings = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                "四、存在的主要问题及改进情况"]
    blocks = [Block.paragraph("甲县统计局2021年政府信息公开工作年度报告"), Block.paragraph("目录")]
    blocks += [Block.paragraph(f"{heading}……{page}") for page, heading in enumerate(headings, start=1)]
    for heading in headings:
        blocks += [Block.paragraph(heading), Block.paragraph(BODY)]
    parts = split(Document(path="x", format="docx", blocks=blocks))
    assert len(parts) == 1


# ------------------------------------------------- compilations without a 目录 (template sites)

SHORT_REPORTS = [
    ("青石县林业局2020年政府信息公开工作自查报告", [
        "根据县政务公开办通知要求，我局对2020年政府信息公开工作进行了自查，现将情况报告如下。",
        "一、主动公开情况。全年在县政府网站林业专栏发布信息214条，其中林木采伐公示36条。",
        "二、存在问题。部分信息更新不够及时，栏目设置不够合理，今后将加强审核。",
    ], ["青石县林业局", "2020年12月8日"]),
    ("白沙乡2021年政务公开工作自查情况报告", [
        "按照县里统一部署，我乡对2021年度政务公开工作开展了自查。",
        "一是主动公开。全年在乡级专栏公开信息98条，村务公开栏公示信息1500余条。",
        "二是依申请公开。本年度未收到政府信息公开申请。",
        "三是存在问题。公开内容以工作动态为主，政策解读偏少，今后将进一步丰富公开内容。",
    ], ["白沙乡人民政府", "2021年11月30日"]),
    ("XX局20XX年政务公开工作自查报告", [
        "20XX年，我局认真贯彻《政府信息公开条例》，现将自查情况报告如下：",
        "一、健全机制。成立了以局长为组长的政务公开工作领导小组。",
        "二、规范依申请公开。全年共受理依申请公开3件，均已按期办结。",
        "三、存在问题。信息公开的深度和广度还需加强。",
    ], ["XX局", "20XX年X月X日"]),
]
SITE_HEAD = ["公文范文网 > 总结报告 > 自查报告 > 政务公开自查报告3篇", "政务公开自查报告3篇",
             "发布时间：2021-12-20 10:02:11  栏目：自查报告  阅读：2,406", "【字体：大 中 小】",
             "【导语】以下是小编整理的政务公开自查报告3篇，欢迎阅读。"]
RELATED_TAIL = ["【政务公开自查报告3篇】相关文章：", "政务公开自查报告", "信息公开整改报告范文",
                "上一篇：安全生产自查报告", "下一篇：党风廉政建设自查报告"]


def _short_compilation(head: list[str], tail: list[str], order: tuple[int, ...] = (0, 1, 2)) -> Document:
    lines = list(head)
    for number in order:
        title, body, signature = SHORT_REPORTS[number]
        lines += [title, *body, *signature, ""]
    lines += tail
    return normalize(Document(path="x", format="txt", blocks=[Block.paragraph(line) for line in lines]))


@pytest.mark.parametrize("head, tail", [([], []), (SITE_HEAD, []), ([], RELATED_TAIL), (SITE_HEAD, RELATED_TAIL)],
                         ids=["bare", "site-header", "related-tail", "both"])
def test_short_reports_separated_only_by_titles(head: list[str], tail: list[str]) -> None:
    """Three short self-inspection reports one after the other: each title opens a part,
    the site's header is not part of the first, its related-articles tail makes no part."""
    parts = split(_short_compilation(head, tail))
    assert [p.title for p in parts] == [title for title, _, _ in SHORT_REPORTS]
    assert [p.blocks[0].text for p in parts] == [title for title, _, _ in SHORT_REPORTS]
    assert all(signature[0] in p.text for p, (_, _, signature) in zip(parts, SHORT_REPORTS))
    assert not any(word in p.text for p in parts for word in ("小编", "相关文章", "上一篇", "范文", "阅读:"))


@pytest.mark.parametrize("order", [(0, 1, 2), (2, 1, 0), (1, 2, 0), (2, 0, 1)])
def test_a_title_opens_its_part_whatever_comes_before(order: tuple[int, ...]) -> None:
    """Title detection does not depend on which report (long, short, anonymised) precedes."""
    parts = split(_short_compilation(SITE_HEAD, RELATED_TAIL, order))
    assert [p.title for p in parts] == [SHORT_REPORTS[n][0] for n in order]


@pytest.mark.parametrize("line, expected", [
    ("xx局2019年政务公开工作自查报告", True),
    ("XX县民政局关于2020年政务公开工作自查情况的报告", True),
    ("某镇2021年政务公开工作年终总结", True),
    ("某局政务公开工作自查自纠报告", True),
    ("上一篇：安全生产自查报告", False),  # a link to another article
    ("当前位置:首页 > 信息公开 > 政府信息公开年度报告", False),  # a breadcrumb
    ("· 某局2020年政务公开工作总结", False),  # an item of a list of articles
    ("现将自查情况报告如下。", False),
    ("一、2021年工作计划", False),  # a numbered section heading
])
def test_title_lines(line: str, expected: bool) -> None:
    assert is_title_line(line) is expected


def test_a_title_without_running_text_after_it_makes_no_part() -> None:
    """A list of titles after the text (a tail no boilerplate rule knows) stays in the report."""
    doc = Document(path="x", format="txt", blocks=[
        Block.paragraph("甲县统计局2021年政务公开工作总结"), Block.paragraph(BODY),
        Block.paragraph("往期推荐"), Block.paragraph("乙县民政局2021年政务公开工作总结"),
        Block.paragraph("丙县财政局2020年政务公开工作总结"), Block.paragraph("2022-01-05"),
    ])
    assert len(split(doc)) == 1


def test_a_notice_that_issues_a_plan_is_not_split() -> None:
    """关于印发…的通知 + a short cover text, then the plan's own title: one document."""
    doc = Document(path="x", format="docx", blocks=[
        Block.paragraph("甲市人民政府办公室关于印发甲市2022年政务公开工作要点的通知"),
        Block.paragraph("各县（市、区）人民政府，市政府各部门："),
        Block.paragraph("现将《甲市2022年政务公开工作要点》印发给你们，请结合实际认真贯彻落实。"),
        Block.paragraph("甲市人民政府办公室"), Block.paragraph("2022年4月6日"),
        Block.paragraph("甲市2022年政务公开工作要点"), Block.paragraph(BODY), Block.paragraph(BODY),
    ])
    assert len(split(doc)) == 1
