"""The batch command as a user runs it: every file accounted for, errors kept, output streamed."""
from __future__ import annotations

import csv
import json
import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import corpus_tool
from corpus_tool.cli import cli

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def corpora_records(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    out = tmp_path_factory.mktemp("out") / "out.jsonl"
    code, _, err = run("analyse", str(CORPORA), "-o", str(out), "--jobs", "2")
    assert code == 0, err
    return read_jsonl(out)


def test_every_corpus_file_gets_a_record_and_none_fails(corpora_records: list[dict]) -> None:
    documents = sorted(p for p in CORPORA.rglob("*") if p.is_file() and p.suffix in {".txt", ".pdf", ".docx", ".html"})
    paths = {r["path"] for r in corpora_records}
    assert paths == {str(p) for p in documents}
    assert [r for r in corpora_records if r["error"]] == []


def test_compilations_give_one_record_per_report(corpora_records: list[dict]) -> None:
    def parts(prefix: str) -> list[int]:
        return sorted(r["part"] for r in corpora_records if Path(r["path"]).name.startswith(prefix))
    assert parts("000_") == [0, 1, 2]
    assert parts("004_") == list(range(7))
    assert parts("d39_") == [0, 1, 2]
    assert parts("001_") == [0]


def test_records_follow_the_contract(corpora_records: list[dict]) -> None:
    for key in ("path", "part", "doc_type", "format", "year", "agency", "fields", "evidence",
                "sections_present", "sections_missing", "checks_failed", "error"):
        assert all(key in r for r in corpora_records), key
    for record in corpora_records:
        assert set(record["evidence"]) <= set(record["fields"]) | set(record["evidence"])
        assert set(record["fields"]) <= set(record["evidence"]), "every value carries its evidence"


def test_bad_inputs_become_error_records_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "corrupt.pdf").write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage")
    (folder / "notzip.docx").write_bytes(b"this is not a zip archive at all")
    (folder / "garbage.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "notes.xyz").write_text("unsupported suffix", encoding="utf-8")
    shutil.copy(CORPORA / "dev" / "docs" / "d05_zigong_shangwuju_2022.txt", folder / "good.txt")
    out = tmp_path / "out.jsonl"
    code, _, err = run("analyse", str(folder), str(tmp_path / "missing.txt"), "-o", str(out), "--jobs", "2")
    assert code == 0
    records = {Path(r["path"]).name: r for r in read_jsonl(out)}
    assert set(records) == {"empty.txt", "corrupt.pdf", "notzip.docx", "garbage.txt", "good.txt", "missing.txt"}
    assert records["good.txt"]["error"] is None
    assert "empty file" in records["empty.txt"]["error"]
    assert "cannot open" in records["missing.txt"]["error"]
    for name in ("corrupt.pdf", "notzip.docx", "garbage.txt"):
        assert records[name]["error"], name
    assert "files: 6, records: 6, errors: 5, skipped: 1" in err


def test_a_document_that_hangs_times_out(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "stuck.txt")  # reading blocks forever, like a hung network mount
    shutil.copy(CORPORA / "dev" / "docs" / "d05_zigong_shangwuju_2022.txt", folder / "good.txt")
    out = tmp_path / "out.jsonl"
    code, _, err = run("analyse", str(folder), "-o", str(out), "--jobs", "2", "--timeout", "2")
    assert code == 0
    records = {Path(r["path"]).name: r for r in read_jsonl(out)}
    assert "timed out after 2 s" in records["stuck.txt"]["error"]
    assert records["good.txt"]["error"] is None


def test_csv_output_has_a_column_per_field_key(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    code, _, _ = run("analyse", str(CORPORA / "seeds"), "-o", str(out), "--jobs", "1")
    assert code == 0
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5 + 2 + 6
    assert {"path", "part", "doc_type", "format", "applications.new.total", "outcomes.total.total"} <= set(rows[0])


def test_unknown_output_format_is_a_clear_error(tmp_path: Path) -> None:
    code, _, err = run("analyse", str(CORPORA / "seeds"), "-o", str(tmp_path / "out.parquet2"))
    assert code == 1
    assert "unsupported output format" in err


def test_help_documents_exit_status_and_has_an_example() -> None:
    for command in cli.commands:
        code, out, _ = run(command, "--help")
        assert code == 0
        assert "Example:" in out, command
    _, out, _ = run("analyse", "--help")
    assert "Exit status" in out


def test_load_gives_the_same_records_as_a_dataframe() -> None:
    corpus = corpus_tool.load(CORPORA / "seeds")
    frame = corpus.documents
    assert len(frame) == 13
    assert list(frame[frame["path"].str.contains("004_")]["part"]) == list(range(7))
    assert {"path", "part", "doc_type", "fields", "error"} <= set(frame.columns)


def test_table_values_name_the_section_they_sit_under(corpora_records: list[dict]) -> None:
    expected = {1: "proactive", 2: "applications", 3: "review_litigation"}
    seen = 0
    for record in corpora_records:
        if record["format"] not in ("2021", "2019"):
            continue
        for key, evidence in record["evidence"].items():
            if evidence.get("source") == "table":
                assert evidence.get("section") == expected[evidence["table"]], (record["path"], key)
                seen += 1
    assert seen > 1000


def test_every_command_is_shown_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in cli.commands:
        assert f"corpus-tool {command}" in readme, command
