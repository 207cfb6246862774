"""Spanish and French names in: the UN's lists in full, everyday names, refusals, suggestions."""

from __future__ import annotations

import csv
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pycountry
import pytest

from dashboard.core import names
from dashboard.core.names import CountryNameError, suggest, to_iso3

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
UNSD = {lang: RAW / f"country-codes-caa72d1-UNSD-{lang}.csv" for lang in ("es", "fr")}
UNTERM = RAW / "country-codes-caa72d1-country-codes.csv"
NAMES_CSV = ROOT / "data" / "country_names_i18n.csv"
REGIONS_CSV = ROOT / "data" / "m49_regions_i18n.csv"
ALIASES_CSV = ROOT / "data" / "country_aliases_es_fr.csv"


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _outcome(name: str, lang: str | None = None) -> str:
    try:
        return to_iso3(name, lang=lang)
    except LookupError:
        return "LookupError"


def _failures(cases: list[tuple[str, str]]) -> list[str]:
    return [f"{name!r}: expected {want}, got {got}" for name, want in cases
            if (got := _outcome(name)) != want]


def _unaccented(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def _member_states() -> set[str]:
    """The 193: UNTERM's rows without the observer (*) or Cook Islands/Niue (**) marks, plus the
    two members the copy's fuzzy join lost (Côte d'Ivoire, Türkiye: see data/datapackage.json)."""
    rows = _read(UNTERM)
    listed = {row["ISO3166-1-Alpha-3"] for row in rows
              if row["UNTERM English Short"] and "*" not in row["UNTERM English Short"]}
    return listed | {"CIV", "TUR"}


# --- the UN's own lists, in full ---------------------------------------------------------------

@pytest.mark.parametrize("lang", ["es", "fr"])
def test_every_un_m49_name_resolves(lang: str) -> None:
    rows = [row for row in _read(UNSD[lang]) if row["M49 Code"] != "158"]  # the copy's own row
    cases = [(row["Country or Area"], row["ISO-alpha3 Code"]) for row in rows
             if row["ISO-alpha3 Code"]]
    assert len(rows) == len(cases) == 248
    failures = _failures(cases)
    assert not failures, f"UN M49 {lang}: {len(cases) - len(failures)}/{len(cases)}: {failures}"


@pytest.mark.parametrize("lang", ["es", "fr"])
def test_every_member_state_resolves_by_its_un_names(lang: str) -> None:
    members = _member_states()
    assert len(members) == 193
    m49 = {row["ISO-alpha3 Code"]: row["Country or Area"] for row in _read(UNSD[lang])}
    cases = [(m49[iso3], iso3) for iso3 in sorted(members)]  # the UN's short names, all 193
    language = {"es": "Spanish", "fr": "French"}[lang]
    for row in _read(UNTERM):  # UNTERM short and formal names, with their articles
        if row["ISO3166-1-Alpha-3"] in members:
            for kind in ("Short", "Formal"):
                if name := row[f"UNTERM {language} {kind}"]:
                    cases.append((name, row["ISO3166-1-Alpha-3"]))
    assert len(cases) == 193 + 2 * 191
    failures = _failures(cases)
    assert not failures, f"{lang}: {len(cases) - len(failures)}/{len(cases)}: {failures}"
    # the same names typed without accents
    failures = _failures([(_unaccented(name), iso3) for name, iso3 in cases])
    assert not failures, failures


def test_every_name_of_the_table_resolves_to_its_own_country() -> None:
    rows = _read(NAMES_CSV)
    assert len(rows) > 1500 and {row["lang"] for row in rows} == {"es", "fr"}
    failures = _failures([(row["name"], row["iso3"]) for row in rows])
    assert not failures, failures


def test_the_table_is_rebuilt_identically() -> None:
    result = subprocess.run([sys.executable, "scripts/build/build_country_names.py", "--check"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_un_forms_are_in_the_table_with_their_source() -> None:
    rows = {(row["iso3"], row["lang"], row["name"]): row["sources"] for row in _read(NAMES_CSV)}
    assert "un-m49" in rows["BOL", "es", "Bolivia (Estado Plurinacional de)"]
    assert "un-m49" in rows["BOL", "fr", "Bolivie (État plurinational de)"]
    assert "unterm-formal" in rows["VEN", "es", "la República Bolivariana de Venezuela"]
    assert "un-m49" in rows["CIV", "fr", "Côte d\u2019Ivoire"]
    assert not any(iso3 == "TWN" and "un-m49" in sources for (iso3, _, _), sources in rows.items())


# --- named cases ---------------------------------------------------------------------------------

SPANISH = [
    ("Bolivia (Estado Plurinacional de)", "BOL"), ("el Estado Plurinacional de Bolivia", "BOL"),
    ("República Bolivariana de Venezuela", "VEN"), ("Venezuela (República Bolivariana de)", "VEN"),
    ("Côte d\u2019Ivoire", "CIV"), ("Costa de Marfil", "CIV"), ("Estados Unidos", "USA"),
    ("EE. UU.", "USA"), ("EE.UU.", "USA"), ("EEUU", "USA"), ("Reino Unido", "GBR"),
    ("Corea del Sur", "KOR"), ("República de Corea", "KOR"), ("Corea del Norte", "PRK"),
    ("Países Bajos", "NLD"), ("Paises Bajos", "NLD"), ("Países Bajos (Reino de los)", "NLD"),
    ("Argelia", "DZA"), ("República Dominicana", "DOM"), ("Republica Dominicana", "DOM"),
    ("Perú", "PER"), ("Filipinas", "PHL"), ("Marruecos", "MAR"), ("Sudáfrica", "ZAF"),
    ("Birmania", "MMR"), ("Irán (República Islámica del)", "IRN"), ("Chequia", "CZE"),
    ("la República Checa", "CZE"), ("Türkiye", "TUR"), ("Turquía", "TUR"), ("Arabia Saudita", "SAU"),
    ("Timor Oriental", "TLS"), ("RD Congo", "COD"), ("República Democrática del Congo", "COD"),
    ("Congo", "COG"), ("Vaticano", "VAT"), ("Santa Sede", "VAT"), ("Estado de Palestina", "PSE"),
    ("  reino   UNIDO ", "GBR"), ("ESTADOS UNIDOS DE AMÉRICA", "USA"),
]
FRENCH = [
    ("Bolivie (État plurinational de)", "BOL"), ("l\u2019État plurinational de Bolivie", "BOL"),
    ("Côte d'Ivoire", "CIV"), ("République de Côte d'Ivoire", "CIV"), ("Royaume-Uni", "GBR"),
    ("Royaume Uni", "GBR"), ("Corée du Sud", "KOR"), ("Coree du Sud", "KOR"), ("Pays-Bas", "NLD"),
    ("Pays Bas", "NLD"), ("États-Unis", "USA"), ("Etats-Unis d'Amerique", "USA"),
    ("Algérie", "DZA"), ("République dominicaine", "DOM"), ("Pérou", "PER"), ("Maroc", "MAR"),
    ("Afrique du Sud", "ZAF"), ("Égypte", "EGY"), ("Viêt Nam", "VNM"), ("Birmanie", "MMR"),
    ("Iran (République islamique d\u2019)", "IRN"), ("Macédoine du Nord", "MKD"),
    ("Macédoine", "MKD"), ("RDC", "COD"), ("Saint-Siège", "VAT"), ("Salvador", "SLV"),
]


@pytest.mark.parametrize(("name", "iso3"), SPANISH + FRENCH)
def test_names_spanish_and_french_speakers_write(name: str, iso3: str) -> None:
    assert to_iso3(name) == iso3


SIGNATORIES = {
    "DZA": ("Argelia", "Algérie"), "BOL": ("Bolivia", "Bolivie"), "BRA": ("Brasil", "Brésil"),
    "COL": ("Colombia", "Colombie"), "CHN": ("China", "Chine"),
    "DOM": ("República Dominicana", "République dominicaine"), "ECU": ("Ecuador", "Équateur"),
    "EGY": ("Egipto", "Égypte"), "SLV": ("El Salvador", "El Salvador"),
    "PHL": ("Filipinas", "Philippines"), "GTM": ("Guatemala", "Guatemala"), "IND": ("India", "Inde"),
    "IDN": ("Indonesia", "Indonésie"), "JAM": ("Jamaica", "Jamaïque"), "MAR": ("Marruecos", "Maroc"),
    "MEX": ("México", "Mexique"), "NGA": ("Nigeria", "Nigéria"), "PAK": ("Pakistán", "Pakistan"),
    "PRY": ("Paraguay", "Paraguay"), "PER": ("Perú", "Pérou"), "LKA": ("Sri Lanka", "Sri Lanka"),
    "ZAF": ("Sudáfrica", "Afrique du Sud"), "THA": ("Tailandia", "Thaïlande"),
    "VNM": ("Vietnam", "Vietnam"),
}


def test_the_24_signatories_resolve_in_spanish_and_french() -> None:
    from dashboard.core.i18n import country_name

    assert len(SIGNATORIES) == 24
    for iso3, (spanish, french) in SIGNATORIES.items():
        for name in (spanish, french, _unaccented(spanish), _unaccented(french),
                     country_name(iso3, "es"), country_name(iso3, "fr")):
            assert to_iso3(name) == iso3, (name, iso3)


NOT_COUNTRIES = [
    "América Latina", "Unión Europea", "Royaume", "Sur", "Corea", "Corée", "Naciones Unidas",
    "zona del euro", "Union européenne", "Kosovo", "Amérique latine", "Europa", "Afrique",
    "San Martin", "Islas Vírgenes", "la", "de", "los", "République", "Estados",
]


@pytest.mark.parametrize("name", NOT_COUNTRIES)
def test_refuses_to_guess_in_spanish_and_french(name: str) -> None:
    with pytest.raises(CountryNameError) as caught:
        to_iso3(name)
    assert repr(name) in str(caught.value) and caught.value.name == name


@pytest.mark.parametrize("row", _read(REGIONS_CSV), ids=lambda row: f"{row['lang']}-{row['name']}")
def test_un_region_names_are_not_countries(row: dict[str, str]) -> None:
    expected = "FSM" if row["m49_code"] == "057" else "LookupError"  # Micronesia, as in English
    assert _outcome(row["name"]) == expected


def test_suggestions_come_from_the_callers_language() -> None:
    assert suggest("Argelai", lang="es") == ["Argelia (DZA)"]
    assert suggest("Argelai") == ["Argelia (DZA)"]  # English has no candidate: closest language
    assert suggest("Argelai", lang="fr") == ["Algérie (DZA)"]  # found in Spanish, shown in French
    assert suggest("Corea", lang="es") == ["Corea del Sur (KOR)", "Corea del Norte (PRK)"]
    assert suggest("Corée", lang="fr") == ["Corée du Sud (KOR)", "Corée du Nord (PRK)"]
    assert suggest("Sur", lang="es")[:3] == ["Surinam (SUR)", "Corea del Sur (KOR)",
                                             "Sudán del Sur (SSD)"]
    assert suggest("Royaume", lang="fr")[0] == "Royaume-Uni (GBR)"
    # English stays as it was: English candidates first.
    assert suggest("South", limit=2) == ["South Korea (KOR)", "South Sudan (SSD)"]
    assert suggest("Cote d Ivoir")[0] == "Côte d'Ivoire (CIV)"


def test_the_error_carries_what_a_page_needs_to_word_it() -> None:
    with pytest.raises(CountryNameError) as caught:
        to_iso3("Corea", lang="es")
    error = caught.value
    assert (error.name, error.reason, error.codes, error.lang) == ("Corea", "suggested",
                                                                   ("KOR", "PRK"), "es")
    assert isinstance(error, LookupError)
    assert "Corea del Sur (KOR)" in str(error)
    with pytest.raises(CountryNameError) as caught:
        to_iso3("San Martin")  # UN M49: San Martín (parte francesa) and (parte neerlandesa)
    assert caught.value.reason == "ambiguous" and caught.value.codes == ("MAF", "SXM")
    with pytest.raises(CountryNameError) as caught:
        to_iso3("Atlantis")
    assert caught.value.reason == "unknown" and caught.value.codes == ()
    with pytest.raises(CountryNameError) as caught:
        to_iso3("x" * 300)
    assert caught.value.reason == "too_long"


def test_english_results_do_not_change_for_english_names() -> None:
    # Every English name pycountry knows gives the same code; Spanish/French are tried only after.
    for country in pycountry.countries:
        for value in filter(None, (country.name, getattr(country, "official_name", None))):
            assert names._lookup(value) == (frozenset({country.alpha_3}), "en"), value


def test_alias_table_is_sound_and_every_row_is_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _read(ALIASES_CSV)
    assert rows and list(rows[0]) == ["alias", "iso3", "lang", "why"]
    codes = {country.alpha_3 for country in pycountry.countries}
    assert all(row["iso3"] in codes and row["lang"] in ("es", "fr") and row["why"].strip()
               for row in rows)
    assert all(to_iso3(row["alias"]) == row["iso3"] for row in rows)
    monkeypatch.setattr(names, "_i18n_aliases", lambda: {"es": {}, "fr": {}})
    redundant = [row["alias"] for row in rows if _outcome(row["alias"]) == row["iso3"]]
    assert not redundant, f"aliases the tables already resolve: {redundant}"


def test_resolution_and_suggestions_stay_fast() -> None:
    rows = _read(NAMES_CSV)
    to_iso3("Perú")  # the tables are built once
    started = time.perf_counter()
    for row in rows:
        to_iso3(row["name"])
    assert time.perf_counter() - started < 1.0
    started = time.perf_counter()
    for name in ("Argelai", "Corea", "Royaume", "Sur", "América Latina", "Unión Europea") * 5:
        suggest(name)
    assert (time.perf_counter() - started) / 30 < 0.05
