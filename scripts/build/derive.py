"""Shared by the build_*.py scripts: write derived files, or with --check compare them to a rebuild."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def csv_text(rows: Iterable[Mapping[str, object]], columns: Sequence[str]) -> str:
    """Rows as CSV text with a header, LF line endings (the same bytes on every machine)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_or_check(outputs: Mapping[Path, str], argv: Sequence[str]) -> int:
    """Write each path's text; with --check write nothing, name each file that differs from its
    rebuild, and return 1 if any does (0 otherwise)."""
    if "--check" in argv:
        stale = [p for p, text in outputs.items() if not p.exists() or p.read_bytes() != text.encode("utf-8")]
        for path in stale:
            print(f"differs from its build: {path.relative_to(ROOT)}")
        if not stale:
            print("up to date: " + ", ".join(str(p.relative_to(ROOT)) for p in outputs))
        return 1 if stale else 0
    for path, text in outputs.items():
        path.write_bytes(text.encode("utf-8"))
        print(f"wrote {path.relative_to(ROOT)} ({text.count(chr(10)) - 1:,} lines, {len(text):,} bytes)")
    return 0
