"""The exploration notebook runs end to end on the shipped corpora, in this virtualenv's Python."""
from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "exploration.ipynb"


def execute() -> nbformat.NotebookNode:
    """Run every cell; the kernel starts in the notebook's folder, as Jupyter would start it."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(notebook, kernel_name="python3", timeout=600,
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    try:
        client.execute()
    except CellExecutionError as exc:  # the message holds the failing cell and its traceback
        pytest.fail(f"a notebook cell failed:\n{exc}")
    return notebook


@pytest.fixture(scope="module")
def executed() -> nbformat.NotebookNode:
    return execute()


def outputs_text(cell: nbformat.NotebookNode) -> str:
    parts = []
    for output in cell.get("outputs", []):
        parts.append(output.get("text", ""))
        parts.append(output.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


def test_every_cell_runs_without_error(executed: nbformat.NotebookNode) -> None:
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    assert code and all(cell.get("execution_count") for cell in code)
    errors = [o for cell in code for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    assert errors == []


def test_the_kernel_is_this_virtualenvs_python(executed: nbformat.NotebookNode) -> None:
    assert f"python: {sys.prefix}" in outputs_text(executed.cells[1])


def test_the_notebook_shows_tables_and_plots(executed: nbformat.NotebookNode) -> None:
    images = [o for cell in executed.cells for o in cell.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) >= 3, "applications by year, missing sections, failed checks"
    text = "\n".join(outputs_text(cell) for cell in executed.cells)
    assert "records," in text and "Summary" in text


def test_a_corpus_with_no_figures_runs_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sparse data: one unreadable file, so every figure column is empty and every chart says so."""
    (tmp_path / "empty.txt").write_bytes(b"")
    monkeypatch.setenv("CORPUS_DIR", str(tmp_path))  # the kernel inherits the environment
    notebook = execute()
    text = "\n".join(outputs_text(cell) for cell in notebook.cells)
    assert "1 records" in text and "no figures extracted yet" in text
