"""The auditor's workbook: every sheet re-read with openpyxl and checked against the records.

Two kinds of input: real documents (the seed corpus plus a .txt and a .docx whose title
starts with a formula), run through the CLI; and one hand-built `Record` that has every
kind of flag (a failed check, an approximate value, a conflict, missing sections, an
error), because the checks stage may not yet produce them on the sample corpus.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from click.testing import CliRunner

import corpus_tool
from corpus_tool.cli import cli
from corpus_tool.export import DOCUMENT_COLUMNS, FLAG_COLUMNS, KEY_FIGURES, VALUE_COLUMNS, spec_field_keys
from corpus_tool.model import Record
from corpus_tool.workbook import APPROX_FILL, ERROR_FILL, WARN_FILL

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpora" / "seeds"
REPORT = ROOT / "corpora" / "dev" / "docs" / "d05_zigong_shangwuju_2022.txt"
#: A title the title finder accepts (it must end in 年度报告 and hold no comma) that Excel would run.
EVIL_TITLE = '=HYPERLINK("http://x")&自贡市商务局2022年政府信息公开工作年度报告'
EVIL_DOCX_TITLE = "@SUM(1)自贡市商务局2022年政府信息公开工作年度报告"
SHEETS = ["Summary", "Documents", "Fields", "Flags", "Evidence"]


def write_evil_documents(folder: Path) -> None:
    """A real .txt and .docx: the d05 report with a formula as its first line."""
    folder.mkdir(parents=True, exist_ok=True)
    body = REPORT.read_text(encoding="utf-8").splitlines()[1:]
    (folder / "evil.txt").write_text("\n".join([EVIL_TITLE, *body]), encoding="utf-8")
    document = docx.Document()
    for line in [EVIL_DOCX_TITLE, *body]:
        document.add_paragraph(line)
    document.save(folder / "evil.docx")


def run(*args: str) -> None:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr


def flagged_record() -> Record:
    """A record with one of every flag, as the checks and sections stages hand it on."""
    return Record(
        path="/audit/县政府2022.txt", part=0, title="某县人民政府2022年政府信息公开工作年度报告",
        doc_type="annual_report", format="2021", year=2022, agency="某县人民政府", agency_level="county",
        fields={"applications.new.total": 10, "applications.carried_over.total": 1, "outcomes.total.total": 8,
                "applications.carried_forward.total": 2, "fees.amount_10k_yuan": 1.5,
                "licensing.items_change": -8, "rules.issued": 3},
        evidence={"applications.new.total": {"text": "10", "source": "table", "page": 3, "table": 2,
                                             "row": "一、本年新收政府信息公开申请数量", "column": "总计"},
                  "fees.amount_10k_yuan": {"text": "收费约1.5万元", "source": "sentence", "page": 2,
                                           "flags": ["approx"]},
                  "licensing.items_change": {"text": "-8", "source": "table", "page": 2}},
        sections_missing=["problems"], sections_empty=["other"], tables_missing=["3"],
        section_evidence={"problems": {"text": "四、政府信息公开行政复议、行政诉讼情况", "source": "heading",
                                       "page": 4, "flags": ["missing", "after"]},
                          "other": {"text": "六、其他需要报告的事项", "source": "heading", "page": 5}},
        checks_failed=[{"check_id": "T2021.T2.BALANCE.total", "severity": "error",
                        "description": "new + carried over = outcomes total + carried forward",
                        "left": 11, "right": 10, "detail": {}},
                       # a checklist's own check: not in checks.csv, its figures named only in detail
                       {"check_id": "checklist.rules", "severity": "warning", "description": "rules issued <= in force",
                        "left": 3, "right": None, "detail": {"left": {"rules.issued": 3}, "right": {"rules.in_force": None}}}],
        conflicts={"applications.new.total": [{"value": 10, "text": "10", "source": "table"},
                                              {"value": 12, "text": "共收到申请12件", "source": "sentence"}]},
    )


def rows(ws: openpyxl.worksheet.worksheet.Worksheet, skip: int = 1) -> list[list[object]]:
    return [[c.value for c in row] for row in ws.iter_rows(min_row=skip + 1)]


def header(ws: openpyxl.worksheet.worksheet.Worksheet, row: int = 1) -> list[object]:
    return [c.value for c in ws[row]]


@pytest.fixture(scope="module")
def corpus_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Record], openpyxl.Workbook, Path]:
    """The seeds and the two formula-titled documents, written by the CLI as jsonl and xlsx."""
    base = tmp_path_factory.mktemp("workbook")
    write_evil_documents(base / "evil")
    run("analyse", str(SEEDS), str(base / "evil"), "-o", str(base / "out.jsonl"), "--jobs", "2")
    run("analyse", str(SEEDS), str(base / "evil"), "-o", str(base / "out.xlsx"), "--jobs", "2")
    lines = (base / "out.jsonl").read_text(encoding="utf-8").splitlines()
    records = sorted((Record(**json.loads(line)) for line in lines), key=lambda r: (r.path, r.part))
    return records, openpyxl.load_workbook(base / "out.xlsx"), base / "out.xlsx"


@pytest.fixture(scope="module")
def flagged_book(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("flagged") / "flagged.xlsx"
    corpus_tool.Corpus([flagged_record(), Record(path="/audit/broken.pdf", error="encrypted PDF")]).to_excel(path)
    return openpyxl.load_workbook(path)


def by_path(sheet_rows: list[list[object]]) -> dict[tuple[object, object], list[object]]:
    return {(row[0], row[1]): row for row in sheet_rows}


def test_sheets_are_in_the_auditors_order(corpus_run) -> None:
    _, book, _ = corpus_run
    assert book.sheetnames == SHEETS


def test_documents_has_one_row_per_record_with_numbers_as_numbers(corpus_run) -> None:
    records, book, _ = corpus_run
    ws = book["Documents"]
    assert header(ws) == DOCUMENT_COLUMNS
    sheet = by_path(rows(ws))
    assert len(rows(ws)) == len(records) == 13 + 2
    for record in records:
        row = dict(zip(DOCUMENT_COLUMNS, sheet[(record.path, record.part)]))
        assert (row["title"], row["year"], row["doc_type"], row["format"]) == (
            record.title, record.year, record.doc_type, record.format)
        for key in KEY_FIGURES:
            assert row[key] == record.fields.get(key)
            assert row[key] is None or isinstance(row[key], (int, float))
        assert isinstance(row["n_flags"], int)
    assert ws.freeze_panes == "C2"
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(DOCUMENT_COLUMNS))}{len(records) + 1}"
    assert ws.column_dimensions["A"].width > ws.column_dimensions["B"].width


def test_fields_has_a_column_per_key_that_occurs_with_its_chinese_label(corpus_run) -> None:
    records, book, _ = corpus_run
    ws = book["Fields"]
    occurring = {key for record in records for key in record.fields}
    assert occurring, "the sample corpus yields figures"
    keys = header(ws, 2)[3:]
    assert set(keys) == occurring
    order = spec_field_keys()
    assert keys == sorted(keys, key=order.index), "columns follow the spec's order"
    labels = dict(zip(header(ws, 2), header(ws, 1)))
    assert "申请人情况 > 总计" in labels["applications.new.total"]  # column label beneath the row label
    sheet = by_path(rows(ws, skip=2))
    assert len(sheet) == len(records)
    for record in records:
        row = dict(zip(header(ws, 2), sheet[(record.path, record.part)]))
        assert {k: v for k, v in row.items() if k in occurring and v is not None} == record.fields
        assert all(isinstance(v, (int, float)) for k, v in row.items() if k in occurring and v is not None)
    assert ws.freeze_panes == "D3"


def test_evidence_has_one_row_per_value_with_its_source(corpus_run) -> None:
    records, book, _ = corpus_run
    ws = book["Evidence"]
    assert header(ws) == VALUE_COLUMNS
    sheet = rows(ws)
    assert len(sheet) == sum(len(r.fields) for r in records)
    found = {(row[0], row[1], row[2]): dict(zip(VALUE_COLUMNS, row)) for row in sheet}
    for record in records:
        for key, value in record.fields.items():
            row = found[(record.path, record.part, key)]
            assert row["value"] == value and isinstance(row["value"], (int, float))
            assert row["text"] == record.evidence[key].get("text")
            assert row["page"] == record.evidence[key].get("page")


def test_flags_and_summary_agree_with_the_records(corpus_run) -> None:
    records, book, _ = corpus_run
    expected = sum(len(r.sections_missing) + len(r.sections_empty) + len(r.sections_out_of_order)
                   + len(r.tables_missing) + len(r.checks_failed) + len(r.conflicts) for r in records)
    assert len(rows(book["Flags"])) == expected
    summary = {(row[0], row[1]): row[2] for row in rows(book["Summary"]) if row and row[0]}
    assert summary[("total", "records 报告（含汇编拆分）")] == len(records)
    assert summary[("total", "errors 读取失败")] == sum(r.error is not None for r in records)
    by_format = {item: n for (group, item), n in summary.items() if group == "format"}
    assert sum(by_format.values()) == len(records)


def test_a_formula_title_from_a_real_document_stays_text(corpus_run) -> None:
    records, book, path = corpus_run
    titles = {Path(r.path).name: r.title for r in records}
    assert titles["evil.txt"] == EVIL_TITLE and titles["evil.docx"] == EVIL_DOCX_TITLE
    for sheet in ("Documents", "Fields"):
        cells = [c for row in book[sheet].iter_rows() for c in row if c.value in (EVIL_TITLE, EVIL_DOCX_TITLE)]
        assert len(cells) == 2, sheet
        assert all(c.data_type == "s" and c.quotePrefix for c in cells)
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(name).decode() for name in archive.namelist() if name.startswith("xl/worksheets/")]
    assert not any("<f>" in xml or "<f " in xml for xml in sheets), "no cell is written as a formula"


def test_flagged_cells_are_filled(flagged_book) -> None:
    documents = {row[0].value: {c: cell for c, cell in zip(DOCUMENT_COLUMNS, row)}
                 for row in flagged_book["Documents"].iter_rows(min_row=2)}
    assert documents["/audit/县政府2022.txt"]["n_flags"].value == 6
    assert documents["/audit/县政府2022.txt"]["n_flags"].fill.fgColor.rgb == WARN_FILL.fgColor.rgb
    assert documents["/audit/县政府2022.txt"]["n_checks_failed"].fill.fgColor.rgb == ERROR_FILL.fgColor.rgb
    assert documents["/audit/broken.pdf"]["error"].fill.fgColor.rgb == ERROR_FILL.fgColor.rgb
    assert documents["/audit/broken.pdf"]["n_flags"].fill.fill_type is None

    ws = flagged_book["Fields"]
    keys = header(ws, 2)
    row = next({key: cell for key, cell in zip(keys, cells)} for cells in ws.iter_rows(min_row=3)
               if cells[0].value == "/audit/县政府2022.txt")
    for key in ("applications.new.total", "applications.carried_over.total", "outcomes.total.total",
                "applications.carried_forward.total", "rules.issued"):  # the sides of the failed checks
        assert row[key].fill.fgColor.rgb == ERROR_FILL.fgColor.rgb, key
    assert row["fees.amount_10k_yuan"].fill.fgColor.rgb == APPROX_FILL.fgColor.rgb
    assert row["fees.amount_10k_yuan"].font.i and "收费约1.5万元" in row["fees.amount_10k_yuan"].comment.text
    assert row["licensing.items_change"].value == -8 and row["licensing.items_change"].data_type == "n"
    assert row["licensing.items_change"].fill.fill_type is None


def test_flags_sheet_lists_every_flag_with_its_evidence(flagged_book) -> None:
    ws = flagged_book["Flags"]
    assert header(ws) == FLAG_COLUMNS
    flags = [dict(zip(FLAG_COLUMNS, row)) for row in rows(ws)]
    assert [f["kind"] for f in flags] == ["section_missing", "section_empty", "table_missing",
                                         "check_failed", "check_failed", "conflict"]
    missing, empty, table, check, own_check, conflict = flags
    assert missing["text"] == "四、政府信息公开行政复议、行政诉讼情况" and missing["page"] == 4
    assert missing["description"] == "存在的主要问题及改进情况"
    assert table["text"] is None or "表3" in table["description"]
    assert (check["left"], check["right"]) == (11, 10)
    assert "applications.new.total=10" in check["keys"] and check["page"] == 3
    assert check["text"] == "一、本年新收政府信息公开申请数量 × 总计: 10"  # the cell with its labels
    assert own_check["keys"] == "rules.issued=3; rules.in_force=—"
    assert (conflict["left"], conflict["right"]) == (10, 12) and "共收到申请12件" in conflict["text"]
    kind_cells = [row[2] for row in ws.iter_rows(min_row=2)]
    assert kind_cells[3].fill.fgColor.rgb == ERROR_FILL.fgColor.rgb
    assert kind_cells[0].fill.fgColor.rgb == WARN_FILL.fgColor.rgb


def test_summary_gives_shares_of_flagged_reports(flagged_book) -> None:
    summary = {row[1]: (row[2], row[3]) for row in rows(flagged_book["Summary"]) if row and row[0] == "flags"}
    assert summary["judged against a template 按模板检查的报告"] == (1, 0.5)
    assert summary["with missing sections 缺少章节"] == (1, 1)
    assert summary["with failed checks 数字校验未通过"] == (1, 1)
    assert summary["with sections out of order 章节顺序不符"] == (0, 0)


def test_corpus_dataframes_match_the_sheets(tmp_path: Path) -> None:
    corpus = corpus_tool.Corpus([flagged_record(), Record(path="/audit/broken.pdf", error="encrypted PDF")])
    book = openpyxl.load_workbook(corpus.to_excel(tmp_path / "book.xlsx"))

    def cleaned(frame) -> list[list[object]]:
        return [[None if v is None or v != v or v in ([], "") else ("; ".join(v) if isinstance(v, list) else v)
                 for v in row] for row in frame.astype(object).values.tolist()]

    assert cleaned(corpus.flags) == rows(book["Flags"])
    assert cleaned(corpus.documents[DOCUMENT_COLUMNS]) == rows(book["Documents"])
    assert cleaned(corpus.evidence) == rows(book["Evidence"])
    wide = corpus.fields_wide
    assert list(wide.columns) == header(book["Fields"], 2)
    assert cleaned(wide) == rows(book["Fields"], skip=2)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not on PATH")
def test_libreoffice_opens_the_workbook(corpus_run, tmp_path: Path) -> None:
    _, _, path = corpus_run
    subprocess.run(["soffice", "--headless", "--convert-to", "csv", "--outdir", str(tmp_path), str(path)],
                   check=True, timeout=120, capture_output=True)
    assert (tmp_path / "out.csv").read_text(encoding="utf-8", errors="replace").startswith("group")
