"""The data layer: the 24 signatories, the M49 table, the timeline, the organisations."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import data
from dashboard.core.seed import SeedParseError, parse_signatories

# (name as the press release writes it, iso3, iso_numeric, region, sub_region, intermediate region)
EXPECTED = [
    ("Algeria", "DZA", "012", "Africa", "Northern Africa", ""),
    ("Bolivia", "BOL", "068", "Americas", "Latin America and the Caribbean", "South America"),
    ("Brazil", "BRA", "076", "Americas", "Latin America and the Caribbean", "South America"),
    ("Colombia", "COL", "170", "Americas", "Latin America and the Caribbean", "South America"),
    ("China", "CHN", "156", "Asia", "Eastern Asia", ""),
    ("the Dominican Republic", "DOM", "214", "Americas", "Latin America and the Caribbean", "Caribbean"),
    ("Ecuador", "ECU", "218", "Americas", "Latin America and the Caribbean", "South America"),
    ("Egypt", "EGY", "818", "Africa", "Northern Africa", ""),
    ("El Salvador", "SLV", "222", "Americas", "Latin America and the Caribbean", "Central America"),
    ("the Philippines", "PHL", "608", "Asia", "South-eastern Asia", ""),
    ("Guatemala", "GTM", "320", "Americas", "Latin America and the Caribbean", "Central America"),
    ("India", "IND", "356", "Asia", "Southern Asia", ""),
    ("Indonesia", "IDN", "360", "Asia", "South-eastern Asia", ""),
    ("Jamaica", "JAM", "388", "Americas", "Latin America and the Caribbean", "Caribbean"),
    ("Morocco", "MAR", "504", "Africa", "Northern Africa", ""),
    ("Mexico", "MEX", "484", "Americas", "Latin America and the Caribbean", "Central America"),
    ("Nigeria", "NGA", "566", "Africa", "Sub-Saharan Africa", "Western Africa"),
    ("Pakistan", "PAK", "586", "Asia", "Southern Asia", ""),
    ("Paraguay", "PRY", "600", "Americas", "Latin America and the Caribbean", "South America"),
    ("Peru", "PER", "604", "Americas", "Latin America and the Caribbean", "South America"),
    ("Sri Lanka", "LKA", "144", "Asia", "Southern Asia", ""),
    ("South Africa", "ZAF", "710", "Africa", "Sub-Saharan Africa", "Southern Africa"),
    ("Thailand", "THA", "764", "Asia", "South-eastern Asia", ""),
    ("Vietnam", "VNM", "704", "Asia", "South-eastern Asia", ""),
]


@pytest.fixture(scope="module")
def signatories() -> pd.DataFrame:
    return data.load_signatories()


def test_signatories_are_the_24_of_the_press_release_in_order(signatories):
    cols = ["name_in_source", "iso3", "iso_numeric", "region", "sub_region", "intermediate_region"]
    assert [tuple(r) for r in signatories[cols].itertuples(index=False)] == EXPECTED


def test_signatory_columns_and_codes(signatories):
    for column in ["name_in_source", "name", "iso2", "iso3", "iso_numeric", "official_name",
                   "m49_code", "region", "sub_region", "intermediate_region"]:
        assert column in signatories.columns
    assert signatories["iso3"].is_unique and signatories["iso2"].is_unique
    assert signatories["iso_numeric"].str.fullmatch(r"\d{3}").all()
    # For countries, the M49 code is the ISO 3166-1 numeric code.
    assert (signatories["m49_code"] == signatories["iso_numeric"]).all()
    row = signatories.set_index("iso3").loc["DOM"]
    assert (row["name"], row["iso2"], row["official_name"]) == ("Dominican Republic", "DO", "Dominican Republic")
    assert signatories.set_index("iso3").loc["BOL", "official_name"] == "Plurinational State of Bolivia"
    assert signatories.set_index("iso3").loc["VNM", "un_name"] == "Viet Nam"


def test_region_counts(signatories):
    assert signatories["region"].value_counts().to_dict() == {"Americas": 11, "Asia": 8, "Africa": 5}
    africa = signatories[signatories["region"] == "Africa"]["name"].tolist()
    assert sorted(africa) == ["Algeria", "Egypt", "Morocco", "Nigeria", "South Africa"]


SEED_OK = ("Ministers from 3 countries with high levels of emigration signed. "
           "The countries present included: Peru, the Philippines and Vietnam. Then more.")


def test_parse_signatories_reads_list_and_count():
    parsed = parse_signatories(SEED_OK)
    assert parsed.names == ["Peru", "the Philippines", "Vietnam"]
    assert parsed.stated_count == 3
    assert parsed.sentence.startswith("The countries present included: Peru")


def test_parse_signatories_count_mismatch_says_what_it_found():
    text = SEED_OK.replace("from 3 countries", "from 4 countries")
    with pytest.raises(SeedParseError, match=r"states 4 countries but its list names 3.*Vietnam"):
        parse_signatories(text)


@pytest.mark.parametrize("text, message", [
    ("Ministers from 3 countries. Nothing else.", "no sentence starting"),
    ("The countries present included: Peru, Chile and Bolivia.", "does not state how many"),
])
def test_parse_signatories_missing_parts(text, message):
    with pytest.raises(SeedParseError, match=message):
        parse_signatories(text)


def test_m49_table():
    m49 = data.load_m49()
    assert len(m49) == 248
    assert m49["m49_code"].is_unique and m49["iso3"].is_unique
    assert m49["m49_code"].str.fullmatch(r"\d{3}").all()
    # Every country or area sits in exactly one region, except Antarctica, which M49 leaves out.
    no_region = m49[m49["region"] == ""]["iso3"].tolist()
    assert no_region == ["ATA"]
    assert set(m49["region"]) - {""} == {"Africa", "Americas", "Asia", "Europe", "Oceania"}
    peru = m49.set_index("iso3").loc["PER"]
    assert (peru["region"], peru["sub_region"], peru["intermediate_region"]) == (
        "Americas", "Latin America and the Caribbean", "South America")
    egypt = m49.set_index("iso3").loc["EGY"]
    assert (egypt["region"], egypt["sub_region"], egypt["intermediate_region"]) == (
        "Africa", "Northern Africa", "")
    # An intermediate region is only ever set under a sub-region.
    assert (m49.loc[m49["intermediate_region"] != "", "sub_region"] != "").all()


def test_events_timeline():
    events = data.load_events()  # 2006 to today: the three 2006 events among the 30, found by id
    by_id = events.set_index("event_id")
    lima, hld, morocco = (by_id.loc[e] for e in ("lima-2006", "hld-2006", "lima-followup-2007"))
    assert [lima["short_name"], hld["short_name"], morocco["short_name"]] == [
        "Lima conference", "UN High-Level Dialogue", "Morocco follow-up (announced)"]
    assert (lima["start_date"], lima["end_date"]) == (pd.Timestamp("2006-05-15"), pd.Timestamp("2006-05-16"))
    assert (lima["city"], lima["country_iso3"], lima["status"]) == ("Lima", "PER", "held")
    assert (hld["start_date"], hld["end_date"]) == (pd.Timestamp("2006-09-14"), pd.Timestamp("2006-09-15"))
    assert (hld["city"], hld["country_iso3"], hld["status"]) == ("New York", "USA", "held")
    assert morocco["status"] == "announced" and morocco["date_precision"] == "year"
    assert morocco["start_date"].year == 2007 and pd.isna(morocco["end_date"])
    assert morocco["city"] == "" and morocco["country_iso3"] == "MAR"
    assert set(events["date_precision"]) <= {"day", "month", "year"}
    assert events["source"].str.len().gt(20).all()


def test_venues_place_morocco_inside_morocco_without_inventing_a_city():
    venues = data.load_venues()
    morocco = venues.set_index("event_id").loc["lima-followup-2007"]
    point_lat, point_lon = morocco["lat"], morocco["lon"]
    assert 27 <= point_lat <= 36 and -13 <= point_lon <= -1  # Morocco's extent
    assert "city not known" in morocco["location_note"]
    assert morocco["city"] == ""


def test_organizations():
    orgs = data.load_organizations()
    listed = orgs[orgs["in_press_release_list"]]
    assert list(listed["acronym_in_source"]) == ["IADB", "ECLAC", "IOM", "ILO", "ONUDD", "UNDP"]
    # The flag marks the rows that come from the cut-off list, and only those.
    flags = dict(zip(orgs["acronym_in_source"], orgs["source_list_truncated"]))
    assert flags == {"IADB": True, "ECLAC": True, "IOM": True, "ILO": True, "ONUDD": True, "UNDP": True,
                     "UN DESA": False}
    onudd = orgs.set_index("acronym_in_source").loc["ONUDD"]
    assert (onudd["acronym_en"], onudd["full_name"]) == ("UNODC", "United Nations Office on Drugs and Crime")
    desa = orgs.set_index("acronym_in_source").loc["UN DESA"]
    assert not desa["in_press_release_list"] and "Ocampo" in desa["source"]


def test_sources_cover_every_data_file():
    sources = data.load_sources()
    assert {"file", "source", "license", "accessed", "sha256", "edits"} <= set(sources.columns)
    assert "seeds/iom_press_release_2006_lima_declaration.txt" in set(sources["file"])
    assert (sources["sha256"].str.len() == 64).all()
    assert sources["license"].str.len().gt(0).all()
