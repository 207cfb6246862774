"""Chart builders: the figures carry the right countries, values and colours."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import data
from dashboard.config import FILTERED_OUT, NOT_SIGNATORY, PALETTE, SEQUENTIAL
from dashboard.core.summary import coverage, filter_signatories, region_counts
from dashboard.figures import regions, style, timeline
from dashboard.figures import world as world_map
from dashboard.figures.modes import ColorMode, ScaleMode, base_modes

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def sig() -> pd.DataFrame:
    return data.load_signatories()


@pytest.fixture(scope="module")
def world() -> pd.DataFrame:
    w = data.load_world()
    return pd.DataFrame({"id": w["iso3"].fillna(w["ne_name"]), "label": w["ne_name"]})


def geojson_for(world: pd.DataFrame) -> dict:
    """A stand-in geometry: one empty feature per country (the builder only routes features)."""
    return {"type": "FeatureCollection",
            "features": [{"type": "Feature", "id": i, "properties": {}, "geometry": None} for i in world["id"]]}


def colour_of(fig: dict, iso3: str) -> str:
    return world_map.map_colours(fig)[iso3]


def test_world_map_colours_by_region(sig, world):
    mode = base_modes(sig)["region"]
    fig = world_map.build_world_map(world, geojson_for(world), sig, list(sig["iso3"]), mode)
    go.Figure(fig)  # a valid plotly figure
    assert mode.categories == ("Africa", "Americas", "Asia")
    assert colour_of(fig, "EGY") == colour_of(fig, "NGA") == PALETTE[0]
    assert colour_of(fig, "PER") == colour_of(fig, "JAM") == PALETTE[1]
    assert colour_of(fig, "CHN") == colour_of(fig, "LKA") == PALETTE[2]
    assert colour_of(fig, "FRA") == colour_of(fig, "USA") == NOT_SIGNATORY
    # One trace per category, each with only its own countries' outlines: 177 countries once.
    locations = [loc for t in fig["data"] for loc in t["locations"]]
    assert len(locations) == len(set(locations)) == 177
    features = [f["id"] for t in fig["data"] for f in t["geojson"]["features"]]
    assert sorted(features) == sorted(locations)
    assert world_map.map_legend(fig) == ["Africa", "Americas", "Asia", "Not a signatory"]
    assert fig["layout"]["legend"]["orientation"] == "h" and fig["layout"]["legend"]["y"] <= 0  # below
    hover = {loc: text for t in fig["data"] for loc, text in zip(t["locations"], t["text"])}
    assert "Peru" in hover["PER"] and "Americas / Latin America and the Caribbean" in hover["PER"]
    assert "Not a signatory" in hover["FRA"]
    assert fig["layout"]["map"]["style"] == "white-bg"  # no tile server: draws offline
    assert {t["type"] for t in fig["data"]} == {"choroplethmap"}


def test_world_map_greys_signatories_outside_the_filter(sig, world):
    mode = base_modes(sig)["sub_region"]
    africa = filter_signatories(sig, ["Africa"], [])
    fig = world_map.build_world_map(world, geojson_for(world), sig, list(africa["iso3"]), mode)
    assert colour_of(fig, "PER") == FILTERED_OUT
    assert colour_of(fig, "EGY") != colour_of(fig, "NGA")  # Northern vs Sub-Saharan Africa
    assert colour_of(fig, "EGY") == colour_of(fig, "MAR")
    text = {loc: t for tr in fig["data"] for loc, t in zip(tr["locations"], tr["text"])}
    assert "outside the filter" in text["PER"] and "outside the filter" not in text["EGY"]
    assert "Signatory outside the filter" in world_map.map_legend(fig)


def test_world_map_colours_every_state_and_outlines_the_24(sig, world):
    """A mode with values for non-signatories colours them and outlines the 24."""
    values = {"FRA": "yes", "PER": "yes", "USA": "no", "EGY": "no"}
    mode = ColorMode(key="test", label="Test", values=values, categories=("yes", "no"),
                     colours={"yes": "#0072B2", "no": "#E69F00"})
    fig = world_map.build_world_map(world, geojson_for(world), sig, list(sig["iso3"]), mode)
    colours = world_map.map_colours(fig)
    assert colours["FRA"] == colours["PER"] == "#0072B2" and colours["USA"] == colours["EGY"] == "#E69F00"
    assert colours["DEU"] == NOT_SIGNATORY
    assert world_map.map_legend(fig) == ["yes", "no", "No data"]
    widths = {loc: w for t in fig["data"] for loc, w in zip(t["locations"], t["marker"]["line"]["width"])}
    assert widths["PER"] > widths["FRA"] and widths["EGY"] > widths["USA"]
    assert all(widths[iso3] == widths["PER"] for iso3 in sig["iso3"] if iso3 in widths)


def test_world_map_scale_mode_shades_quantities_on_a_log_scale(sig, world):
    values = {"MEX": 11_000_000.0, "PER": 1_500_000.0, "FRA": 2_000.0, "USA": None}
    mode = ScaleMode(key="q", label="Emigrants", values=values, unit="people", log=True,
                     format=lambda v: f"{v:,.0f}", colourscale=SEQUENTIAL)
    fig = world_map.build_world_map(world, geojson_for(world), sig, list(sig["iso3"]), mode)
    go.Figure(fig)
    (trace,) = fig["data"]
    z = dict(zip(trace["locations"], trace["z"]))
    assert z["MEX"] == pytest.approx(7.0414, abs=1e-3) and z["FRA"] == pytest.approx(3.301, abs=1e-3)
    assert z["USA"] < trace["zmin"] + 0.1 and z["DEU"] == z["USA"]  # no data: below the scale
    colours = world_map.map_colours(fig)
    assert colours["USA"] == NOT_SIGNATORY and colours["MEX"] != NOT_SIGNATORY
    bar = trace["colorbar"]
    assert bar["orientation"] == "h" and bar["ticktext"][0] == "No data"
    assert "10,000" in bar["ticktext"] and "1,000,000" in bar["ticktext"]  # real units, not logs
    assert len(bar["ticktext"]) <= 6  # every other decade: labels must not collide on a phone
    hover = dict(zip(trace["locations"], trace["text"]))
    assert "11,000,000" in hover["MEX"] and "no data" in hover["USA"]


def test_count_bars(sig):
    colours = base_modes(sig)["region"].colours
    fig = regions.build_count_bars(region_counts(sig, "region"), "region", colours, "Per region")
    go.Figure(fig)
    bar = fig["data"][0]
    assert dict(zip(bar["y"], bar["x"])) == {"Americas": 11, "Asia": 8, "Africa": 5}
    assert dict(zip(bar["y"], bar["marker"]["color"]))["Asia"] == colours["Asia"]


def test_hierarchy_sums(sig):
    fig = regions.build_hierarchy(sig, base_modes(sig)["region"].colours)
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
    fig = regions.build_coverage(table, base_modes(sig)["region"].colours)
    go.Figure(fig)
    text = dict(zip(fig["data"][0]["y"], fig["data"][0]["text"]))
    assert text["Africa"] == f"5 of {per_region['Africa']}"
    assert text["Europe"] == f"0 of {per_region['Europe']}"


def test_timeline_draws_announced_differently():
    events = data.load_events()
    fig = timeline.build_timeline(events)
    go.Figure(fig)
    marks = {e: (t["name"], t["marker"], h) for t in fig["data"] if t.get("customdata")
             for e, h in zip(t["customdata"], t["hovertext"])}
    assert marks["lima-2006"][0] != marks["lima-followup-2007"][0] == "announced, no record that it took place"
    assert marks["lima-followup-2007"][1]["symbol"] == "circle-open" != marks["lima-2006"][1]["symbol"]
    assert "15–16 May 2006" in marks["lima-2006"][2] and "14–15 Sept 2006" in marks["hld-2006"][2]
    assert "2007 (year only)" in marks["lima-followup-2007"][2]
    # A year-only date spans its whole year, not a made-up day.
    dotted = [t for t in fig["data"] if t.get("mode") == "lines" and t["line"]["dash"] == "dot"]
    assert [t["x"] for t in dotted] == [["2007-01-01", "2007-12-31", None]]


@pytest.mark.parametrize("start, end, precision, label", [
    ("2006-05-15", "2006-05-16", "day", "15–16 May 2006"),
    ("2006-09-14", None, "day", "14 September 2006"),
    ("2006-05-30", "2006-06-02", "day", "30 May – 2 Jun 2006"),
    ("2007-03-01", None, "month", "March 2007 (month only)"),
    ("2007-01-01", None, "year", "2007 (year only)"),
])
def test_date_label(start, end, precision, label):
    end_ts = pd.Timestamp(end) if end else pd.NaT
    assert timeline.date_label(pd.Timestamp(start), end_ts, precision) == label


def test_venues_map_draws_each_place_once():
    venues = data.load_venues()
    fig = timeline.build_venues_map(venues, data.load_land_geojson())
    go.Figure(fig)
    points = [(lat, lon) for t in fig["data"] if t["type"] == "scattermap" for lat, lon in zip(t["lat"], t["lon"])]
    assert len(points) == len(set(points)) == venues.dropna(subset=["lat"]).groupby(["lat", "lon"]).ngroups
    assert all("text" not in t["mode"] for t in fig["data"] if t["type"] == "scattermap")  # no glyph server


# --- issue 12 (contrast, phones) and issue 10 (languages) --------------------------------------------

@pytest.mark.parametrize("lang, label", [("es", "15–16 de mayo de 2006"), ("fr", "15–16 mai 2006")])
def test_date_label_in_the_readers_language(lang, label):
    assert timeline.date_label(pd.Timestamp("2006-05-15"), pd.Timestamp("2006-05-16"), "day", lang) == label
    assert timeline.date_label(pd.Timestamp("2007-01-01"), pd.NaT, "year", lang).startswith("2007 (")
    assert "year only" not in timeline.date_label(pd.Timestamp("2007-01-01"), pd.NaT, "year", lang)


def test_the_two_map_greys_are_distinguishable():
    # WCAG 1.4.11: graphical objects that must be told apart at 3:1 (they were 1.51:1)
    assert style.contrast(NOT_SIGNATORY, FILTERED_OUT) >= 3


def test_sunburst_text_reads_at_4_5_to_1_on_every_slice():
    sig = data.load_signatories()
    colours = base_modes(sig)["region"].colours
    colours = {**{s: colours[r] for s, r in zip(sig["sub_region"], sig["region"])}, **colours}
    trace = regions.build_hierarchy(sig, colours)["data"][0]
    fills, texts = trace["marker"]["colors"], trace["insidetextfont"]["color"]
    assert len(fills) == len(texts) == 3 + 6 + 24
    assert min(style.contrast(f, t) for f, t in zip(fills, texts)) >= 4.5


def test_axis_and_legend_text_is_dark_enough():
    counts = region_counts(data.load_signatories(), "region")
    layout = regions.build_count_bars(counts, "region", {}, "Signatories per region")["layout"]
    for axis in ("xaxis", "yaxis"):
        assert style.contrast(layout[axis]["tickfont"]["color"], "#FFFFFF") >= 4.5
    assert style.contrast(layout["legend"]["font"]["color"], "#FFFFFF") >= 4.5


def test_timeline_speaks_the_readers_language():
    fig = timeline.build_timeline(data.load_venues(), "fr")
    hover = {e: h for t in fig["data"] if t.get("customdata") for e, h in zip(t["customdata"], t["hovertext"])}
    assert hover["lima-2006"].startswith("<b>Conférence de Lima</b><br>15–16 mai 2006 · Lima, Pérou")
    assert fig["layout"]["annotations"][0]["text"].startswith("<b>Réunions des signataires")
    assert fig["layout"]["xaxis"]["ticktext"] == ["2006", "2010", "2014", "2018", "2022", "2026"]


def test_breakdowns_and_map_speak_the_readers_language():
    sig = data.load_signatories()
    counts = region_counts(sig, "region")
    bars = regions.build_count_bars(counts, "region", {}, regions.BAR_TITLES["region"], "es")
    assert bars["layout"]["title"]["text"] == "Países signatarios por región"
    assert "América" in " ".join(bars["data"][0]["y"])  # UN M49 names in Spanish
    fig = world_map.build_world_map(data.world_frame() if hasattr(data, "world_frame") else _world(),
                                    data.load_world_geojson(), sig, list(sig["iso3"]), base_modes(sig)["region"], "fr")
    assert "Afrique" in world_map.map_legend(fig) and "Non signataire" in world_map.map_legend(fig)


def _world():
    world = data.load_world()
    return pd.DataFrame({"id": world["iso3"].fillna(world["ne_name"]), "label": world["ne_name"]})
