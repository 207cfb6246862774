"""The "Population" tab's charts: the 24's share of the population of Gapminder's countries in 2007,
and population against GDP per capita (no Streamlit)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from dashboard.config import N_
from dashboard.core import i18n
from dashboard.core.treaties import STATUS_COLOURS
from dashboard.figures.chart import Chart, lang_of
from dashboard.figures.style import Figure, base_layout, country_label, title_dict, title_height, wrap

OTHERS = "#BBBBBB"  # countries outside the 24 on the scatter (markers, not text)
GDP_TICKS = (300, 1_000, 3_000, 10_000, 30_000)
POP_TICKS = (100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000)


def build_population_share(info: dict[str, Any], lang: str = "en") -> Figure:
    """A donut: the signatories' share of the population of the Gapminder table's countries."""
    _ = i18n.translator(lang)
    others = info["countries_in_table"] - info["signatories_found"]
    names = [_("The {count} signatories found").format(count=info["signatories_found"]),
             _("The other {count} countries in the table").format(count=others)]
    values = [info["signatories_pop"], info["world_pop"] - info["signatories_pop"]]
    share = i18n.format_number(round(100 * info["share"], 1), lang, 1)
    share = f"{share} %" if lang == "fr" else f"{share}%"
    trace = {
        "type": "pie", "hole": 0.62, "sort": False, "direction": "clockwise",
        "labels": [wrap(n, 34) for n in names], "values": values,
        "marker": {"colors": [STATUS_COLOURS["party"], "#DDDDDD"], "line": {"color": "#FFFFFF", "width": 1}},
        "textinfo": "none",
        "customdata": [_("{name}: {people} people").format(name=n, people=i18n.format_compact(v, lang))
                       for n, v in zip(names, values)],
        "hovertemplate": "%{customdata}<extra></extra>",
    }
    title = _("Share of the population of the {count} countries in Gapminder's {year} table").format(
        count=info["countries_in_table"], year=info["year"])
    layout = base_layout(height=330 + title_height(title), showlegend=True, title=title_dict(title),
                     margin={"l": 10, "r": 10, "t": title_height(title) + 10, "b": 10},
                     legend={"orientation": "h", "x": 0, "y": -0.02, "yanchor": "top"},
                     annotations=[{"text": share, "showarrow": False, "font": {"size": 24}, "x": 0.5, "y": 0.5}])
    return {"data": [trace], "layout": layout}


def build_pop_gdp_scatter(table: pd.DataFrame, highlight: Iterable[str], lang: str = "en") -> Figure:
    """Population vs GDP per capita (both log) for the Gapminder table; the 24 highlighted (no
    permanent labels: they overprint each other; the hover and the table name each country)."""
    _ = i18n.translator(lang)
    chosen = set(highlight)
    mask = table["iso_alpha"].isin(chosen)
    data = []
    hover = _("{country}<br>GDP per capita: US${gdp}<br>population: {pop}")
    for part, name, colour, mine in ((table[~mask], _("other countries"), OTHERS, False),
                                     (table[mask], _("signatories"), STATUS_COLOURS["party"], True)):
        data.append({
            "type": "scatter", "mode": "markers", "name": name,
            "x": part["gdpPercap"].round(1).tolist(), "y": part["pop"].tolist(),
            "customdata": [hover.format(country=country_label(i, c, lang), gdp=i18n.format_number(g, lang, 0),
                                        pop=i18n.format_compact(p, lang))
                           for i, c, g, p in zip(part["iso_alpha"], part["country"], part["gdpPercap"], part["pop"])],
            "marker": {"color": colour, "size": 10 if mine else 6, "opacity": 1 if mine else 0.7,
                       "line": {"color": "#FFFFFF" if mine else OTHERS, "width": 1}},
            "hovertemplate": "%{customdata}<extra></extra>",
        })
    title = _("Population and GDP per capita, 2007")
    layout = base_layout(height=440 + title_height(title), title=title_dict(title),
                     margin={"l": 10, "r": 10, "t": title_height(title) + 10, "b": 10},
                     xaxis={"type": "log", "title": {"text": wrap(_(
                         "GDP per capita (US$, inflation-adjusted; log scale)"), 40)},
                            "tickmode": "array", "tickvals": list(GDP_TICKS),
                            "ticktext": [i18n.format_number(v, lang, 0) for v in GDP_TICKS], "automargin": True},
                     yaxis={"type": "log", "title": {"text": _("population (log scale)")}, "tickmode": "array",
                            "tickvals": list(POP_TICKS), "ticktext": [wrap(i18n.format_compact(v, lang, 0), 9)
                                                                      for v in POP_TICKS], "automargin": True},
                     legend={"x": 0.01, "y": 0.99, "bgcolor": "rgba(255,255,255,0.85)"})
    return {"data": data, "layout": layout}


GAPMINDER = ("gapminder",)
CHARTS = (
    Chart("population", N_("Population and GDP per capita, 2007: the 24 among Gapminder's countries"), GAPMINDER,
          "population", lambda t, o: build_pop_gdp_scatter(t.gapminder, list(t.signatories["iso3"]), lang_of(o))),
    Chart("population-share", N_("The signatories' share of the population of Gapminder's countries, 2007"),
          GAPMINDER, "population", lambda t, o: build_population_share(t.population[1], lang_of(o))),
)
