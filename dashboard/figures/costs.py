"""What it costs to send money home to the 24 (World Bank, Remittance Prices Worldwide): the map's
stepped colouring, the 24's cost in 2011 and 2020, and one signatory's corridors, the official and
the derived series always drawn apart (no Streamlit)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from dashboard.config import N_, PALETTE
from dashboard.core import costs, i18n, migration
from dashboard.data import Tables
from dashboard.figures import formats
from dashboard.figures.chart import Chart, Options, first, lang_of
from dashboard.figures.modes import ColorMode
from dashboard.figures.style import Figure, base_layout, wrap, wrap_title

COST_KEY = "remittance-cost"  # ?color= and ?indicator=
RPW_SOURCE, DERIVED_SOURCE = "rpw", "rpw-derived"  # keys of dashboard.core.sources
YEARS = (costs.FIRST_YEAR, 2020)  # no data before 2011; 2020 is the 2023 edition's last year
COST_LABEL = N_("Cost of sending money to the country")
COST_UNIT = N_("% of US$200 sent")
YEARS_NOTE = N_("No cost data exist before 2011. 2020 is the last year of the World Bank's consistent series "
                "(World Development Indicators, May 2023).")
COST_NOTE = N_("The average cost of sending US$200 to the country (fee plus exchange-rate margin), over the "
               "services and sending countries that Remittance Prices Worldwide surveys. SDG target 10.c: "
               "under 3% by 2030, and no corridor above 5%. No data exist before 2011.")
# Stepped classes whose edges are SDG 10.c's two lines: under 3% (the target), 5% (no corridor above it).
CLASS_WORDS = (N_("Under 3% (the SDG target)"), N_("3% to 5%"), N_("Over 5%, under 10%"), N_("10% or more"))
CLASS_COLOURS = ("#FDE725", "#7AD151", "#2A788E", "#440154")  # viridis steps: dearer reads darker
OFFICIAL_COLOUR, DERIVED_COLOUR = PALETTE[0], PALETTE[4]
LINE_COLOURS = (PALETTE[0], PALETTE[5], PALETTE[2], PALETTE[3], PALETTE[1], PALETTE[7], PALETTE[4])
TARGET_COLOUR, CEILING_COLOUR = "#007A5A", "#555555"  # both 4.5:1 or more on white
SHOWN_LINES = 6  # corridors drawn at first on the time chart; the legend adds the others
DERIVED_WORDS = N_("derived, a third party's averages of RPW data")
DERIVED_KEY = N_("Derived: a third party's averages of RPW data")
DEFAULT_YEAR = 2020  # the corridor picker's default: the largest origin among the 24 in 2020


def cost_class(value: float) -> int:
    """0: under 3%; 1: 3% to 5%; 2: over 5% and under 10%; 3: 10% or more (SDG 10.c's words:
    "less than 3 per cent", corridors "higher than 5 per cent")."""
    if value < costs.TARGET_PCT:
        return 0
    if value <= costs.CORRIDOR_CEILING_PCT:
        return 1
    return 2 if value < 10 else 3


def pct(value: float | None, lang: str) -> str:  # 5.966 -> '5.97%' / '5,97 %': the source's two decimals
    return formats.percent(value, lang, 2)


def quarter_text(label: str, lang: str = "en") -> str:
    """'2020Q3' -> 'Q3 2020' / 'T3 2020'."""
    _ = i18n.translator(lang)
    year, _sep, quarter = label.partition("Q")
    return _("Q{quarter} {year}").format(quarter=quarter, year=year)


def cost_values(table: pd.DataFrame, year: int) -> dict[str, float]:
    """iso3 -> the cost of sending money to it in `year`, 2023 edition (every country with data)."""
    return {str(k): float(v) for k, v in costs.costs_in(table, year).items()}


def cost_mode(values: dict[str, float], year: int, lang: str = "en") -> ColorMode:
    """Every country with data in a stepped class; the exact cost in its hover."""
    _ = i18n.translator(lang)
    words = tuple(_(w) for w in CLASS_WORDS)
    label = f"{_(COST_LABEL)}, {year}"
    note = " ".join((f"{label}.", _(COST_NOTE), _("Grey: no data. The 24 signatories are outlined.")))
    return ColorMode(key=COST_KEY, label=label, values={k: words[cost_class(v)] for k, v in values.items()},
                     categories=words, colours=dict(zip(words, CLASS_COLOURS)), note=note,
                     hover={k: _("Average cost: {cost}").format(cost=pct(v, lang)) for k, v in values.items()},
                     group=N_("Migration"))


def change_title(then: int, now: int, lang: str) -> str:
    _ = i18n.translator(lang)
    return _("The cost of sending US$200 to each of the 24, {then} and {now}: costliest in {now} first").format(
        then=then, now=now)


def corridor_title(kind: str, country: str, lang: str) -> str:
    """The corridor bars' ("bars") or lines' ("trend") title."""
    _ = i18n.translator(lang)
    text = (_("Sending US$200 to {country}: each corridor, costliest first") if kind == "bars"
            else _("Sending US$200 to {country}: each corridor's cost, 2011-2025"))
    return text.format(country=country)


def _lines(axis: str, lang: str, empty: str = "") -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The 3% target and the 5% line across a chart (vertical on x, horizontal on y), labelled; and,
    when `empty` names a country, a note that no corridor into it is measured."""
    _ = i18n.translator(lang)
    shapes, notes = [], []
    if empty:
        notes.append({"text": _("No corridor into {country} is measured.").format(country=empty), "xref": "paper",
                      "yref": "paper", "x": 0.5, "y": 0.5, "showarrow": False})
    across = "y" if axis == "x" else "x"
    for value, colour, dash, text, anchor in (
            (costs.TARGET_PCT, TARGET_COLOUR, "dash", _("3%: SDG target"), "right"),
            (costs.CORRIDOR_CEILING_PCT, CEILING_COLOUR, "dot", _("5%: corridor ceiling"), "left")):
        shapes.append({"type": "line", f"{axis}0": value, f"{axis}1": value, f"{across}ref": "paper",
                       f"{across}0": 0, f"{across}1": 1, "layer": "below",
                       "line": {"color": colour, "width": 1.5, "dash": dash}})
        # In the plot's free top row (_rows): a legend moved above the plot (static edition) never covers them.
        place = ({"y": 1, "yanchor": "top", "xanchor": anchor} if axis == "x" else
                 {"x": 0, "xanchor": "left", "yanchor": "bottom" if anchor == "left" else "top"})
        notes.append({axis: value, f"{across}ref": "paper", "text": text, "showarrow": False,
                      "font": {"size": 11, "color": colour}, **place})
    return shapes, notes


def _axis(title: str, high: float) -> dict[str, Any]:
    return {"title": {"text": title}, "range": [0, max(10.0, math.ceil(high) + 1)], "ticksuffix": "%",
            "showgrid": True, "gridcolor": "#EEEEEE", "zeroline": False, "fixedrange": True}


def _rows(n: int) -> dict[str, Any]:
    """A category axis, first row on top, with a free row above it for the 3% and 5% labels."""
    return {"range": [n - 0.5, -1.4], "automargin": True, "fixedrange": True}


def _legend(height: int, top: int, bottom: int) -> dict[str, Any]:
    """A legend 62 px under the plot, clear of the x axis's ticks and title at any height."""
    return {"orientation": "h", "x": 0, "y": -62 / max(height - top - bottom, 100), "yanchor": "top"}


def _none(values: pd.Series) -> list[float | None]:  # plotly's gap for a missing value
    return [None if pd.isna(v) else round(float(v), 2) for v in values]


def build_cost_dumbbell(change: costs.CostChange, names: dict[str, str], lang: str = "en") -> Figure:
    """The cost of sending money to each of the 24 in `change.then` and `change.now` (one edition),
    a line between the two, costliest in `now` at the top; the 3% and 5% lines drawn."""
    _ = i18n.translator(lang)
    rows = change.table.dropna(subset=["cost_then", "cost_now"])
    labels = [names.get(c, c) for c in rows["iso3"]]
    xs, ys = [], []
    for label, a, b in zip(labels, rows["cost_then"], rows["cost_now"]):
        xs += [round(a, 2), round(b, 2), None]
        ys += [label, label, None]
    data: list[dict[str, Any]] = [{"type": "scatter", "mode": "lines", "x": xs, "y": ys, "showlegend": False,
                                   "hoverinfo": "skip", "line": {"color": "#A0A0A0", "width": 2}}]
    for year, column, symbol, colour in ((change.then, "cost_then", "circle-open", PALETTE[5]),
                                         (change.now, "cost_now", "circle", PALETTE[0])):
        data.append({"type": "scatter", "mode": "markers", "name": str(year), "x": _none(rows[column]), "y": labels,
                     "marker": {"symbol": symbol, "size": 10, "color": colour, "line": {"width": 2, "color": colour}},
                     "customdata": [pct(v, lang) for v in rows[column]],
                     "hovertemplate": "%{y}, " + str(year) + ": %{customdata}<extra></extra>"})
    shapes, notes = _lines("x", lang)
    title = change_title(change.then, change.now, lang)
    layout = base_layout(
        height=(height := 210 + 24 * len(labels)), margin={"l": 10, "r": 20, "t": 80, "b": 90},
        title={"text": wrap_title(title), "font": {"size": 14}}, shapes=shapes, annotations=notes,
        xaxis=_axis(_(COST_UNIT), float(rows[["cost_then", "cost_now"]].max().max())),
        yaxis=_rows(len(labels)),
        legend=_legend(height, 80, 90), hovermode="closest")
    return {"data": data, "layout": layout}


def build_corridor_bars(rows: pd.DataFrame, country: str, names: dict[str, str], lang: str = "en") -> Figure:
    """The corridors into `country` (costs.corridors_of), costliest to cheapest in the latest official
    quarter; beside each, the derived series' latest quarter, in its own colour and pattern."""
    _ = i18n.translator(lang)
    labels = [names.get(p, p) for p in rows["partner_iso3"]]
    data = []
    if len(rows):
        official, derived = rows["official_quarter"].iloc[0], rows["derived_quarter"].iloc[0]
        for column, name, colour, pattern in (
                ("official_cost_pct", _("{quarter}, World Bank RPW").format(quarter=quarter_text(official, lang)),
                 OFFICIAL_COLOUR, ""),
                ("derived_cost_pct", _("{quarter}, {derived}").format(quarter=quarter_text(derived, lang),
                                                                      derived=_(DERIVED_WORDS)),
                 DERIVED_COLOUR, "/")):
            values = rows[column]
            if values.isna().all():
                continue
            data.append({"type": "bar", "orientation": "h", "name": wrap(name, 44), "y": labels, "x": _none(values),
                         "marker": {"color": colour, **({"pattern": {"shape": pattern, "fillmode": "overlay",
                                                                     "fgcolor": "#FFFFFF", "solidity": 0.3}}
                                                        if pattern else {})},
                         "text": ["" if pd.isna(v) else pct(v, lang) for v in values], "textposition": "outside",
                         "cliponaxis": False, "customdata": [name] * len(labels),
                         "hovertemplate": "%{y} → " + country + ", %{customdata}: %{text}<extra></extra>"})
    shapes, notes = _lines("x", lang, "" if data else country)
    high = rows[["official_cost_pct", "derived_cost_pct"]].max().max() if len(rows) else 10.0
    title = corridor_title("bars", country, lang)
    layout = base_layout(
        height=(height := 250 + 46 * max(len(labels), 1)), barmode="group", bargap=0.25, bargroupgap=0.05,
        margin={"l": 10, "r": 50, "t": 80, "b": 90}, title={"text": wrap_title(title), "font": {"size": 14}},
        shapes=shapes, annotations=notes, xaxis=_axis(_(COST_UNIT), 10.0 if pd.isna(high) else float(high)),
        yaxis=_rows(len(labels)),
        legend=_legend(height, 80, 90))
    return {"data": data, "layout": layout}


def build_corridor_trend(series: list[tuple[str, pd.DataFrame]], country: str, names: dict[str, str],
                         lang: str = "en", shown: int = SHOWN_LINES) -> Figure:
    """Each corridor's cost over time (series: sender, costs.corridor_series), the official series as
    a solid line, the derived one as a dotted line of the same colour: two traces, never one line.
    The first `shown` corridors are drawn; the others wait in the legend."""
    _ = i18n.translator(lang)
    data: list[dict[str, Any]] = []
    words = {"official": _("official"), "derived": _(DERIVED_WORDS)}
    for i, (sender, rows) in enumerate(series):
        colour = LINE_COLOURS[i % len(LINE_COLOURS)]
        name = names.get(sender, sender)
        for kind, dash in (("official", "solid"), ("derived", "dot")):
            part = rows[rows["series"] == kind]
            if part.empty:
                continue
            data.append({
                "type": "scatter", "mode": "lines", "name": name, "legendgroup": sender,
                "showlegend": not any(t.get("legendgroup") == sender for t in data),
                "visible": True if i < shown else "legendonly",
                "x": [round(y + (q - 1) / 4, 2) for y, q in zip(part["year"], part["quarter"])],
                "y": [round(v, 2) for v in part["cost_pct"]], "line": {"color": colour, "width": 2, "dash": dash},
                "customdata": [f"{quarter_text(label, lang)}: {pct(v, lang)}"  # short: ~1,500 points for India
                               for label, v in zip(part["label"], part["cost_pct"])],
                "hovertemplate": f"{name} → {country}, {words[kind]}<br>%{{customdata}}<extra></extra>"})
    # Grey keys say which line is which series (the derived one only where it is drawn: not for Algeria).
    drawn = {kind for _s, rows in series for kind in set(rows["series"])}
    for kind, dash in (("official", "solid"), ("derived", "dot")):
        if kind not in drawn:
            continue
        data.append({"type": "scatter", "mode": "lines", "x": [None], "y": [None], "hoverinfo": "skip",
                     "name": wrap(_("World Bank RPW, official") if kind == "official" else _(DERIVED_KEY), 44),
                     "line": {"color": "#555555", "width": 2, "dash": dash}, "legendgroup": f"key-{kind}"})
    shapes, notes = _lines("y", lang, "" if series else country)
    high = max((max(t["y"]) for t in data if t["y"] and t["y"][0] is not None), default=10.0)
    title = corridor_title("trend", country, lang)
    layout = base_layout(
        height=380 + 16 * len(series), margin={"l": 10, "r": 10, "t": 80, "b": 40},
        title={"text": wrap_title(title), "font": {"size": 14}}, shapes=shapes, annotations=notes, hovermode="closest",
        xaxis={"range": [costs.FIRST_YEAR - 0.5, 2025.75], "dtick": 2, "tickformat": "d", "showgrid": True,
               "gridcolor": "#EEEEEE", "fixedrange": True},
        yaxis={**_axis(_(COST_UNIT), high), "automargin": True},
        legend={"orientation": "h", "x": 0, "y": -0.15, "yanchor": "top"})
    return {"data": data, "layout": layout}


# --- the charts by name --------------------------------------------------------------------------

def country_of(tables: Tables, options: Options) -> str:
    """The chosen signatory (?country=), else the corridor picker's default: the largest origin
    among the 24 in 2020."""
    iso3, iso3s = first(options, "country"), list(tables.signatories["iso3"])
    return iso3 if iso3 in iso3s else migration.largest_origin(tables.stock, iso3s, DEFAULT_YEAR)


def change_of(tables: Tables) -> costs.CostChange:  # the 24, 2011 and 2020, the 2023 edition
    return costs.cost_change(tables.remittance_costs, list(tables.signatories["iso3"]), *YEARS)


THE = frozenset({"ARE", "BHS", "CAF", "COD", "COM", "DOM", "GBR", "GMB", "MDV", "NLD", "PHL", "SLB", "USA"})


def in_text(iso3: str, lang: str) -> str:
    """A name inside a sentence: "from the United States" (es/fr words take the bare name)."""
    name = i18n.country_name(iso3, lang)
    return f"the {name}" if lang == "en" and iso3 in THE else name


def names_of(codes: Any, lang: str) -> dict[str, str]:
    """iso3 -> the short name in `lang` (CLDR: "United States", "Royaume-Uni"), as the pickers write them."""
    return {c: i18n.country_name(c, lang) for c in codes}


def _name(tables: Tables, options: Options) -> tuple[str, str, dict[str, str]]:
    iso3 = country_of(tables, options)
    senders = tables.corridor_costs.loc[tables.corridor_costs["receiver_iso3"] == iso3, "sender_iso3"].unique()
    names = names_of({iso3, *senders}, lang_of(options))
    return iso3, in_text(iso3, lang_of(options)), names


def _dumbbell(tables: Tables, options: Options) -> Figure:
    return build_cost_dumbbell(change_of(tables), names_of(tables.signatories["iso3"], lang_of(options)),
                               lang_of(options))


def _corridors(kind: str, tables: Tables, options: Options) -> Figure:
    """The corridor bars ("bars") or lines ("trend") of the chosen signatory."""
    (iso3, name, names), every, lang = _name(tables, options), tables.corridor_costs, lang_of(options)
    ranked = costs.corridors_of(every, iso3)
    if kind == "bars":
        return build_corridor_bars(ranked, name, names, lang)
    into = every[every["receiver_iso3"] == iso3]  # one filter, then one per corridor on the few rows left
    return build_corridor_trend([(s, costs.corridor_series(into, s, iso3)) for s in ranked["partner_iso3"]], name,
                                names, lang)


def _title(kind: str, tables: Tables, options: Options) -> str:
    return corridor_title(kind, in_text(country_of(tables, options), lang_of(options)), lang_of(options))


CORRIDOR_SOURCES = (RPW_SOURCE, (DERIVED_SOURCE, "derived"))
CHARTS = (
    Chart("cost-change", N_("The cost of sending US$200 to each of the 24, 2011 and 2020: costliest in 2020 first"),
          (RPW_SOURCE,), "migration", _dumbbell, title_for=lambda t, o: change_title(*YEARS, lang_of(o)),
          note_for=lambda t, o: i18n.translator(lang_of(o))(COST_NOTE)),
    Chart("cost-corridors", N_("The cost of sending US$200 in each corridor into a signatory"), CORRIDOR_SOURCES,
          "migration", lambda t, o: _corridors("bars", t, o), ("country",),
          title_for=lambda t, o: _title("bars", t, o)),
    Chart("cost-trend", N_("The cost of each corridor into a signatory, 2011-2025"), CORRIDOR_SOURCES,
          "migration", lambda t, o: _corridors("trend", t, o), ("country",),
          title_for=lambda t, o: _title("trend", t, o)),
)
