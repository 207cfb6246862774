"""Context chart builders: the right countries, values and colours in the figure dicts."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboard.core import context as ctx
from dashboard.core.compare import compare
from dashboard.data import load_signatories
from dashboard.figures import context_charts as charts

OKABE = {"party": "#0072B2", "party (later report)": "#CC79A7", "signatory only": "#56B4E9", "no action": "#E69F00"}


@pytest.fixture(scope="module")
def frames():
    signatories = load_signatories()
    record = ctx.treaty_record()
    memberships = ctx.load_rcp_memberships()
    return {
        "signatories": signatories, "memberships": memberships, "record": record,
        "lima": ctx.treaty_status(record, ctx.LIMA_DATE, signatories),
        "latest": ctx.treaty_status(record, None, signatories),
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
        assert trace["textfont"]["color"] == "#000000"  # "?" readable on the light cells too
    z, hover, text = _cell(then, "Indonesia", "ICRMW")
    assert ctx.STATUSES[z] == "signatory only" and "signed 22 Sep 2004" in hover and text == ""
    assert "ratification" not in hover  # not yet on the Lima date
    z, hover, _ = _cell(now, "Indonesia", "ICRMW")
    assert ctx.STATUSES[z] == "party" and "ratification 31 May 2012" in hover and "26 Oct 2014" in hover
    z, hover, text = _cell(now, "Sri Lanka", "Trafficking Protocol")
    assert ctx.STATUSES[z] == "party (later report)" and text == "?" and "June 2015" in hover
    assert sum(t == "?" for row in then["data"][0]["text"] for t in row) == 0
    assert sum(t == "?" for row in now["data"][0]["text"] for t in row) == 2
    assert ctx.STATUSES[_cell(then, "Jamaica", "ICRMW")[0]] == "no action"
    assert ctx.STATUSES[_cell(now, "Brazil", "ICRMW")[0]] == "no action"


def test_treaty_counts_bars(frames):
    counts = ctx.treaty_counts(frames["record"], frames["signatories"])
    fig = charts.build_treaty_counts(counts)
    _valid(fig)
    lima, latest = fig["data"]
    assert lima["x"][0] == "ICRMW<br>list of 26 Oct 2014"
    assert latest["x"][3] == "Smuggling Protocol<br>list of 10 Jul 2014"
    assert lima["y"] == [12, 17, 14, 12] and latest["y"] == [16, 24, 22, 16]
    assert lima["customdata"][0] == 34 and "16 May 2006" in lima["name"]


def test_parties_over_time_chart(frames):
    over = ctx.parties_over_time(frames["record"], list(frames["signatories"]["iso3"]))
    fig = charts.build_parties_over_time(over, "ICRMW")
    _valid(fig)
    ours, others = fig["data"]
    assert ours["name"] == "the 24 signatories" and others["name"] == "the 173 other states"
    lima = ours["x"].index("2006-05-16")
    assert ours["y"][lima] == 50.0 and ours["customdata"][lima] == [12, "16 May 2006"]
    assert others["customdata"][lima][0] == 22 and ours["x"][-1] == "2014-10-26"
    assert fig["layout"]["shapes"][0]["x0"] == "2006-05-16" and "26 Oct 2014" in fig["layout"]["title"]["text"]


def test_rcp_matrix_and_counts(frames):
    matrix = ctx.rcp_matrix(frames["memberships"], frames["signatories"])
    fig = charts.build_rcp_matrix(matrix, frames["memberships"])
    _valid(fig)
    trace = fig["data"][0]
    labels = trace["colorbar"]["ticktext"]
    assert "Abu Dhabi Dialogue (2008) †" in trace["x"] and "Southern Africa (MIDSA) (2000)" in trace["x"]
    z, hover, _ = _cell(fig, "Mexico", "Lima Process (South America) (2000)")
    assert labels[z] == "observer" and _colour_of(trace, z) == "#E69F00"
    z, hover, _ = _cell(fig, "China", "Budapest Process (1993)")
    assert labels[z] == "attended a meeting only" and "membership not confirmed" in hover
    assert labels[_cell(fig, "Brazil", "Colombo Process (2003)")[0]] == ctx.NOT_LISTED
    z, hover, text = _cell(fig, "Nigeria", "Rabat Process (2006) †")
    assert labels[z] == "partner" and text == "†" and "after the Lima meeting" in hover
    assert _cell(fig, "India", "Colombo Process (2003)")[2] == ""

    bars = charts.build_rcp_counts(ctx.rcp_counts(frames["memberships"], frames["signatories"]))
    _valid(bars)
    counted, later, observer, attended = bars["data"]
    assert len(counted["y"]) == 24 and counted["y"][-1] in ("Pakistan", "Thailand", "India")
    assert dict(zip(counted["y"], counted["x"]))["Pakistan"] == 3
    assert dict(zip(later["y"], later["x"]))["Egypt"] == 4
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
