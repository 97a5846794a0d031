"""Accuracy on the labelled corpora, at the levels the issues require.

The dev corpus and the seeds are what the rules were written against; the holdout
corpus was written blind (corpora/holdout/README.md). A drop below these floors is a
regression: look at `corpus-tool evaluate GOLD --wrong` to see which values went.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from corpus_tool.evaluate import Evaluation, evaluate

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


@pytest.fixture(scope="module")
def dev() -> Evaluation:
    return evaluate(CORPORA / "dev" / "gold.jsonl", jobs=2)


def test_dev_table_documents(dev: Evaluation) -> None:
    assert dev.by_group["table docs (2021/2019)"].f1 >= 0.98
    assert dev.accuracy["format"].value == 1.0


def test_dev_narrative_documents(dev: Evaluation) -> None:
    assert dev.by_group["narrative docs (legacy/none)"].f1 >= 0.95


def test_dev_metadata_and_sections(dev: Evaluation) -> None:
    assert dev.accuracy["doc_type"].value >= 0.95
    assert dev.accuracy["year"].value >= 0.95
    assert dev.accuracy["sections"].value >= 0.97
    assert not dev.errors


def test_seeds_every_labelled_value_right() -> None:
    seeds = evaluate(CORPORA / "seeds" / "gold.jsonl", jobs=2)
    assert seeds.wrong == []


@pytest.mark.parametrize("corpus", ["holdout", "holdout2", "holdout3", "holdout4"])
def test_holdouts_written_blind(corpus: str) -> None:
    holdout = evaluate(CORPORA / corpus / "gold.jsonl", jobs=2)
    assert holdout.overall.precision >= 0.98
    assert holdout.overall.f1 >= 0.97
    assert holdout.accuracy["format"].value == 1.0
    assert holdout.accuracy["doc_type"].value >= 0.95
    assert holdout.accuracy["sections"].value >= 0.97
