"""Resolve country names as people write them to ISO 3166-1 alpha-3 codes, without guessing."""

from __future__ import annotations

import csv
import difflib
import functools
import io
import re
from collections import defaultdict
from collections.abc import Iterator

import pycountry

from dashboard.core.name_keys import PARENTHESES, key_i18n, normalize
from dashboard.core.provenance import DataFileError, read_verified

__all__ = ["LANGUAGES", "MAX_NAME_CHARS", "CountryNameError", "suggest", "to_iso3"]

# The resolver's own tables, read from the repository (checksums verified) once per process.
ALIASES_CSV = "data/country_aliases.csv"
M49_CSV = "data/m49.csv"
# Spanish and French: UN M49 and UNTERM names, CLDR and iso-codes translations (built by
# scripts/build/build_country_names.py), and a hand-kept table of everyday forms, each with its why.
NAMES_I18N_CSV = "data/country_names_i18n.csv"
ALIASES_I18N_CSV = "data/country_aliases_es_fr.csv"
LANGUAGES = ("en", "es", "fr")

# User-pasted text reaches to_iso3; no country name is anywhere near this long.
MAX_NAME_CHARS = 200

# Design decisions (the tests pin each one):
# - Codes: an exact ISO alpha-3 code in capitals ("PER") is accepted. Alpha-2 and numeric codes
#   are not: two-letter tokens are too often words or other abbreviations ("IN", "NO", "UK"
#   is not GB). "US", "UK", "USA" resolve because the alias table lists them as names.
# - "Congo" alone is COG: it is the ISO short name of the Republic of the Congo (and M49's).
#   "Korea" alone matches no name, so it raises and suggests both Koreas.
# - Kosovo, Northern Cyprus, Somaliland, Siachen Glacier and the Australian Indian Ocean
#   Territories have no ISO 3166-1 code of their own and raise. The user-assigned "XKX" is
#   not used: it is not ISO and no data set here carries it.
# - "Micronesia" is FSM (M49 and Natural Earth use it so), although M49 also has a
#   sub-region of that name; every other M49 region name raises.
# - Non-str input raises TypeError: it is a programming error, not bad user text.
# - Spanish and French are tried only after every English lookup failed, so no English result
#   changes. Their names are keyed without articles and prepositions ("la República de Corea"
#   meets "República de Corea"), in one index for both languages: a key that two countries
#   share in either language is ambiguous and raises, like an English one.
# - Suggestions come from one language: the caller's `lang` (None: English) when it has any,
#   else the language whose candidate is closest ("Argelai" -> Argelia, not Argentina). Their
#   labels are in `lang`, or without one in the language they came from.

_ALPHA3 = re.compile(r"[A-Z]{3}")


class CountryNameError(LookupError):
    """A name that matches no country or several; attributes let a page word it in any language.

    reason: "unknown", "ambiguous" (codes are the countries it could be), "suggested" (codes
    are suggestions) or "too_long"; lang: the language of the codes' labels.
    """

    def __init__(self, message: str, name: str, reason: str, codes: tuple[str, ...] = (),
                 lang: str = "en") -> None:
        super().__init__(message)
        self.name, self.reason, self.codes, self.lang = name, reason, codes, lang


def _rows(relpath: str, columns: tuple[str, ...]) -> list[dict[str, str]]:
    """A CSV table after its checksum check; a broken file raises DataFileError naming it."""
    text = read_verified(relpath).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    if not rows or any(column not in rows[0] for column in columns):
        raise DataFileError(relpath, f"it lacks the column(s) {list(columns)}",
                            f"Restore it from the repository (git checkout -- {relpath})")
    return rows


@functools.cache
def _aliases() -> dict[str, str]:
    table: dict[str, str] = {}
    for row in _rows(ALIASES_CSV, ("alias", "iso3")):
        key = normalize(row["alias"])
        if key in table:
            raise DataFileError(ALIASES_CSV, f"the alias {row['alias']!r} is listed twice",
                                "Keep one row per alias")
        table[key] = row["iso3"]
    return table


@functools.cache
def _alpha3_codes() -> frozenset[str]:
    return frozenset(country.alpha_3 for country in pycountry.countries)


def _source_names() -> Iterator[tuple[str, str]]:
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            if value := getattr(country, attribute, None):
                yield value, country.alpha_3
    for row in _rows(M49_CSV, ("name", "iso3")):
        yield row["name"], row["iso3"]


@functools.cache
def _exact() -> dict[str, frozenset[str]]:
    found: defaultdict[str, set[str]] = defaultdict(set)
    for name, iso3 in _source_names():
        found[name.strip().casefold()].add(iso3)
    return {name: frozenset(codes) for name, codes in found.items()}


@functools.cache
def _index() -> dict[str, frozenset[str]]:
    """Normalized key -> codes; a key with two or more codes is ambiguous, never resolved."""
    found: defaultdict[str, set[str]] = defaultdict(set)
    for name, iso3 in _source_names():
        # "Bolivia (Plurinational State of)" is also indexed as "Bolivia"; a parenthesis
        # that distinguishes two places ("Virgin Islands (U.S.)") would give a shared,
        # hence ambiguous, key rather than a wrong one.
        for variant in {name, PARENTHESES.sub(" ", name)}:
            if key := normalize(variant):
                found[key].add(iso3)
    return {key: frozenset(codes) for key, codes in found.items()}


@functools.cache
def _i18n_rows() -> tuple[tuple[str, str, str, str], ...]:
    rows = _rows(NAMES_I18N_CSV, ("iso3", "lang", "name", "sources"))
    return tuple((row["iso3"], row["lang"], row["name"], row["sources"]) for row in rows)


@functools.cache
def _i18n_aliases() -> dict[str, dict[str, str]]:
    """lang -> key -> code, from the hand-kept table of everyday Spanish and French forms."""
    table: dict[str, dict[str, str]] = {"es": {}, "fr": {}}
    for row in _rows(ALIASES_I18N_CSV, ("alias", "iso3", "lang", "why")):
        key = key_i18n(row["alias"])
        if row["lang"] not in table or any(key in other for other in table.values()):
            raise DataFileError(ALIASES_I18N_CSV, f"the alias {row['alias']!r} is listed twice "
                                "or has a language other than es or fr", "Keep one row per alias")
        table[row["lang"]][key] = row["iso3"]
    return table


@functools.cache
def _i18n_tables(lang: str) -> tuple[dict[str, frozenset[str]], dict[str, frozenset[str]]]:
    """(exact casefolded name -> codes, key -> codes) for "es", "fr", or "es+fr" (both)."""
    exact: defaultdict[str, set[str]] = defaultdict(set)
    index: defaultdict[str, set[str]] = defaultdict(set)
    for iso3, row_lang, name, _ in _i18n_rows():
        if row_lang not in lang:
            continue
        exact[name.strip().casefold()].add(iso3)
        for variant in {name, PARENTHESES.sub(" ", name)}:  # as in _index()
            if key := key_i18n(variant):
                index[key].add(iso3)
    return ({name: frozenset(codes) for name, codes in exact.items()},
            {key: frozenset(codes) for key, codes in index.items()})


def _lookup_english(name: str) -> frozenset[str]:
    """The English lookups alone (scripts/build/build_country_names.py checks its input with them)."""
    key, stripped = normalize(name), name.strip()
    if key in _aliases():
        return frozenset({_aliases()[key]})
    if _ALPHA3.fullmatch(stripped) and stripped in _alpha3_codes():
        return frozenset({stripped})
    return _exact().get(stripped.casefold()) or _index().get(key, frozenset())


def _lookup(name: str) -> tuple[frozenset[str], str]:
    """The codes `name` denotes, and the language of the match ("en" when none); no suggestions.

    One code: resolved. Two or more: ambiguous. None: unknown. compare._may_match uses it too.
    """
    codes = _lookup_english(name)
    if codes:
        return codes, "en"
    key, stripped = key_i18n(name), name.strip()
    for lang in ("es", "fr"):
        if key in _i18n_aliases()[lang]:
            return frozenset({_i18n_aliases()[lang][key]}), lang
    exact, index = _i18n_tables("es+fr")
    codes = exact.get(stripped.casefold()) or index.get(key, frozenset())
    if not codes:
        return frozenset(), "en"
    # The language of the match, for the labels of an ambiguity message.
    return codes, next((lang for lang in ("es", "fr") if key in _i18n_tables(lang)[1]), "es")


@functools.cache
def _lang_candidates(lang: str) -> tuple[tuple[str, frozenset[str]], ...]:
    if lang == "en":
        pairs = [*_index().items(), *((k, frozenset({c})) for k, c in _aliases().items())]
    else:
        pairs = [*_i18n_tables(lang)[1].items(),
                 *((k, frozenset({c})) for k, c in _i18n_aliases()[lang].items())]
    return tuple(pairs)


def _candidates() -> Iterator[tuple[str, frozenset[str]]]:
    yield from _lang_candidates("en")


@functools.cache
def _i18n_labels(lang: str) -> dict[str, str]:
    """iso3 -> the CLDR name in `lang` (as i18n.country_name shows it), else the UN M49 name."""
    labels: dict[str, str] = {}
    for source in ("un-m49", "cldr"):  # the later wins
        for iso3, row_lang, name, sources in _i18n_rows():
            if row_lang == lang and source in sources.split(";"):
                labels[iso3] = name
    return labels


def _label(iso3: str, lang: str = "en") -> str:
    if lang != "en" and iso3 in _i18n_labels(lang):
        return f"{_i18n_labels(lang)[iso3]} ({iso3})"
    country = pycountry.countries.get(alpha_3=iso3)
    name = (getattr(country, "common_name", None) or country.name) if country else iso3
    return f"{name} ({iso3})"


def _shorten(name: str) -> str:
    return f"{name[:40]!r}... ({len(name)} characters)"


def to_iso3(name: str, lang: str | None = None) -> str:
    """The ISO 3166-1 alpha-3 code of the country `name` denotes, in English, Spanish or French.

    Order: the alias table (data/country_aliases.csv), then an exact alpha-3 code or an exact
    (case-insensitive) pycountry or M49 name, then the normalized form of any of those; then
    the same for Spanish and French names (see _lookup). Raises CountryNameError (a LookupError)
    naming the input when nothing or more than one country matches, with suggestions in `lang`
    (en, es, fr; None: the language closest to the input); TypeError when `name` is not a str.
    """
    if not isinstance(name, str):
        raise TypeError(f"a country name must be a str, not {type(name).__name__}")
    if len(name) > MAX_NAME_CHARS:
        raise CountryNameError(f"no country matches {_shorten(name)}: longer than any country name",
                               name, "too_long")
    codes, found_in = _lookup(name)
    if len(codes) == 1:
        return next(iter(codes))
    if codes:
        label_lang = lang if lang in LANGUAGES else found_in
        ordered = tuple(sorted(codes))
        choices = ", ".join(_label(code, label_lang) for code in ordered)
        raise CountryNameError(f"{name!r} is ambiguous; it could be: {choices}", name,
                               "ambiguous", ordered, label_lang)
    hint_lang, hints = _suggest(name, 3, lang)
    if hints:
        labels = ", ".join(_label(code, hint_lang) for code in hints)
        raise CountryNameError(
            f"{name!r} is ambiguous or not a country name; did you mean: {labels}",
            name, "suggested", tuple(hints), hint_lang,
        )
    raise CountryNameError(f"no country matches {name!r}", name, "unknown")


def suggest(name: str, limit: int = 3, lang: str | None = None) -> list[str]:
    """Up to `limit` labels such as "Côte d'Ivoire (CIV)", best first, for messages only.

    A name whose words all begin words of a known name ranks first ("South" -> South
    Sudan, South Africa, ...); string similarity orders the rest and breaks ties, then the code.
    Candidates and labels are in `lang` (en, es, fr), see _suggest; None: English first.
    """
    hint_lang, codes = _suggest(name, limit, lang)
    return [_label(code, hint_lang) for code in codes]


def _suggest(name: str, limit: int, lang: str | None) -> tuple[str, list[str]]:
    """(language of the labels, codes): candidates in `lang` (None: English) first; only when
    that language has none, those of the language with the closest candidate."""
    if not isinstance(name, str) or len(name) > MAX_NAME_CHARS or limit < 1:
        return "en", []
    primary = lang if lang in LANGUAGES else "en"
    scored = {code: _scores(normalize(name) if code == "en" else key_i18n(name),
                            _lang_candidates(code)) for code in LANGUAGES}
    top = {code: max(best.values(), default=0.0) for code, best in scored.items()}
    chosen = primary if scored[primary] else max(LANGUAGES, key=lambda code: top[code])
    best = scored[chosen]
    return (lang if lang in LANGUAGES else chosen), sorted(best, key=lambda c: (-best[c], c))[:limit]


def _scores(key: str, candidates: tuple[tuple[str, frozenset[str]], ...]) -> dict[str, float]:
    """Code -> best score over `candidates` (0.75 and above only)."""
    if not key:
        return {}
    words = key.split()
    best: dict[str, float] = {}
    matcher = difflib.SequenceMatcher(None, key)
    for candidate, codes in candidates:
        others = candidate.split()
        prefix = all(any(other.startswith(word) for other in others) for word in words)
        matcher.set_seq2(candidate)
        # quick_ratio() bounds ratio() from above: a candidate it rules out is skipped unscored.
        if not prefix and matcher.quick_ratio() < 0.75:
            continue
        score = matcher.ratio() + (1.0 if prefix else 0.0)
        if score < 0.75:
            continue
        for code in codes:
            best[code] = max(best.get(code, 0.0), score)
    return best
