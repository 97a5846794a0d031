"""Training: rebuild the shipped text models from the shipped labelled data.

Two small linear models over character n-grams (TF-IDF + logistic regression):

- ``narrative``: reads the words around a number a phrase rule proposed (see
  `narrative.model_text`) and says which field it belongs to, or ``none``;
- ``doc_type``: reads a document's title and opening and says its type, for the
  documents the title rules of `rules/doc_types.yaml` leave undecided.

Training data are plain CSV under ``rules/training/``: sentences labelled from the
labelled corpora (`label_corpora`), sentences written by hand, and the examples of
every phrases file. The models ship as plain JSON under ``rules/models/`` (the
vectoriser's vocabulary and idf, the classifier's coefficients) and are rebuilt into
a predictor at load time, once per process; nothing is trained at run time and
nothing is pickled. `train` is reproducible: data are sorted, solvers deterministic.
"""
from __future__ import annotations

import csv
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from .rules import RULES_DIR, rules_path

#: Shipped training files (rules/training/) and models (rules/models/).
NARRATIVE_FILES = ("training/narrative_corpus.csv", "training/narrative_handwritten.csv")
DOC_TYPE_FILES = ("training/doc_types_corpus.csv", "training/doc_types_handwritten.csv")
MODEL_DIR = "models"

#: Vectoriser and classifier settings; small on purpose (a few thousand sentences).
NGRAM_RANGE = (1, 3)
MAX_FEATURES = 4000
REGULARISATION_C = 4.0
DECIMALS = 5

_WHITESPACE = re.compile(r"\s\s+")


@dataclass(frozen=True)
class TextModel:
    """A TF-IDF + logistic-regression classifier rebuilt from its JSON export.

    The transform repeats scikit-learn's char analyzer (lower-case, whitespace runs
    collapsed, n-grams of each length), sublinear tf, idf weighting and l2 norm, so the
    probabilities equal those of the fitted scikit-learn pipeline.
    """

    classes: tuple[str, ...]
    vocabulary: dict[str, int]
    idf: tuple[float, ...]
    coef: tuple[tuple[float, ...], ...]
    intercept: tuple[float, ...]
    ngram_range: tuple[int, int] = NGRAM_RANGE
    support: tuple[int, ...] = ()  # training examples per class, in `classes` order

    def features(self, text: str) -> dict[int, float]:
        """The l2-normalised tf-idf vector of `text`, as index → weight."""
        text = _WHITESPACE.sub(" ", text.lower())
        counts: Counter[int] = Counter()
        low, high = self.ngram_range
        for n in range(low, high + 1):
            for i in range(len(text) - n + 1):
                index = self.vocabulary.get(text[i:i + n])
                if index is not None:
                    counts[index] += 1
        weights = {i: (1 + math.log(c)) * self.idf[i] for i, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {i: w / norm for i, w in weights.items()}

    def probabilities(self, text: str) -> dict[str, float]:
        """Class → probability for one text."""
        x = self.features(text)
        scores = [b + sum(row[i] * w for i, w in x.items()) for row, b in zip(self.coef, self.intercept)]
        if len(self.classes) == 2:  # binary: one row of coefficients for the second class
            p = 1 / (1 + math.exp(-scores[0]))
            return {self.classes[0]: 1 - p, self.classes[1]: p}
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        return {label: e / total for label, e in zip(self.classes, exp)}

    def probability(self, text: str, label: str) -> float:
        return self.probabilities(text).get(label, 0.0)

    def examples_of(self, label: str) -> int:
        """How many training examples the class had (0 for an unknown class)."""
        counts = dict(zip(self.classes, self.support))
        return counts.get(label, 0)

    def predict(self, text: str) -> tuple[str, float]:
        """The most probable class and its probability."""
        probs = self.probabilities(text)
        label = max(probs, key=lambda k: (probs[k], k))
        return label, probs[label]

    def to_json(self) -> dict[str, object]:
        return {"classes": list(self.classes), "ngram_range": list(self.ngram_range),
                "vocabulary": self.vocabulary, "idf": list(self.idf),
                "coef": [list(row) for row in self.coef], "intercept": list(self.intercept),
                "support": list(self.support)}

    @staticmethod
    def from_json(data: dict) -> "TextModel":
        return TextModel(classes=tuple(data["classes"]), vocabulary=dict(data["vocabulary"]),
                         idf=tuple(data["idf"]), coef=tuple(tuple(r) for r in data["coef"]),
                         intercept=tuple(data["intercept"]), ngram_range=tuple(data["ngram_range"]),
                         support=tuple(data.get("support", ())))


@lru_cache(maxsize=None)
def load_model(name: str) -> TextModel | None:
    """The shipped model `name` ('narrative', 'doc_type'), or None when it is not there.

    Without a model the stages fall back to their rules alone.
    """
    path = rules_path(f"{MODEL_DIR}/{name}.json")
    if not path.exists():
        return None
    with open(path, encoding="utf-8") as handle:
        return TextModel.from_json(json.load(handle))


def fit_text_model(texts: Sequence[str], labels: Sequence[str]) -> TextModel:
    """Fit TF-IDF + logistic regression on (text, label) pairs and export it.

    Pairs are sorted first, so the same data give the same model whatever their order.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    pairs = sorted(zip(texts, labels))
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=NGRAM_RANGE, sublinear_tf=True,
                                 max_features=MAX_FEATURES)
    matrix = vectorizer.fit_transform([t for t, _ in pairs])
    classifier = LogisticRegression(C=REGULARISATION_C, max_iter=5000, class_weight="balanced")
    classifier.fit(matrix, [label for _, label in pairs])
    vocabulary = {term: int(index) for term, index in sorted(vectorizer.vocabulary_.items())}
    return TextModel(
        classes=tuple(str(c) for c in classifier.classes_), vocabulary=vocabulary,
        idf=tuple(round(float(v), DECIMALS) for v in vectorizer.idf_),
        coef=tuple(tuple(round(float(v), DECIMALS) for v in row) for row in classifier.coef_),
        intercept=tuple(round(float(v), DECIMALS) for v in classifier.intercept_),
        support=tuple(int(sum(1 for _, label in pairs if label == c)) for c in classifier.classes_))


def read_rows(names: Iterable[str]) -> list[dict[str, str]]:
    """Rows of the training CSV files that exist."""
    rows: list[dict[str, str]] = []
    for name in names:
        path = rules_path(name)
        if path.exists():
            with open(path, encoding="utf-8", newline="") as handle:
                rows.extend(csv.DictReader(handle))
    return rows


def narrative_examples() -> list[tuple[str, str]]:
    """(model text, label) pairs: the training CSVs plus every phrases file's examples."""
    from .narrative import find_candidates, model_text, phrase_rules

    pairs = []
    for row in read_rows(NARRATIVE_FILES):
        sentence, number = row["sentence"], row["number"]
        start = sentence.find(number)
        if start >= 0:
            pairs.append((model_text(sentence, start, start + len(number)), row["label"]))
    for rule in phrase_rules():
        for text, value in rule.examples:
            for cand in find_candidates(text):
                if not cand.fixed and cand.field == rule.field and cand.value == value:
                    pairs.append((model_text(text, cand.start, cand.end), rule.field))
        for text in rule.counter_examples:
            for cand in find_candidates(text):
                if not cand.fixed and cand.field == rule.field:
                    pairs.append((model_text(text, cand.start, cand.end), "none"))
    return pairs


def doc_type_examples() -> list[tuple[str, str]]:
    """(title and opening, doc type) pairs from the training CSVs."""
    return [(row["text"], row["label"]) for row in read_rows(DOC_TYPE_FILES)]


def train(out_dir: str | Path | None = None) -> Path:
    """Rebuild the shipped models from the shipped training data.

    Args:
        out_dir: where to write ``narrative.json`` and ``doc_type.json``; default the
            package's own ``rules/models/`` (what `load_model` reads).

    Returns:
        The folder the models were written to.
    """
    target = Path(out_dir) if out_dir else RULES_DIR / MODEL_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name, pairs in (("narrative", narrative_examples()), ("doc_type", doc_type_examples())):
        texts, labels = zip(*pairs)
        model = fit_text_model(texts, labels)
        with open(target / f"{name}.json", "w", encoding="utf-8") as handle:
            json.dump(model.to_json(), handle, ensure_ascii=False, separators=(",", ":"))
    load_model.cache_clear()
    return target


def label_corpora(corpora: Sequence[str | Path], out_dir: str | Path | None = None) -> Path:
    """Write the corpus-derived training CSVs from labelled corpora (folder with gold.jsonl).

    A number a phrase rule proposes is labelled with the rule's field when it equals
    the gold value of that field (any part's, for a compilation), else ``none``; other
    counted numbers are ``none`` unless they equal some gold value (then left out as
    ambiguous). A proposal for a field the gold does not label at all (the legacy
    figures beyond the core fields) is left out: calling it ``none`` would teach the
    model to veto every such field. Documents give their title and opening to the
    doc-type data.

    Returns:
        The folder the CSVs were written to (default rules/training/).
    """
    from .classify import opening_text
    from .ingest import read_document
    from .narrative import find_candidates, number_spans, sentences
    from .normalize import normalize
    from .split import split

    target = Path(out_dir) if out_dir else RULES_DIR / "training"
    target.mkdir(parents=True, exist_ok=True)
    sentence_rows: set[tuple[str, str, str, str]] = set()
    doc_rows: set[tuple[str, str, str]] = set()
    for corpus in map(Path, corpora):
        for line in (corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines():
            gold = json.loads(line)
            source = f"{corpus.name}/{Path(gold['file']).name}"
            records = [gold] + gold.get("parts", [])
            values: dict[str, set[float]] = {}
            labelled = {key for record in records for key in record["fields"]}
            for record in records:
                for key, value in record["fields"].items():
                    for v in value if isinstance(value, list) else [value]:
                        if v is not None:
                            values.setdefault(key, set()).add(v)
            every_value = set().union(*values.values()) if values else set()
            path = corpus / gold["file"]
            if not path.exists():
                path = corpus / "docs" / Path(gold["file"]).name
                if not path.exists():
                    path = corpus / Path(gold["file"]).name
            parts = split(normalize(read_document(path)))
            part_golds = gold.get("parts") or [gold]
            for index, part in enumerate(parts):
                if len(parts) == len(part_golds):
                    doc_rows.add((opening_text(part), part_golds[index]["doc_type"], source))
                elif index == 0:
                    doc_rows.add((opening_text(part), gold["doc_type"], source))
                for sentence, _ in sentences(part):
                    proposed = set()
                    for cand in find_candidates(sentence):
                        if cand.fixed or cand.field not in labelled:
                            continue  # a field the gold does not label is no example either way
                        label = cand.field if cand.value in values.get(cand.field, set()) else "none"
                        sentence_rows.add((sentence, sentence[cand.start:cand.end], label, source))
                        proposed.add(cand.start)
                    for start, end in number_spans(sentence):
                        if start in proposed:
                            continue
                        try:
                            from .numerals import parse_number
                            value = parse_number(sentence[start:end]).value
                        except ValueError:
                            continue
                        if value not in every_value:
                            sentence_rows.add((sentence, sentence[start:end], "none", source))
    _write_csv(target / "narrative_corpus.csv", ("sentence", "number", "label", "source"), sorted(sentence_rows))
    _write_csv(target / "doc_types_corpus.csv", ("text", "label", "source"), sorted(doc_rows))
    return target


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[str]]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


__all__ = ["TextModel", "load_model", "fit_text_model", "train", "label_corpora",
           "narrative_examples", "doc_type_examples"]
