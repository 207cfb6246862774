"""Context chart builders: the right countries, values and colours in the figure dicts."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboard.core import population, processes, treaties, treaty_record
from dashboard.core.compare import compare
from dashboard.data import load_signatories
from dashboard.figures import compare as compare_figures
from dashboard.figures import population as population_charts
from dashboard.figures import processes as process_charts
from dashboard.figures import style
from dashboard.figures import treaties as treaty_charts

OKABE = {"party": "#0072B2", "party (later report)": "#CC79A7", "signatory only": "#56B4E9", "no action": "#E69F00"}


@pytest.fixture(scope="module")
def frames():
    signatories = load_signatories()
    record = treaty_record.treaty_record()
    memberships = processes.load_rcp_memberships()
    return {
        "signatories": signatories, "memberships": memberships, "record": record,
        "lima": treaty_record.treaty_status(record, treaties.LIMA_DATE, signatories),
        "latest": treaty_record.treaty_status(record, None, signatories),
    }


def _valid(fig: dict) -> go.Figure:
    figure = go.Figure(fig)  # raises on anything outside plotly's schema
    pio.to_json(figure)
    return figure


def _cell(fig: dict, country: str, column: str) -> tuple[int, str, str]:
    """(status code, hover, mark) of a matrix cell; `column` as the reader reads it (no <br>)."""
    trace = fig["data"][0]
    columns = [x.replace("<br>", " ") for x in trace["x"]]
    i, j = trace["y"].index(country), columns.index(column)
    return trace["z"][i][j], trace["customdata"][i][j], marks(fig).get((country, trace["x"][j]), ("", ""))[0]


def marks(fig: dict) -> dict[tuple[str, str], tuple[str, str]]:
    """(row, column) -> (mark, its colour): the text layer drawn over a matrix."""
    layer = [t for t in fig["data"][1:] if t.get("mode") == "text"]
    if not layer:
        return {}
    (trace,) = layer
    return {(y, x): (m, c) for x, y, m, c in zip(trace["x"], trace["y"], trace["text"], trace["textfont"]["color"])}


def legend(fig: dict) -> list[str]:
    return [t["name"] for t in fig["data"] if t.get("showlegend")]


def _colour_of(trace: dict, code: int) -> str:
    # stepped_scale: code i owns the stops 2i and 2i+1
    return trace["colorscale"][2 * code][1]


def test_treaty_matrix_then_and_now(frames):
    then = treaty_charts.build_treaty_matrix(frames["lima"], "At Lima")
    now = treaty_charts.build_treaty_matrix(frames["latest"], "Latest")
    for fig in (then, now):
        _valid(fig)
        trace = fig["data"][0]
        assert trace["y"] == list(frames["signatories"]["name"])
        # Upright column labels, so that four fit side by side on a phone.
        assert trace["x"] == ["ICRMW", "UNTOC", "Trafficking Protocol", "Smuggling Protocol"]
        assert legend(fig) == list(OKABE) and not trace.get("showscale")
        assert [_colour_of(trace, i) for i in range(4)] == list(OKABE.values())
    z, hover, text = _cell(then, "Indonesia", "ICRMW")
    assert treaties.STATUSES[z] == "signatory only" and "signed 22 Sep 2004" in hover and text == ""
    assert "ratification" not in hover  # not yet on the Lima date
    z, hover, _ = _cell(now, "Indonesia", "ICRMW")
    assert treaties.STATUSES[z] == "party" and "ratification 31 May 2012" in hover and "3 Feb 2026" in hover
    z, hover, text = _cell(now, "Sri Lanka", "Trafficking Protocol")  # a later report in 2014, on the 2022-23 list
    assert treaties.STATUSES[z] == "party" and text == "" and "ratification 15 Jun 2015" in hover
    assert marks(then) == {} and marks(now) == {}
    assert treaties.STATUSES[_cell(then, "Jamaica", "ICRMW")[0]] == "no action"
    assert treaties.STATUSES[_cell(now, "Brazil", "ICRMW")[0]] == "no action"


def test_marks_contrast_with_their_cells(frames):
    """Issue 12, item 6: a mark on a cell reads at 4.5:1 or more (white "?" on light cells did not)."""
    now = treaty_charts.build_treaty_matrix(frames["latest"], "Latest")
    for (country, column), (_mark, colour) in marks(now).items():
        z, _, _ = _cell(now, country, column.replace("<br>", " "))
        assert style.contrast(colour, OKABE[treaties.STATUSES[z]]) >= 4.5, (country, column, colour)
    for background in (*OKABE.values(), *processes.ROLE_COLOURS.values()):
        assert style.contrast(style.text_on(background), background) >= 4.5, background
    assert style.contrast("#FFFFFF", OKABE["signatory only"]) < 4.5  # why black is needed there


def test_treaty_counts_bars(frames):
    counts = treaty_record.treaty_counts(frames["record"], frames["signatories"])
    fig = treaty_charts.build_treaty_counts(counts)
    _valid(fig)
    lima, latest = fig["data"]
    assert lima["y"][0].replace("<br>", " ") == "ICRMW list of 3 Feb 2026"
    assert latest["y"][3].replace("<br>", " ") == "Smuggling Protocol list of 10 Jul 2014"
    assert max(len(line) for y in lima["y"] for line in y.split("<br>")) <= 20
    assert lima["x"] == [12, 17, 14, 12] and latest["x"] == [16, 24, 24, 16]
    assert lima["customdata"][0].endswith("34 states in all") and "16 May 2006" in lima["name"]


def test_parties_over_time_chart(frames):
    over = treaties.parties_over_time(frames["record"], list(frames["signatories"]["iso3"]))
    fig = treaty_charts.build_parties_over_time(over, "ICRMW")
    _valid(fig)
    ours, others = fig["data"]
    assert ours["name"] == "the 24 signatories" and others["name"] == "the 173 other states"
    lima = ours["x"].index("2006-05-16")
    assert ours["y"][lima] == 50.0
    assert ours["customdata"][lima] == "16 May 2006: 12 of 24 (the 24 signatories) were parties, 50%"
    assert others["customdata"][lima].startswith("16 May 2006: 22 of 173") and ours["x"][-1] == "2026-02-03"
    assert fig["layout"]["shapes"][0]["x0"] == "2006-05-16" and "3 Feb 2026" in fig["layout"]["title"]["text"]
    assert ours["y"][-1] == round(100 * 16 / 24, 1) and others["customdata"][-1].startswith("3 Feb 2026: 44 of 173")


def test_rcp_matrix_and_counts(frames):
    matrix = processes.rcp_matrix(frames["memberships"], frames["signatories"])
    fig = process_charts.build_rcp_matrix(matrix, frames["memberships"])
    _valid(fig)
    trace = fig["data"][0]
    labels = legend(fig)
    assert "Abu Dhabi Dialogue (2008) †" in trace["x"] and "Southern Africa (MIDSA) (2000)" in trace["x"]
    # Issue 12, item 5: every column labelled (a phone showed 5 of 14), upright text running up.
    axis = fig["layout"]["xaxis"]
    assert axis["tickvals"] == trace["x"] and axis["ticktext"] == trace["x"] and axis["tickangle"] == -90
    assert fig["layout"]["margin"]["t"] >= 6 * max(len(x) for x in trace["x"])
    z, hover, _ = _cell(fig, "Mexico", "Lima Process (South America) (2000)")
    assert labels[z] == "observer" and _colour_of(trace, z) == "#E69F00"
    z, hover, _ = _cell(fig, "China", "Budapest Process (1993)")
    assert labels[z] == "attended a meeting only" and "membership not confirmed" in hover
    assert labels[_cell(fig, "Brazil", "Colombo Process (2003)")[0]] == processes.NOT_LISTED
    z, hover, text = _cell(fig, "Nigeria", "Rabat Process (2006) †")
    assert labels[z] == "partner" and text == "†" and "after the Lima meeting" in hover
    assert _cell(fig, "India", "Colombo Process (2003)")[2] == ""

    bars = process_charts.build_rcp_counts(processes.rcp_counts(frames["memberships"], frames["signatories"]))
    _valid(bars)
    counted, later, observer, attended = bars["data"]
    assert len(counted["y"]) == 24 and counted["y"][-1] in ("Pakistan", "Thailand", "India")
    assert dict(zip(counted["y"], counted["x"]))["Pakistan"] == 3
    assert dict(zip(later["y"], later["x"]))["Egypt"] == 4
    assert dict(zip(observer["y"], observer["x"]))["Algeria"] == 1
    assert dict(zip(attended["y"], attended["x"]))["China"] == 1


def test_population_share_and_scatter(frames):
    table = population.gapminder_2007()
    found, info = population.gapminder_context(frames["signatories"], table)
    donut = population_charts.build_population_share(info)
    _valid(donut)
    values = donut["data"][0]["values"]
    assert sum(values) == int(table["pop"].sum()) and values[0] == int(found["pop"].sum())
    assert donut["layout"]["annotations"][0]["text"] == f"{values[0] / sum(values):.1%}"
    assert "118" in donut["data"][0]["labels"][1]
    # Issue 12, item 12: the title is wrapped (it was cut), each line fits a phone.
    title = donut["layout"]["title"]["text"]
    assert "Gapminder's 2007 table" in title.replace("<br>", " ")
    assert len(title.split("<br>")) >= 2 and max(len(line) for line in title.split("<br>")) <= style.TITLE_CHARS
    assert donut["layout"]["margin"]["t"] >= 20 * len(title.split("<br>"))

    scatter = population_charts.build_pop_gdp_scatter(table, frames["signatories"]["iso3"])
    _valid(scatter)
    others, chosen = scatter["data"]
    assert len(chosen["x"]) == 24 and "text" not in chosen  # no codes printed over each other
    assert len(others["x"]) == 142 - 24 and others["marker"]["color"] == population_charts.OTHERS
    assert chosen["marker"]["color"] == "#0072B2"
    x, y = scatter["layout"]["xaxis"], scatter["layout"]["yaxis"]
    assert x["type"] == y["type"] == "log" and "US$" in x["title"]["text"]  # GDP per capita has a unit
    assert x["ticktext"] == ["300", "1,000", "3,000", "10,000", "30,000"]  # not "2 5 ... 2 5"
    assert [t.replace("<br>", " ") for t in y["ticktext"]] == ["100 thousand", "1 million", "10 million",
                                                             "100 million", "1 billion"]
    india = [i for i, text in enumerate(chosen["customdata"]) if text.startswith("India<br>")]
    assert len(india) == 1 and chosen["y"][india[0]] == int(table.set_index("iso_alpha").loc["IND", "pop"])
    assert "GDP per capita: US$2,452" in chosen["customdata"][india[0]]


def test_compare_counts(frames):
    result = compare(["Peru", "Chile", "India", "Atlantis"], frames["signatories"])
    fig = compare_figures.build_compare_counts(result.counts)
    _valid(fig)
    trace = fig["data"][0]
    assert [x.replace("<br>", " ") for x in trace["x"]] == ["in both", "only among the 24", "only in your list"]
    assert trace["y"] == [2, 22, 1]
    assert trace["marker"]["color"] == ["#0072B2", "#E69F00", "#009E73"]
