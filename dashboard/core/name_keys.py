"""How a country name becomes a lookup key: casefolded, unaccented, unpunctuated, abbreviations
spelt out, an inverted name ("Gambia, The") put back in order (no Streamlit, no data files)."""

from __future__ import annotations

import re
import unicodedata

# Apostrophes (straight, curly, modifier letter, backtick, acute, prime) vanish rather than
# split words, so M49's "Côte d\u2019Ivoire" and "Cote dIvoire" agree.
_APOSTROPHES = dict.fromkeys(map(ord, "'\u2019\u2018\u02bc`\u00b4\u2032"), None)
_ABBREVIATIONS = {
    "st": "saint", "rep": "republic", "dem": "democratic", "fed": "federated", "sts": "states",
    "is": "islands",
}
# Dropped everywhere, so "Republic of the Congo" meets the inverted "Congo, Rep.".
_STOPWORDS = frozenset({"the", "of"})
PARENTHESES = re.compile(r"\([^)]*\)")  # "(U.S.)": a variant without it is keyed too
_PUNCTUATION = re.compile(r"[^\w\s]|_")
# French elided articles and prepositions (l'État, d'Ivoire) become words of their own.
_ELISION = re.compile(r"\b[ldLD]['\u2019\u2018\u02bc`\u00b4\u2032]")
_I18N_STOPWORDS = frozenset({"de", "del", "la", "el", "los", "las", "le", "les", "du", "des",
                             "l", "d"})


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


def key_i18n(name: str) -> str:
    """The lookup key of a Spanish or French name: normalize() without articles and prepositions."""
    words = normalize(_ELISION.sub(" ", name)).split()
    return " ".join(word for word in words if word not in _I18N_STOPWORDS)
