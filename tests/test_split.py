"""Splitting compilations into their reports, by the structure of such documents."""
from __future__ import annotations

from pathlib import Path

import pytest

from corpus_tool.ingest import read_document
from corpus_tool.model import Block, Document
from corpus_tool.normalize import normalize
from corpus_tool.split import split

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
