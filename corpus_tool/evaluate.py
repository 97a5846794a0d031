"""Evaluate: score the pipeline against a labelled corpus (gold.jsonl, LABELS.md format).

Per field key: a true positive is a stated value found right; a wrong value counts
as a false positive and a false negative; a value where gold says null is a false
positive; a missing value where gold states one is a false negative. A gold list
(`[1913, 739]`, a figure stated twice) accepts any of its values. Files holding
several reports are scored part by part against the gold `parts`.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .batch import iter_records
from .model import Record

#: Section ids each template requires (LABELS.md), for the section-flag accuracy.
REQUIRED_SECTIONS = {
    "2021": ["overview", "proactive", "applications", "review_litigation", "problems", "other"],
    "2019": ["overview", "proactive", "applications", "review_litigation", "problems", "other"],
    "legacy": ["overview", "proactive", "applications", "fees", "review_litigation", "problems"],
}


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    def score(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 1.0


@dataclass
class Evaluation:
    per_key: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    by_group: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    accuracy: dict[str, Accuracy] = field(default_factory=lambda: defaultdict(Accuracy))
    wrong: list[str] = field(default_factory=list)
    documents: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.per_key.values():
            total.add(counts)
        return total

    def report(self, *, show_wrong: bool = False) -> str:
        """The printed evaluation: per-key table, groups, accuracies, one summary line last."""
        lines = [f"{'field':45} {'tp':>4} {'fp':>4} {'fn':>4} {'prec':>6} {'rec':>6} {'f1':>6}"]
        for key in sorted(self.per_key):
            c = self.per_key[key]
            lines.append(f"{key:45} {c.tp:4d} {c.fp:4d} {c.fn:4d} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}")
        lines.append("")
        for group in sorted(self.by_group):
            c = self.by_group[group]
            lines.append(f"fields, {group:34} {c.tp:4d} {c.fp:4d} {c.fn:4d} "
                         f"{c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}")
        for name in ("doc_type", "format", "year", "agency", "sections"):
            if name in self.accuracy:
                a = self.accuracy[name]
                lines.append(f"{name + ' accuracy':45} {a.value:.3f} ({a.right}/{a.total})")
        if self.errors:
            lines.append(f"errors: {len(self.errors)}")
            lines.extend(f"  {e}" for e in self.errors)
        if show_wrong and self.wrong:
            lines.append("")
            lines.append("mismatches:")
            lines.extend(f"  {w}" for w in self.wrong)
        overall = self.overall
        acc = self.accuracy
        lines.append(
            f"SUMMARY documents={self.documents} field_p={overall.precision:.3f} field_r={overall.recall:.3f} "
            f"field_f1={overall.f1:.3f} doc_type={acc['doc_type'].value:.3f} format={acc['format'].value:.3f} "
            f"year={acc['year'].value:.3f} sections={acc['sections'].value:.3f}")
        return "\n".join(lines)


def _same(predicted: Any, gold: Any) -> bool:
    golds = gold if isinstance(gold, list) else [gold]
    try:
        return any(abs(float(predicted) - float(g)) < 1e-6 for g in golds if g is not None)
    except (TypeError, ValueError):
        return False


def _norm_agency(name: Any) -> str:
    return "".join(str(name).split()) if name else ""


def score_fields(evaluation: Evaluation, label: str, gold: dict[str, Any], predicted: dict[str, Any],
                 group: str) -> None:
    for key, gold_value in gold.items():
        counts = Counts()
        have = key in predicted and predicted[key] is not None
        if gold_value is None:
            if have:
                counts.fp += 1
                evaluation.wrong.append(f"{label} {key}: expected null, got {predicted[key]}")
        elif not have:
            counts.fn += 1
            evaluation.wrong.append(f"{label} {key}: expected {gold_value}, got nothing")
        elif _same(predicted[key], gold_value):
            counts.tp += 1
        else:
            counts.fp += 1
            counts.fn += 1
            evaluation.wrong.append(f"{label} {key}: expected {gold_value}, got {predicted[key]}")
        evaluation.per_key[key].add(counts)
        evaluation.by_group[group].add(counts)


def _score_meta(evaluation: Evaluation, label: str, gold: dict[str, Any], record: Record | None) -> None:
    for name in ("doc_type", "year"):
        if name in gold:
            got = getattr(record, name) if record else None
            ok = got == gold[name]
            evaluation.accuracy[name].score(ok)
            if not ok:
                evaluation.wrong.append(f"{label} {name}: expected {gold[name]}, got {got}")
    if "agency" in gold:
        got = record.agency if record else None
        ok = _norm_agency(got) == _norm_agency(gold["agency"])
        evaluation.accuracy["agency"].score(ok)
        if not ok:
            evaluation.wrong.append(f"{label} agency: expected {gold['agency']}, got {got}")


def score_document(evaluation: Evaluation, gold: dict[str, Any], records: list[Record]) -> None:
    """Add one gold line's comparison to `evaluation`."""
    label = gold["file"]
    records = sorted(records, key=lambda r: r.part)
    evaluation.documents += 1
    first = records[0] if records else None
    if first is not None and first.error:
        evaluation.errors.append(f"{label}: {first.error}")
    gold_format = gold.get("format")
    group = "table docs (2021/2019)" if gold_format in ("2021", "2019") else "narrative docs (legacy/none)"
    if "format" in gold:
        got = first.format if first else None
        evaluation.accuracy["format"].score(got == gold_format)
        if got != gold_format:
            evaluation.wrong.append(f"{label} format: expected {gold_format}, got {got}")
    parts = gold.get("parts")
    if parts:
        if len(records) != len(parts):
            evaluation.wrong.append(f"{label} parts: expected {len(parts)}, got {len(records)}")
        for index, gold_part in enumerate(parts):
            record = records[index] if index < len(records) else None
            part_label = f"{label}#{index}"
            _score_meta(evaluation, part_label, gold_part, record)
            score_fields(evaluation, part_label, gold_part.get("fields", {}), record.fields if record else {}, group)
    else:
        _score_meta(evaluation, label, gold, first)
        score_fields(evaluation, label, gold.get("fields", {}), first.fields if first else {}, group)
    required = REQUIRED_SECTIONS.get(gold_format or "")
    present = set(first.sections_present) if first else set()
    if required:
        gold_present = set(gold.get("sections_present", []))
        for section in required:
            ok = (section in present) == (section in gold_present)
            evaluation.accuracy["sections"].score(ok)
            if not ok:
                expected = "present" if section in gold_present else "missing"
                evaluation.wrong.append(f"{label} section {section}: expected {expected}")
    elif "sections_present" in gold:
        ok = not present and not (first.sections_missing if first else [])
        evaluation.accuracy["sections"].score(ok)
        if not ok:
            evaluation.wrong.append(f"{label} sections: expected none for format {gold_format}, got {sorted(present)}")


def read_gold(gold_path: str | Path) -> list[dict[str, Any]]:
    with open(gold_path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def evaluate(gold_path: str | Path, *, jobs: int | None = None) -> Evaluation:
    """Run the pipeline over the documents a gold file names and score it."""
    gold_path = Path(gold_path)
    golds = read_gold(gold_path)
    files = [gold_path.parent / gold["file"] for gold in golds]
    by_path: dict[str, list[Record]] = defaultdict(list)
    for record in iter_records(files, jobs=jobs):
        by_path[record.path].append(record)
    evaluation = Evaluation()
    for gold, path in zip(golds, files):
        score_document(evaluation, gold, by_path.get(str(path), []))
    return evaluation
