"""Resolve country names as people write them to ISO 3166-1 alpha-3 codes, without guessing."""

from __future__ import annotations

import csv
import difflib
import functools
import io
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator

import pycountry

from dashboard.core.provenance import DataFileError, read_verified

__all__ = ["MAX_NAME_CHARS", "normalize", "suggest", "to_iso3"]

# The resolver's own tables, read from the repository (checksums verified) once per process.
ALIASES_CSV = "data/country_aliases.csv"
M49_CSV = "data/m49.csv"

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

# Apostrophes (straight, curly, modifier letter, backtick, acute, prime) vanish rather than
# split words, so M49's "Côte d\u2019Ivoire" and "Cote dIvoire" agree.
_APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u2018\u02bc`\u00b4\u2032"), None)
_ABBREVIATIONS = {
    "st": "saint", "rep": "republic", "dem": "democratic", "fed": "federated", "sts": "states",
    "is": "islands",
}
# Dropped everywhere, so "Republic of the Congo" meets the inverted "Congo, Rep.".
_STOPWORDS = frozenset({"the", "of"})
_PARENTHESES = re.compile(r"\([^)]*\)")
_PUNCTUATION = re.compile(r"[^\w\s]|_")
_ALPHA3 = re.compile(r"[A-Z]{3}")


def normalize(name: str) -> str:
    """The lookup key of `name`: casefolded, unaccented, unpunctuated, word order uninverted.

    "Côte d'Ivoire" -> "cote divoire", "Korea, Dem. People's Rep." -> "democratic peoples
    republic korea", "U.S. Virgin Is." -> "us virgin islands", "The Gambia" -> "gambia".
    """
    if not isinstance(name, str):
        raise TypeError(f"a country name must be a str, not {type(name).__name__}")
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = text.translate(_APOSTROPHES).replace("&", " and ")
    # One comma marks an inverted name ("Gambia, The", "Korea, Rep."); more commas mean a
    # list or prose, which is left alone so that it cannot match a single country.
    head, comma, tail = text.partition(",")
    if comma and tail.strip() and "," not in tail:
        text = f"{tail} {head}"
    words = _join_initials(_PUNCTUATION.sub(" ", text).split())
    words = [_ABBREVIATIONS.get(word, word) for word in words]
    return " ".join(word for word in words if word not in _STOPWORDS)


def _join_initials(words: list[str]) -> list[str]:
    # "U.S." splits into "u", "s"; rejoining runs of single letters gives "us", "usa", "dr".
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if len(word) == 1:
            run.append(word)
            continue
        out.extend(["".join(run)] if len(run) > 1 else run)
        run = []
        if word:
            out.append(word)
    return out


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
        for variant in {name, _PARENTHESES.sub(" ", name)}:
            if key := normalize(variant):
                found[key].add(iso3)
    return {key: frozenset(codes) for key, codes in found.items()}


def _candidates() -> Iterator[tuple[str, frozenset[str]]]:
    yield from _index().items()
    for key, iso3 in _aliases().items():
        yield key, frozenset({iso3})


def _label(iso3: str) -> str:
    country = pycountry.countries.get(alpha_3=iso3)
    name = (getattr(country, "common_name", None) or country.name) if country else iso3
    return f"{name} ({iso3})"


def _shorten(name: str) -> str:
    return f"{name[:40]!r}... ({len(name)} characters)"


def to_iso3(name: str) -> str:
    """The ISO 3166-1 alpha-3 code of the country `name` denotes.

    Order: the alias table (data/country_aliases.csv), then an exact alpha-3 code or an exact
    (case-insensitive) pycountry or M49 name, then the normalized form of any of those.
    Raises LookupError naming the input when nothing or more than one country matches,
    and TypeError when `name` is not a str.
    """
    if not isinstance(name, str):
        raise TypeError(f"a country name must be a str, not {type(name).__name__}")
    if len(name) > MAX_NAME_CHARS:
        raise LookupError(f"no country matches {_shorten(name)}: longer than any country name")
    key = normalize(name)
    if key in _aliases():
        return _aliases()[key]
    stripped = name.strip()
    if _ALPHA3.fullmatch(stripped) and stripped in _alpha3_codes():
        return stripped
    codes = _exact().get(stripped.casefold()) or _index().get(key, frozenset())
    if len(codes) == 1:
        return next(iter(codes))
    if codes:
        choices = ", ".join(_label(code) for code in sorted(codes))
        raise LookupError(f"{name!r} is ambiguous; it could be: {choices}")
    hints = suggest(name)
    if hints:
        raise LookupError(
            f"{name!r} is ambiguous or not a country name; did you mean: {', '.join(hints)}"
        )
    raise LookupError(f"no country matches {name!r}")


def suggest(name: str, limit: int = 3) -> list[str]:
    """Up to `limit` labels such as "Côte d'Ivoire (CIV)", best first, for messages only.

    A name whose words all begin words of a known name ranks first ("South" -> South
    Sudan, South Africa, ...); string similarity orders the rest and breaks ties, then the code.
    """
    if not isinstance(name, str) or len(name) > MAX_NAME_CHARS or limit < 1:
        return []
    key = normalize(name)
    if not key:
        return []
    words = key.split()
    best: dict[str, float] = {}
    for candidate, codes in _candidates():
        score = difflib.SequenceMatcher(None, key, candidate).ratio()
        others = candidate.split()
        if all(any(other.startswith(word) for other in others) for word in words):
            score += 1.0
        if score < 0.75:
            continue
        for code in codes:
            best[code] = max(best.get(code, 0.0), score)
    ranked = sorted(best, key=lambda code: (-best[code], code))
    return [_label(code) for code in ranked[:limit]]
