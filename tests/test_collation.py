"""Names sorted by the reader's language: accents and case never push a name to the end."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.core import collation, i18n, loaders

# The 24 in CLDR's names (dashboard.core.i18n.country_name), in each language's dictionary order:
# ICU 77's fr and es collators give these same orders.
FRENCH_24 = ["Afrique du Sud", "Algérie", "Bolivie", "Brésil", "Chine", "Colombie", "Égypte", "Équateur",
             "Guatemala", "Inde", "Indonésie", "Jamaïque", "Maroc", "Mexique", "Nigeria", "Pakistan",
             "Paraguay", "Pérou", "Philippines", "République dominicaine", "Salvador", "Sri Lanka",
             "Thaïlande", "Viêt Nam"]
SPANISH_24 = ["Argelia", "Bolivia", "Brasil", "China", "Colombia", "Ecuador", "Egipto", "El Salvador",
              "Filipinas", "Guatemala", "India", "Indonesia", "Jamaica", "Marruecos", "México", "Nigeria",
              "Pakistán", "Paraguay", "Perú", "República Dominicana", "Sri Lanka", "Sudáfrica", "Tailandia",
              "Vietnam"]


def _names_of_the_24(lang: str) -> list[str]:
    return [i18n.country_name(code, lang) for code in loaders.load_signatories()["iso3"]]


@pytest.mark.parametrize(("lang", "expected"), [("fr", FRENCH_24), ("es", SPANISH_24)])
def test_the_24_sort_as_the_languages_dictionaries_do(lang, expected):
    names = _names_of_the_24(lang)
    assert collation.sort_names(names, lang) == expected
    assert collation.sort_names(reversed(names), lang) == expected


def test_french_e_acute_names_do_not_sink_to_the_end():
    assert sorted(_names_of_the_24("fr"))[-2:] == ["Égypte", "Équateur"]  # code-point order: the bug
    ordered = collation.sort_names(_names_of_the_24("fr"), "fr")
    assert not ordered[-1].startswith("É") and ordered[-1] == "Viêt Nam"
    assert ordered.index("Colombie") + 1 == ordered.index("Égypte") == ordered.index("Équateur") - 1
    assert collation.sort_names(["Viêt Nam", "Équateur", "El Salvador", "Égypte"], "fr") == [
        "Égypte", "El Salvador", "Équateur", "Viêt Nam"]


@pytest.mark.parametrize(("lang", "names", "expected"), [
    # case and accents count only when the letters tie: lower case first, unaccented first
    ("fr", ["Cote", "côte", "coté", "cote"], ["cote", "Cote", "coté", "côte"]),
    ("fr", ["é", "ë", "è", "ê", "e"], ["e", "é", "è", "ê", "ë"]),
    # a space before punctuation, punctuation before letters
    ("es", ["Guinea-Bisáu", "Guinea Ecuatorial", "Guinea"], ["Guinea", "Guinea Ecuatorial", "Guinea-Bisáu"]),
    # the apostrophes are one mark; the straight one first
    ("fr", ["Côte d’Ivoire", "Côte d'Ivoire", "Costa Rica"], ["Costa Rica", "Côte d'Ivoire", "Côte d’Ivoire"]),
    # ñ is a letter of its own in Spanish, an n with an accent elsewhere
    ("es", ["Ñandú", "Omán", "Niue", "Nueva Zelanda"], ["Niue", "Nueva Zelanda", "Ñandú", "Omán"]),
    ("fr", ["Ñandú", "Omán", "Niue", "Nueva Zelanda"], ["Ñandú", "Niue", "Nueva Zelanda", "Omán"]),
    # a ligature sorts as its letters, after them
    ("fr", ["Œuvre", "Oeuvre", "Ouganda", "Oman"], ["Oeuvre", "Œuvre", "Oman", "Ouganda"]),
    ("en", ["Straße", "Strasse", "Strasbourg"], ["Strasbourg", "Strasse", "Straße"]),
])
def test_collation_levels(lang, names, expected):
    assert collation.sort_names(names, lang) == expected


def test_the_key_breaks_every_tie_and_serves_pandas():
    assert collation.collation_key("Égypte", "fr") != collation.collation_key("Egypte", "fr")
    frame = pd.DataFrame({"name": _names_of_the_24("fr"), "n": range(24)})
    ordered = frame.sort_values("name", key=lambda s: s.map(lambda t: collation.collation_key(t, "fr")))
    assert ordered["name"].tolist() == FRENCH_24


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="'de'"):
        collation.collation_key("Ägypten", "de")
