"""terms, kwic and keyness as a researcher uses them, and their CLI commands.

Keyness is tested on generated groups of reports where one group over-uses a planted
term, so the right answer is known; kwic is tested on the real sample corpora against
str.count / re.findall on the same normalised text.
"""
from __future__ import annotations

import json
import math
import random
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from corpus_tool import explore_cli
from corpus_tool.explore import keyness, kwic, log_likelihood, terms, write_table
from corpus_tool.segment import TextPart, iter_texts, tokens

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
SEEDS = CORPORA / "seeds"

# Sentences of the kind every report has; the generated documents are drawn from them.
COMMON = [
    "本年度我局认真贯彻落实政府信息公开条例，扎实推进政务公开工作。",
    "通过门户网站主动公开政府信息，及时更新政府信息公开指南和目录。",
    "进一步规范依申请公开办理流程，严格按照法定时限答复申请人。",
    "加强政务新媒体管理，做好政策解读和回应关切工作。",
    "全年未发生因政府信息公开引发的行政复议和行政诉讼。",
    "严格落实信息发布前保密审查制度，确保信息安全。",
    "工作中还存在公开内容不够全面、解读形式较为单一等问题。",
    "下一步将继续加强业务培训，提升工作人员业务水平。",
]
PLANTED = "人工智能"  # not in COMMON: only the target group writes it
PLANTED_REFERENCE = "棚户区改造"  # only the reference group writes it


def generated_parts(seed: int = 7) -> list[TextPart]:
    """Ten 2022 reports that talk about 人工智能, ten 2021 reports that do not."""
    rng = random.Random(seed)
    parts = []
    for index in range(20):
        year = 2022 if index < 10 else 2021
        sentences = [rng.choice(COMMON) for _ in range(12)]
        if year == 2022:
            sentences += [f"积极探索{PLANTED}在政务公开中的应用。"] * 2
        else:
            sentences.append(f"做好{PLANTED_REFERENCE}。")
        rng.shuffle(sentences)
        parts.append(TextPart(path=f"gen/{index:02d}.txt", text="\n".join(sentences),
                              metadata={"year": year, "doc_type": "annual_report", "agency": None,
                                        "agency_level": None}))
    return parts


# ------------------------------------------------------------------ keyness

def test_keyness_ranks_the_planted_term_first() -> None:
    frame = keyness(generated_parts(), by="year", target=2022)
    top = frame.iloc[0]
    assert top.term == PLANTED
    assert top.G2 > 10 and top.p < 0.001 and top.log_ratio > 3
    assert top.n_target == 20 and top.n_reference == 0
    bottom = frame.iloc[-1]
    assert bottom.term == PLANTED_REFERENCE and bottom.G2 < 0 and bottom.log_ratio < 0


def test_keyness_with_top_keeps_both_ends() -> None:
    frame = keyness(generated_parts(), by="year", target="2022", top=3)
    assert len(frame) == 6
    assert frame.iloc[0].term == PLANTED and frame.iloc[-1].term == PLANTED_REFERENCE


def test_keyness_accepts_a_tokens_frame() -> None:
    frame = tokens(generated_parts(), metadata=True)
    assert keyness(frame, by="year", target=2022).iloc[0].term == PLANTED


def test_keyness_unknown_target_names_the_groups() -> None:
    with pytest.raises(ValueError, match="groups: 2021, 2022"):
        keyness(generated_parts(), by="year", target=2019)


def test_missing_metadata_is_grouped_as_unknown() -> None:
    parts = generated_parts()
    parts[0].metadata["agency"] = "某某县人民政府"  # the others have agency None
    assert set(terms(parts, by="agency").agency) == {"某某县人民政府", "unknown"}
    assert len(keyness(parts, by="agency", target="unknown")) > 0
    with pytest.raises(ValueError, match="nothing to compare"):
        keyness(generated_parts(), by="agency", target="unknown")


def test_log_likelihood_matches_the_textbook_formula() -> None:
    import numpy as np

    a, b, n1, n2 = 30.0, 10.0, 10000.0, 12000.0
    e1 = n1 * (a + b) / (n1 + n2)
    e2 = n2 * (a + b) / (n1 + n2)
    c, d = n1 - a, n2 - b
    e3, e4 = n1 - e1, n2 - e2
    expected = 2 * (a * math.log(a / e1) + b * math.log(b / e2) + c * math.log(c / e3) + d * math.log(d / e4))
    got = log_likelihood(np.array([a]), np.array([b]), n1, n2, correction="none")[0]
    assert got == pytest.approx(expected, rel=1e-6) and got > 0
    under = log_likelihood(np.array([b]), np.array([a]), n1, n2, correction="none")[0]
    assert under < 0


def test_keyness_p_value_is_the_chi_squared_tail() -> None:
    scipy_stats = pytest.importorskip("scipy.stats")
    frame = keyness(generated_parts(), by="year", target=2022, correction="none")
    for row in frame.head(5).itertuples():
        assert row.p == pytest.approx(scipy_stats.chi2.sf(abs(row.G2), 1), rel=1e-6, abs=1e-12)


# ------------------------------------------------------------------ terms

def test_terms_counts_tf_and_df_per_group() -> None:
    frame = terms(generated_parts(), by="year", top=None)
    planted = frame[frame.term == PLANTED]
    assert planted[["year", "tf", "df", "docs"]].values.tolist() == [["2022", 20, 10, 10]]
    assert set(frame.year) == {"2021", "2022"}
    assert (frame.df <= frame.docs).all() and (frame.df <= frame.tf).all()


def test_terms_overall_top_is_sorted_and_leaves_out_stopwords_and_figures() -> None:
    frame = terms([TextPart("a", text="依申请公开 依申请公开 的 的 的 2022年 主动公开")], top=5)
    assert frame.term.tolist() == ["依申请公开", "主动公开"]
    assert frame.tf.tolist() == [2, 1]


def test_terms_on_the_sample_corpus_find_domain_vocabulary() -> None:
    frame = terms(SEEDS, top=50)
    assert {"政府信息公开", "主动公开", "依申请公开"} <= set(frame.term)


# ------------------------------------------------------------------ kwic

@pytest.fixture(scope="module")
def sample_texts() -> list[TextPart]:
    return list(iter_texts(CORPORA, jobs=2))


@pytest.mark.parametrize("term", ["公开", "依申请公开", "政府信息公开", "%", "(一)"])
def test_kwic_finds_every_occurrence(sample_texts: list[TextPart], term: str) -> None:
    frame = kwic(sample_texts, term, width=10)
    assert len(frame) == sum(text.text.count(term) for text in sample_texts) > 0
    by_key = {(t.path, t.part): t.text for t in sample_texts}
    for row in frame.itertuples():
        assert by_key[(row.path, row.part)][row.position:row.position + len(term)] == term
        assert len(row.left) <= 10 and len(row.right) <= 10


@pytest.mark.parametrize("pattern", [r"\d+件", r"主动公开|依申请公开", r"第[一二三四五六七八九十]+条"])
def test_kwic_regex_finds_every_match(sample_texts: list[TextPart], pattern: str) -> None:
    frame = kwic(sample_texts, pattern, regex=True)
    assert len(frame) == sum(len(re.findall(pattern, text.text)) for text in sample_texts)


def test_kwic_literal_term_is_not_a_regex() -> None:
    parts = [TextPart("a", text="本年增/减(件) 与 本年增/减(件)")]
    assert len(kwic(parts, "本年增/减(件)")) == 2


def test_kwic_context_is_on_one_line() -> None:
    frame = kwic([TextPart("a", text="第一行\n依申请公开\n第二行")], "依申请公开", width=4)
    assert frame.iloc[0].left == "第一行 " and frame.iloc[0].right == " 第二行"


# ------------------------------------------------------------------ output and CLI

def invoke(command, *args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(command, list(args), catch_exceptions=False)


def test_commands_are_exported_with_help_and_an_example() -> None:
    names = [c.name for c in explore_cli.COMMANDS]
    assert names == ["segment", "terms", "kwic", "keyness", "similar"]
    for command in explore_cli.COMMANDS:
        result = invoke(command, "--help")
        assert result.exit_code == 0
        assert "Example:" in result.output and f"corpus-tool {command.name} corpora" in result.output


def test_terms_command_prints_a_table() -> None:
    result = invoke(explore_cli.terms, str(SEEDS), "--top", "5", "-j", "1")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split() == ["term", "tf", "df", "docs", "per_10k"]
    assert len(lines) == 2 + 5


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".jsonl"])
def test_kwic_command_writes_every_format(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"kwic{suffix}"
    result = invoke(explore_cli.kwic, str(SEEDS), "依申请公开", "-o", str(out), "-j", "1")
    assert result.exit_code == 0, result.output
    if suffix == ".csv":
        frame = pd.read_csv(out, encoding="utf-8-sig")
    elif suffix == ".xlsx":
        frame = pd.read_excel(out)
    else:
        frame = pd.DataFrame([json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()])
    assert list(frame.columns) == ["path", "part", "position", "left", "match", "right"]
    assert len(frame) == len(kwic(SEEDS, "依申请公开")) > 0
    assert set(frame["match"]) == {"依申请公开"}


def test_segment_command_writes_token_lists(tmp_path: Path) -> None:
    out = tmp_path / "tokens.jsonl"
    result = invoke(explore_cli.segment, str(SEEDS), "-o", str(out), "-j", "1")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == len(list(iter_texts(SEEDS)))
    assert all(isinstance(r["tokens"], list) and r["n_tokens"] == len(r["tokens"]) for r in rows)
    csv_out = tmp_path / "tokens.csv"
    invoke(explore_cli.segment, str(SEEDS), "-o", str(csv_out), "-j", "1")
    first = pd.read_csv(csv_out, encoding="utf-8-sig").iloc[0]
    assert first.tokens.split(" ") == rows[0]["tokens"]


def test_keyness_command_reports_a_bad_target_as_a_usage_error(tmp_path: Path) -> None:
    for part in generated_parts():
        path = tmp_path / Path(part.path).name
        path.write_text(part.text, encoding="utf-8")
    result = CliRunner().invoke(explore_cli.keyness, [str(tmp_path), "--by", "doc_type", "--target", "nope",
                                                      "-j", "1"])
    assert result.exit_code == 1 and "no document has doc_type = 'nope'" in result.output


def test_unknown_output_suffix_is_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(explore_cli.terms, [str(SEEDS), "-o", str(tmp_path / "x.parquet")])
    assert result.exit_code == 2 and ".csv, .xlsx, .jsonl" in result.output


def test_write_table_joins_lists_in_flat_formats(tmp_path: Path) -> None:
    frame = pd.DataFrame({"a": [1], "passages": [["甲乙", "丙丁"]]})
    write_table(frame, tmp_path / "x.csv")
    assert pd.read_csv(tmp_path / "x.csv", encoding="utf-8-sig").passages[0] == "甲乙 | 丙丁"
    write_table(frame, tmp_path / "x.jsonl")
    assert json.loads((tmp_path / "x.jsonl").read_text(encoding="utf-8"))["passages"] == ["甲乙", "丙丁"]
