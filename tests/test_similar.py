"""Near-duplicate detection: a planted near-copy is found, unrelated reports are not paired.

The near-copy is made the way copied reports look in the wild: the agency's name swapped,
a few figures changed, a paragraph dropped. Unrelated reports are the sample corpus's
real reports (same genre, same template phrases) and generated reports assembled from a
pool of sentences.
"""
from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from corpus_tool import explore_cli
from corpus_tool.segment import TextPart, iter_texts
from corpus_tool.similar import (
    candidate_pairs, compact, lsh_bands, minhash, shared_passages, shingle_hashes, similar)

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
ORIGINAL = next((CORPORA / "seeds").glob("001_*.txt"))  # 柳州市交通运输局2018年 annual report


def near_copy(text: str, agency: str = "柳州市交通运输局", new_agency: str = "桂林市交通运输局") -> str:
    """The report with another agency's name, every third figure changed and a paragraph gone."""
    counter = iter(range(10**6))
    text = text.replace(agency, new_agency)
    text = re.sub(r"\d+", lambda m: str(int(m.group()) + 7) if next(counter) % 3 == 0 else m.group(), text)
    paragraphs = text.split("\n")
    longest = max(range(len(paragraphs)), key=lambda i: len(paragraphs[i]))
    del paragraphs[longest]
    return "\n".join(paragraphs)


@pytest.fixture(scope="module")
def real_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample corpus's plain-text reports plus a near-copy of one of them."""
    folder = tmp_path_factory.mktemp("similar")
    for path in sorted((CORPORA / "dev" / "docs").glob("*.txt")) + [ORIGINAL]:
        shutil.copy(path, folder / path.name)
    (folder / "zz_copy.txt").write_text(near_copy(ORIGINAL.read_text(encoding="utf-8")), encoding="utf-8")
    return folder


def test_planted_near_copy_is_found_and_nothing_else(real_corpus: Path) -> None:
    frame = similar(real_corpus, threshold=0.6)
    pairs = {(Path(r.path_a).name, Path(r.path_b).name) for r in frame.itertuples()}
    assert pairs == {(ORIGINAL.name, "zz_copy.txt")}
    row = frame.iloc[0]
    assert 0.7 < row.jaccard < 1 and row.containment >= row.jaccard
    assert row.longest > 200 and len(row.passages) == 3
    copy_text = compact((real_corpus / "zz_copy.txt").read_text(encoding="utf-8"))
    original_text = compact(ORIGINAL.read_text(encoding="utf-8"))
    assert all(p in copy_text and p in original_text for p in row.passages)
    assert [len(p) for p in row.passages] == sorted((len(p) for p in row.passages), reverse=True)


SUBJECTS = ["我局", "县政府办公室", "市发展和改革委员会", "区民政局", "镇人民政府", "市生态环境局",
            "县市场监督管理局", "区教育局"]
ACTIONS = ["认真贯彻落实", "扎实推进", "持续深化", "全面加强", "稳步推进", "着力完善", "不断规范"]
OBJECTS = ["政府信息主动公开工作", "依申请公开办理流程", "政务新媒体管理", "政策解读和回应关切",
           "重点领域信息公开", "政府信息公开平台建设", "保密审查机制", "公开目录和指南更新",
           "基层政务公开标准化", "财政预决算公开"]
DETAILS = ["全年发布信息{n}条", "组织培训{n}人次", "办理申请{n}件", "更新栏目{n}个", "回复留言{n}条",
           "召开会议{n}次", "公开文件{n}份", "开展检查{n}次"]


def generated_report(rng: random.Random, index: int) -> str:
    """A report of 20 sentences drawn from a pool of 8 x 7 x 10 x 8 combinations."""
    lines = [f"{rng.choice(SUBJECTS)}2022年政府信息公开工作年度报告（第{index}号）"]
    for _ in range(20):
        detail = rng.choice(DETAILS).format(n=rng.randint(1, 5000))
        lines.append(f"{rng.choice(SUBJECTS)}{rng.choice(ACTIONS)}{rng.choice(OBJECTS)}，{detail}。")
    return "\n".join(lines)


def generated_parts(count: int, seed: int = 3) -> list[TextPart]:
    rng = random.Random(seed)
    return [TextPart(path=f"gen/{i:03d}.txt", text=generated_report(rng, i)) for i in range(count)]


def test_generated_reports_pair_only_the_planted_copy() -> None:
    parts = generated_parts(80)
    copy = parts[17].text.replace("2022年", "2023年").replace("第17号", "第99号")
    copy = re.sub(r"(\d{3,4})条", lambda m: f"{int(m.group(1)) + 1}条", copy)
    parts.append(TextPart(path="gen/copy.txt", text=copy))
    frame = similar(parts, threshold=0.5)
    assert [(r.path_a, r.path_b) for r in frame.itertuples()] == [("gen/017.txt", "gen/copy.txt")]


def test_lsh_compares_few_of_all_pairs() -> None:
    # These reports share template phrases (Jaccard about 0.2 for any two), the hard case
    # for banding; still only a small fraction of all pairs becomes a candidate.
    parts = generated_parts(300)
    signatures = np.vstack([minhash(np.unique(shingle_hashes(compact(p.text), 5))) for p in parts])
    bands, rows = lsh_bands(0.5, 128)
    candidates = candidate_pairs(signatures, bands, rows)
    assert len(candidates) < 0.1 * (300 * 299 / 2)


def test_minhash_estimates_jaccard() -> None:
    text = ORIGINAL.read_text(encoding="utf-8")
    a = np.unique(shingle_hashes(compact(text), 5))
    b = np.unique(shingle_hashes(compact(near_copy(text)), 5))
    exact = np.intersect1d(a, b).size / np.union1d(a, b).size
    estimate = (minhash(a, 256) == minhash(b, 256)).mean()
    assert abs(estimate - exact) < 0.08


def test_banding_separates_around_the_threshold() -> None:
    bands, rows = lsh_bands(0.5, 128)
    assert bands * rows <= 128

    def chance(s: float) -> float:
        return 1 - (1 - s**rows) ** bands

    assert chance(0.7) > 0.99 and chance(0.15) < 0.1


def test_shingle_hashes_are_stable_and_positional() -> None:
    hashes = shingle_hashes("政府信息公开政府信息公开", 6)
    assert len(hashes) == 12 - 6 + 1 and hashes[0] == hashes[6]
    assert shingle_hashes("短", 5).size == 0


def test_shared_passages_are_substrings_of_both() -> None:
    a = "甲乙丙丁戊己庚辛壬癸政府信息公开工作年度报告子丑寅卯"
    b = "天地玄黄政府信息公开工作年度报告宇宙洪荒甲乙丙丁戊"
    assert shared_passages(a, b, 5) == ["政府信息公开工作年度报告", "甲乙丙丁戊"]


def test_short_and_unreadable_documents_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "short.txt").write_text("报告", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    assert similar(tmp_path).empty


def test_similar_command_writes_pairs_with_passages(real_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "pairs.jsonl"
    result = CliRunner().invoke(explore_cli.similar, [str(real_corpus), "-t", "0.6", "-o", str(out), "-j", "1"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 1 and isinstance(rows[0]["passages"], list) and rows[0]["jaccard"] > 0.7
    shown = CliRunner().invoke(explore_cli.similar, [str(real_corpus), "-t", "0.6", "-j", "1"])
    assert "桂林市交通运输局" in shown.output and shown.output.count("\n") == 3  # header, rule, one pair


def test_corpus_parts_are_compared_separately() -> None:
    parts = list(iter_texts(next((CORPORA / "seeds").glob("004_*.txt"))))
    frame = similar(parts + [TextPart("copy.txt", 0, text=parts[3].text)], threshold=0.9)
    assert [(r.part_a, r.path_b) for r in frame.itertuples()] == [(3, "copy.txt")]
