"""Provenance of every data file: the manifest (data/datapackage.json) and checksum checks."""

from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]  # the repository: dashboard/core/ -> ../..
ROOT_ENV = "LIMA_DASHBOARD_ROOT"  # another copy of data/ and seeds/ (tests of broken files)


def data_root() -> Path:
    """Where data/ and seeds/ are read from: $LIMA_DASHBOARD_ROOT if set, else the repository."""
    override = os.environ.get(ROOT_ENV)
    return Path(override) if override else ROOT
MANIFEST = Path("data") / "datapackage.json"


class DataFileError(RuntimeError):
    """A data file is missing, altered or unreadable; the message names it and says what to do."""

    def __init__(self, path: str, problem: str, remedy: str) -> None:
        self.path, self.problem, self.remedy = path, problem, remedy
        super().__init__(f"{path}: {problem}. {remedy}")


RESTORE = "Restore it from the repository (git checkout -- {path})"
REBUILD = "Rebuild it with `python {script}` or restore it (git checkout -- {path})"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load_manifest(root: Path = ROOT) -> dict[str, Any]:
    """The parsed manifest; a missing or malformed manifest raises DataFileError."""
    path = root / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        resources = manifest["resources"]
        if not isinstance(resources, list):
            raise TypeError("resources is not a list")
    except FileNotFoundError:
        raise DataFileError(str(MANIFEST), "the provenance manifest is missing",
                            RESTORE.format(path=MANIFEST)) from None
    except (ValueError, KeyError, TypeError) as exc:
        raise DataFileError(str(MANIFEST), f"the provenance manifest is malformed ({exc})",
                            RESTORE.format(path=MANIFEST)) from None
    return manifest


def resources(root: Path = ROOT) -> dict[str, dict[str, Any]]:
    """Manifest entries keyed by their path relative to the repository root."""
    return {entry["path"]: entry for entry in load_manifest(root)["resources"]}


def read_verified(relpath: str, root: Path = ROOT) -> bytes:
    """The bytes of a data file after checking them against the manifest's sha256."""
    entry = resources(root).get(relpath)
    if entry is None:
        raise DataFileError(relpath, "it has no entry in data/datapackage.json",
                            "Add its source, license and checksum to the manifest")
    remedy = _remedy(relpath, entry)
    try:
        data = (root / relpath).read_bytes()
    except FileNotFoundError:
        raise DataFileError(relpath, "the file is missing", remedy) from None
    except OSError as exc:
        raise DataFileError(relpath, f"the file cannot be read ({exc.strerror})", remedy) from None
    if sha256(data) != entry["hash"]:
        raise DataFileError(relpath, "its checksum does not match data/datapackage.json "
                            "(the file was altered or corrupted)", remedy)
    return data


def _remedy(relpath: str, entry: dict[str, Any]) -> str:
    """What to do about a bad file: rebuild it if a script derives it, else restore it."""
    return (REBUILD.format(script=entry["derived_by"], path=relpath) if entry.get("derived_by")
            else RESTORE.format(path=relpath))


def remedy(relpath: str, root: Path = ROOT) -> str:
    """The remedy for a file the manifest lists (see read_verified)."""
    return _remedy(relpath, resources(root).get(relpath, {}))


def read_verified_csv(relpath: str, root: Path = ROOT, dtype: Any = str, **kwargs: Any) -> pd.DataFrame:
    """A checksum-verified CSV as a DataFrame (empty cells stay "" unless `na_values` says otherwise);
    text pandas cannot read raises DataFileError naming the file."""
    data = read_verified(relpath, root)
    try:
        return pd.read_csv(io.BytesIO(data), dtype=dtype, keep_default_na=False, **kwargs)
    except (ValueError, TypeError, pd.errors.ParserError) as exc:
        raise DataFileError(relpath, f"it cannot be read as CSV ({exc})", remedy(relpath, root)) from None


def verified_path(relpath: str, root: Path = ROOT) -> Path:
    """Path of a data file whose checksum has been verified (for readers that want a path)."""
    read_verified(relpath, root)
    return root / relpath
