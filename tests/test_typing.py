"""The package type-checks: mypy over corpus_tool with the [tool.mypy] settings of pyproject.toml.

mypy, types-PyYAML and pandas-stubs are in the `test` extra, so CI checks types with the tests.
"""

from __future__ import annotations

from pathlib import Path

from mypy import api as mypy_api

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_reports_no_errors(tmp_path: Path) -> None:
    stdout, stderr, status = mypy_api.run([
        "--config-file", str(ROOT / "pyproject.toml"),
        "--cache-dir", str(tmp_path / "mypy_cache"),  # a fresh check, nothing written into the tree
        str(ROOT / "corpus_tool"),
    ])
    assert status == 0, f"mypy reported errors:\n{stdout}{stderr}"
    assert "Success: no issues found" in stdout, stdout
