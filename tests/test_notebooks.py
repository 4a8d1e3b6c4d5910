"""Notebooks: four, numbered, parameters cell first, outputs stripped in the repo, and each runs
top to bottom in a fresh kernel (slow)."""
from __future__ import annotations

import os
import time
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
NAMES = ["01_corpus_overview.ipynb", "02_indicators_across_regions_and_years.ipynb",
         "03_recurring_problem_statements.ipynb", "04_keywords_and_word_clouds.ipynb"]


def test_the_four_notebooks_exist():
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_outputs_are_stripped_and_parameters_come_first(name):
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(nb)
    first = nb.cells[0]
    assert first.cell_type == "code" and "parameters" in first.metadata.get("tags", [])
    assert "stripped" in first.source  # the first cell documents it
    for key in ("REPORTS", "GROUPING", "INDICATOR"):
        assert f"{key} =" in first.source
    assert '"../data/reports"' in first.source
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{name}: stored outputs"
    assert any(c.cell_type == "markdown" and len(c.source) > 200 for c in nb.cells)  # prose explains


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs_top_to_bottom(name, monkeypatch):
    from nbclient import NotebookClient

    # the kernel must import this checkout even when the package is not installed
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    start = time.monotonic()
    NotebookClient(nb, kernel_name="python3", timeout=180, resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    elapsed = time.monotonic() - start
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    print(f"{name}: {elapsed:.0f} s")  # timings belong in benchmarks/, never in an assertion


@pytest.mark.parametrize("name", NAMES)
def test_cache_is_on_by_default(name):
    first = nbformat.read(NOTEBOOKS / name, as_version=4).cells[0]
    assert "CACHE = True" in first.source


def test_links_show_the_problem_text_and_kwic_lines_up_on_the_keyword():
    nb3 = nbformat.read(NOTEBOOKS / NAMES[2], as_version=4)
    links = next(c.source for c in nb3.cells if "problem_plan_links.merge" in c.source)
    assert '"summary"' in links and '"plan_text"' in links
    nb4 = nbformat.read(NOTEBOOKS / NAMES[3], as_version=4)
    kwic = next(c.source for c in nb4.cells if "ea.kwic(" in c.source)
    assert "text-align:right" in kwic and "text-align:left" in kwic
