"""Citations of a view: the data version, the permalink, APA-style text and BibTeX (no Streamlit)."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from dashboard.config import N_
from dashboard.core import i18n, sources
from dashboard.core.provenance import ROOT, load_manifest

SITE_TITLE = N_("The Lima Declaration, 2006")
AUTHOR = N_("The Lima Declaration dashboard")  # a group author: the project, no person is invented
MEDIUM = N_("Interactive dashboard")
HASH_CHARS = 8  # enough to tell two manifests apart at a glance; the full hash is in the package
BIBTEX_LANGUAGE = {"en": "english", "es": "spanish", "fr": "french"}  # biblatex/babel names
# French puts a narrow no-break space before ; ! ? (and a no-break space before :, in the messages)
LIST_SEPARATOR = {"fr": "\u202f; "}


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


def view_title(label: str, lang: str = "en") -> str:
    """The page title of a view: 'Legal frameworks · The Lima Declaration, 2006' (`label` is
    already in `lang`; the site's name is translated here)."""
    site = i18n.translator(lang)(SITE_TITLE)
    return f"{label} · {site}" if label else site


def retrieved_on(day: date, lang: str = "en") -> str:
    """The date of an APA retrieval statement: 'November 29, 2026' (APA's English form),
    '29 de noviembre de 2026', '1er décembre 2026' (French writes the first of a month 1er)."""
    if i18n.pick_language(lang) != lang:
        raise ValueError(f"language must be one of {i18n.LANGUAGES}, not {lang!r}")
    if lang == "en":
        return f"{day:%B} {day.day}, {day.year}"
    text = i18n.format_date(day, lang)
    return "1er" + text[1:] if lang == "fr" and day.day == 1 else text


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
    """One view's citation in the reader's language, naming the data's publishers (keys of
    dashboard.core.sources). In English with no publisher it reads exactly as it always has."""

    title: str  # already in `lang`
    url: str
    version: str
    accessed: date
    lang: str = "en"
    publishers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        sources.credits(self.publishers, self.lang)  # an unknown key or language fails here, not later

    @property
    def credits(self) -> list[str]:
        """The publishers' credits in the citation's language, in the order of dashboard.core.sources."""
        return sources.credits(self.publishers, self.lang)

    @property
    def data_line(self) -> str:
        """'Data: UN DESA, International Migrant Stock 2020; World Bank, World Development
        Indicators.' in the citation's language, or '' with no publisher."""
        if not self.publishers:
            return ""
        _ = i18n.translator(self.lang)
        return _("Data: {publishers}.").format(publishers=LIST_SEPARATOR.get(self.lang, "; ").join(self.credits))

    @property
    def apa(self) -> str:
        """APA 7 style for a dashboard with no date of publication: 'n.d.' / 's. f.' / 's. d.';
        the publishers of the data before the retrieval statement (the address stays last)."""
        _ = i18n.translator(self.lang)
        head = _("{author}. (n.d.). {title} [{medium}; data version {version}].").format(
            author=_(AUTHOR), title=self.title, medium=_(MEDIUM), version=self.version)
        retrieved = _("Retrieved {date}, from {url}").format(date=retrieved_on(self.accessed, self.lang),
                                                             url=self.url)
        return " ".join(part for part in (head, self.data_line, retrieved) if part)

    @property
    def key(self) -> str:
        """'lima2006_legal_frameworks_20261129': ASCII (accents dropped: 'Marcos jurídicos' -> 'marcos_juridicos')."""
        name = unicodedata.normalize("NFKD", self.title.split(" · ")[0]).encode("ascii", "ignore").decode()
        slug = re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_")[:40]
        return f"lima2006_{slug or 'dashboard'}_{self.accessed:%Y%m%d}"

    @property
    def bibtex(self) -> str:
        """A @misc entry; the title is braced so BibTeX keeps its capitals; TeX specials escaped.
        The publishers go in `note`; a Spanish or French citation says its `language` (English,
        the default of the styles, is not written, so the English entry reads as it always has)."""
        _ = i18n.translator(self.lang)
        note = _("Data version {version}").format(version=self.version)
        if self.publishers:
            note = f"{note}. {self.data_line}"
        fields = [("title", f"{{{bibtex_escape(self.title)}}}"), ("author", f"{{{bibtex_escape(_(AUTHOR))}}}"),
                  ("howpublished", bibtex_escape(_(MEDIUM))), ("version", bibtex_escape(self.version)),
                  ("note", bibtex_escape(note)),
                  # url: verbatim in biblatex and in the url package; percent-encoding leaves no
                  # brace or backslash in it, so it cannot end the field early
                  ("url", self.url.replace("{", "%7B").replace("}", "%7D").replace("\\", "%5C")),
                  ("urldate", f"{self.accessed:%Y-%m-%d}")]
        if self.lang != "en":
            fields.append(("language", BIBTEX_LANGUAGE[self.lang]))
        body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
        return f"@misc{{{self.key},\n{body}\n}}"


# TeX's specials, and the no-break spaces of French typography as TeX's own (~): LaTeX's utf8
# input encoding knows U+00A0 but not U+202F, and either would stop a pdflatex run that meets it.
_TEX = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
        "_": r"\_", "$": r"\$", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
        "\u00a0": "~", "\u202f": "~"}


def bibtex_escape(text: str) -> str:
    return "".join(_TEX.get(ch, ch) for ch in text)


def cite(title: str, base_url: str, params: Mapping[str, Sequence[str]], version: str,
         accessed: date | None = None, *, lang: str = "en", publishers: Iterable[str] = ()) -> Citation:
    """The citation of one view, in `lang`, naming the publishers (keys of dashboard.core.sources,
    e.g. from sources.of_files(the view's data files)) whose data it shows."""
    return Citation(title=title, url=permalink(base_url, params), version=version,
                    accessed=accessed or date.today(), lang=lang, publishers=tuple(publishers))


def today_label(day: date | None = None) -> str:
    """'29 Nov 2026': the date printed inside an exported image."""
    day = day or date.today()
    return f"{day.day} {day:%b %Y}"
