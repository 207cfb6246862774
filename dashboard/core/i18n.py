"""The page's languages (en, es, fr): message catalogs, country/region/treaty names, numbers, dates."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gettext
import io
import re
from collections.abc import Callable
from pathlib import Path

import pycountry
from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_interval
from babel.lists import format_list as _babel_list
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.numbers import format_compact_decimal, format_decimal

from dashboard.core import names
from dashboard.core.provenance import ROOT, DataFileError, read_verified

__all__ = [
    "DEFAULT_LANGUAGE", "LANGUAGES", "LANGUAGE_NAMES", "LIMA_DECLARATION", "TERMS",
    "catalog", "country_name", "describe_name_error", "format_compact", "format_date",
    "format_date_range", "format_number", "language_messages", "pick_language", "region_name",
    "region_name_for",
    "translator",
]

LANGUAGES = ("en", "es", "fr")
DEFAULT_LANGUAGE = "en"
LANGUAGE_NAMES = {"en": "English", "es": "Español", "fr": "Français"}  # each in its own language
LOCALES_DIR = ROOT / "dashboard" / "locales"
DOMAIN = "messages"
REGIONS_CSV = "data/m49_regions_i18n.csv"
# Babel locales: British English writes "16 May 2006", as the page does; Spanish and French
# follow the CLDR defaults ("10,6 millones", "16 mai 2006").
_BABEL_LOCALE = {"en": "en_GB", "es": "es", "fr": "fr"}

LIMA_DECLARATION = {"en": "Lima Declaration", "es": "Declaración de Lima",
                    "fr": "Déclaration de Lima"}
# Terms fixed across the three languages (docs/GLOSSARY.md lists them; a test keeps both alike).
TERMS: dict[str, dict[str, str]] = {
    "hld": {"en": "High-Level Dialogue on International Migration and Development",
            "es": "Diálogo de Alto Nivel sobre la Migración Internacional y el Desarrollo",
            "fr": "Dialogue de haut niveau sur les migrations internationales et le développement"},
    "iom": {"en": "International Organization for Migration (IOM)",
            "es": "Organización Internacional para las Migraciones (OIM)",
            "fr": "Organisation internationale pour les migrations (OIM)"},
    "desa": {"en": "UN Department of Economic and Social Affairs (UN DESA)",
             "es": "Departamento de Asuntos Económicos y Sociales (DAES)",
             "fr": "Département des affaires économiques et sociales (DAES)"},
    "eclac": {"en": "Economic Commission for Latin America and the Caribbean (ECLAC)",
              "es": "Comisión Económica para América Latina y el Caribe (CEPAL)",
              "fr": "Commission économique pour l'Amérique latine et les Caraïbes (CEPALC)"},
    "idb": {"en": "Inter-American Development Bank (IDB)",
            "es": "Banco Interamericano de Desarrollo (BID)",
            "fr": "Banque interaméricaine de développement (BID)"},
    "ilo": {"en": "International Labour Organization (ILO)",
            "es": "Organización Internacional del Trabajo (OIT)",
            "fr": "Organisation internationale du Travail (OIT)"},
    "unodc": {"en": "UN Office on Drugs and Crime (UNODC)",
              "es": "Oficina de las Naciones Unidas contra la Droga y el Delito (UNODC)",
              "fr": "Office des Nations Unies contre la drogue et le crime (ONUDC)"},
    "undp": {"en": "UN Development Programme (UNDP)",
             "es": "Programa de las Naciones Unidas para el Desarrollo (PNUD)",
             "fr": "Programme des Nations Unies pour le développement (PNUD)"},
    "remittances": {"en": "remittances", "es": "remesas", "fr": "envois de fonds"},
    "migrant_stock": {"en": "international migrant stock",
                      "es": "número (stock) de migrantes internacionales",
                      "fr": "nombre de migrants internationaux"},
}
_LANG_VALUE = re.compile(r"([a-z]{2})(?:[-_][a-z0-9]+)*")


def check_language(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {lang!r}")
    return lang


def pick_language(value: object) -> str | None:
    """The language a URL value names ("es", "ES", "es-PE", "fr_CA"), or None if none of ours."""
    if not isinstance(value, str) or not (match := _LANG_VALUE.fullmatch(value.strip().casefold())):
        return None
    return match.group(1) if match.group(1) in LANGUAGES else None


@functools.cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog of `lang`, built in memory once per process from every .po file in
    its folder (one per area of the page: scripts/build/i18n.sh lists them), so that people working on
    different parts of the page never edit the same file.

    English is the source language: its catalog is empty and every message is its own text.
    Fuzzy (unchecked) translations are left out, so they show in English.
    """
    if check_language(lang) == DEFAULT_LANGUAGE:
        return gettext.NullTranslations()
    merged = None
    for path in po_paths(lang):
        relpath = str(path.relative_to(ROOT))
        try:
            with path.open("rb") as handle:
                messages = read_po(handle, locale=lang, abort_invalid=True)
        except (OSError, ValueError, PoFileError) as exc:  # ValueError: bytes that are not UTF-8
            raise DataFileError(relpath, f"the {lang} message catalog cannot be read ({exc})",
                                "Restore it from the repository or run bash scripts/build/i18n.sh check") from None
        if merged is None:
            merged = messages
            continue
        for message in messages:
            if message.id and message.id not in merged:
                merged[message.id] = message  # its flags too: a fuzzy one stays out
    if merged is None:
        raise DataFileError(str(_po_path(lang).relative_to(ROOT)), f"the {lang} message catalog is missing",
                            "Restore it from the repository")
    compiled = io.BytesIO()
    write_mo(compiled, merged, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def po_paths(lang: str) -> list[Path]:
    """The catalogs of `lang`: messages.po first, then the other areas' files by name."""
    folder = LOCALES_DIR / lang / "LC_MESSAGES"
    return sorted(folder.glob("*.po"), key=lambda p: (p.stem != DOMAIN, p.name))


def translator(lang: str) -> Callable[[str], str]:
    """The gettext function of `lang`: `_ = translator("es"); _("Compare a list")`."""
    return catalog(lang).gettext


@functools.cache
def _locale(lang: str) -> Locale:
    return Locale.parse(_BABEL_LOCALE[check_language(lang)])


def country_name(iso3: str, lang: str) -> str:
    """The country's name in `lang`: CLDR for es/fr, the page's English name for en."""
    country = pycountry.countries.get(alpha_3=iso3)
    english = (getattr(country, "common_name", None) or country.name) if country else iso3
    if check_language(lang) == "en" or country is None:
        return english
    return _locale(lang).territories.get(country.alpha_2) or english


@functools.cache
def _regions() -> dict[tuple[str, str], str]:
    """(m49_code, lang) -> name: the UN's own for es/fr, data/m49.csv's for en."""
    table: dict[tuple[str, str], str] = {}
    for row in csv.DictReader(io.StringIO(read_verified(REGIONS_CSV).decode("utf-8"))):
        table[row["m49_code"], row["lang"]] = row["name"]
    for row in csv.DictReader(io.StringIO(read_verified(names.M49_CSV).decode("utf-8"))):
        for level in ("region", "sub_region", "intermediate_region"):
            if row[f"{level}_code"]:
                table[row[f"{level}_code"], "en"] = row[level]
    return table


def region_name(m49_code: str | int, lang: str) -> str:
    """A UN M49 region's name ("419" -> "América Latina y el Caribe").

    The UN Statistics Division's Spanish and French names, which translate the page's English
    M49 names; CLDR (which calls 419 "Latinoamérica") only for a code the UN table lacks.
    Raises KeyError for a code that is no region.
    """
    code = str(m49_code).zfill(3)
    if (code, check_language(lang)) in _regions():
        return _regions()[code, lang]
    if code in _locale(lang).territories:
        return _locale(lang).territories[code]
    raise KeyError(f"no UN M49 region has the code {m49_code!r}")


def region_name_for(english: str, lang: str) -> str:
    """The name in `lang` of a region the data names in English ("Western Asia" -> "Asie occidentale")."""
    codes = {code for (code, row_lang), name in _regions().items() if row_lang == "en" and name == english}
    if len(codes) != 1:
        return english  # not an M49 name: shown as it is rather than guessed
    return region_name(codes.pop(), lang)


def format_number(value: float, lang: str, digits: int | None = None) -> str:
    """1234567.5 -> "1,234,567.5" (en), "1.234.567,5" (es), "1 234 567,5" (fr)."""
    pattern = None if digits is None else f"#,##0{'.' + '0' * digits if digits else ''}"
    return format_decimal(value, format=pattern, locale=_locale(lang))


def format_compact(value: float, lang: str, digits: int = 1) -> str:
    """10_600_000 -> "10.6 million" (en), "10,6 millones" (es), "10,6 millions" (fr)."""
    return format_compact_decimal(value, format_type="long", fraction_digits=digits,
                                  locale=_locale(lang))


def format_date(day: dt.date, lang: str) -> str:
    """A day as the reader writes it: "16 May 2006", "16 de mayo de 2006", "16 mai 2006"."""
    return _babel_date(day, format="long", locale=_locale(lang))


def format_date_range(start: dt.date, end: dt.date, lang: str) -> str:
    """"15–16 May 2006", "15–16 de mayo de 2006", "15–16 mai 2006" (CLDR interval patterns)."""
    text = format_interval(start, end, skeleton="yMMMMd", locale=_locale(lang))
    # CLDR's British pattern puts thin spaces around the dash; the page writes "15–16 May 2006".
    return text.replace("\u2009–\u2009", "–" if (start.year, start.month) == (end.year, end.month)
                        else " – ")


def format_list(items: list[str], lang: str) -> str:
    """["Kuwait", "Spain", "Malaysia"] -> "Kuwait, Spain and Malaysia", "Kuwait, Spain y Malaysia"."""
    return _babel_list(items, locale=_locale(lang))


def describe_name_error(error: LookupError, lang: str) -> str:
    """A sentence for a country name that did not resolve (names.CountryNameError), in `lang`."""
    _ = translator(lang)
    if not isinstance(error, names.CountryNameError):
        return str(error)
    shown = repr(error.name[:80] + ("…" if len(error.name) > 80 else ""))
    labels = ", ".join(f"{country_name(code, lang)} ({code})" for code in error.codes)
    if error.reason == "ambiguous":
        return _("{name} could be more than one country: {choices}").format(name=shown, choices=labels)
    if error.reason == "suggested":
        return _("No country is called {name}. Did you mean: {choices}?").format(name=shown,
                                                                                choices=labels)
    if error.reason == "too_long":
        return _("No country matches {name}: it is longer than any country name.").format(name=shown)
    return _("No country is called {name}.").format(name=shown)


# Messages the language machinery itself shows (pybabel extract finds them here).
def language_messages(lang: str) -> dict[str, str]:
    """The language picker's label and the page's notes about languages, in `lang`."""
    _ = translator(lang)
    return {
        "label": _("Language"),
        "unknown": _("The language {value} is not available; the page is shown in English."),
        "press_release": _("The press release is shown in English, the language in which IOM "
                           "published it."),
    }


def _po_path(lang: str) -> Path:
    return LOCALES_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
