"""Provenance: every file in data/ and seeds/ is in the manifest with a matching checksum,
derived files rebuild from their pinned inputs, and a broken file fails with its name."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import data
from dashboard.core.provenance import DataFileError, load_manifest

ROOT = Path(__file__).resolve().parents[1]
MANIFEST = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
ENTRIES = {r["path"]: r for r in MANIFEST["resources"]}
DOCS = {"data/datapackage.json", "seeds/README.md"}


def shipped_files() -> set[str]:
    files = set()
    for folder in ("data", "seeds"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file():
                files.add(path.relative_to(ROOT).as_posix())
    return files - DOCS


def test_every_data_and_seed_file_is_in_the_manifest():
    assert shipped_files() <= set(ENTRIES), sorted(shipped_files() - set(ENTRIES))


@pytest.mark.parametrize("path", sorted(ENTRIES))
def test_checksum_and_provenance_fields(path):
    entry = ENTRIES[path]
    blob = (ROOT / path).read_bytes()
    assert hashlib.sha256(blob).hexdigest() == entry["hash"], f"{path} changed: run scripts/build/update_manifest.py"
    assert entry["bytes"] == len(blob)
    for field in ("title", "description", "sources", "licenses", "accessed", "edits"):
        assert entry.get(field), f"{path} lacks {field}"
    assert all(s.get("path") for s in entry["sources"])
    assert len(entry["accessed"]) == 10 and entry["accessed"][4] == "-"
    if "derived_by" in entry:
        assert (ROOT / entry["derived_by"]).is_file()
        inputs = [entry["derived_from"], *entry.get("derived_also_from", [])]
        assert all(i in ENTRIES for i in inputs), inputs


BUILDS = sorted(f"scripts/build/{p.name}" for p in (ROOT / "scripts" / "build").glob("build_*.py"))


@pytest.mark.parametrize("script", [*BUILDS, "scripts/build/update_manifest.py"])
def test_derived_files_rebuild_identically(script):
    result = subprocess.run([sys.executable, script, "--check"], cwd=ROOT, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture
def copy_root(tmp_path: Path) -> Path:
    for folder in ("data", "seeds"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_copy_loads_like_the_original(copy_root):
    assert len(data.load_signatories(copy_root)) == 24


@pytest.mark.parametrize("relpath, loader", [
    ("data/m49.csv", data.load_m49),
    ("data/events.csv", data.load_events),
    ("data/organizations.csv", data.load_organizations),
    ("seeds/iom_press_release_2006_lima_declaration.txt", data.load_signatories),
    ("data/world-110m.geojson", data.load_world_geojson),
])
def test_missing_file_names_the_file(copy_root, relpath, loader):
    (copy_root / relpath).unlink()
    with pytest.raises(DataFileError) as info:
        loader(copy_root)
    assert info.value.path == relpath
    assert "missing" in str(info.value) and relpath in str(info.value)


@pytest.mark.parametrize("relpath, loader", [
    ("data/m49.csv", data.load_m49),
    ("data/events.csv", data.load_events),
    ("seeds/iom_press_release_2006_lima_declaration.txt", data.load_signatories),
    ("data/land-110m.geojson", data.load_land_geojson),
])
def test_corrupted_file_names_the_file(copy_root, relpath, loader):
    path = copy_root / relpath
    path.write_bytes(path.read_bytes()[:-40] + b"\x00garbage")
    with pytest.raises(DataFileError) as info:
        loader(copy_root)
    assert info.value.path == relpath
    assert "checksum does not match" in str(info.value)
    assert "git checkout" in str(info.value) or "python scripts/" in str(info.value)


def test_malformed_manifest_is_reported(copy_root):
    (copy_root / "data" / "datapackage.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(DataFileError, match="data/datapackage.json: the provenance manifest is malformed"):
        load_manifest(copy_root)


def test_derived_file_error_suggests_its_build_script(copy_root):
    (copy_root / "data" / "m49.csv").write_text("m49_code\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"python scripts/build/build_m49\.py"):
        data.load_m49(copy_root)
