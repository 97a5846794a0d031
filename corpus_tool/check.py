"""Check: arithmetic consistency of the extracted figures (spec/checks.csv).

Each check is an expression over field keys (TEMPLATES.md §8): `KEY`, `opt(KEY)`,
`known(KEY)`, `GUARD => ASSERTION`, plus `fields` for the checks over every figure. The
expressions are compiled once, after checking with `ast` that they use only names,
numbers, arithmetic, comparisons, boolean logic and a few harmless calls. A check whose
figures are missing (an unstated key outside a found table, `prev.*`, `doc.*`, `agency.*`,
`occurrences`) is not applicable and never fails.
"""
from __future__ import annotations

import ast
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from .model import CheckResult
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
    uses_unavailable: bool  # meta data or occurrences: not available to this stage


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
    all_keys = value_keys + opt_keys + known_keys
    return _Part(
        code=compile(tree, "<check>", "eval"), source=source.strip(),
        value_keys=tuple(dict.fromkeys(value_keys)), opt_keys=tuple(dict.fromkeys(opt_keys)),
        known_keys=tuple(dict.fromkeys(known_keys)), uses_fields="fields" in names,
        uses_unavailable="occurrences" in names or "date" in names
        or any(key.startswith(_META_PREFIXES) for key in all_keys))


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


class _Figures:
    """Looks up a key's figure for a check: stated, 0 as a blank cell of a found table, or N/A."""

    def __init__(self, fields: dict[str, float | int], template: str | None, tables_found: set[int]) -> None:
        self.fields = fields
        self.template = template or ""
        self.tables_found = {str(t) for t in tables_found}
        self.tables = _table_of_keys()

    def value(self, key: str) -> float | int:
        if self.fields.get(key) is not None:
            return self.fields[key]
        if self.tables.get((self.template, key)) in self.tables_found:
            return 0
        raise NotApplicable(key)

    def namespace(self, part: _Part) -> dict[str, Any]:
        if part.uses_unavailable:
            raise NotApplicable(part.source)
        names: dict[str, Any] = {"__builtins__": {}, **_SAFE_CALLS}
        names.update({_variable("v", key): self.value(key) for key in part.value_keys})
        names.update({_variable("opt", key): self.fields.get(key) or 0 for key in part.opt_keys})
        names.update({_variable("known", key): self.fields.get(key) is not None for key in part.known_keys})
        if part.uses_fields:
            names["fields"] = self.fields
        return names

    def evaluate(self, part: _Part) -> Any:
        return eval(part.code, self.namespace(part))  # noqa: S307 - whitelisted AST only


def _holds(check: Check, figures: _Figures) -> tuple[bool, float | None, float | None]:
    """Whether the assertion holds, and both sides' numbers when it is one comparison."""
    if check.left is not None and check.right is not None:
        left, right = figures.evaluate(check.left), figures.evaluate(check.right)
        if isinstance(left, (int, float)) and isinstance(right, (int, float)):
            result = figures.evaluate(check.assertion)
            source = check.assertion.source
            if "==" in source and "!=" not in source:
                result = math.isclose(left, right, abs_tol=1e-6)
            return bool(result), float(left), float(right)
    return bool(figures.evaluate(check.assertion)), None, None


def _detail(check: Check, figures: _Figures) -> dict[str, Any]:
    """The keys and values on each side, so a reader sees which figures disagree."""
    detail: dict[str, Any] = {"expression": check.assertion.source}
    for name, part in (("left", check.left), ("right", check.right)):
        if part is not None:
            keys = part.value_keys + part.opt_keys
            detail[name] = {key: figures.fields.get(key, 0 if key in part.opt_keys else None) for key in keys}
    if check.left is None and check.assertion.uses_fields:
        detail["keys"] = _offending_keys(check, figures.fields)
    return detail


def _offending_keys(check: Check, fields: dict[str, float | int]) -> dict[str, float | int]:
    """For `all(... for k, v in fields.items() if ...)`: the items that break it."""
    tree = ast.parse(check.assertion.source, mode="eval").body
    if not (isinstance(tree, ast.Call) and tree.args and isinstance(tree.args[0], ast.GeneratorExp)):
        return {}
    generator = tree.args[0]
    condition = compile(ast.Expression(generator.elt), "<check>", "eval")
    filters = [compile(ast.Expression(f), "<check>", "eval") for f in generator.generators[0].ifs]
    bad = {}
    for key, value in fields.items():
        names = {"__builtins__": {}, **_SAFE_CALLS, "k": key, "v": value}
        if all(eval(f, names) for f in filters) and not eval(condition, names):  # noqa: S307
            bad[key] = value
    return bad


def run_checks(fields: dict[str, float | int], template: str | None,
               tables_found: set[int]) -> list[CheckResult]:
    """The failed checks for this template (and the generic ones), each with both sides."""
    figures = _Figures(fields, template, tables_found)
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
            failed.append(CheckResult(check.check_id, check.severity, check.description,
                                      left, right, _detail(check, figures)))
    return failed
