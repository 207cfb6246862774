"""Chart builders: the figures carry the right countries, values and colours."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import data
from dashboard.config import FILTERED_OUT, NOT_SIGNATORY, PALETTE
from dashboard.core.summary import coverage, filter_signatories, region_counts
from dashboard.figures import charts
from dashboard.figures.modes import base_modes

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sig() -> pd.DataFrame:
    return data.load_signatories()


@pytest.fixture(scope="module")
def world() -> pd.DataFrame:
    w = data.load_world()
    return pd.DataFrame({"id": w["iso3"].fillna(w["ne_name"]), "label": w["ne_name"]})


GEOJSON = {"type": "FeatureCollection", "features": []}  # the builder passes geometry through


def colour_of(fig: dict, iso3: str) -> str:
    """The colour the stepped scale gives a location: what the map will paint."""
    trace = fig["data"][0]
    z = trace["z"][trace["locations"].index(iso3)]
    scale = trace["colorscale"]
    n = len(scale) // 2
    return scale[2 * z][1] if 0 <= z < n else "?"


def test_world_map_colours_by_region(sig, world):
    mode = base_modes(sig)["region"]
    fig = charts.build_world_map(world, GEOJSON, sig, list(sig["iso3"]), mode)
    go.Figure(fig)  # a valid plotly figure
    assert mode.categories == ("Africa", "Americas", "Asia")
    assert colour_of(fig, "EGY") == colour_of(fig, "NGA") == PALETTE[0]
    assert colour_of(fig, "PER") == colour_of(fig, "JAM") == PALETTE[1]
    assert colour_of(fig, "CHN") == colour_of(fig, "LKA") == PALETTE[2]
    assert colour_of(fig, "FRA") == colour_of(fig, "USA") == NOT_SIGNATORY
    trace = fig["data"][0]
    assert len(trace["locations"]) == 177
    assert trace["colorbar"]["ticktext"] == ["Not a signatory", "Signatory outside the filter",
                                             "Africa", "Americas", "Asia"]
    hover = dict(zip(trace["locations"], trace["text"]))
    assert "Peru" in hover["PER"] and "Americas / Latin America and the Caribbean" in hover["PER"]
    assert "not a signatory" in hover["FRA"]
    assert fig["layout"]["map"]["style"] == "white-bg"  # no tile server: draws offline
    assert trace["type"] == "choroplethmap"


def test_world_map_greys_signatories_outside_the_filter(sig, world):
    mode = base_modes(sig)["sub_region"]
    africa = filter_signatories(sig, ["Africa"], [])
    fig = charts.build_world_map(world, GEOJSON, sig, list(africa["iso3"]), mode)
    assert colour_of(fig, "PER") == FILTERED_OUT
    assert colour_of(fig, "EGY") != colour_of(fig, "NGA")  # Northern vs Sub-Saharan Africa
    assert colour_of(fig, "EGY") == colour_of(fig, "MAR")
    text = dict(zip(fig["data"][0]["locations"], fig["data"][0]["text"]))
    assert "outside the filter" in text["PER"] and "outside the filter" not in text["EGY"]


def test_count_bars(sig):
    colours = base_modes(sig)["region"].colours
    fig = charts.build_count_bars(region_counts(sig, "region"), "region", colours, "Per region")
    go.Figure(fig)
    bar = fig["data"][0]
    assert dict(zip(bar["y"], bar["x"])) == {"Americas": 11, "Asia": 8, "Africa": 5}
    assert dict(zip(bar["y"], bar["marker"]["color"]))["Asia"] == colours["Asia"]


def test_hierarchy_sums(sig):
    fig = charts.build_hierarchy(sig, base_modes(sig)["region"].colours)
    go.Figure(fig)
    trace = fig["data"][0]
    values = dict(zip(trace["ids"], trace["values"]))
    assert values["Asia"] == 8 and values["Asia/Southern Asia"] == 3
    assert values["Americas/Latin America and the Caribbean"] == 11
    leaves = [i for i in trace["ids"] if i.count("/") == 2]
    assert len(leaves) == 24 and "Africa/Sub-Saharan Africa/NGA" in leaves


def test_coverage_against_the_m49_file(sig):
    with open(ROOT / "data" / "m49.csv", encoding="utf-8") as handle:
        per_region = Counter(row["region"] for row in csv.DictReader(handle) if row["region"])
    table = coverage(sig, data.load_m49())
    got = dict(zip(table["region"], table["m49_countries_and_areas"]))
    assert got == dict(per_region)
    fig = charts.build_coverage(table, base_modes(sig)["region"].colours)
    go.Figure(fig)
    text = dict(zip(fig["data"][0]["y"], fig["data"][0]["text"]))
    assert text["Africa"] == f"5 of {per_region['Africa']}"
    assert text["Europe"] == f"0 of {per_region['Europe']}"


def test_timeline_draws_announced_differently():
    events = data.load_events()
    fig = charts.build_timeline(events)
    go.Figure(fig)
    markers = [t for t in fig["data"] if t["mode"] == "markers+text"]
    spans = [t for t in fig["data"] if t["mode"] == "lines"]
    assert [m["name"] for m in markers] == ["held", "held", "announced"]
    assert markers[0]["marker"]["color"] != "white" and markers[2]["marker"]["color"] == "white"
    assert spans[2]["line"]["dash"] == "dot" and spans[0]["line"]["dash"] == "solid"
    assert "15–16 May 2006" in markers[0]["text"][0]
    assert "14–15 Sep 2006" in markers[1]["text"][0]
    assert "2007 (year only)" in markers[2]["text"][0]
    # A year-only date spans its whole year, not a made-up day.
    assert spans[2]["x"][0].startswith("2007-01-01") and spans[2]["x"][1].startswith("2007-12-31")


@pytest.mark.parametrize("start, end, precision, label", [
    ("2006-05-15", "2006-05-16", "day", "15–16 May 2006"),
    ("2006-09-14", None, "day", "14 Sep 2006"),
    ("2006-05-30", "2006-06-02", "day", "30 May – 2 Jun 2006"),
    ("2007-03-01", None, "month", "Mar 2007 (month only)"),
    ("2007-01-01", None, "year", "2007 (year only)"),
])
def test_date_label(start, end, precision, label):
    end_ts = pd.Timestamp(end) if end else pd.NaT
    assert charts.date_label(pd.Timestamp(start), end_ts, precision) == label


def test_venues_map_joins_the_venues_in_order():
    venues = data.load_venues()
    fig = charts.build_venues_map(venues, data.load_land_geojson())
    go.Figure(fig)
    legs = [t for t in fig["data"] if t["type"] == "scattermap" and t["mode"] == "lines"]
    assert len(legs) == 2
    assert legs[0]["lat"] == [venues.iloc[0]["lat"], venues.iloc[1]["lat"]]  # Lima -> New York
    assert legs[1]["lon"][1] == venues.iloc[2]["lon"]  # -> Morocco
    assert legs[1]["opacity"] < legs[0]["opacity"]  # the announced leg is fainter
    points = fig["data"][-1]
    assert "text" not in points["mode"]  # map text needs a glyph server: none offline
