"""The project's promises about set-up and deployment, checked: pins in step, config as shipped."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def names(lines: list[str]) -> dict[str, str]:
    """package name -> version spec, from requirement lines (options such as -r and -c skipped)."""
    out = {}
    for line in lines:
        line = line.split("#")[0].strip()
        if not line or line.startswith("-"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*([=<>!~].*)", line)
        assert match, f"unreadable requirement {line!r}"
        out[canonical(match.group(1))] = match.group(2)
    return out


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def lock_entries(path: Path) -> dict[str, list[tuple[str, list[str]]]]:
    """package -> [(version, hashes)] from a lock written by scripts/lock.sh (one entry per
    marker: a package may be locked at two versions for two Python versions)."""
    text = path.read_text().replace("\\\n", " ")
    out: dict[str, list[tuple[str, list[str]]]] = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        match = re.match(r"([A-Za-z0-9_.-]+)==([^\s;]+)", line)
        assert match, f"{path.name}: not an exact pin: {line[:80]!r}"
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
        out.setdefault(canonical(match.group(1)), []).append((match.group(2), hashes))
    return out


def _declared() -> tuple[dict[str, str], dict[str, str]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return names(project["dependencies"]), names(project["optional-dependencies"]["test"])


def test_direct_pins_are_exactly_what_pyproject_declares_and_satisfy_it():
    from packaging.specifiers import SpecifierSet

    declared, test_declared = _declared()
    for declared_here, infile in ((declared, "requirements.in"), (test_declared, "requirements-dev.in")):
        pinned = names((ROOT / infile).read_text().splitlines())
        assert set(declared_here) == set(pinned), (infile, set(declared_here) ^ set(pinned))
        for name, spec in pinned.items():
            assert spec.startswith("=="), (infile, name, spec)
            assert spec[2:] in SpecifierSet(declared_here[name]), (infile, name, spec, declared_here[name])


def test_locks_hold_every_direct_pin_at_its_version_with_hashes():
    runtime = names((ROOT / "requirements.in").read_text().splitlines())
    test = names((ROOT / "requirements-dev.in").read_text().splitlines())
    lock = lock_entries(ROOT / "requirements.txt")
    dev_lock = lock_entries(ROOT / "requirements-dev.txt")
    for pins, locked, where in ((runtime, lock, "requirements.txt"), (runtime | test, dev_lock,
                                                                        "requirements-dev.txt")):
        for name, spec in pins.items():
            assert name in locked, f"{name} is pinned but not in {where}: run `bash scripts/lock.sh`"
            assert [v for v, _ in locked[name]] == [spec[2:]], (where, name, locked[name], spec)
        for name, entries in locked.items():
            assert all(hashes for _, hashes in entries), f"{where}: {name} has no hash"
    # One set of runtime versions: the test lock installs exactly what Community Cloud installs.
    for name, entries in lock.items():
        assert sorted(v for v, _ in dev_lock.get(name, [])) == sorted(v for v, _ in entries), name
    assert {"websockets", "protobuf", "tornado", "starlette"} & set(lock), "transitive packages are locked"
    for path in ("requirements.txt", "requirements-dev.txt"):
        assert "bash scripts/lock.sh" in (ROOT / path).read_text()[:300], f"{path} was not written by lock.sh"


def test_community_cloud_reads_the_requirements_lock():
    # Community Cloud takes the first of uv.lock, Pipfile, environment.yml, requirements.txt it
    # finds: any of the first three would shadow the hashed lock.
    for other in ("uv.lock", "Pipfile", "Pipfile.lock", "environment.yml", "poetry.lock"):
        assert not (ROOT / other).exists(), other
    bootstrap = (ROOT / "scripts" / "bootstrap.sh").read_text()
    assert "--require-hashes" in bootstrap and "--no-deps" in bootstrap


def test_every_imported_third_party_package_is_declared():
    imported = set()
    for path in (ROOT / "dashboard").rglob("*.py"):
        imported |= set(re.findall(r"^(?:from|import) (\w+)", path.read_text(), re.M))
    third_party = imported - set(sys.stdlib_module_names) - {"__future__", "dashboard"}
    assert {"streamlit", "pandas", "plotly", "pycountry", "geopandas"} <= third_party
    declared = set(names((ROOT / "requirements.in").read_text().splitlines()))
    assert third_party <= declared, third_party - declared


def test_streamlit_config_as_hosted_deployments_run_it():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True
    assert config["client"]["showErrorDetails"] == "none"
    assert config["browser"]["gatherUsageStats"] is False


def test_readme_gives_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```bash\n(.*?)```", readme, re.S)
    commands = [b.strip() for b in blocks]
    assert commands[:2] == ["bash scripts/run.sh", "bash scripts/test.sh"], commands
    assert "bash deploy/serve.sh --replicas 2 --port 8080" in commands, commands
    assert (ROOT / "deploy" / "serve.sh").is_file() and (ROOT / "deploy" / "nginx.conf.template").is_file()
    assert "streamlit run dashboard/app.py" in (ROOT / "scripts" / "run.sh").read_text()
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_no_absolute_paths_or_removed_apis_in_the_app():
    for path in (ROOT / "dashboard").rglob("*.py"):
        text = path.read_text()
        assert "/work/" not in text and "/root/" not in text, path
        for removed in ("use_container_width", "experimental_get_query_params", "geopandas.datasets"):
            assert removed not in text, (path, removed)
