"""The template rules files: every key they name exists in fields.csv, every key of the
template tables is reachable from them, and every `examples` entry reads as it says."""
from __future__ import annotations

import pytest

from corpus_tool.rules import load_csv, load_yaml
from corpus_tool.tables.lexicon import TEMPLATES, lexicon

TABLE_KEYS = {t: {r["key"] for r in load_csv("spec/fields.csv") if r["template"] == t
                  and r["table"] in ("1", "1 (local)", "2", "2 (subtotal)", "3")} for t in TEMPLATES}


@pytest.mark.parametrize("template", TEMPLATES)
def test_rules_cover_exactly_the_template_keys(template: str) -> None:
    lex = lexicon(template)
    keys = {f"{row.stem}.{column}" for row in lex.rows.values() if row.stem for column in row.columns}
    keys |= {f"{group}.{column}" for group in lex.group_order for column in lex.column_order[3]}
    assert keys == TABLE_KEYS[template]


@pytest.mark.parametrize("name", ["common", *TEMPLATES])
def test_rules_files_cite_their_source(name: str) -> None:
    from corpus_tool.rules import rules_path

    header = rules_path(f"templates/{name}.yaml").read_text(encoding="utf-8").split("\n")[:6]
    assert any("国办公开办函" in line for line in header)


def _examples() -> list[tuple[str, str, dict[str, str]]]:
    cases = []
    for template in TEMPLATES:
        for name in ("common", template):
            data = load_yaml(f"templates/{name}.yaml")
            for table in ("table1", "table2", "table3"):
                for example in (data.get(table) or {}).get("examples", []):
                    cases.append((template, table, example))
    return cases


@pytest.mark.parametrize("template, table, example", _examples(),
                         ids=lambda v: v if isinstance(v, str) else v.get("cell", "")[:12])
def test_examples_read_as_stated(template: str, table: str, example: dict[str, str]) -> None:
    lex = lexicon(template)
    if "stem" in example:
        row = lex.match_row(example["cell"])
        assert row is not None and row.stem == example["stem"]
    elif "group" in example:  # a table-3 group, also when written inside its parent (行政诉讼（…）)
        items = lex.match_header(example["cell"], int(table[-1]))
        assert items and [i.id for i in items if i.kind == "group"] == [example["group"]]
    else:
        items = lex.match_header(example["cell"], int(table[-1]))
        assert items and items[0].id == example["column"]


def _labelled_examples() -> list[tuple[str, dict[str, object]]]:
    cases = []
    for template in TEMPLATES:
        for name in ("common", template):
            data = load_yaml(f"templates/{name}.yaml")
            for example in (data.get("labelled_pairs") or {}).get("examples", []):
                cases.append((template, example))
    return cases


@pytest.mark.parametrize("template, example", _labelled_examples(),
                         ids=lambda v: v if isinstance(v, str) else str(v.get("line", ""))[:16])
def test_labelled_pairs_examples_fill_exactly_their_cells(template: str, example: dict[str, object]) -> None:
    from corpus_tool.model import Block, Document
    from corpus_tool.tables import extract_tables

    doc = Document("x.txt", "txt", [Block.paragraph(f"某局{2022 if template == '2021' else 2020}年政府信息公开工作年度报告"),
                                    Block.paragraph(str(example["line"]))])
    result = extract_tables(doc)
    assert result.fields == pytest.approx(example["cells"])
