"""Checks that read document metadata and occurrences (CheckContext): each passes on
consistent data, fails with both sides on inconsistent data, and is not applicable when
the metadata it needs is unknown."""
from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from corpus_tool.check import CheckContext, Occurrence, parse_date, run_checks
from corpus_tool.model import Evidence
from corpus_tool.check import agency_is_government, collect_occurrences, other_reading
from corpus_tool.pipeline import process_file

from test_checks import consistent_report

DEV = Path(__file__).resolve().parents[1] / "corpora" / "dev" / "docs"
D = datetime.date


def failed(fields=None, template="2021", tables=(1, 2, 3), **context) -> dict:
    context_ = CheckContext(**context)
    return {c.check_id: c for c in run_checks(fields or {}, template, set(tables), context=context_)}


def table(value, row="一、本年新收政府信息公开申请数量") -> Occurrence:
    return Occurrence(value, Evidence(text=str(value), source="table", table=2, row=row, column="总计"))


def prose(value, text) -> Occurrence:
    return Occurrence(value, Evidence(text=text, source="sentence"))


# --- a full, consistent context changes nothing for consistent reports -----------------

@pytest.mark.parametrize("template,year", [("2021", 2022), ("2019", 2020)])
@pytest.mark.parametrize("seed", range(5))
def test_consistent_report_with_full_context_passes(template: str, year: int, seed: int) -> None:
    fields = consistent_report(template, seed)
    occurrences = {key: [table(value)] for key, value in fields.items()}
    stated = fields["applications.new.total"]
    occurrences["applications.new.total"].append(prose(stated, f"收到申请{stated}件。"))
    context = CheckContext(format=template, year=year, publish_date=D(year + 1, 1, 20),
                           tables_found=("1", "2", "3"), agency_level="county", is_government=False,
                           occurrences=occurrences)
    assert run_checks(fields, template, {1, 2, 3}, context=context) == []


# --- ANY.CONSISTENT ----------------------------------------------------------------------

def test_consistent_passes_when_a_figure_is_stated_twice_alike() -> None:
    occurrences = {"applications.new.total": [table(12), prose(12, "全年收到申请12件。")],
                   "reconsideration.total": [table(0), prose(0.0, "未发生行政复议。")]}
    assert "ANY.CONSISTENT" not in failed(occurrences=occurrences)


def test_consistent_fails_with_both_values_and_their_evidence() -> None:
    occurrences = {"applications.new.total": [table(739), prose(1913, "全年共收到政府信息公开申请1913件。")],
                   "outcomes.total.total": [table(10), prose(10, "办结10件。")]}
    result = failed(occurrences=occurrences)["ANY.CONSISTENT"]
    assert result.severity == "error"
    assert (result.left, result.right) == (739, 1913)
    found = result.detail["keys"]
    assert list(found) == ["applications.new.total"]
    assert [o["value"] for o in found["applications.new.total"]] == [739, 1913]
    assert found["applications.new.total"][0]["source"] == "table"
    assert found["applications.new.total"][1]["text"] == "全年共收到政府信息公开申请1913件。"
    json.dumps(result.to_dict(), ensure_ascii=False)  # the record stays JSON


def test_consistent_with_two_keys_failing_names_both() -> None:
    occurrences = {"a.b": [table(1), prose(2, "x")], "c.d": [table(3), prose(4, "y")]}
    result = failed(occurrences=occurrences)["ANY.CONSISTENT"]
    assert set(result.detail["keys"]) == {"a.b", "c.d"}
    assert result.left is None and result.right is None


def test_consistent_not_applicable_without_occurrences() -> None:
    assert "ANY.CONSISTENT" not in failed(occurrences=None)
    ids = {c.check_id for c in run_checks({"applications.new.total": 3}, "2021", {2})}
    assert "ANY.CONSISTENT" not in ids


# --- ANY.CORE_PRESENT --------------------------------------------------------------------

def test_core_present() -> None:
    assert "ANY.CORE_PRESENT" not in failed(format="2021", tables_found=("1", "2", "3"))
    result = failed(format="2019", template="2019", tables_found=("1", "2"))["ANY.CORE_PRESENT"]
    assert result.severity == "warning"
    assert result.detail["left_value"] == ["1", "2", "3"] and result.detail["right_value"] == ["1", "2"]
    assert result.detail["metadata"] == {"doc.format": "2019", "doc.tables_found": ["1", "2"]}
    assert "ANY.CORE_PRESENT" not in failed(format="legacy", template="legacy", tables_found=())


def test_core_present_defaults_to_run_checks_arguments() -> None:
    assert "ANY.CORE_PRESENT" in failed(tables=(1, 3))  # format and tables_found from the arguments
    assert "ANY.CORE_PRESENT" not in failed(tables=(1, 2, 3))


# --- ANY.FORMAT_YEAR ---------------------------------------------------------------------

@pytest.mark.parametrize("fmt,year,ok", [
    ("2021", 2021, True), ("2021", 2024, True), ("2021", 2020, False),
    ("2019", 2019, True), ("2019", 2020, True), ("2019", 2021, False), ("2019", 2018, False),
    ("legacy", 2018, True), ("legacy", 2008, True), ("legacy", 2019, True),  # 2019: loosely aligned
    ("legacy", 2020, False), ("none", 2022, True),
])
def test_format_year(fmt: str, year: int, ok: bool) -> None:
    result = failed(template=fmt, format=fmt, year=year).get("ANY.FORMAT_YEAR")
    assert (result is None) == ok
    if result is not None:
        assert result.detail["metadata"] == {"doc.format": fmt, "doc.year": year}


def test_format_year_not_applicable_without_year() -> None:
    assert "ANY.FORMAT_YEAR" not in failed(format="2019", template="2019", year=None)


# --- ANY.DEADLINE ------------------------------------------------------------------------

@pytest.mark.parametrize("year,published,government,ok", [
    (2021, D(2022, 1, 31), False, True),    # department: 31 January
    (2021, D(2022, 2, 1), False, False),
    (2021, D(2022, 3, 31), True, True),     # government: 31 March
    (2021, D(2022, 4, 1), True, False),
    (2018, D(2019, 3, 31), False, True),    # up to 2018 every agency: 31 March
    (2018, D(2019, 4, 2), False, False),
    (2018, D(2019, 3, 1), None, True),      # agency type not needed for old reports
])
def test_deadline(year: int, published: datetime.date, government: bool | None, ok: bool) -> None:
    result = failed(year=year, publish_date=published, is_government=government).get("ANY.DEADLINE")
    assert (result is None) == ok
    if result is not None:
        assert result.detail["left_value"] == published.isoformat()
        deadline = D(year + 1, 3, 31) if year <= 2018 or government else D(year + 1, 1, 31)
        assert result.detail["right_value"] == deadline.isoformat()
        assert result.detail["left"] == {"doc.publish_date": published.isoformat()}
        assert result.detail["metadata"]["doc.year"] == year


@pytest.mark.parametrize("context", [
    {"year": 2021, "publish_date": None, "is_government": False},
    {"year": None, "publish_date": D(2022, 6, 1), "is_government": False},
    {"year": 2021, "publish_date": D(2022, 6, 1), "is_government": None},  # needed from 2019 on
])
def test_deadline_not_applicable_when_metadata_missing(context: dict) -> None:
    assert "ANY.DEADLINE" not in failed(**context)


# --- T2021.T1.RULES_POWER (agency.level) -------------------------------------------------

def test_rules_power() -> None:
    fields = {"rules.issued": 2}
    assert "T2021.T1.RULES_POWER" in failed(fields, agency_level="county")
    assert "T2021.T1.RULES_POWER" in failed(fields, agency_level="township")
    for level in ("national", "province", "provincial", "city", "prefecture"):
        assert "T2021.T1.RULES_POWER" not in failed(fields, agency_level=level)
    assert "T2021.T1.RULES_POWER" not in failed({"rules.issued": 0}, agency_level="county")
    assert "T2021.T1.RULES_POWER" not in failed(fields, agency_level=None)
    result = failed(fields, agency_level="county")["T2021.T1.RULES_POWER"]
    assert result.detail["metadata"] == {"agency.level": "county"}


# --- prev.* and similarity stay not applicable; generic figure checks still work ----------

def test_previous_year_checks_stay_not_applicable() -> None:
    fields = consistent_report("2021", 3)
    ids = set(failed(fields, format="2021", year=2022, agency_level="county", is_government=True,
                     occurrences={}))
    assert not {i for i in ids if "YOY" in i or "REPEAL_LE_STOCK" in i or i == "ANY.NOT_DUPLICATE"}


def test_nonneg_and_integer_still_work_with_context() -> None:
    fields = {"rules.issued": -1, "applications.new.total": 2.5, "fees.amount_10k_yuan": 1.5,
              "licensing.items_change": -3}
    result = failed(fields, template="2019", format="2019", year=2020, occurrences={})
    assert result["ANY.NONNEG"].detail["keys"] == {"rules.issued": -1}
    assert result["ANY.INTEGER"].detail["keys"] == {"applications.new.total": 2.5}


def test_parse_date() -> None:
    assert parse_date("2022-01-05") == D(2022, 1, 5)
    assert parse_date(None) is None and parse_date("2022-13-01") is None and parse_date("2022年") is None


# --- pipeline: agency type and occurrences --------------------------------------------------

@pytest.mark.parametrize("agency,level,expected", [
    ("中江县人民政府", "county", True), ("高平市人民政府办公室", "county", True),
    ("四川省人民政府办公厅", "province", True), ("佛山市南海区人民政府办", "county", True), ("五常市背荫河镇人民政府", "township", True),
    ("北京市东城区人民政府外事办公室", "county", False), ("自贡市商务局", "city", False),
    ("天津港保税区管理委员会", "county", None), (None, None, None),
])
def test_agency_is_government(agency, level, expected) -> None:
    assert agency_is_government(agency, level) == expected


def ev(text: str, *flags: str) -> Evidence:
    return Evidence(text=text, source="sentence", flags=list(flags))


@pytest.mark.parametrize("key,prose_value,text,flags,tables,reading", [
    ("litigation.direct.total", 15, "行政复议27件、行政诉讼15件。", (),
     {"litigation.direct.total": 12, "litigation.after_reconsideration.total": 3}, "all suits"),
    ("litigation.direct.total", 15, "直接起诉15件。", (),
     {"litigation.direct.total": 12, "litigation.after_reconsideration.total": 3}, None),
    ("outcomes.disclosed.total", 13, "新收申请17件,其中予以公开13件", (),
     {"outcomes.disclosed.total": 14, "applications.carried_over.total": 1}, "new applications"),
    ("outcomes.disclosed.total", 11, "予以公开11件", (),
     {"outcomes.disclosed.total": 14, "applications.carried_over.total": 1}, None),
    ("outcomes.disclosed.total", 13, "予以公开13件", (), {"outcomes.disclosed.total": 14}, None),
    ("applications.new.total", 1261, "共受理1261件", (),
     {"applications.new.total": 1187, "applications.carried_over.total": 74}, "carried-over"),
    ("outcomes.total.total", 5, "全部办结", ("all_answered",), {"outcomes.total.total": 4}, "answered"),
    ("proactive.items_published", 180, "180余条", ("approx",), {"proactive.items_published": 186}, "approx"),
    ("applications.new.total", 0, "未收到申请", (), {"applications.new.total": 3}, None),
])
def test_other_reading(key, prose_value, text, flags, tables, reading) -> None:
    result = other_reading(key, prose_value, ev(text, *flags), tables)
    assert (result is None) == (reading is None)
    if reading:
        assert reading in result


def test_collect_occurrences_keeps_table_and_prose_values() -> None:
    tables = {"applications.new.total": 2, "outcomes.total.total": 2, "litigation.direct.total": 12,
              "litigation.after_reconsideration.total": 3}
    table_ev = {k: Evidence(text=str(v), source="table", table=2) for k, v in tables.items()}
    prose_fields = {"applications.new.total": 5, "outcomes.total.total": 5, "litigation.direct.total": 15,
                    "proactive.items_published": 300}
    prose_ev = {"applications.new.total": ev("受理申请5条"),
                "outcomes.total.total": ev("受理申请5条", "all_answered"),
                "litigation.direct.total": ev("行政诉讼15件"), "proactive.items_published": ev("公开300条")}
    occ = collect_occurrences(tables, table_ev, prose_fields, prose_ev)
    assert [o.value for o in occ["applications.new.total"]] == [2, 5]  # lost to the table, still kept
    assert occ["applications.new.total"][1].evidence.text == "受理申请5条"
    assert [o.value for o in occ["outcomes.total.total"]] == [2]  # implied, not stated
    assert [o.value for o in occ["litigation.direct.total"]] == [12]  # another quantity
    assert [o.value for o in occ["proactive.items_published"]] == [300]


# --- end to end on dev documents --------------------------------------------------------

def ids_of(path: Path) -> set[str]:
    (record,) = process_file(path)
    return {c["check_id"] for c in record.checks_failed}


@pytest.mark.parametrize("name", ["d05_zigong_shangwuju_2022.txt",  # stated twice alike
                                  "d15_tianjingang_baoshuiqu_2023.docx",  # prose: new applications only
                                  "d06_sichuan_shengzhengfu_bangongting_2023.pdf"])  # prose: all suits
def test_dev_reports_stated_twice_alike_or_as_other_quantities_pass(name: str) -> None:
    assert "ANY.CONSISTENT" not in ids_of(DEV / name)


def test_text_against_its_table_fails_end_to_end(tmp_path: Path) -> None:
    source = DEV / "d05_zigong_shangwuju_2022.txt"
    text = source.read_text(encoding="utf-8")
    assert "受理政府信息公开申请2条" in text
    changed = tmp_path / source.name
    changed.write_text(text.replace("受理政府信息公开申请2条", "受理政府信息公开申请5条"), encoding="utf-8")
    (record,) = process_file(changed)
    result = next(c for c in record.checks_failed if c["check_id"] == "ANY.CONSISTENT")
    assert (result["left"], result["right"]) == (2, 5)
    found = result["detail"]["keys"]["applications.new.total"]
    assert found[0]["source"] == "table" and found[0]["value"] == 2
    assert found[1]["source"] == "sentence" and "受理政府信息公开申请5条" in found[1]["text"]
    assert set(result["detail"]["keys"]) == {"applications.new.total"}


def test_dev_reports_missing_a_table_warn() -> None:
    assert "ANY.CORE_PRESENT" in ids_of(DEV / "d10_dongcheng_waibanshi_2021.html")
    assert "ANY.CORE_PRESENT" not in ids_of(DEV / "d04_hejiang_xianzhengfu_2022.docx")
