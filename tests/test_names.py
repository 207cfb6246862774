"""Tests for dashboard.names: whole reference lists, named cases, refusals and the alias table."""

from __future__ import annotations

import csv
import time
from pathlib import Path

import geopandas as gpd
import pycountry
import pytest

from dashboard.core import names
from dashboard.core.name_keys import normalize
from dashboard.core.names import MAX_NAME_CHARS, suggest, to_iso3

ROOT = Path(__file__).resolve().parents[1]
M49_CSV = ROOT / "data" / "m49.csv"
ALIASES_CSV = ROOT / "data" / "country_aliases.csv"
NATURAL_EARTH = {
    "110m": ROOT / "data" / "raw" / "world-atlas-2.0.2-countries-110m.json",
    "50m": ROOT / "data" / "raw" / "world-atlas-2.0.2-countries-50m.json",
}
# Every name resolves today. The acceptance floors were 99% (M49) and 97% (Natural Earth);
# the tests hold the full score so that a single regression shows up.
MIN_SHARE = 1.0


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _outcome(name: str) -> str:
    try:
        return to_iso3(name)
    except LookupError:
        return "LookupError"


def _score(cases: list[tuple[str, str]]) -> tuple[int, list[str]]:
    failures = [f"{name!r}: expected {want}, got {got}"
                for name, want in cases if (got := _outcome(name)) != want]
    return len(cases) - len(failures), failures


def test_every_m49_name_resolves_to_its_iso3() -> None:
    rows = _read_csv(M49_CSV)
    assert len(rows) == 248
    correct, failures = _score([(row["name"], row["iso3"]) for row in rows])
    assert correct >= MIN_SHARE * len(rows), f"M49 {correct}/{len(rows)}; failures: {failures}"


@pytest.mark.parametrize(("scale", "features"), [("110m", 177), ("50m", 241)])
def test_every_natural_earth_name_resolves_or_raises(scale: str, features: int) -> None:
    frame = gpd.read_file(NATURAL_EARTH[scale], layer="countries")
    assert len(frame) == features
    cases = []
    for name, numeric in zip(frame["name"], frame["id"], strict=True):
        # Features without an ISO numeric id (Kosovo, N. Cyprus, Somaliland, ...) must raise.
        has_id = isinstance(numeric, str) and numeric.strip()
        cases.append((name, pycountry.countries.get(numeric=numeric).alpha_3 if has_id
                      else "LookupError"))
    assert sum(want == "LookupError" for _, want in cases) >= 3
    correct, failures = _score(cases)
    assert correct >= MIN_SHARE * len(cases), (
        f"Natural Earth {scale} {correct}/{len(cases)}; failures: {failures}"
    )


def test_every_pycountry_name_resolves_to_its_own_code() -> None:
    cases = [(value, country.alpha_3) for country in pycountry.countries
             for attribute in ("name", "official_name", "common_name")
             if (value := getattr(country, attribute, None))]
    correct, failures = _score(cases)
    assert not failures, f"pycountry {correct}/{len(cases)}; failures: {failures}"


SEED_SIGNATORIES = {
    "Algeria": "DZA", "Bolivia": "BOL", "Brazil": "BRA", "Colombia": "COL", "China": "CHN",
    "the Dominican Republic": "DOM", "Ecuador": "ECU", "Egypt": "EGY", "El Salvador": "SLV",
    "the Philippines": "PHL", "Guatemala": "GTM", "India": "IND", "Indonesia": "IDN",
    "Jamaica": "JAM", "Morocco": "MAR", "Mexico": "MEX", "Nigeria": "NGA", "Pakistan": "PAK",
    "Paraguay": "PRY", "Peru": "PER", "Sri Lanka": "LKA", "South Africa": "ZAF",
    "Thailand": "THA", "Vietnam": "VNM",
}


def test_the_24_seed_signatories_resolve() -> None:
    assert len(SEED_SIGNATORIES) == 24
    assert {name: _outcome(name) for name in SEED_SIGNATORIES} == SEED_SIGNATORIES


CASES = [
    # UN M49 names
    ("Bolivia (Plurinational State of)", "BOL"), ("Viet Nam", "VNM"),
    ("China, Hong Kong Special Administrative Region", "HKG"), ("Türkiye", "TUR"),
    ("C\u00f4te d\u2019Ivoire", "CIV"), ("Democratic People's Republic of Korea", "PRK"),
    ("Netherlands (Kingdom of the)", "NLD"), ("Saint Martin (French Part)", "MAF"),
    # Natural Earth short names
    ("Dominican Rep.", "DOM"), ("Bosnia and Herz.", "BIH"), ("S. Sudan", "SSD"),
    ("Central African Rep.", "CAF"), ("Eq. Guinea", "GNQ"), ("W. Sahara", "ESH"),
    ("Fr. S. Antarctic Lands", "ATF"), ("Falkland Is.", "FLK"), ("Solomon Is.", "SLB"),
    ("eSwatini", "SWZ"), ("Dem. Rep. Congo", "COD"), ("St-Martin", "MAF"),
    ("U.S. Virgin Is.", "VIR"), ("Micronesia", "FSM"),
    # World Bank names
    ("Egypt, Arab Rep.", "EGY"), ("Korea, Rep.", "KOR"), ("Korea, Dem. People's Rep.", "PRK"),
    ("Gambia, The", "GMB"), ("Bahamas, The", "BHS"), ("Lao PDR", "LAO"), ("St. Lucia", "LCA"),
    ("St. Kitts and Nevis", "KNA"), ("Iran, Islamic Rep.", "IRN"), ("Yemen, Rep.", "YEM"),
    ("Venezuela, RB", "VEN"), ("Micronesia, Fed. Sts.", "FSM"), ("Congo, Dem. Rep.", "COD"),
    ("Congo, Rep.", "COG"), ("Hong Kong SAR, China", "HKG"), ("Macao SAR, China", "MAC"),
    ("Kyrgyz Republic", "KGZ"), ("Slovak Republic", "SVK"), ("Turkiye", "TUR"),
    ("Cabo Verde", "CPV"), ("Curacao", "CUW"), ("Sint Maarten (Dutch part)", "SXM"),
    ("St. Martin (French part)", "MAF"), ("Virgin Islands (U.S.)", "VIR"),
    ("West Bank and Gaza", "PSE"), ("Czechia", "CZE"),
    # common English names
    ("Ivory Coast", "CIV"), ("Vietnam", "VNM"), ("the Philippines", "PHL"), ("Burma", "MMR"),
    ("Russia", "RUS"), ("Syria", "SYR"), ("Iran", "IRN"), ("Laos", "LAO"), ("Bolivia", "BOL"),
    ("Tanzania", "TZA"), ("Moldova", "MDA"), ("Macedonia", "MKD"), ("Swaziland", "SWZ"),
    ("Cape Verde", "CPV"), ("East Timor", "TLS"), ("South Korea", "KOR"),
    ("North Korea", "PRK"), ("UK", "GBR"), ("USA", "USA"), ("U.S.A.", "USA"),
    ("United States of America", "USA"), ("the Dominican Republic", "DOM"),
    ("Congo-Kinshasa", "COD"), ("DR Congo", "COD"), ("DRC", "COD"),
    ("Republic of the Congo", "COG"), ("Trinidad & Tobago", "TTO"),
    # deliberate decisions
    ("Congo", "COG"), ("Guinea", "GIN"), ("PER", "PER"), ("GBR", "GBR"),
    # case, spacing, accents, apostrophes
    ("  south   AFRICA ", "ZAF"), ("COTE D'IVOIRE", "CIV"), ("Cote d`Ivoire", "CIV"),
    ("sao tome and principe", "STP"), ("Saint Barthelemy", "BLM"), ("The Gambia", "GMB"),
]


@pytest.mark.parametrize(("name", "iso3"), CASES)
def test_names_people_write(name: str, iso3: str) -> None:
    assert to_iso3(name) == iso3


MUST_RAISE = [
    "Atlantis", "South", "Republic", "Africa", "", "   ", "Asia", "Korea", "Kosovo",
    "N. Cyprus", "Somaliland", "Siachen Glacier", "Indian Ocean Ter.", "Holland", "England",
    "Virgin Islands", "The", "Peru, Chile", "per", "PE", "GB", "604", "XKX", "Europe",
    "Americas", "Oceania",
]


@pytest.mark.parametrize("name", MUST_RAISE)
def test_refuses_to_guess(name: str) -> None:
    with pytest.raises(LookupError) as caught:
        to_iso3(name)
    assert repr(name) in str(caught.value)


@pytest.mark.parametrize("region", sorted(
    {row[column] for row in _read_csv(M49_CSV)
     for column in ("region", "sub_region", "intermediate_region") if row[column]}
    - {"Micronesia"}  # also the short name of FSM, as M49 and Natural Earth write it
))
def test_m49_region_names_are_not_countries(region: str) -> None:
    with pytest.raises(LookupError):
        to_iso3(region)


def test_ambiguous_and_unknown_messages_offer_suggestions() -> None:
    with pytest.raises(LookupError, match=r"'Korea'.*South Korea \(KOR\).*North Korea \(PRK\)"):
        to_iso3("Korea")
    with pytest.raises(LookupError, match=r"'South'.*South Sudan \(SSD\).*South Africa \(ZAF\)"):
        to_iso3("South")
    with pytest.raises(LookupError, match=r"^no country matches 'Atlantis'$"):
        to_iso3("Atlantis")


def test_a_key_shared_by_two_countries_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    # No key is shared in today's data, so the rule is checked on a planted one.
    monkeypatch.setattr(names, "_index", lambda: {"greater korea": frozenset({"PRK", "KOR"})})
    with pytest.raises(LookupError, match=r"'Greater Korea' is ambiguous.*\(KOR\).*\(PRK\)"):
        to_iso3("Greater Korea")


@pytest.mark.parametrize("value", [None, 42, b"Peru", ["Peru"]])
def test_non_str_input_is_a_type_error(value: object) -> None:
    with pytest.raises(TypeError):
        to_iso3(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        normalize(value)  # type: ignore[arg-type]


def test_very_long_input_is_refused_quickly_with_a_short_message() -> None:
    pasted = "Peru, " * 10_000
    started = time.perf_counter()
    with pytest.raises(LookupError) as caught:
        to_iso3(pasted)
    assert time.perf_counter() - started < 0.5
    assert len(str(caught.value)) < 150
    assert "'Peru, Peru, " in str(caught.value)
    assert suggest(pasted) == []
    assert to_iso3("Peru" + " " * (MAX_NAME_CHARS - 4)) == "PER"


@pytest.mark.parametrize(("name", "key"), [
    ("C\u00f4te d\u2019Ivoire", "cote divoire"), ("  The   Philippines ", "philippines"),
    ("Gambia, The", "gambia"), ("St. Lucia", "saint lucia"),
    ("Trinidad & Tobago", "trinidad and tobago"), ("U.S. Virgin Is.", "us virgin islands"),
    ("Korea, Dem. People\u2019s Rep.", "democratic peoples republic korea"),
    ("Guinea-Bissau", "guinea bissau"), ("ÅLAND", "aland"), ("", ""),
])
def test_normalize(name: str, key: str) -> None:
    assert normalize(name) == key


def test_suggest_ranks_and_limits() -> None:
    assert suggest("Cote d Ivoir")[0] == "Côte d'Ivoire (CIV)"
    assert suggest("Urugay")[0] == "Uruguay (URY)"
    assert suggest("South", limit=2) == ["South Korea (KOR)", "South Sudan (SSD)"]
    assert len(suggest("Republic", limit=5)) == 5
    assert suggest("Atlantis") == suggest("") == suggest("Peru", limit=0) == []


def test_alias_table_is_sound() -> None:
    rows = _read_csv(ALIASES_CSV)
    assert rows and list(rows[0]) == ["alias", "iso3", "why"]
    keys = [normalize(row["alias"]) for row in rows]
    duplicates = sorted({key for key in keys if keys.count(key) > 1})
    assert not duplicates, f"aliases that normalize alike: {duplicates}"
    codes = {country.alpha_3 for country in pycountry.countries}
    unknown = [row for row in rows if row["iso3"] not in codes]
    assert not unknown, f"aliases to codes that are not ISO 3166-1 alpha-3: {unknown}"
    unexplained = [row["alias"] for row in rows if not row["why"].strip()]
    assert not unexplained, f"aliases without a why: {unexplained}"
    wrong = [row["alias"] for row in rows if to_iso3(row["alias"]) != row["iso3"]]
    assert not wrong, f"aliases that do not resolve to their own row: {wrong}"


def test_a_broken_alias_table_raises_an_error_naming_the_file(monkeypatch):
    from dashboard.core import names
    from dashboard.core.provenance import DataFileError

    def fake_read(relpath: str) -> bytes:
        assert relpath == names.ALIASES_CSV
        return b"alias,iso3,why\nHolland,NLD,x\nholland,NLD,y\n"

    monkeypatch.setattr(names, "read_verified", fake_read)
    names._aliases.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"data/country_aliases\.csv: the alias 'holland' is listed twice"):
            names._aliases()
        monkeypatch.setattr(names, "read_verified", lambda relpath: b"name,code\nx,y\n")
        names._aliases.cache_clear()
        with pytest.raises(DataFileError, match="lacks the column"):
            names._aliases()
    finally:
        monkeypatch.undo()
        names._aliases.cache_clear()
    assert to_iso3("Vietnam") == "VNM"  # the real table again
