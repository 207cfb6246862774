"""The project's promises about set-up and deployment, checked: pins in step, config as shipped."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def names(lines: list[str]) -> dict[str, str]:
    """package name -> version spec, from requirement lines."""
    out = {}
    for line in lines:
        line = line.split("#")[0].strip()
        if not line or line.startswith("-r"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*([=<>!~].*)", line)
        assert match, f"unreadable requirement {line!r}"
        out[match.group(1).lower()] = match.group(2)
    return out


def test_requirements_pin_exactly_what_pyproject_declares():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = names(project["dependencies"])
    pinned = names((ROOT / "requirements.txt").read_text().splitlines())
    assert set(declared) == set(pinned)
    assert all(spec.startswith("==") for spec in pinned.values()), pinned
    test_declared = names(project["optional-dependencies"]["test"])
    test_pinned = names((ROOT / "requirements-dev.txt").read_text().splitlines())
    assert set(test_declared) == set(test_pinned)
    assert all(spec.startswith("==") for spec in test_pinned.values())


def test_every_imported_third_party_package_is_declared():
    imported = set()
    for path in (ROOT / "dashboard").rglob("*.py"):
        imported |= set(re.findall(r"^(?:from|import) (\w+)", path.read_text(), re.M))
    third_party = imported - set(sys.stdlib_module_names) - {"__future__", "dashboard"}
    assert {"streamlit", "pandas", "plotly", "pycountry", "geopandas"} <= third_party
    declared = set(names((ROOT / "requirements.txt").read_text().splitlines()))
    assert third_party <= declared, third_party - declared


def test_streamlit_config_as_hosted_deployments_run_it():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True
    assert config["client"]["showErrorDetails"] == "none"
    assert config["browser"]["gatherUsageStats"] is False


def test_readme_gives_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```bash\n(.*?)```", readme, re.S)
    assert [b.strip() for b in blocks] == ["bash scripts/run.sh", "bash scripts/test.sh"]
    assert "streamlit run dashboard/app.py" in (ROOT / "scripts" / "run.sh").read_text()
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_no_absolute_paths_or_removed_apis_in_the_app():
    for path in (ROOT / "dashboard").rglob("*.py"):
        text = path.read_text()
        assert "/work/" not in text and "/root/" not in text, path
        for removed in ("use_container_width", "experimental_get_query_params", "geopandas.datasets"):
            assert removed not in text, (path, removed)
