"""The "By region" tab's charts: signatories per UN M49 region and sub-region, the region ->
sub-region -> country hierarchy, and the share of each region that signed (no Streamlit)."""

from __future__ import annotations

import pandas as pd

from dashboard.config import BORDER, FILTERED_OUT, N_
from dashboard.core import collation, i18n
from dashboard.core.summary import coverage, filter_signatories, region_counts
from dashboard.data import Tables
from dashboard.figures.chart import Chart, Options, lang_of
from dashboard.figures.modes import base_modes
from dashboard.figures.style import Figure, base_layout, country_label, text_on

BAR_TITLES = {"region": N_("Signatories per region"), "sub_region": N_("Signatories per sub-region")}


def build_count_bars(counts: pd.DataFrame, column: str, colours: dict[str, str],
                     title: str, lang: str = "en") -> Figure:
    """Horizontal bars of signatories per `column`, coloured as on the map; `title` in English."""
    _ = i18n.translator(lang)
    counts = counts.iloc[::-1]
    trace = {
        "type": "bar", "orientation": "h", "x": counts["signatories"].tolist(),
        "y": [i18n.region_name_for(v, lang) for v in counts[column]], "text": counts["signatories"].tolist(),
        "textposition": "outside", "cliponaxis": False,
        "marker": {"color": [colours.get(v, FILTERED_OUT) for v in counts[column]]},
        "hovertemplate": "%{y}: " + _("%{x} signatories") + "<extra></extra>",
    }
    layout = base_layout(height=70 + 32 * len(counts), title={"text": _(title), "font": {"size": 14}},
                     xaxis={"visible": False}, yaxis={"automargin": True})
    return {"data": [trace], "layout": layout}


def build_hierarchy(signatories: pd.DataFrame, colours: dict[str, str], lang: str = "en") -> Figure:
    """Sunburst of region -> sub-region -> country for the given signatories."""
    ids: list[str] = []
    labels: list[str] = []
    parents: list[str] = []
    values: list[int] = []
    marker: list[str] = []

    def add(node: str, label: str, parent: str, count: int, colour: str) -> None:
        ids.append(node)
        labels.append(label)
        parents.append(parent)
        values.append(count)
        marker.append(colour)

    for region, by_region in signatories.groupby("region", sort=True):
        region = str(region)
        add(region, i18n.region_name_for(region, lang), "", len(by_region), colours.get(region, FILTERED_OUT))
        for sub, by_sub in by_region.groupby("sub_region", sort=True):
            sid, colour = f"{region}/{sub}", colours.get(str(sub), FILTERED_OUT)
            add(sid, i18n.region_name_for(str(sub), lang), region, len(by_sub), colour)
            named = [(country_label(iso3, name, lang), iso3) for name, iso3 in zip(by_sub["name"], by_sub["iso3"])]
            named.sort(key=lambda pair: collation.collation_key(pair[0], lang))
            for name, iso3 in named:
                add(f"{sid}/{iso3}", name, sid, 1, colour)
    trace = {
        "type": "sunburst", "ids": ids, "labels": labels, "parents": parents, "values": values,
        "branchvalues": "total", "marker": {"colors": marker, "line": {"color": BORDER, "width": 1}},
        "hovertemplate": "%{label}: %{value}<extra></extra>", "insidetextorientation": "horizontal",
        # One text colour per slice, at 4.5:1 or better on its fill (WCAG 2.1 AA).
        "insidetextfont": {"color": [text_on(c) for c in marker]},
    }
    return {"data": [trace], "layout": base_layout(height=420, margin={"l": 0, "r": 0, "t": 0, "b": 0})}


def build_coverage(table: pd.DataFrame, colours: dict[str, str], lang: str = "en") -> Figure:
    """Share of each M49 region's countries and areas that signed, counts as text."""
    _ = i18n.translator(lang)
    table = table.iloc[::-1]
    top = max(0.3, float(table["share"].max()) * 1.35) if len(table) else 0.3
    trace = {
        "type": "bar", "orientation": "h", "x": table["share"].round(4).tolist(),
        "y": [i18n.region_name_for(r, lang) for r in table["region"]], "cliponaxis": False,
        "textposition": "outside",
        "text": [_("{signed} of {total}").format(signed=s, total=t)
                 for s, t in zip(table["signatories"], table["m49_countries_and_areas"])],
        "marker": {"color": [colours.get(r, FILTERED_OUT) for r in table["region"]]},
        "hovertemplate": "%{y}: %{text} (%{x:.0%})<extra></extra>",
    }
    layout = base_layout(height=100 + 32 * len(table), margin={"l": 10, "r": 10, "t": 50, "b": 10},
                     title={"text": _("Share of each region that signed<br>(its countries and areas, UN M49)"),
                            "font": {"size": 14}},
                     xaxis={"tickformat": ".0%", "range": [0, top], "nticks": 5}, yaxis={"automargin": True})
    return {"data": [trace], "layout": layout}


def region_colours(tables: Tables) -> dict[str, str]:
    """Each region's colour on the default map, and each sub-region its region's."""
    sig, regions = tables.signatories, base_modes(tables.signatories)["region"].colours
    return {**{sub: regions[reg] for sub, reg in zip(sig["sub_region"], sig["region"])}, **regions}


def shown(tables: Tables, options: Options) -> pd.DataFrame:
    """The signatories inside the view's region / sub-region filter (all 24 with none)."""
    return filter_signatories(tables.signatories, list(options.get("region", ())), list(options.get("subregion", ())))


def _bars(column: str):
    def build(tables: Tables, options: Options) -> Figure:
        return build_count_bars(region_counts(shown(tables, options), column), column, region_colours(tables), "",
                                lang_of(options))
    return build


SIGNATORIES = ("press-release", ("m49", "regions"))
FILTER = ("region", "subregion")
CHARTS = (
    Chart("regions", BAR_TITLES["region"], SIGNATORIES, "regions", _bars("region"), FILTER),
    Chart("subregions", BAR_TITLES["sub_region"], SIGNATORIES, "regions", _bars("sub_region"), FILTER),
    Chart("hierarchy", N_("The signatories by region, sub-region and country"), SIGNATORIES, "regions",
          lambda t, o: build_hierarchy(shown(t, o), region_colours(t), lang_of(o)), FILTER),
    Chart("coverage", N_("Share of each region's countries and areas that signed"), SIGNATORIES, "regions",
          lambda t, o: build_coverage(coverage(shown(t, o), t.m49), region_colours(t), lang_of(o)), FILTER,
          note_for=lambda t, o: i18n.translator(lang_of(o))(
              "Every country or area of a region in the UN M49 list counts, territories included.")),
)
