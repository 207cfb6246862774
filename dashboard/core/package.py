"""Downloads that carry their context: CSV names that say the view and filter, and a ZIP data package."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from dashboard.core.cite import Citation
from dashboard.core.provenance import ROOT, resources
from dashboard.core.text import slug

PREFIX = "lima_declaration"
MAX_NAME_CHARS = 150  # file systems allow 255 bytes; a long filter is cut, never the extension
ZIP_DATE = (2006, 5, 16, 0, 0, 0)  # fixed member timestamps: the same tables give the same bytes


def csv_file_name(table: str, filters: Mapping[str, Sequence[str]] | None = None, ext: str = "csv") -> str:
    """'lima_declaration_signatories_region-africa.csv': the table, then each filter as
    name-value(s) in lower-case ASCII (anything else becomes '-'), so a saved file says what it holds."""
    parts = [PREFIX, slug(table).replace("-", "_")]
    for name, values in (filters or {}).items():
        slugs = [s for s in (slug(v) for v in values) if s]
        if slugs:
            parts.append(f"{slug(name)}-{'+'.join(slugs)}")
    stem = "_".join(parts)
    return f"{stem[:MAX_NAME_CHARS].rstrip('-_+')}.{ext}"


@dataclass(frozen=True)
class Table:
    """A table of the view, with the data files (manifest paths) it was made from."""

    name: str  # the file name stem in the package, e.g. "signatories"
    title: str
    frame: pd.DataFrame
    derived_from: tuple[str, ...] = ()  # manifest paths
    extra_sources: tuple[str, ...] = field(default=())  # sources outside data/ (e.g. Gapminder)


def _readme(citation: Citation, tables: Sequence[Table], view_label: str) -> str:
    listed = "\n".join(f"- {t.name}.csv: {t.title} ({len(t.frame)} rows)" for t in tables)
    return (f"# {citation.title}\n\n"
            f"The tables shown in the view \"{view_label}\" of the Lima Declaration dashboard, as "
            f"downloaded on {citation.accessed:%Y-%m-%d}.\n\n{listed}\n\n"
            "datapackage.json (Frictionless Data) gives each table's columns, checksum, and the "
            "source, licence and access date of every data file it was made from.\n\n"
            f"## Cite this view\n\n{citation.apa}\n\n```bibtex\n{citation.bibtex}\n```\n\n"
            f"Data version: {citation.version} (the dashboard's data release, plus a short hash "
            "of its provenance manifest: any change to a data file changes it).\n")


def build_package(tables: Sequence[Table], citation: Citation, view_label: str, root: Path = ROOT) -> bytes:
    """A ZIP with one CSV per table, datapackage.json and README.md (with the citation)."""
    manifest = resources(root)
    entries, members = [], {}
    for table in tables:
        data = table.frame.to_csv(index=False).encode("utf-8")
        members[f"{table.name}.csv"] = data
        sources, licences = [], []
        for path in table.derived_from:
            entry = manifest.get(path, {})
            for src in entry.get("sources", []):
                sources.append({**src, "accessed": entry.get("accessed", "")})
            licences += [lic for lic in entry.get("licenses", []) if lic not in licences]
        sources += [{"title": s} for s in table.extra_sources]
        entries.append({"name": slug(table.name) or "table", "path": f"{table.name}.csv", "title": table.title,
                        "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
                        "bytes": len(data), "hash": f"sha256:{hashlib.sha256(data).hexdigest()}",
                        "schema": {"fields": [{"name": str(c)} for c in table.frame.columns]},
                        "sources": sources, "licenses": licences, "derived_from": list(table.derived_from)})
    descriptor = {"name": slug(f"lima-declaration-{view_label}"), "title": citation.title,
                  "version": citation.version, "homepage": citation.url,
                  "created": f"{citation.accessed:%Y-%m-%d}", "citation": citation.apa, "resources": entries}
    members["datapackage.json"] = (json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    members["README.md"] = _readme(citation, tables, view_label).encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in ("README.md", "datapackage.json", *sorted(n for n in members if n.endswith(".csv"))):
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, members[name])
    return out.getvalue()
