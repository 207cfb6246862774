"""The tree says the layers: core (data) <- dashboard.data <- figures (plotly) <- page (Streamlit);
imports only run downward, no module imports itself through others (no circle), only the page layer
imports Streamlit (a static export builds figures without it), one module per tab in each layer
that draws, and no module grows past ~300 lines."""

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
    "figures": {"core", "figures", "config", "data"},
    "page": {"core", "figures", "page", "config", "data"},
}
MAX_LINES = 320  # "no module over ~300 lines"


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
    files = sorted((PACKAGE / layer).rglob("*.py"))
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
    """Import the data API and the catalog (every figure builder) with `streamlit` made unimportable."""
    code = ("import sys; sys.modules['streamlit'] = None\n"
            "import dashboard.data, dashboard.figures.catalog, dashboard.figures.export\n"
            "print(len(dashboard.data.load_signatories()))")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "24"


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _graph() -> dict[str, set[str]]:
    """dashboard module -> the dashboard modules it imports (a name imported from a package counts as
    its module when there is one: `from dashboard.figures import map` -> dashboard.figures.map)."""
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph = {}
    for name, path in modules.items():
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("dashboard"):
                subs = {f"{node.module}.{a.name}" for a in node.names} & modules.keys()
                found |= subs or ({node.module} & modules.keys())
            elif isinstance(node, ast.Import):
                found |= {a.name for a in node.names} & modules.keys()
        graph[name] = found - {name, "dashboard"}
    return graph


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return out


def test_no_import_circle_in_the_package():
    assert _circles(_graph()) == []


def test_the_circle_check_finds_a_circle():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_module_is_over_300_lines():
    long = {str(p.relative_to(ROOT)): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, long


def test_one_module_per_tab_with_its_entry_point():
    from dashboard.config import VIEWS

    tabs = {p.stem for p in (PACKAGE / "page" / "tabs").glob("*.py")} - {"__init__"}
    assert tabs == set(VIEWS)
    for key in VIEWS:
        tree = ast.parse((PACKAGE / "page" / "tabs" / f"{key}.py").read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"page/tabs/{key}.py has no docstring"
        show = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "show"]
        assert show and ast.get_docstring(show[0]), f"page/tabs/{key}.py: show() with a docstring"
    # The figures of a tab are named by the same word (the sources tab draws none).
    charts = {p.stem for p in (PACKAGE / "figures").glob("*.py")}
    assert set(VIEWS) - {"sources"} <= charts
