"""Lima and after (issue 18), the tables and figures: the timeline from 2006 to today in lanes, the
places drawn once, the map coloured by the General Assembly's votes, the newer treaty lists' dates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import data
from dashboard.config import NOT_SIGNATORY
from dashboard.core import events as ev
from dashboard.core import sources
from dashboard.figures import catalog, modes, timeline, world

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def tables() -> data.Tables:
    return data.Tables()


def markers(fig: dict) -> dict[str, tuple[str, float, str]]:
    """event_id -> (the mark's legend name, its row, its date) for every event drawn."""
    out = {}
    for trace in fig["data"]:
        if trace.get("mode") == "markers" and trace.get("customdata"):
            for event_id, y, x in zip(trace["customdata"], trace["y"], trace["x"]):
                out[event_id] = (trace["name"], y, x)
    return out


def lane_of(fig: dict, y: float) -> str:
    """The lane (its label, line breaks and bold removed) a row at `y` belongs to."""
    heads = sorted(((a["y"], re.sub(r"<[^>]+>", " ", a["text"]).split()) for a in fig["layout"]["annotations"]),
                   reverse=True)
    above = [" ".join(words) for top, words in heads if top > y]
    return above[-1]


def labels(fig: dict) -> dict[float, list[str]]:
    """Row -> the words written beside the events on it."""
    (words,) = [t for t in fig["data"] if t.get("mode") == "markers+text"]
    out: dict[float, list[str]] = {}
    for y, text in zip(words["y"], words["text"]):
        out.setdefault(y, []).append(text)
    return out


# --- the timeline -------------------------------------------------------------------------------

def test_the_timeline_holds_2006_and_what_came_after(tables):
    fig = catalog.build("timeline", tables, {})
    go.Figure(fig)
    drawn = markers(fig)
    assert len(drawn) == 30
    for event_id in ("lima-2006", "hld-2006", "lima-followup-2007", "gfmd-2008", "gfmd-2010", "gfmd-2018",
                     "gcm-adoption-2018", "ga-73-195"):
        assert event_id in drawn, event_id
    assert (drawn["gfmd-2008"][2], drawn["gfmd-2010"][2], drawn["gfmd-2018"][2]) == (
        "2008-10-27", "2010-11-08", "2018-12-05")
    assert (drawn["gcm-adoption-2018"][2], drawn["ga-73-195"][2]) == ("2018-12-10", "2018-12-19")
    hover = {e: h for t in fig["data"] if t.get("customdata") for e, h in zip(t["customdata"], t["hovertext"])}
    assert "Manila, Philippines" in hover["gfmd-2008"] and "Puerto Vallarta, Mexico" in hover["gfmd-2010"]
    assert "Marrakech, Morocco" in hover["gfmd-2018"] and "Morocco: host, co-chair" in hover["gfmd-2018"]
    assert "confidence: medium" in hover["pry-position-2018"] and "confidence: high" in hover["gfmd-2008"]


def test_lanes_by_kind_in_order(tables):
    fig = catalog.build("timeline", tables, {})
    lanes = [" ".join(re.sub(r"<[^>]+>", " ", a["text"]).split()) for a in fig["layout"]["annotations"]]
    assert lanes == list(ev.KINDS.values())
    drawn = markers(fig)
    kinds = dict(zip(tables.events["event_id"], tables.events["kind"]))
    assert all(lane_of(fig, y) == ev.KINDS[kinds[e]] for e, (_name, y, _x) in drawn.items())
    # The Rabat conference is in its own lane, never with the Lima group's meetings.
    assert lane_of(fig, drawn["rabat-2006"][1]) == "Other processes"
    assert lane_of(fig, drawn["lima-followup-2007"][1]) == "Meetings of the Lima Declaration's signatories"


def test_roles_marked_and_named_the_announced_and_scheduled_drawn_as_such(tables):
    fig = catalog.build("timeline", tables, {})
    drawn, words = markers(fig), labels(fig)
    role, held, announced, scheduled = (timeline.MARKS[m][2] for m in ("role", "held", "announced", "scheduled"))
    assert {e for e, (name, _y, _x) in drawn.items() if name == role} == set(
        ev.events_with_role(tables.events)["event_id"]) - {"lima-followup-2007"}
    assert drawn["lima-followup-2007"][0] == announced and drawn["imrf-2026"][0] == scheduled
    assert drawn["gfmd-2009"][0] == held
    assert "Philippines" in words[drawn["gfmd-2008"][1]] and "Morocco, Mexico" in words[drawn["gcm-adoption-2018"][1]]
    assert "Morocco: announced, no record" in words[drawn["lima-followup-2007"][1]]
    assert "scheduled" in words[drawn["imrf-2026"][1]]
    # Hollow marks and a dotted (announced) or dashed (scheduled) span over the year the date allows.
    by_name = {t.get("name"): t for t in fig["data"]}
    assert by_name[announced]["marker"]["symbol"] == by_name[scheduled]["marker"]["symbol"] == "circle-open"
    spans = {(t["line"]["dash"], t["line"]["color"]): t["x"] for t in fig["data"] if t.get("mode") == "lines"}
    assert spans["dot", timeline.MARKS["announced"][0]] == ["2007-01-01", "2007-12-31", None]
    assert spans["dash", timeline.MARKS["scheduled"][0]] == ["2026-01-01", "2026-12-31", None]
    brazil = spans["solid", timeline.MARKS["role"][0]]  # out of the Compact, then back
    assert brazil[brazil.index("2019-01-08"):][:2] == ["2019-01-08", "2023-01-05"]


def test_no_two_labels_of_a_row_overlap_at_a_phones_width(tables):
    """Labels share a row only when, at 15 px a year and 6.2 px a character (11 px type on a
    390 px screen), they stay apart; none runs past the axis."""
    fig = catalog.build("timeline", tables, {})
    (words,) = [t for t in fig["data"] if t.get("mode") == "markers+text"]
    rows: dict[float, list[tuple[float, float]]] = {}
    for x, y, text, side in zip(words["x"], words["y"], words["text"], words["textposition"]):
        at = pd.Timestamp(x)
        year = at.year + (at.day_of_year - 1) / 366
        width = len(text) * 6.2 / 15
        extent = (year, year + width) if side == "middle right" else (year - width, year)
        assert extent[0] >= 2005.5 and extent[1] <= 2027.5, text
        for a, b in rows.get(y, []):
            assert extent[1] <= a or b <= extent[0], text
        rows.setdefault(y, []).append(extent)


def test_only_where_the_24_had_a_role(tables):
    fig = catalog.build("timeline", tables, {"events": ("roles",)})
    assert set(markers(fig)) == set(ev.events_with_role(tables.events)["event_id"]) and len(markers(fig)) == 14
    assert "ga-73-195" not in markers(fig)
    lanes = [" ".join(re.sub(r"<[^>]+>", " ", a["text"]).split()) for a in fig["layout"]["annotations"]]
    assert "Other processes" in lanes and len(lanes) == 5
    assert catalog.build("timeline", tables, {"events": ("all",)}) == catalog.build("timeline", tables, {})


def test_the_titles_say_the_finding(tables):
    chart = catalog.chart("timeline")
    assert chart.title_of(tables, {}) == ("After Lima: no record that the group met again, but 5 of the 24 later "
                                         "chaired the Global Forum on Migration and Development (GFMD)")
    assert timeline.chairs(tables.events) == ["PHL", "MEX", "MAR", "ECU", "COL"]
    assert catalog.chart("venues").title_of(tables, {}) == (
        "19 places where the events took place, 10 of them in the 24's own countries")
    note = chart.source_of(tables, {})
    assert "Medium confidence: Dominican Republic stays out of the Compact; Paraguay stays away" in note
    assert "another process (the Rabat Process), not to the Lima group" in note
    assert catalog.chart("timeline").title_of(tables, {"lang": ("es",)}).startswith("Después de Lima")


def test_the_venue_map_draws_each_place_once(tables):
    fig = catalog.build("venues", tables, {})
    go.Figure(fig)
    points = [(lat, lon) for t in fig["data"] if t["type"] == "scattermap" for lat, lon in zip(t["lat"], t["lon"])]
    assert len(points) == len(set(points)) == 20  # 29 events with a place, 20 places
    hovers = [h for t in fig["data"] if t["type"] == "scattermap" for h in t["hovertext"]]
    (new_york,) = [h for h in hovers if h.startswith("<b>New York")]
    assert new_york.count("<br>") == 7 + 1 and "2006 · UN High-Level Dialogue" in new_york
    assert "2026 · Second International Migration Review Forum (scheduled)" in new_york
    names = {t["name"]: len(t["lat"]) for t in fig["data"] if t["type"] == "scattermap"}
    assert names == {"one of the 24 had a role there": 11, "other events": 8,
                     "announced, no record that it took place": 1}
    assert all("text" not in t["mode"] for t in fig["data"] if t["type"] == "scattermap")  # no glyph server
    roles = catalog.build("venues", tables, {"events": ("roles",)})
    assert sum(len(t["lat"]) for t in roles["data"] if t["type"] == "scattermap") == 12


def test_every_timeline_chart_is_credited_from_its_records(tables):
    for name in ("timeline", "venues"):
        credit = catalog.chart(name).credit_of(tables, {})
        assert "GFMD, UN and government records" in credit and "Xinhua" in credit, name
    assert sources.of_files(["data/events_after.csv"]) == ("events-after",)
    assert sources.of_files(["data/unga_votes.csv"]) == ("unga-votes",)


# --- the map coloured by the votes -------------------------------------------------------------

@pytest.mark.parametrize(("key", "world_totals", "ours"), [
    ("gcm-vote", "152 in favour, 5 against, 12 abstained, 24 did not vote",
     "21 in favour, 0 against, 1 abstained (Algeria), 2 did not vote (Dominican Republic, Paraguay)"),
    ("imrf-vote", "118 in favour, 5 against, 13 abstained, 57 did not vote",
     "19 in favour, 0 against, 1 abstained (Algeria), 4 did not vote (Brazil, Dominican Republic, Peru, Sri Lanka)"),
])
def test_vote_colourings(tables, key, world_totals, ours):
    fig = catalog.build("map", tables, {"color": (key,)})
    go.Figure(fig)
    colours = world.map_colours(fig)
    assert colours["DZA"] == modes.VOTE_COLOURS["abstain"] and colours["DOM"] == modes.VOTE_COLOURS["non-voting"]
    assert colours["USA"] == modes.VOTE_COLOURS["no"] and colours["MEX"] == modes.VOTE_COLOURS["yes"]
    assert colours["TWN"] == NOT_SIGNATORY  # not a member state: grey, no vote
    assert world.map_legend(fig) == ["in favour", "against", "abstained", "did not vote",
                                     "no recorded vote (not a UN member state)"]
    per_colour = {c: sum(1 for v in colours.values() if v == c) for c in modes.VOTE_COLOURS.values()}
    counts = {v: per_colour[modes.VOTE_COLOURS[v]] for v in modes.VOTE_COLOURS}
    drawn_members = set(colours) & set(tables.votes["iso3"])
    assert sum(counts.values()) == len(drawn_members) <= 193  # a few small members have no shape at 1:110m
    outlined = {loc for t in fig["data"] for loc, w in zip(t["locations"], t["marker"]["line"]["width"]
                                                          if isinstance(t["marker"]["line"]["width"], list)
                                                          else [t["marker"]["line"]["width"]] * len(t["locations"]))
                if w > 1}
    assert outlined == set(tables.signatories["iso3"])
    chart = catalog.chart("map")
    caption = chart.source_of(tables, {"color": (key,)})
    assert world_totals in caption and ours in caption
    assert "record 1656414" in caption and "record 3813050" in caption and "Erik Voeten" in caption
    assert "votes: UN Digital Library" in chart.credit_of(tables, {"color": (key,)})
    assert modes.VOTE_COLOURS["yes"] != modes.VOTE_COLOURS["non-voting"] != NOT_SIGNATORY


def test_the_scraped_date_is_the_manifests():
    """The Trafficking Protocol's list was copied on an unknown day by 12 Jun 2023: the manifest says so."""
    manifest = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    (entry,) = [r for r in manifest["resources"] if r["path"] == "data/raw/untc-18-12-a-2023.csv"]
    assert modes.SCRAPED_BY["UNTOC-TIP"].date().isoformat() in entry["as_of_note"]
    assert modes.list_date("UNTOC-TIP", pd.Timestamp("2022-11-04")) == "4 Nov 2022 (scraped by 12 Jun 2023)"
    assert modes.list_date("ICRMW", pd.Timestamp("2026-02-03")) == "3 Feb 2026"
