"""Check: arithmetic consistency of the extracted figures (spec/checks.csv).

Each check is an expression over field keys (TEMPLATES.md §8): `KEY`, `opt(KEY)`,
`known(KEY)`, `GUARD => ASSERTION`, plus `fields` for the checks over every figure. The
expressions are compiled once, after checking with `ast` that they use only names,
numbers, arithmetic, comparisons, boolean logic and a few harmless calls. A check whose
figures are missing (an unstated key outside a found table) is not applicable and never fails.

Document metadata (`doc.*`, `agency.*`) and `occurrences` come from an optional
`CheckContext`; without one, or when the value a check reaches is unknown (None), the check
is not applicable. Metadata is looked up lazily, so `doc.year <= 2018 or agency.is_government`
needs no agency type for an old report. `prev.*` and `doc.similarity_to_prev` (the previous
year's record) are never available here.
"""
from __future__ import annotations

import ast
import datetime
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .model import CheckResult, Evidence
from .rules import load_csv

_KEY_RE = re.compile(r"(?<![\w.'\"])([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+)")
_WRAPPED_RE = re.compile(r"\b(opt|known)\(\s*([a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+)\s*\)")
_SEVERITY_RE = re.compile(r"^\s*\[(error|warning|info)\]\s*")
_META_PREFIXES = ("prev.", "doc.", "agency.")
_SAFE_CALLS = {"abs": abs, "all": all, "any": any, "float": float, "int": int, "len": len,
               "set": set, "min": min, "max": max, "sum": sum, "round": round}
_SAFE_METHODS = {"items", "values", "keys", "is_integer", "endswith", "startswith"}
_ALLOWED_NODES = (
    ast.Expression, ast.BoolOp, ast.BinOp, ast.UnaryOp, ast.Compare, ast.Name, ast.Constant,
    ast.Call, ast.Attribute, ast.GeneratorExp, ast.comprehension, ast.Tuple, ast.List, ast.Set,
    ast.Load, ast.Store, ast.And, ast.Or, ast.Not, ast.Add, ast.Sub, ast.Mult, ast.Div, ast.USub,
    ast.UAdd, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.In, ast.NotIn, ast.Is,
    ast.IsNot, ast.IfExp,
)


#: classify.agency_level's words -> the level words of checks.csv (TEMPLATES.md §8).
_LEVELS = {"national": "national", "province": "provincial", "provincial": "provincial",
           "city": "prefecture", "prefecture": "prefecture", "county": "county", "township": "township"}


@dataclass(frozen=True)
class Occurrence:
    """One place a figure was found: its value and the cell or sentence it came from."""

    value: float | int
    evidence: Evidence | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, **(self.evidence.to_dict() if self.evidence else {})}


@dataclass
class CheckContext:
    """What the checks may know beyond the figures: `doc.*`, `agency.*` and `occurrences`.

    Every item may be None (unknown): a check that reaches an unknown item is not
    applicable. `format` and `tables_found` default to the `template` and `tables_found`
    arguments of `run_checks`. `tables_found` holds table numbers as strings ('1', '2',
    '3'), as checks.csv compares them; `agency_level` uses the checks.csv words
    (national/provincial/prefecture/county/township; classify's province/city are mapped).
    """

    format: str | None = None
    year: int | None = None
    publish_date: datetime.date | None = None
    tables_found: tuple[str, ...] | None = None
    agency_level: str | None = None
    is_government: bool | None = None
    occurrences: dict[str, list[Occurrence]] | None = None

    def metadata(self, key: str) -> Any:
        """The value of a `doc.*` / `agency.*` name, None when unknown or not provided."""
        return {
            "doc.format": self.format, "doc.year": self.year, "doc.publish_date": self.publish_date,
            "doc.tables_found": self.tables_found, "agency.level": _LEVELS.get(self.agency_level or ""),
            "agency.is_government": self.is_government,
        }.get(key)  # prev.*, doc.similarity_to_prev: no previous-year record here


def parse_date(text: str | None) -> datetime.date | None:
    """`YYYY-MM-DD` (Classification.published) as a date; None when absent or not a real date."""
    match = re.fullmatch(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*", text or "")
    if not match:
        return None
    try:
        return datetime.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


class NotApplicable(Exception):
    """A figure the check needs is not available."""


class UnsafeExpression(ValueError):
    """A checks.csv expression uses syntax the evaluator does not allow."""


@dataclass(frozen=True)
class _Part:
    """One compiled expression with the keys it reads: `value_keys` as figures,
    `opt_keys` as figure-or-0, `known_keys` as stated-or-not."""

    code: Any
    source: str
    value_keys: tuple[str, ...]
    opt_keys: tuple[str, ...]
    known_keys: tuple[str, ...]
    uses_fields: bool
    uses_occurrences: bool
    meta_keys: tuple[str, ...]  # doc.* / agency.* / prev.* names, looked up in the context


@dataclass(frozen=True)
class Check:
    check_id: str
    template: str
    severity: str
    description: str
    guard: _Part | None
    assertion: _Part
    left: _Part | None  # both sides of a top-level comparison, for the report
    right: _Part | None


def _variable(prefix: str, key: str) -> str:
    return f"__{prefix}_" + key.replace(".", "__")


def _compile_part(source: str) -> _Part:
    """Rewrite keys into variables, check the syntax is safe, compile."""
    opt_keys: list[str] = []
    known_keys: list[str] = []

    def wrapped(match: re.Match[str]) -> str:
        (opt_keys if match.group(1) == "opt" else known_keys).append(match.group(2))
        return _variable(match.group(1), match.group(2))

    rewritten = _WRAPPED_RE.sub(wrapped, source)
    value_keys: list[str] = []

    def plain(match: re.Match[str]) -> str:
        key = match.group(1)
        if key.split(".")[0] in ("fields", "occurrences") or key.split(".")[-1] in _SAFE_METHODS:
            return key
        value_keys.append(key)
        return _variable("v", key)

    rewritten = _KEY_RE.sub(plain, rewritten)
    tree = ast.parse(rewritten.strip(), mode="eval")
    for node in ast.walk(tree):
        if not isinstance(node, _ALLOWED_NODES):
            raise UnsafeExpression(f"{type(node).__name__} not allowed in check: {source}")
        if isinstance(node, ast.Attribute) and node.attr not in _SAFE_METHODS:
            raise UnsafeExpression(f"attribute .{node.attr} not allowed in check: {source}")
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id not in _SAFE_CALLS \
                and node.func.id != "date":
            raise UnsafeExpression(f"call {node.func.id}() not allowed in check: {source}")
    names = {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}
    meta_keys = [key for key in value_keys + opt_keys + known_keys if key.startswith(_META_PREFIXES)]
    return _Part(
        code=compile(tree, "<check>", "eval"), source=source.strip(),
        value_keys=tuple(k for k in dict.fromkeys(value_keys) if k not in meta_keys),
        opt_keys=tuple(k for k in dict.fromkeys(opt_keys) if k not in meta_keys),
        known_keys=tuple(k for k in dict.fromkeys(known_keys) if k not in meta_keys),
        uses_fields="fields" in names, uses_occurrences="occurrences" in names,
        meta_keys=tuple(dict.fromkeys(meta_keys)))


def _sides(assertion: str) -> tuple[_Part | None, _Part | None]:
    """The two sides of an assertion that is one comparison (`a + b == c`), else (None, None)."""
    tree = ast.parse(assertion.strip(), mode="eval").body
    if isinstance(tree, ast.Compare) and len(tree.ops) == 1 and not isinstance(tree.ops[0], (ast.In, ast.NotIn)):
        left = ast.get_source_segment(assertion.strip(), tree.left)
        right = ast.get_source_segment(assertion.strip(), tree.comparators[0])
        if left and right:
            return _compile_part(left), _compile_part(right)
    return None, None


@lru_cache(maxsize=None)
def compiled_checks() -> tuple[Check, ...]:
    """Every check of spec/checks.csv, compiled once per process."""
    checks = []
    for row in load_csv("spec/checks.csv"):
        expression = row["expression"]
        guard_source, _, assertion_source = expression.rpartition("=>")
        description = row["description_en"]
        severity_match = _SEVERITY_RE.match(description)
        left, right = _sides(assertion_source)
        checks.append(Check(
            check_id=row["check_id"], template=row["template"],
            severity=severity_match.group(1) if severity_match else "warning",
            description=_SEVERITY_RE.sub("", description),
            guard=_compile_part(guard_source) if guard_source.strip() else None,
            assertion=_compile_part(assertion_source), left=left, right=right))
    return tuple(checks)


@lru_cache(maxsize=None)
def _table_of_keys() -> dict[tuple[str, str], str]:
    """(template, key) -> its `table` column in fields.csv (1/2/3 = a template table cell)."""
    return {(row["template"], row["key"]): row["table"] for row in load_csv("spec/fields.csv")}


class _Names(dict[str, Any]):
    """An expression's local names; metadata variables are resolved only when read."""

    def __init__(self, resolve: Any) -> None:
        super().__init__()
        self.resolve = resolve

    def __missing__(self, name: str) -> Any:
        return self.resolve(name)


class _Figures:
    """Looks up a key's figure for a check: stated, 0 as a blank cell of a found table, or N/A;
    and the context's metadata and occurrences (N/A when unknown)."""

    def __init__(self, fields: dict[str, float | int], template: str | None, tables_found: set[int],
                 context: CheckContext | None = None) -> None:
        self.fields = fields
        self.template = template or ""
        self.tables_found = {str(t) for t in tables_found}
        self.tables = _table_of_keys()
        self.context = context

    def value(self, key: str) -> float | int:
        if self.fields.get(key) is not None:
            return self.fields[key]
        if self.tables.get((self.template, key)) in self.tables_found:
            return 0
        raise NotApplicable(key)

    def metadata(self, key: str) -> Any:
        """A `doc.*` / `agency.*` value from the context; None when unknown or without a context."""
        if self.context is None:
            return None
        value = self.context.metadata(key)
        if value is None and key == "doc.format":
            value = self.template or None
        if value is None and key == "doc.tables_found":
            value = tuple(sorted(self.tables_found))
        return value

    def occurrence_values(self) -> dict[str, list[float | int]]:
        if self.context is None or self.context.occurrences is None:
            raise NotApplicable("occurrences")
        return {key: [o.value for o in found] for key, found in self.context.occurrences.items()}

    def _meta_variable(self, part: _Part, name: str) -> Any:
        for key in part.meta_keys:
            for kind in ("v", "opt", "known"):
                if name == _variable(kind, key):
                    value = self.metadata(key)
                    if kind == "known":
                        return value is not None
                    if value is None:
                        if kind == "opt":
                            return 0
                        raise NotApplicable(key)
                    return value
        raise KeyError(name)  # not metadata: the globals hold it

    def namespace(self, part: _Part) -> tuple[dict[str, Any], dict[str, Any]]:
        names: dict[str, Any] = {"__builtins__": {}, **_SAFE_CALLS, "date": datetime.date}
        names.update({_variable("v", key): self.value(key) for key in part.value_keys})
        names.update({_variable("opt", key): self.fields.get(key) or 0 for key in part.opt_keys})
        names.update({_variable("known", key): self.fields.get(key) is not None for key in part.known_keys})
        if part.uses_fields:
            names["fields"] = self.fields
        if part.uses_occurrences:
            names["occurrences"] = self.occurrence_values()
        if not part.meta_keys:
            return names, names
        return names, _Names(lambda name: self._meta_variable(part, name))

    def evaluate(self, part: _Part) -> Any:
        return eval(part.code, *self.namespace(part))  # noqa: S307 - whitelisted AST only


def _number(value: Any) -> float | None:
    """A side's value as a number for CheckResult.left/right (None for dates, sets)."""
    if isinstance(value, (int, float)):
        return float(value)
    return None


def _jsonable(value: Any) -> Any:
    """Metadata as it can stand in a record: dates as ISO text, sets as sorted lists."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, (set, frozenset, tuple, list)):
        return sorted((_jsonable(v) for v in value), key=str)
    return value


def _holds(check: Check, figures: _Figures) -> tuple[bool, Any, Any]:
    """Whether the assertion holds, and both sides' values when it is one comparison."""
    if check.left is not None and check.right is not None:
        left, right = figures.evaluate(check.left), figures.evaluate(check.right)
        if isinstance(left, (int, float)) and isinstance(right, (int, float)):
            result = figures.evaluate(check.assertion)
            source = check.assertion.source
            if "==" in source and "!=" not in source:
                result = math.isclose(left, right, abs_tol=1e-6)
            return bool(result), float(left), float(right)
        return bool(figures.evaluate(check.assertion)), left, right  # dates, sets: kept for the detail
    return bool(figures.evaluate(check.assertion)), None, None


def _side_value(figures: _Figures, part: _Part, key: str) -> Any:
    if key in part.meta_keys:
        return _jsonable(figures.metadata(key))
    return figures.fields.get(key, 0 if key in part.opt_keys else None)


def _detail(check: Check, figures: _Figures, left: Any = None, right: Any = None) -> dict[str, Any]:
    """The keys and values on each side, so a reader sees which figures disagree; the
    metadata a check read; for `all(...)` over `fields`/`occurrences`, the items breaking it."""
    detail: dict[str, Any] = {"expression": check.assertion.source}
    for name, part in (("left", check.left), ("right", check.right)):
        if part is not None:
            keys = part.value_keys + part.opt_keys + part.meta_keys
            detail[name] = {key: _side_value(figures, part, key) for key in keys}
    if check.left is not None and (_number(left) is None or _number(right) is None):
        detail["left_value"], detail["right_value"] = _jsonable(left), _jsonable(right)
    meta_keys = [key for part in (check.guard, check.assertion) if part is not None for key in part.meta_keys]
    if meta_keys:
        detail["metadata"] = {key: _jsonable(figures.metadata(key)) for key in dict.fromkeys(meta_keys)}
    if check.left is None and (check.assertion.uses_fields or check.assertion.uses_occurrences):
        detail["keys"] = _offending_keys(check, figures)
    return detail


def _offending_keys(check: Check, figures: _Figures) -> dict[str, Any]:
    """For `all(... for k, v in fields.items() if ...)` or `all(... for vals in
    occurrences.values())`: the items that break it (occurrences with their evidence)."""
    tree = ast.parse(check.assertion.source, mode="eval").body
    if not (isinstance(tree, ast.Call) and tree.args and isinstance(tree.args[0], ast.GeneratorExp)):
        return {}
    generator = tree.args[0]
    loop = generator.generators[0]
    source = loop.iter
    if not (isinstance(source, ast.Call) and isinstance(source.func, ast.Attribute)
            and isinstance(source.func.value, ast.Name) and source.func.value.id in ("fields", "occurrences")):
        return {}
    collection, method = source.func.value.id, source.func.attr
    if isinstance(loop.target, ast.Tuple) and method == "items":
        targets = [t.id for t in loop.target.elts if isinstance(t, ast.Name)]
    elif isinstance(loop.target, ast.Name) and method in ("values", "keys"):
        targets = [loop.target.id]
    else:
        return {}
    condition = compile(ast.Expression(generator.elt), "<check>", "eval")
    filters = [compile(ast.Expression(f), "<check>", "eval") for f in loop.ifs]
    items = figures.fields if collection == "fields" else figures.occurrence_values()
    bad: dict[str, Any] = {}
    for key, value in items.items():
        bound = (key, value) if method == "items" else (value,) if method == "values" else (key,)
        names = {"__builtins__": {}, **_SAFE_CALLS, **dict(zip(targets, bound))}
        if all(eval(f, names) for f in filters) and not eval(condition, names):  # noqa: S307
            bad[key] = value
    if collection == "occurrences" and figures.context is not None and figures.context.occurrences:
        bad = {key: [o.to_dict() for o in figures.context.occurrences[key]] for key in bad}
    return bad


def _two_sides(detail: dict[str, Any]) -> tuple[float | None, float | None]:
    """For one figure found with two different values: those values (first found first)."""
    keys = detail.get("keys") or {}
    if len(keys) == 1:
        found = next(iter(keys.values()))
        if isinstance(found, list):
            values = list(dict.fromkeys(o["value"] for o in found if isinstance(o, dict)))
            if len(values) == 2:
                return _number(values[0]), _number(values[1])
    return None, None


def run_checks(fields: dict[str, float | int], template: str | None,
               tables_found: set[int], *, context: CheckContext | None = None) -> list[CheckResult]:
    """The failed checks for this template (and the generic ones), each with both sides.

    Without `context`, checks reading `doc.*`, `agency.*` or `occurrences` are not applicable.
    """
    figures = _Figures(fields, template, tables_found, context)
    failed = []
    for check in compiled_checks():
        if check.template not in (template, "any"):
            continue
        try:
            if check.guard is not None and not figures.evaluate(check.guard):
                continue
            holds, left, right = _holds(check, figures)
        except (NotApplicable, TypeError, ValueError, ZeroDivisionError):
            continue
        if not holds:
            detail = _detail(check, figures, left, right)
            if check.left is None:
                left, right = _two_sides(detail)
            failed.append(CheckResult(check.check_id, check.severity, check.description,
                                      _number(left), _number(right), detail))
    return failed


# --- which figures are the same figure (for ANY.CONSISTENT) and whose report it is ----------


#: Names of a government (or its general office, also as 政府办) rather than one of its departments.
_GOVERNMENT_NAME = re.compile(r"(?:人民政府|政府办公室|政府办公厅|政府办)$")
#: Development-zone committees act as a government for some purposes and as a department for
#: others: their report deadline is unknown.
_ZONE_COMMITTEE = re.compile(r"(?:管理委员会|管委会)$")
#: A litigation sentence that names the route (直接起诉 / 复议后起诉) is not the overall count.
_LITIGATION_ROUTE = re.compile(r"直接起诉|未经复议|复议后")
#: How far an approximate prose figure (180余条, 约53.6万条) may lie from the exact table cell.
APPROX_TOLERANCE = 0.1


def agency_is_government(agency: str | None, level: str | None) -> bool | None:
    """Whether the report is a government's own (31 March deadline from 2019 on) rather than a
    department's (31 January): a 人民政府 or its 办公室/办公厅/政府办, or any township-level body
    (no national date; tested against 31 March). None when the agency is unknown or a
    development-zone committee."""
    if not agency:
        return None
    if level == "township" or _GOVERNMENT_NAME.search(agency):
        return True
    if _ZONE_COMMITTEE.search(agency):
        return None
    return False


def other_reading(key: str, prose: float | int, evidence: Evidence | None,
                  table_fields: dict[str, float | int]) -> str | None:
    """Why a prose figure that differs from the table cell of the same key counts something
    else (so it is no second statement of the figure), or None when the two contradict.

    Readings: a value only implied by 全部办结 (not stated); a year-to-date figure not above
    the table's; an approximate figure within APPROX_TOLERANCE; an undifferentiated
    行政诉讼 count equal to direct + after-reconsideration suits; an outcome count of the
    year's new applications only (table minus carried-over ≤ prose ≤ table); a received
    count that includes the carried-over applications.
    """
    table = table_fields[key]
    flags = evidence.flags if evidence else []
    text = evidence.text if evidence else ""
    carried = table_fields.get("applications.carried_over.total") or 0
    if "all_answered" in flags:
        return "implied by a statement that all were answered"
    if "partial_year" in flags and prose <= table:
        return "year to date"
    if "approx" in flags and abs(table - prose) <= APPROX_TOLERANCE * max(abs(prose), 1):
        return "approximate"
    if key == "litigation.direct.total" and not _LITIGATION_ROUTE.search(text) \
            and prose == table + (table_fields.get("litigation.after_reconsideration.total") or 0):
        return "all suits, direct and after reconsideration"
    if key.startswith("outcomes.") and key.endswith(".total") and carried and table - carried <= prose <= table:
        return "the year's new applications only"
    if key == "applications.new.total" and carried and prose == table + carried:
        return "includes the carried-over applications"
    return None


def collect_occurrences(table_fields: dict[str, float | int], table_evidence: dict[str, Evidence],
                        prose_fields: dict[str, float | int], prose_evidence: dict[str, Evidence],
                        ) -> dict[str, list[Occurrence]]:
    """Every value found per key, with its evidence, for ANY.CONSISTENT: the table cell and the
    prose figure (also when the table won in merge_fields). A differing prose figure that
    `other_reading` explains as another quantity is left out: it is not the same figure."""
    occurrences = {key: [Occurrence(value, table_evidence.get(key))] for key, value in table_fields.items()}
    for key, value in prose_fields.items():
        evidence = prose_evidence.get(key)
        if key in table_fields and value != table_fields[key] \
                and other_reading(key, value, evidence, table_fields) is not None:
            continue
        occurrences.setdefault(key, []).append(Occurrence(value, evidence))
    return occurrences
