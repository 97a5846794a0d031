"""Training: same data give the same model; the JSON predictor equals scikit-learn's."""
from __future__ import annotations

import json

import pytest

from corpus_tool.rules import RULES_DIR
from corpus_tool.train import TextModel, fit_text_model, load_model, narrative_examples, train

TEXTS = ["全年主动公开政府信息#条", "共收到政府信息公开申请#件", "微博发布信息#条", "行政复议#件",
         "主动公开各类信息#条", "受理申请#件", "微信推送#条", "行政复议案件#起"]
LABELS = ["proactive", "applications", "none", "reconsideration",
          "proactive", "applications", "none", "reconsideration"]


def test_same_data_same_predictions() -> None:
    first = fit_text_model(TEXTS, LABELS)
    second = fit_text_model(list(reversed(TEXTS)), list(reversed(LABELS)))  # order does not matter
    assert first == second
    for text in ["门户网站公开信息#条", "收到申请#件"]:
        assert first.probabilities(text) == second.probabilities(text)


def test_json_predictor_equals_sklearn() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    from corpus_tool import train as module

    pairs = sorted(zip(TEXTS, LABELS))
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=module.NGRAM_RANGE, sublinear_tf=True,
                                 max_features=module.MAX_FEATURES)
    matrix = vectorizer.fit_transform([t for t, _ in pairs])
    classifier = LogisticRegression(C=module.REGULARISATION_C, max_iter=5000, class_weight="balanced")
    classifier.fit(matrix, [label for _, label in pairs])
    model = TextModel.from_json(json.loads(json.dumps(fit_text_model(TEXTS, LABELS).to_json())))
    for text in ["全年公开政府信息#条", "收到政府信息公开申请#件", "抖音发布#条"]:
        expected = dict(zip(classifier.classes_, classifier.predict_proba(vectorizer.transform([text]))[0]))
        for label, probability in model.probabilities(text).items():
            assert probability == pytest.approx(expected[label], abs=1e-3)


def test_shipped_models_are_what_train_rebuilds(tmp_path) -> None:
    out = train(tmp_path)
    for name in ("narrative", "doc_type"):
        rebuilt = json.loads((out / f"{name}.json").read_text(encoding="utf-8"))
        shipped = json.loads((RULES_DIR / "models" / f"{name}.json").read_text(encoding="utf-8"))
        assert rebuilt == shipped, f"rules/models/{name}.json is stale: run corpus_tool.train.train()"


def test_shipped_model_loads_once() -> None:
    assert load_model("narrative") is load_model("narrative")
    assert load_model("no-such-model") is None


def test_training_data_cover_the_core_fields() -> None:
    labels = {label for _, label in narrative_examples()}
    assert {"none", "proactive.items_published", "applications.new.total", "reconsideration.total",
            "litigation.direct.total", "outcomes.total.total"} <= labels
