"""Citations of a view: the data version, the permalink, APA-style text and BibTeX (no Streamlit)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from dashboard.core.provenance import ROOT, load_manifest

SITE_TITLE = "The Lima Declaration, 2006"
AUTHOR = "The Lima Declaration dashboard"  # a group author: the project, no person is invented
MEDIUM = "Interactive dashboard"
HASH_CHARS = 8  # enough to tell two manifests apart at a glance; the full hash is in the package


def manifest_hash(manifest: Mapping[str, object]) -> str:
    """Short SHA-256 of the manifest's resources list in a canonical JSON form (key order and
    whitespace do not change it; any file's checksum, source or licence does)."""
    canonical = json.dumps(manifest["resources"], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:HASH_CHARS]


def data_version(root: Path = ROOT) -> str:
    """'1.0.0+3fa2b1c9': the manifest's declared version plus the short hash of its resources.
    The version says what the maintainers released; the hash changes with any data file."""
    manifest = load_manifest(root)
    version = str(manifest.get("version") or "0.0.0")
    return f"{version}+{manifest_hash(manifest)}"


def view_title(label: str) -> str:
    """The page title of a view: 'Legal frameworks · The Lima Declaration, 2006'."""
    return f"{label} · {SITE_TITLE}" if label else SITE_TITLE


def _base(url: str) -> str:
    """The page's address without its query and fragment (those are rebuilt from the view)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https", "file") or (parts.scheme != "file" and not parts.netloc):
        raise ValueError(f"not a web address: {url[:80]!r}")
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", "", ""))


def permalink(base_url: str, params: Mapping[str, Sequence[str]]) -> str:
    """The address of the exact view: every parameter, in the given order, each value percent-
    encoded (a space as %20, '<', '"', '&', '#' and non-ASCII all encoded), empty ones left out."""
    pairs = [(name, value) for name, values in params.items() for value in values if value != ""]
    query = urlencode(pairs, quote_via=quote, safe="")
    return _base(base_url) + (f"?{query}" if query else "")


@dataclass(frozen=True)
class Citation:
    title: str
    url: str
    version: str
    accessed: date

    @property
    def apa(self) -> str:
        """APA 7 style for a dataset/dashboard with no date of publication ('n.d.')."""
        when = f"{self.accessed:%B} {self.accessed.day}, {self.accessed.year}"
        return (f"{AUTHOR}. (n.d.). {self.title} [{MEDIUM}; data version {self.version}]. "
                f"Retrieved {when}, from {self.url}")

    @property
    def key(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "_", self.title.split(" · ")[0].casefold()).strip("_")[:40]
        return f"lima2006_{slug or 'dashboard'}_{self.accessed:%Y%m%d}"

    @property
    def bibtex(self) -> str:
        """A @misc entry; the title is braced so BibTeX keeps its capitals; TeX specials escaped."""
        fields = [("title", f"{{{bibtex_escape(self.title)}}}"), ("author", f"{{{bibtex_escape(AUTHOR)}}}"),
                  ("howpublished", bibtex_escape(MEDIUM)), ("version", bibtex_escape(self.version)),
                  ("note", f"Data version {bibtex_escape(self.version)}"),
                  # url: verbatim in biblatex and in the url package; percent-encoding leaves no
                  # brace or backslash in it, so it cannot end the field early
                  ("url", self.url.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")),
                  ("urldate", f"{self.accessed:%Y-%m-%d}")]
        body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
        return f"@misc{{{self.key},\n{body}\n}}"


_TEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
        "_": r"\_", "$": r"\$", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def bibtex_escape(text: str) -> str:
    return "".join(_TEX.get(ch, ch) for ch in text)


def cite(title: str, base_url: str, params: Mapping[str, Sequence[str]], version: str,
         accessed: date | None = None) -> Citation:
    """The citation of one view."""
    return Citation(title=title, url=permalink(base_url, params), version=version,
                    accessed=accessed or date.today())


def today_label(day: date | None = None) -> str:
    """'29 Nov 2026': the date printed inside an exported image."""
    day = day or date.today()
    return f"{day.day} {day:%b %Y}"
