"""Template lexicon: the rules files under `rules/templates/` compiled into lookups.

Row labels, column headers and table cues are matched on a normalised form of the cell
(`label_key`), so full-width punctuation, quote styles, line breaks inside labels and
leading numbering do not matter. One `Lexicon` per template, built once per process.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..rules import load_yaml

TEMPLATES = ("2021", "2019")

_QUOTES = str.maketrans("", "", "“”‘’\"'「」『』〝〞")
_SPACE_RE = re.compile(r"\s+")
_NUMBERING_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.,]|\([一二三四五六七八九十]+\)|\d{1,2}[.、)]|\(\d{1,2}\))")
_BRACKETED_RE = re.compile(r"\([^()]*\)?$|\[[^\]]*\]?$")
_PUNCT_RE = re.compile(r"[^\w]")
#: Shortest truncated label accepted as a prefix (`本年新` in a cut header has 3 characters).
MIN_ROW_PREFIX = 4
MIN_HEADER_PREFIX = 3


def normalise(text: str) -> str:
    """Cell text compared as labels are: NFKC, no whitespace or quotes, 状况 read as 情况."""
    text = unicodedata.normalize("NFKC", text)
    return _SPACE_RE.sub("", text).translate(_QUOTES).replace("状况", "情况")


def label_key(text: str) -> str:
    """The normalised label without its leading numbering (三、 （一） 1.)."""
    return _NUMBERING_RE.sub("", normalise(text), count=1)


def pair_key(text: str) -> str:
    """A label key without any punctuation: how a column label written beside its figure is
    compared (`行政诉讼（未经复议直接起诉）总计`, `本年收费金额（单位：万元）`, `本年增/减`)."""
    return _PUNCT_RE.sub("", label_key(text))


def has_numbering(text: str) -> bool:
    """Whether a label starts with template numbering (tells row `3.其他` from column `其他`)."""
    return bool(_NUMBERING_RE.match(normalise(text)))


def without_note(key: str) -> str:
    """A label key with its trailing bracketed note removed (`部分公开(区分处理的…)` -> `部分公开`)."""
    return _BRACKETED_RE.sub("", key)


@dataclass(frozen=True)
class Column:
    """A template column: `id` is the key suffix (`issued`, `total`, `upheld`)."""

    id: str
    label: str
    table: int
    money: bool = False


@dataclass(frozen=True)
class RowDef:
    """A template row: `stem` is the key prefix; None for a pure group label (三、本年度办理结果)."""

    stem: str | None
    label: str
    table: int
    columns: tuple[str, ...]
    after_header: bool = False  # a label that is also a column header (总计, 其他)


@dataclass(frozen=True)
class HeaderItem:
    """One recognised header word: a column, a table-3 group, or a parent cell with no column."""

    kind: str  # "column", "group", "parent", "word"
    id: str
    table: int
    candidates: tuple[str, ...] = ()  # for a truncated header matching several columns


@dataclass
class Lexicon:
    """Everything the table reader needs to know about one template."""

    template: str
    strong_cues: tuple[str, ...]
    secondary_cues: tuple[str, ...]
    citations: tuple[str, ...]
    template_headings: tuple[str, ...]
    table_cues: dict[int, tuple[str, ...]]
    not_applicable: frozenset[str]
    page_number_res: tuple[re.Pattern[str], ...]
    pair_separators: str
    path_separators: re.Pattern[str]
    rows: dict[str, RowDef] = field(default_factory=dict)
    headers: dict[int, dict[str, HeaderItem]] = field(default_factory=dict)
    pair_headers: dict[int, dict[str, HeaderItem]] = field(default_factory=dict)
    columns: dict[int, dict[str, Column]] = field(default_factory=dict)
    column_order: dict[int, tuple[str, ...]] = field(default_factory=dict)
    group_order: tuple[str, ...] = ()
    group_labels: dict[str, str] = field(default_factory=dict)
    parents: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def match_row(self, text: str) -> RowDef | None:
        """The template row a label cell names, or None."""
        return _match_row(self.template, label_key(text))

    def match_header(self, text: str, table: int) -> list[HeaderItem] | None:
        """The header words a cell holds for `table` (several when a line packs them), or None."""
        return _match_header(self.template, table, label_key(text))

    def split_label(self, text: str, table: int) -> list[HeaderItem] | None:
        """The whole header words a label written beside a figure consists of (`直接起诉结果维持`
        -> group, column), punctuation ignored; never a truncated label. None when it is not one."""
        return _split_label(self.template, table, pair_key(text))


def _entries(spec: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(alias, entry) pairs of a rules entry: its label and every alias."""
    return [(spec["label"], spec)] + [(alias, spec) for alias in spec.get("aliases", [])]


@lru_cache(maxsize=None)
def lexicon(template: str) -> Lexicon:
    """The compiled lexicon of a template ("2021" or "2019"), built once per process."""
    common = load_yaml("templates/common.yaml")
    own = load_yaml(f"templates/{template}.yaml")
    lex = Lexicon(
        template=template,
        strong_cues=tuple(normalise(c) for c in own["detect"]["strong"]),
        secondary_cues=tuple(normalise(c) for c in own["detect"].get("secondary", [])),
        citations=tuple(normalise(c) for c in own["detect"].get("citation", [])),
        template_headings=tuple(normalise(c) for c in common["template_headings"]),
        table_cues={int(k): tuple(normalise(c) for c in v) for k, v in common["table_cues"].items()},
        not_applicable=frozenset(normalise(c) for c in common["not_applicable"]),
        page_number_res=tuple(re.compile(p) for p in common["page_number_patterns"]),
        pair_separators="".join(normalise(c) for c in common["labelled_pairs"]["separators"]),
        path_separators=re.compile("|".join(re.escape(normalise(c))
                                            for c in common["labelled_pairs"]["path_separators"])),
    )
    table_specs = {1: own["table1"], 2: common["table2"], 3: common["table3"]}
    for table, spec in table_specs.items():
        headers: dict[str, HeaderItem] = {}
        columns: dict[str, Column] = {}
        for col in spec["columns"]:
            columns[col["id"]] = Column(col["id"], col["label"], table, bool(col.get("money")))
            for alias, _ in _entries(col):
                headers.setdefault(label_key(alias), HeaderItem("column", col["id"], table))
        for group in spec.get("groups", []):
            lex.group_labels[group["id"]] = group["label"]
            for alias, _ in _entries(group):
                headers.setdefault(label_key(alias), HeaderItem("group", group["id"], table))
        parents = spec.get("parents", {})
        for word in spec.get("header_words", []):
            kind = "parent" if word in parents else "word"
            headers.setdefault(label_key(word), HeaderItem(kind, word, table))
        lex.parents.update({word: tuple(children) for word, children in parents.items()})
        lex.headers[table] = headers
        lex.pair_headers[table] = {}
        for key, item in headers.items():
            lex.pair_headers[table].setdefault(_PUNCT_RE.sub("", key), item)
        lex.columns[table] = columns
        lex.column_order[table] = tuple(col["id"] for col in spec["columns"])
    lex.group_order = tuple(group["id"] for group in common["table3"]["groups"])
    row_specs = [(1, r) for r in own["table1"]["rows"]] + [(2, r) for r in common["table2"]["rows"]]
    row_specs += [(2, r) for r in own["table2"]["rows"]]
    for table, spec in row_specs:
        row_columns = tuple(spec.get("columns", lex.column_order[table]))
        row = RowDef(spec["stem"], spec["label"], table, row_columns, bool(spec.get("after_header")))
        for alias, _ in _entries(spec):
            lex.rows.setdefault(label_key(alias), row)
    return lex


@lru_cache(maxsize=65536)
def _match_row(template: str, key: str) -> RowDef | None:
    rows = lexicon(template).rows
    if not key:
        return None
    found = rows.get(key) or rows.get(without_note(key))
    if found or len(key) < MIN_ROW_PREFIX:
        return found
    sub_row = _group_then_sub_row(rows, key)
    if sub_row:
        return sub_row
    prefixed = {row for alias, row in rows.items() if alias.startswith(key) and len(alias) > len(key)}
    return prefixed.pop() if len(prefixed) == 1 else None


def _group_then_sub_row(rows: dict[str, RowDef], key: str) -> RowDef | None:
    """A group label run into its sub-row's label in one cell (`(三)不予公开1.属于国家秘密`,
    `无法提供—2.没有现成信息需要另行制作`): the sub-row, when it belongs to that group."""
    for alias, group in rows.items():
        if group.stem is None or not key.startswith(alias) or len(key) <= len(alias):
            continue
        rest = label_key(key[len(alias):].lstrip("-—:：、 "))
        sub = rows.get(rest) or rows.get(without_note(rest))
        if sub is not None and sub.stem is not None and sub.stem.startswith(group.stem + "."):
            return sub
    return None


@lru_cache(maxsize=65536)
def _match_header(template: str, table: int, key: str) -> list[HeaderItem] | None:
    headers = lexicon(template).headers[table]
    if not key:
        return None
    if key in headers:
        return [headers[key]]
    grouped = _split_label(template, table, _PUNCT_RE.sub("", key))
    if grouped and any(item.kind == "group" for item in grouped):
        return grouped  # a table-3 group named with its parent (`行政诉讼（复议后起诉）`)
    if without_note(key) in headers:
        return [headers[without_note(key)]]
    items = _segment(key, headers)
    if items:
        return items
    if len(key) >= MIN_HEADER_PREFIX:
        ids = tuple(dict.fromkeys(item.id for alias, item in headers.items()
                                  if alias.startswith(key) and item.kind == "column"))
        if ids:
            return [HeaderItem("column", ids[0], table, ids)]
    return None


@lru_cache(maxsize=65536)
def _split_label(template: str, table: int, key: str) -> list[HeaderItem] | None:
    headers = lexicon(template).pair_headers[table]
    if not key:
        return None
    if key in headers:
        return [headers[key]]
    return _segment(key, headers)


def _segment(key: str, headers: dict[str, HeaderItem]) -> list[HeaderItem] | None:
    """Split a run of header words written together (`结果维持结果纠正…`), longest word first."""
    aliases = sorted(headers, key=len, reverse=True)
    items: list[HeaderItem] = []
    position = 0
    while position < len(key):
        for alias in aliases:
            if key.startswith(alias, position):
                items.append(headers[alias])
                position += len(alias)
                break
        else:
            return None
    return items if len(items) > 1 else None
