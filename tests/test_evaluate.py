"""Scoring against gold: the rules of LABELS.md (null, lists, parts) applied exactly."""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from corpus_tool.cli import cli
from corpus_tool.evaluate import Evaluation, score_document
from corpus_tool.model import Record


def test_values_nulls_and_lists_are_scored_as_labels_say() -> None:
    gold = {"file": "docs/a.txt", "doc_type": "annual_report", "format": "2021", "year": 2022, "agency": "甲县审计局",
            "fields": {"applications.new.total": 12, "outcomes.total.total": 11, "rules.issued": None,
                       "proactive.items_published": [1913, 739], "reconsideration.total": 0},
            "sections_present": ["overview", "proactive", "applications", "review_litigation", "problems"],
            "sections_missing": ["other"]}
    record = Record(path="docs/a.txt", doc_type="annual_report", format="2021", year=2022, agency="甲县 审计局",
                    fields={"applications.new.total": 12, "outcomes.total.total": 10, "rules.issued": 0,
                            "proactive.items_published": 739},
                    sections_present=["overview", "proactive", "applications", "review_litigation", "problems"])
    evaluation = Evaluation()
    score_document(evaluation, gold, [record])
    keys = evaluation.per_key
    assert (keys["applications.new.total"].tp, keys["applications.new.total"].fp) == (1, 0)
    assert (keys["outcomes.total.total"].fp, keys["outcomes.total.total"].fn) == (1, 1)  # wrong value
    assert (keys["rules.issued"].fp, keys["rules.issued"].fn) == (1, 0)  # invented value
    assert keys["proactive.items_published"].tp == 1  # either value of a list is right
    assert keys["reconsideration.total"].fn == 1  # a stated 0 not found
    assert evaluation.accuracy["agency"].value == 1.0  # spaces do not matter
    assert evaluation.accuracy["sections"].value == 1.0
    assert evaluation.accuracy["format"].value == 1.0
    overall = evaluation.overall
    assert (overall.tp, overall.fp, overall.fn) == (2, 2, 2)
    assert any("outcomes.total.total: expected 11, got 10" in line for line in evaluation.wrong)


def test_parts_are_scored_part_by_part() -> None:
    gold = {"file": "c.txt", "doc_type": "work_summary", "format": "none", "year": 2022, "agency": "甲",
            "fields": {"applications.new.total": 1}, "sections_present": [], "sections_missing": [],
            "parts": [{"title": "t0", "doc_type": "work_summary", "year": 2022, "agency": "甲",
                       "fields": {"applications.new.total": 1}},
                      {"title": "t1", "doc_type": "work_summary", "year": 2021, "agency": "乙",
                       "fields": {"applications.new.total": 2}}]}
    records = [Record(path="c.txt", part=1, doc_type="work_summary", format="none", year=2021, agency="乙",
                      fields={"applications.new.total": 3}),
               Record(path="c.txt", part=0, doc_type="work_summary", format="none", year=2022, agency="甲",
                      fields={"applications.new.total": 1})]
    evaluation = Evaluation()
    score_document(evaluation, gold, records)
    counts = evaluation.per_key["applications.new.total"]
    assert (counts.tp, counts.fp, counts.fn) == (1, 1, 1)
    assert evaluation.accuracy["year"].value == 1.0 and evaluation.accuracy["doc_type"].total == 2
    assert evaluation.accuracy["sections"].value == 1.0


def test_evaluate_command_prints_per_field_table_and_summary_last(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("甲县审计局2022年政府信息公开工作年度报告\n本年度未收到政府信息公开申请。\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"file": "docs/a.txt", "doc_type": "annual_report", "format": "legacy",
                                "year": 2022, "agency": "甲县审计局",
                                "fields": {"applications.new.total": 0, "rules.issued": None}},
                               ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(gold), "--wrong", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].split()[:4] == ["field", "tp", "fp", "fn"]
    assert any(line.startswith("applications.new.total") for line in lines)
    assert lines[-1].startswith("SUMMARY documents=1 ")
