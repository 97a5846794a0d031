"""Check: arithmetic consistency of the extracted figures (spec checks.csv).

STUB: replaced by the checks stage (issue 3). The signature is the contract.
"""
from __future__ import annotations

from .model import CheckResult


def run_checks(fields: dict[str, float | int], template: str | None,
               tables_found: set[int]) -> list[CheckResult]:
    """The failed checks, each with the numbers on both sides."""
    return []
