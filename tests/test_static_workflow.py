"""The GitHub Pages workflow runs the static edition's export as the README gives it, and publishes its folder."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "static-edition.yml"
SCRIPT = "scripts/export/static_edition.py"


def _readme_command() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Static edition"):]
    section = section[:section.find("\n## ", 3)] if "\n## " in section[3:] else section
    commands = [c for c in re.findall(r"`([^`]+)`", section) if SCRIPT in c]
    assert commands, "the README's Static edition section gives no export command"
    assert len(set(commands)) == 1, f"the README gives more than one export command: {commands}"
    return shlex.split(commands[0])


def _workflow_command() -> list[str]:
    lines = [line.strip() for line in WORKFLOW.read_text(encoding="utf-8").splitlines()]
    commands = [line.removeprefix("run:").strip() for line in lines if SCRIPT in line and not line.startswith("#")]
    assert len(commands) == 1, commands
    return shlex.split(commands[0])


def _shape(argv: list[str]) -> list[str]:
    """The command with the --base-url value left out (the workflow takes it from Pages)."""
    out, skip = [], False
    for word in argv:
        if skip:
            skip = False
            continue
        out.append(word)
        skip = word == "--base-url"
    return out


def test_readme_and_workflow_run_the_same_export():
    readme, workflow = _readme_command(), _workflow_command()
    assert readme[:2] == [".venv/bin/python", SCRIPT], readme
    assert _shape(workflow) == _shape(readme), (workflow, readme)
    assert "--base-url" in readme and readme[readme.index("--base-url") + 1].startswith("https://")
    assert workflow[workflow.index("--base-url") + 1].startswith("${{ steps.pages.outputs.base_url }}")


def test_workflow_sets_up_what_the_export_needs_and_publishes_its_folder():
    text = WORKFLOW.read_text(encoding="utf-8")
    outdir = _readme_command()[2]
    upload = rf"upload-pages-artifact@v\d+\s+with:\s+path: {re.escape(outdir)}\s"
    assert re.search(upload, text), "the workflow does not publish the export's folder"
    assert "actions/deploy-pages@" in text and "pages: write" in text and "id-token: write" in text
    # the dev lock, hash-checked, as scripts/bootstrap.sh --test installs it (Playwright and brotli are in it)
    assert "pip install --require-hashes --no-deps -r requirements-dev.txt" in text
    dev = (ROOT / "requirements-dev.in").read_text()
    assert re.search(r"^playwright==", dev, re.M) and re.search(r"^brotli==", dev, re.M)
    assert re.search(r'python-version: "3\.11"', text), "the Python the locks are made for"
    assert "branches: [main]" in text
