"""Checks: nothing fails on figures that add up; an inconsistency fails with both sides."""
from __future__ import annotations

import random

import pytest

from corpus_tool.check import compiled_checks, run_checks
from corpus_tool.rules import load_csv

APPLICANTS = ["natural_person", "commercial", "research", "public_interest", "legal_service", "other_org"]


def consistent_report(template: str, seed: int) -> dict[str, float | int]:
    """Random figures that satisfy every table rule of the template."""
    rng = random.Random(seed)
    outcome_stems = sorted({r["key"].rsplit(".", 1)[0] for r in load_csv("spec/fields.csv")
                            if r["template"] == template and r["table"] == "2" and r["key"].startswith("outcomes.")
                            and not r["key"].startswith("outcomes.total")})
    fields: dict[str, float | int] = {}
    for column in APPLICANTS:
        carried_over, carried_forward = rng.randint(0, 5), rng.randint(0, 5)
        outcomes = {stem: rng.randint(0, 9) for stem in outcome_stems}
        answered = sum(outcomes.values())
        new = answered + carried_forward - carried_over
        if new < 0:
            carried_over += new
            new = 0
        row = {"applications.new": new, "applications.carried_over": carried_over,
               "applications.carried_forward": carried_forward, "outcomes.total": answered, **outcomes}
        fields.update({f"{stem}.{column}": value for stem, value in row.items()})
    for stem in {k.rsplit(".", 1)[0] for k in fields}:
        fields[f"{stem}.total"] = sum(fields[f"{stem}.{c}"] for c in APPLICANTS)
    for group in ("reconsideration", "litigation.direct", "litigation.after_reconsideration"):
        parts = {c: rng.randint(0, 4) for c in ("upheld", "corrected", "other", "pending")}
        fields.update({f"{group}.{c}": v for c, v in parts.items()})
        fields[f"{group}.total"] = sum(parts.values())
    if template == "2021":
        fields.update({"rules.issued": 0, "normative_docs.issued": 3, "normative_docs.repealed": 1,
                       "normative_docs.in_force": 40, "fees.amount_10k_yuan": 12.5})
    else:
        fields.update({"licensing.items_prev_year": 10, "licensing.items_change": -2,
                       "normative_docs.published_new": 3, "normative_docs.public_total": 30})
    return fields


@pytest.mark.parametrize("template", ["2021", "2019"])
@pytest.mark.parametrize("seed", range(10))
def test_no_check_fails_on_consistent_reports(template: str, seed: int) -> None:
    assert run_checks(consistent_report(template, seed), template, {1, 2, 3}) == []


def test_all_checks_compile_with_a_severity() -> None:
    checks = compiled_checks()
    assert len(checks) == len(load_csv("spec/checks.csv"))
    assert {c.severity for c in checks} <= {"error", "warning", "info"}


def test_inconsistent_row_fails_with_both_sides() -> None:
    fields = consistent_report("2021", 1)
    fields["applications.new.total"] += 3
    failed = {c.check_id: c for c in run_checks(fields, "2021", {1, 2, 3})}
    rowsum = failed["T2021.T2.ROWSUM.applications.new"]
    assert rowsum.severity == "error"
    assert rowsum.left == fields["applications.new.total"]
    assert rowsum.right == fields["applications.new.total"] - 3
    assert rowsum.detail["left"] == {"applications.new.total": fields["applications.new.total"]}
    assert "applications.new.natural_person" in rowsum.detail["right"]
    assert "T2021.T2.BALANCE.total" in failed


def test_unstated_cell_is_zero_only_when_its_table_was_found() -> None:
    fields = {"reconsideration.upheld": 1, "reconsideration.total": 2}
    assert [c.check_id for c in run_checks(fields, "2021", {3})] == ["T2021.T3.SUM.reconsideration"]
    assert run_checks({"reconsideration.total": 2}, "2021", set()) == []


def test_guarded_subtotal_and_generic_checks() -> None:
    fields = consistent_report("2019", 2)
    fields["outcomes.withheld.total"] = fields["outcomes.withheld.state_secret.total"] + 1
    fields["licensing.items_change"] = -20
    fields["rules.issued"] = -1
    failed = {c.check_id for c in run_checks(fields, "2019", {1, 2, 3})}
    assert {"T2019.T2.SUBTOTAL.withheld.total", "T2019.T1.ITEMS_NONNEG.licensing", "ANY.NONNEG"} <= failed
    assert not any(check_id.startswith(("T2021", "LEG")) for check_id in failed)


def test_checks_needing_metadata_are_not_applicable() -> None:
    ids = {c.check_id for c in run_checks({"applications.carried_over.total": 5}, "2021", {2})}
    assert "T2021.X.CARRY_YOY" not in ids and "ANY.DEADLINE" not in ids


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_table_checks_do_not_change_with_a_context(template: str) -> None:
    """The context adds the metadata checks; the table checks' results stay the same."""
    from corpus_tool.check import CheckContext

    fields = consistent_report(template, 4)
    fields["applications.new.total"] += 2
    fields["reconsideration.total"] += 1
    context = CheckContext(format=template, year=2022 if template == "2021" else 2020, occurrences={},
                           tables_found=("1", "2", "3"), agency_level="provincial", is_government=True)
    plain = run_checks(fields, template, {1, 2, 3})
    assert plain and run_checks(fields, template, {1, 2, 3}, context=context) == plain
    with pytest.raises(TypeError):
        run_checks(fields, template, {1, 2, 3}, context)  # type: ignore[misc]  # keyword only
