"""The tree says the layers: core (data) <- figures (plotly) <- page (Streamlit); imports only run
downward, and only the page layer imports Streamlit (a static export builds figures without it)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "dashboard"
# layer -> layers of the dashboard package it may import (config.py holds constants for all)
ALLOWED = {
    "core": {"core", "config"},
    "figures": {"core", "figures", "config"},
    "page": {"core", "figures", "page", "config", "data"},
}


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth (lazy imports inside functions included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            if node.module == "dashboard":
                found |= {f"dashboard.{alias.name}" for alias in node.names}
    return found


def _files(layer: str) -> list[Path]:
    files = sorted((PACKAGE / layer).glob("*.py"))
    assert len(files) > 1, f"dashboard/{layer}/ is empty"
    return files


@pytest.mark.parametrize("layer", ["core", "figures"])
def test_no_streamlit_below_the_page(layer):
    offenders = {p.name for p in _files(layer)
                 if any(m == "streamlit" or m.startswith("streamlit.") for m in _imports(p))}
    assert not offenders, f"dashboard/{layer}/ imports streamlit in {sorted(offenders)}"


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_imports_only_run_downward(layer):
    wrong = {}
    for path in _files(layer):
        used = {m.split(".")[1] for m in _imports(path) if m.startswith("dashboard.")}
        if used - ALLOWED[layer]:
            wrong[path.name] = sorted(used - ALLOWED[layer])
    assert not wrong, f"dashboard/{layer}/ imports from a layer above it: {wrong}"


def test_the_checks_see_a_violation(tmp_path):
    """The import reader finds a Streamlit import inside a function (so the test above can fail)."""
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    import streamlit as st\n    from dashboard.page import store\n")
    assert {"streamlit", "dashboard.page"} <= _imports(sample)


def test_figures_and_data_load_in_a_process_without_streamlit():
    """Import the data facade and every figure builder with `streamlit` made unimportable."""
    code = ("import sys; sys.modules['streamlit'] = None\n"
            "import dashboard.data, dashboard.figures.charts, dashboard.figures.context_charts\n"
            "import dashboard.figures.context_modes, dashboard.figures.modes\n"
            "print(len(dashboard.data.load_signatories()))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "24"
