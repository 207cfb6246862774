"""Recompute the size and SHA-256 of every file listed in data/datapackage.json.

usage: python scripts/build/update_manifest.py [--check]
Run it after a deliberate change to a data file (and say what changed in that entry's
"edits"). --check writes nothing and exits 1 if any file differs from its entry.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "data" / "datapackage.json"


def main(argv: list[str]) -> int:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    stale = []
    for entry in manifest["resources"]:
        data = (ROOT / entry["path"]).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if (entry.get("bytes"), entry.get("hash")) != (len(data), digest):
            stale.append(entry["path"])
            entry["bytes"], entry["hash"] = len(data), digest
    if "--check" in argv:
        print("\n".join(f"stale: {p}" for p in stale) or "manifest up to date")
        return 1 if stale else 0
    MANIFEST.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"updated {len(stale)} entr{'y' if len(stale) == 1 else 'ies'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
