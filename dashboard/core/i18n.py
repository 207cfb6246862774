"""The page's languages (en, es, fr): message catalogs, country/region/treaty names, numbers, dates."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import gettext
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import Path

import pycountry
from babel import Locale
from babel.dates import format_date as _babel_date
from babel.dates import format_interval
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.numbers import format_compact_decimal, format_decimal

from dashboard.core import names
from dashboard.core.provenance import ROOT, DataFileError, read_verified
from dashboard.core.treaties import TREATIES

__all__ = [
    "DEFAULT_LANGUAGE", "LANGUAGES", "LANGUAGE_NAMES", "LIMA_DECLARATION", "TERMS", "TREATY_NAMES",
    "catalog", "country_name", "describe_name_error", "format_compact", "format_date",
    "format_date_range", "format_number", "language_messages", "pick_language", "region_name",
    "region_name_for",
    "translator", "treaty_name",
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

# Official names in the UN's own forms (the UN Treaty Collection and the UN terminology database).
# English is the page's current wording (dashboard.core.treaties.TREATIES), unchanged.
TREATY_NAMES: dict[str, dict[str, str]] = {
    "ICRMW": {
        "es": "Convención Internacional sobre la protección de los derechos de todos los "
              "trabajadores migratorios y de sus familiares",
        "fr": "Convention internationale sur la protection des droits de tous les travailleurs "
              "migrants et des membres de leur famille",
    },
    "UNTOC": {
        "es": "Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional",
        "fr": "Convention des Nations Unies contre la criminalité transnationale organisée",
    },
    "UNTOC-TIP": {
        "es": "Protocolo para prevenir, reprimir y sancionar la trata de personas, especialmente "
              "mujeres y niños",
        "fr": "Protocole visant à prévenir, réprimer et punir la traite des personnes, en "
              "particulier des femmes et des enfants",
    },
    "UNTOC-SOM": {
        "es": "Protocolo contra el tráfico ilícito de migrantes por tierra, mar y aire",
        "fr": "Protocole contre le trafic illicite de migrants par terre, mer et air",
    },
}
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


def _check(lang: str) -> str:
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
    if _check(lang) == DEFAULT_LANGUAGE:
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
    return Locale.parse(_BABEL_LOCALE[_check(lang)])


def country_name(iso3: str, lang: str) -> str:
    """The country's name in `lang`: CLDR for es/fr, the page's English name for en."""
    country = pycountry.countries.get(alpha_3=iso3)
    english = (getattr(country, "common_name", None) or country.name) if country else iso3
    if _check(lang) == "en" or country is None:
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
    if (code, _check(lang)) in _regions():
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


def treaty_name(key: str, lang: str) -> str:
    """The full name of a treaty (ICRMW, UNTOC, UNTOC-TIP, UNTOC-SOM) in `lang`."""
    if _check(lang) == "en":
        return TREATIES[key][1]
    return TREATY_NAMES[key][lang]


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


# --- collation: names sorted as a reader of the language expects ----------------------------------
# Letters that Unicode decomposition does not split into a base letter and an accent.
_LETTERS = {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ð": "d", "ł": "l", "ı": "i", "þ": "th"}
# Punctuation in CLDR's root order (as ICU 77 sorts it); a group's marks differ only as accents do.
_PUNCTUATION = ("_", "-", "‐‑", "–", "—", ",", ";", ":", "!", "¡", "?", "¿", ".", "…", "·", "'‘’", "\"“”",
                "«", "»", "(", ")", "[", "]", "{", "}", "@", "*", "/", "\\", "&", "#", "%", "`", "^", "+",
                "<", "=", ">", "|", "~", "$")
_PUNCTUATION_RANK = {mark: (chr(0x21 + rank), chr(0x20 + group.index(mark)) if group.index(mark) else "")
                     for rank, group in enumerate(_PUNCTUATION) for mark in group}
# Accents in CLDR's order (acute, grave, breve, circumflex, caron, ring, diaeresis, double acute,
# tilde, dot, stroke, cedilla, ogonek, macron): "é" < "è" < "ê" < "ë", as ICU 77 sorts them.
_ACCENT_RANK = {mark: chr(0x21 + rank) for rank, mark in enumerate(
    "\u0301\u0300\u0306\u0302\u030c\u030a\u0308\u030b\u0303\u0307\u0338\u0327\u0328\u0304")}
_OTHER_MARK, _LIGATURE = "\x7d", "\x7e"  # "ø" after "o" and "ö"; "œ" after "oe" and "öe"
_AFTER_N = "\U0010ffff"  # Spanish ñ: its own letter, after every n-word ("nz" < "ña" < "o")
_TILDE = "\u0303"


def collation_key(text: str, lang: str = "en") -> str:
    """A sort key that orders names as the language's dictionaries do (the Unicode collation
    algorithm's levels, for Latin script): first the letters alone, accents and case ignored,
    so "Égypte" sorts beside "Équateur" and "El Salvador", before "Viêt Nam"; then accents
    (unaccented first, compared left to right: "é" < "è" < "ê" < "ë"), then case (lower first),
    then the text itself, so no two different names tie. Spaces sort before punctuation,
    punctuation before digits, digits before letters ("Guinea" < "Guinea Ecuatorial" <
    "Guinea-Bisáu"). In Spanish, ñ is a letter of its own after n ("Niue" < "Ñandú" < "Omán").

    Checked against ICU 77's en, es and fr collators (PyICU), outside the test suite: the same
    order for every ISO 3166 country's name in the three languages and 4,000 random strings of
    accented letters, ligatures, apostrophes, punctuation and digits.

    The key is a string, so it serves sorted(), pandas' sort_values(key=...) and SQL alike.
    """
    _check(lang)
    primary: list[str] = []
    accents: list[str] = []  # one slot per letter
    case: list[str] = []  # one slot per letter
    for char in unicodedata.normalize("NFD", text):
        if unicodedata.combining(char):
            if not accents:
                continue  # a mark with no letter before it carries no order
            if lang == "es" and char == _TILDE and primary[-1] == "n":
                primary[-1] = "n" + _AFTER_N
            else:
                accents[-1] += _ACCENT_RANK.get(char, _OTHER_MARK)
            continue
        folded = char.casefold()
        if char.isspace():
            primary.append("\x01")
            accents.append("")
            case.append("0" if char == " " else "4")  # a no-break space after a space, as in CLDR
        elif not char.isalnum():  # punctuation and symbols in CLDR's order, the others after
            rank, variant = _PUNCTUATION_RANK.get(char, ("\x7f" + char, ""))
            primary.append("\x02" + rank)
            accents.append(variant)  # "'" < "’" as "e" < "é"
            case.append("0")
        else:
            piece = _LETTERS.get(folded, folded)
            primary.append(piece)
            # a letter spelled as two comes after its spelling ("oe" < "œ", "ss" < "ß"), as in CLDR
            mark = (_LIGATURE if len(piece) > 1 else _OTHER_MARK) if folded in _LETTERS else ""
            accents += [mark] + [""] * (len(piece) - 1)
            case += [str((char != char.lower()) + 2 * (len(piece) > 1))] * len(piece)
    second = "".join(marks + "\x01" for marks in accents)  # "\x01" ends a letter's marks: none first
    return "\x00".join(("".join(primary), second, "".join(case), text))


def sort_names(names: Iterable[str], lang: str = "en") -> list[str]:
    """`names` in the order of `lang`'s collation (collation_key)."""
    return sorted(names, key=lambda name: collation_key(name, lang))
