"""Context chart builders: the right countries, values and colours in the figure dicts."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboard.core import context as ctx
from dashboard.core.compare import compare
from dashboard.data import load_signatories
from dashboard.figures import context_charts as charts

OKABE = {"party": "#0072B2", "signatory only": "#56B4E9", "no action": "#E69F00", "no data": "#999999"}


@pytest.fixture(scope="module")
def frames():
    signatories = load_signatories()
    actions = ctx.load_treaty_actions()
    memberships = ctx.load_rcp_memberships()
    return {
        "signatories": signatories, "memberships": memberships,
        "lima": ctx.treaty_status(actions, ctx.LIMA_DATE, signatories),
        "latest": ctx.treaty_status(actions, None, signatories),
    }


def _valid(fig: dict) -> go.Figure:
    figure = go.Figure(fig)  # raises on anything outside plotly's schema
    pio.to_json(figure)
    return figure


def _cell(fig: dict, country: str, column: str) -> tuple[int, str, str]:
    trace = fig["data"][0]
    i, j = trace["y"].index(country), trace["x"].index(column)
    return trace["z"][i][j], trace["customdata"][i][j], trace["text"][i][j]


def _colour_of(trace: dict, code: int) -> str:
    # stepped_scale: code i owns the stops 2i and 2i+1
    return trace["colorscale"][2 * code][1]


def test_treaty_matrix_then_and_now(frames):
    then = charts.build_treaty_matrix(frames["lima"], "At Lima")
    now = charts.build_treaty_matrix(frames["latest"], "Latest")
    for fig in (then, now):
        _valid(fig)
        trace = fig["data"][0]
        assert trace["y"] == list(frames["signatories"]["name"])
        assert trace["x"] == ["ICRMW", "UNTOC", "Trafficking Protocol", "Smuggling Protocol"]
        assert trace["colorbar"]["ticktext"] == list(OKABE)
        assert [_colour_of(trace, i) for i in range(4)] == list(OKABE.values())
    z, hover, text = _cell(then, "Indonesia", "ICRMW")
    assert ctx.STATUSES[z] == "signatory only" and "ratification 2012-05-31" in hover and text == ""
    z, hover, _ = _cell(now, "Indonesia", "ICRMW")
    assert ctx.STATUSES[z] == "party" and "as of 2015-03-14" in hover
    z, hover, text = _cell(now, "Bolivia", "Smuggling Protocol")
    assert ctx.STATUSES[z] == "signatory only" and text == "?"
    assert "uncertain: " in hover and "later status not verified" in hover
    assert ctx.STATUSES[_cell(then, "Jamaica", "ICRMW")[0]] == "no action"
    assert ctx.STATUSES[_cell(now, "Brazil", "ICRMW")[0]] == "no action"


def test_treaty_matrix_shows_a_gap_as_no_data(frames):
    gap = frames["lima"][~((frames["lima"]["iso3"] == "PER") & (frames["lima"]["treaty"] == "ICRMW"))]
    z, _, text = _cell(charts.build_treaty_matrix(gap, "gap"), "Peru", "ICRMW")
    assert ctx.STATUSES[z] == "no data" and text == "?"


def test_treaty_counts_bars(frames):
    counts = ctx.treaty_counts(frames["lima"], frames["latest"])
    fig = charts.build_treaty_counts(counts)
    _valid(fig)
    lima, latest = fig["data"]
    assert lima["x"] == ["ICRMW", "UNTOC", "Trafficking Protocol", "Smuggling Protocol"]
    assert lima["y"] == [12, 17, 14, 12] and latest["y"] == [16, 24, 24, 16]
    assert "16 May 2006" in lima["name"] and "2015-03-14 to 2022-11-30" in latest["name"]


def test_rcp_matrix_and_counts(frames):
    matrix = ctx.rcp_matrix(frames["memberships"], frames["signatories"])
    fig = charts.build_rcp_matrix(matrix, frames["memberships"])
    _valid(fig)
    labels = fig["data"][0]["colorbar"]["ticktext"]
    z, hover, _ = _cell(fig, "Mexico", "Lima Process (SACM)")
    assert labels[z] == "observer" and _colour_of(fig["data"][0], z) == "#E69F00"
    z, hover, _ = _cell(fig, "China", "Budapest Process")
    assert labels[z] == "attended-only" and "membership not confirmed" in hover
    assert labels[_cell(fig, "Brazil", "Colombo Process")[0]] == ctx.NOT_LISTED
    assert labels[_cell(fig, "Nigeria", "Rabat Process")[0]] == "partner"

    bars = charts.build_rcp_counts(ctx.rcp_counts(frames["memberships"], frames["signatories"]))
    _valid(bars)
    counted, observer, attended = bars["data"]
    assert len(counted["y"]) == 24 and counted["y"][-1] == "Pakistan"  # most processes on top
    assert dict(zip(counted["y"], counted["x"]))["Pakistan"] == 4
    assert dict(zip(observer["y"], observer["x"]))["Algeria"] == 1
    assert dict(zip(attended["y"], attended["x"]))["China"] == 1


def test_population_share_and_scatter(frames):
    table = ctx.gapminder_2007()
    found, info = ctx.gapminder_context(frames["signatories"], table)
    donut = charts.build_population_share(info)
    _valid(donut)
    values = donut["data"][0]["values"]
    assert sum(values) == int(table["pop"].sum()) and values[0] == int(found["pop"].sum())
    assert donut["layout"]["annotations"][0]["text"] == f"{values[0] / sum(values):.1%}"
    assert "118" in donut["data"][0]["labels"][1]

    scatter = charts.build_pop_gdp_scatter(table, frames["signatories"]["iso3"])
    _valid(scatter)
    others, chosen = scatter["data"]
    assert sorted(chosen["text"]) == sorted(frames["signatories"]["iso3"])
    assert len(others["x"]) == 142 - 24 and others["marker"]["color"] == charts.OTHERS
    assert chosen["marker"]["color"] == "#0072B2"
    assert scatter["layout"]["xaxis"]["type"] == "log"
    india = chosen["text"].index("IND")
    assert chosen["y"][india] == int(table.set_index("iso_alpha").loc["IND", "pop"])


def test_compare_counts(frames):
    result = compare(["Peru", "Chile", "India", "Atlantis"], frames["signatories"])
    fig = charts.build_compare_counts(result.counts)
    _valid(fig)
    trace = fig["data"][0]
    assert trace["x"] == ["both", "only Lima", "only the list"] and trace["y"] == [2, 22, 1]
    assert trace["marker"]["color"] == ["#0072B2", "#E69F00", "#009E73"]
