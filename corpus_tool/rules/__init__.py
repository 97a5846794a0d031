"""Rules are data: YAML/CSV/TXT files beside this module, loaded once per process.

No module elsewhere opens a rules file itself; it calls one of these cached
loaders. A user extends the rules by editing these files (or by pointing
`CORPUS_TOOL_RULES` at a folder holding files of the same names, which win).
"""
from __future__ import annotations

import csv
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

RULES_DIR = Path(__file__).resolve().parent


def rules_path(name: str) -> Path:
    """The path of a rules file: the user's override folder first, then the shipped one."""
    override = os.environ.get("CORPUS_TOOL_RULES")
    if override:
        candidate = Path(override) / name
        if candidate.exists():
            return candidate
    return RULES_DIR / name


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    """A parsed YAML rules file, e.g. `load_yaml("templates/2021.yaml")`."""
    with open(rules_path(name), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=None)
def load_lines(name: str) -> tuple[str, ...]:
    """Non-empty, non-comment lines of a text rules file."""
    lines = []
    with open(rules_path(name), encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if line.strip() and not line.lstrip().startswith("#"):
                lines.append(line)
    return tuple(lines)


@lru_cache(maxsize=None)
def load_csv(name: str) -> tuple[dict[str, str], ...]:
    """Rows of a CSV rules file as dicts, e.g. `load_csv("spec/fields.csv")`."""
    with open(rules_path(name), encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


@lru_cache(maxsize=None)
def field_keys() -> frozenset[str]:
    """Every field key of the spec (spec/fields.csv)."""
    return frozenset(row["key"] for row in load_csv("spec/fields.csv"))


__all__ = ["RULES_DIR", "rules_path", "load_yaml", "load_lines", "load_csv", "field_keys"]
