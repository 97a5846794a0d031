"""Splitting compilations into their reports, by the structure of such documents."""
from __future__ import annotations

from pathlib import Path

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
