"""CSV, Parquet and JSONL as a researcher reads them back: through pandas, to the records' values.

The input is the seed corpus plus a real .txt and .docx whose title starts with a
formula trigger, run through the CLI once per format.
"""
from __future__ import annotations

import json
from pathlib import Path

import docx
import pandas as pd
import pytest
from click.testing import CliRunner

import corpus_tool
from corpus_tool.cli import cli
from corpus_tool.export import OutputFormatError, csv_safe, open_writer, spec_field_keys, write_records
from corpus_tool.model import Record

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpora" / "seeds"
REPORT = ROOT / "corpora" / "dev" / "docs" / "d05_zigong_shangwuju_2022.txt"
TITLES = {  # first line of each crafted document: a title the title finder accepts
    "evil.txt": '=HYPERLINK("http://x")&自贡市商务局2022年政府信息公开工作年度报告',
    "evil.docx": "+SUM(1)自贡市商务局2022年政府信息公开工作年度报告",
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Record], dict[str, Path]]:
    base = tmp_path_factory.mktemp("export")
    folder = base / "evil"
    folder.mkdir()
    body = REPORT.read_text(encoding="utf-8").splitlines()[1:]
    (folder / "evil.txt").write_text("\n".join([TITLES["evil.txt"], *body]), encoding="utf-8")
    document = docx.Document()
    for line in [TITLES["evil.docx"], *body]:
        document.add_paragraph(line)
    document.save(folder / "evil.docx")
    paths = {}
    for suffix in ("jsonl", "csv", "parquet"):
        paths[suffix] = base / f"out.{suffix}"
        result = CliRunner().invoke(cli, ["analyse", str(SEEDS), str(folder), "-o", str(paths[suffix]), "--jobs", "2"])
        assert result.exit_code == 0, result.stderr
    lines = paths["jsonl"].read_text(encoding="utf-8").splitlines()
    return [Record(**json.loads(line)) for line in lines], paths


def by_key(frame: pd.DataFrame) -> dict[tuple[str, int], dict]:
    return {(row["path"], int(row["part"])): row for row in frame.to_dict("records")}


def same_number(a: object, b: object) -> bool:
    missing = a is None or (isinstance(a, float) and a != a)
    return b is None if missing else b is not None and float(a) == float(b)  # type: ignore[arg-type]


def test_csv_round_trips_to_the_records(outputs) -> None:
    records, paths = outputs
    frame = pd.read_csv(paths["csv"], encoding="utf-8-sig", dtype={"title": str, "format": str})
    rows = by_key(frame)
    assert len(rows) == len(records) == 13 + 2
    keys = spec_field_keys()
    assert [c for c in frame.columns if c in set(keys)] == keys
    for record in records:
        row = rows[(record.path, record.part)]
        assert same_number(row["year"], record.year)
        assert row["format"] == record.format
        for key in keys:
            assert same_number(row[key], record.fields.get(key)), (record.path, key)
        title = record.title if record.title is None or not record.title[0] in "=+-@" else "'" + record.title
        assert (None if pd.isna(row["title"]) else row["title"]) == title


def test_parquet_round_trips_to_the_records(outputs) -> None:
    records, paths = outputs
    frame = pd.read_parquet(paths["parquet"])
    rows = by_key(frame)
    assert len(rows) == len(records)
    for record in records:
        row = rows[(record.path, record.part)]
        assert (None if pd.isna(row["title"]) else row["title"]) == record.title, "text is kept as is"
        assert same_number(row["year"], record.year)
        assert list(row["sections_missing"]) == record.sections_missing
        for key in spec_field_keys():
            assert same_number(row[key], record.fields.get(key)), (record.path, key)
        assert json.loads(row["evidence"] or "{}") == record.evidence
    assert all(str(frame[key].dtype) == "float64" for key in spec_field_keys())


def test_formula_titles_from_real_documents_are_defused_in_csv(outputs) -> None:
    records, paths = outputs
    titles = {Path(r.path).name: r.title for r in records}
    assert {name: titles[name] for name in TITLES} == TITLES
    text = paths["csv"].read_text(encoding="utf-8-sig")
    for title in TITLES.values():
        assert f",\"'{title.replace(chr(34), chr(34) * 2)}\"," in text or f",'{title}," in text


@pytest.mark.parametrize("text, expected", [
    ("=1+2", "'=1+2"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("合江县", "合江县"), (-8, -8), (-0.5, -0.5), (None, None),
], ids=repr)
def test_csv_safe_prefixes_text_only(text: object, expected: object) -> None:
    assert csv_safe(text) == expected


def test_negative_numbers_stay_numbers_in_csv(tmp_path: Path) -> None:
    record = Record(path="a.txt", title="-某县2022年报告", fields={"licensing.items_change": -8})
    write_records([record], tmp_path / "out.csv")
    row = pd.read_csv(tmp_path / "out.csv", encoding="utf-8-sig").iloc[0]
    assert row["licensing.items_change"] == -8
    assert row["title"] == "'-某县2022年报告"


def test_corpus_writes_the_same_files_as_the_cli(outputs, tmp_path: Path) -> None:
    records, paths = outputs
    corpus = corpus_tool.Corpus(records)
    for suffix, write in (("csv", corpus.to_csv), ("parquet", corpus.to_parquet)):
        ours = write(tmp_path / f"api.{suffix}")
        read = pd.read_csv if suffix == "csv" else pd.read_parquet
        cli_frame = read(paths[suffix]).sort_values(["path", "part"]).reset_index(drop=True)
        api_frame = read(ours).sort_values(["path", "part"]).reset_index(drop=True)
        pd.testing.assert_frame_equal(api_frame, cli_frame)


def test_corpus_fields_wide_is_numeric_with_a_column_per_key(outputs) -> None:
    records, _ = outputs
    wide = corpus_tool.Corpus(records).fields_wide
    occurring = {key for record in records for key in record.fields}
    assert set(wide.columns) == {"path", "part", "title"} | occurring
    assert len(wide) == len(records)
    for record in records:
        row = wide[(wide["path"] == record.path) & (wide["part"] == record.part)].iloc[0]
        assert {k: row[k] for k in occurring if not pd.isna(row[k])} == record.fields


def test_unknown_suffix_names_the_formats_we_write(tmp_path: Path) -> None:
    with pytest.raises(OutputFormatError, match=r"\.jsonl, \.csv, \.parquet, \.xlsx"):
        open_writer(tmp_path / "out.ods")


def test_an_empty_batch_still_gives_readable_files(tmp_path: Path) -> None:
    for suffix in ("csv", "parquet", "xlsx"):
        write_records([], tmp_path / f"empty.{suffix}")
    assert len(pd.read_parquet(tmp_path / "empty.parquet")) == 0
    assert len(pd.read_csv(tmp_path / "empty.csv", encoding="utf-8-sig")) == 0
    assert list(pd.read_excel(tmp_path / "empty.xlsx", sheet_name=None)) == [
        "Summary", "Documents", "Fields", "Flags", "Evidence"]
