"""The "Migration & remittances" tab's maps: every country shaded by a migration indicator, and a
signatory's corridors on a flow map and in ranked bars (no Streamlit). Remittances over time are
in dashboard/figures/remittances.py."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.config import MAP_CENTER, MAP_ZOOM, N_, NOT_SIGNATORY, OUTLINE, PALETTE, SEQUENTIAL
from dashboard.core import i18n, migration, ranking
from dashboard.data import Tables
from dashboard.figures import costs, formats
from dashboard.figures.breaks import BREAK_MARK, break_notes
from dashboard.figures.chart import Chart, Options, first, lang_of
from dashboard.figures.modes import ColorMode, ScaleMode
from dashboard.figures.style import Figure, base_layout, wrap_title
from dashboard.figures.world import build_world_map

STOCK_SOURCE, WDI_SOURCE = "undesa-stock", "wdi"  # keys of dashboard.core.sources
TODAY_NOTE = N_("Today's estimates, not those known in 2006: the World Bank has since revised many "
                "series (China's remittances for 2005 were reported at about US$21 bn then; today's "
                "series gives US$3.3 bn).")


@dataclass(frozen=True)
class Indicator:
    key: str  # the URL value (?indicator= and ?color=)
    label: str  # "Emigrants living abroad"
    table: str  # "stock" or "remittances"
    column: str
    unit: str
    years: tuple[int, ...]  # the choices offered: 2005 (before Lima) and the latest
    kind: str  # "people", "usd" or "percent"
    source: str  # a key of dashboard.core.sources
    caveat: str = ""
    years_note: str = ""  # what the year switch's help says when not "2005: before Lima"

    def format(self, value: float, lang: str = "en") -> str:
        return formats.LONG[self.kind](value, lang)


INDICATORS: dict[str, Indicator] = {i.key: i for i in (
    Indicator("emigrants", N_("Emigrants living abroad"), "stock", "emigrants", N_("people"), (2005, 2020),
              "people", STOCK_SOURCE,
              N_("People born in the country (or its citizens) living in another country.")),
    Indicator("immigrants", N_("Immigrants living in the country"), "stock", "immigrants", N_("people"),
              (2005, 2020, 2024), "people", STOCK_SOURCE,
              N_("2024 comes from the 2024 revision; earlier years from the 2020 revision.")),
    Indicator("emigrants_pct", N_("Emigrants as % of the population at home"), "stock",
              "emigrants_pct_population", N_("% of the population at home"), (2005, 2020), "percent",
              STOCK_SOURCE, N_("Emigrants divided by the population living in the country, times 100 "
                               "(population: World Bank WDI, from UN World Population Prospects 2024); "
                               "small territories can exceed 100%.")),
    Indicator("remittances", N_("Remittances received"), "remittances", "remittances_usd", N_("US$, current"),
              (2005, 2023), "usd", WDI_SOURCE, TODAY_NOTE),
    Indicator("remittances_pct_gdp", N_("Remittances received, % of GDP"), "remittances", "remittances_pct_gdp",
              N_("% of GDP"), (2005, 2023), "percent", WDI_SOURCE, TODAY_NOTE),
    # Stepped classes, not a scale: drawn by dashboard/figures/costs.py (SDG 10.c's 3% and 5% as edges).
    Indicator(costs.COST_KEY, costs.COST_LABEL, "costs", "cost_pct", costs.COST_UNIT, costs.YEARS, "percent",
              costs.RPW_SOURCE, costs.COST_NOTE, costs.YEARS_NOTE),
)}
YEARS: tuple[int, ...] = tuple(sorted({y for i in INDICATORS.values() for y in i.years}))


def indicator_year(indicator: Indicator, year: int | None) -> int:
    """The year asked for if the indicator has it, else its latest."""
    return year if year in indicator.years else indicator.years[-1]


def indicator_values(table: pd.DataFrame, indicator: Indicator, year: int) -> dict[str, float]:
    """iso3 -> value for one indicator and year (missing values left out)."""
    rows = table[(table["year"] == year)].dropna(subset=[indicator.column])
    return {iso3: float(v) for iso3, v in zip(rows["iso3"], rows[indicator.column])}


def indicator_mode(table: pd.DataFrame, indicator: Indicator, year: int, lang: str = "en") -> ScaleMode | ColorMode:
    """A map mode shading every country by the indicator in `year` (log scale: values span decades;
    the cost of sending money in classes around SDG 10.c's 3% and 5%)."""
    _ = i18n.translator(lang)
    if indicator.table == "costs":
        return costs.cost_mode(costs.cost_values(table, year), year, lang)
    values: dict[str, float | None] = dict(indicator_values(table, indicator, year))
    label = _(indicator.label)
    note = " ".join((f"{label}, {year}.", _(indicator.caveat), _("Grey: no data. The 24 signatories are outlined.")))
    return ScaleMode(key=indicator.key, label=f"{label}, {year}", values=values,
                     unit=f"{label}, {year}<br>" + _("{unit}; log scale").format(unit=_(indicator.unit)),
                     format=lambda v: indicator.format(v, lang), colourscale=SEQUENTIAL, log=True, note=note,
                     short=lambda v: formats.SHORT[indicator.kind](v, lang))


def _arc(a: tuple[float, float], b: tuple[float, float], points: int = 24) -> tuple[list[float], list[float]]:
    """A gentle curve from a to b (lat, lon), bowed to the left, so that flows do not hide borders."""
    (lat0, lon0), (lat1, lon1) = a, b
    mid_lat, mid_lon = (lat0 + lat1) / 2, (lon0 + lon1) / 2
    dlat, dlon = lat1 - lat0, lon1 - lon0
    bend = 0.18
    ctrl = (mid_lat + dlon * bend, mid_lon - dlat * bend)
    lats, lons = [], []
    for i in range(points + 1):
        t = i / points
        lats.append(round((1 - t) ** 2 * lat0 + 2 * (1 - t) * t * ctrl[0] + t ** 2 * lat1, 2))
        lons.append(round((1 - t) ** 2 * lon0 + 2 * (1 - t) * t * ctrl[1] + t ** 2 * lon1, 2))
    return lats, lons


def build_flow_map(geojson: dict[str, Any], world_ids: list[str], country: str, country_name: str,
                   partners: pd.DataFrame, all_partners: dict[str, float], points: dict[str, tuple[float, float]],
                   names: dict[str, str], year: int, direction: str, lang: str = "en") -> Figure:
    """Where a country's emigrants live (or where its immigrants come from) in `year`.

    Every partner country is shaded by its stock (log scale); lines to the top partners
    (`partners`: partner_iso3, migrants, share), their width by stock. Drawn on the project's
    own geometry with no tiles, so offline.
    """
    _ = i18n.translator(lang)
    values = {k: v for k, v in all_partners.items() if v > 0}
    logs = {k: math.log10(v) for k, v in values.items()}
    high = math.ceil(max(logs.values(), default=1))
    z: list[float] = []
    text: list[str] = []
    for fid in world_ids:
        if fid == country:
            z.append(-1)
            text.append(f"<b>{country_name}</b>")
        elif fid in logs:
            z.append(round(logs[fid], 3))
            line = (_("{n} migrants from {country}") if direction == "destinations"
                    else _("{n} migrants living in {country}"))
            text.append(f"<b>{names.get(fid, fid)}</b><br>" + line.format(n=formats.people(values[fid], lang),
                                                                           country=country_name))
        else:
            z.append(-1)
            text.append(_("{name}: none recorded").format(name=names.get(fid, fid)))
    ticks = list(range(0, high + 1, max(1, high // 4)))
    steps = len(SEQUENTIAL) - 1
    base = {
        "type": "choroplethmap", "geojson": geojson, "locations": world_ids, "z": z, "zmin": -1,
        "zmax": high, "showlegend": False, "hovertemplate": "%{text}<extra></extra>", "text": text,
        "colorscale": [[0, NOT_SIGNATORY], [0.999 / (high + 1), NOT_SIGNATORY],
                       *[[(1 + i * high / steps) / (high + 1), c] for i, c in enumerate(SEQUENTIAL[:-1])],
                       [1, SEQUENTIAL[-1]]],
        "marker": {"line": {"width": [1.6 if f == country else 0.3 for f in world_ids],
                            "color": [OUTLINE if f == country else "#FFFFFF" for f in world_ids]}},
        "colorbar": {"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "top", "len": 0.9,
                     "thickness": 10, "outlinewidth": 0, "tickvals": ticks,
                     "ticktext": [formats.axis_people(10 ** t, lang) for t in ticks],
                     "title": {"text": _("Migrants, {year} (log scale)").format(year=year), "side": "top"}},
    }
    data: list[dict[str, Any]] = [base]
    home = points.get(country)
    top = partners[partners["partner_iso3"].isin(points.keys())]
    peak = max((float(m) for m in top["migrants"]), default=1.0)
    if home is not None:
        for partner, migrants in zip(top["partner_iso3"], top["migrants"]):
            lats, lons = _arc(home, points[partner]) if direction == "destinations" else _arc(points[partner], home)
            data.append({"type": "scattermap", "mode": "lines", "lat": lats, "lon": lons, "showlegend": False,
                         "hoverinfo": "skip", "opacity": 0.85,
                         "line": {"width": round(1.5 + 8 * math.sqrt(float(migrants) / peak), 1),
                                  "color": PALETTE[5]}})
        data.append({"type": "scattermap", "mode": "markers", "showlegend": False,
                     "lat": [home[0], *(points[p][0] for p in top["partner_iso3"])],
                     "lon": [home[1], *(points[p][1] for p in top["partner_iso3"])],
                     "marker": {"size": [11, *([6] * len(top))], "color": [OUTLINE, *([PALETTE[5]] * len(top))]},
                     "hovertext": [country_name, *(f"{i + 1}. {names.get(p, p)}: {formats.people(float(m), lang)}"
                                                   for i, (p, m) in enumerate(zip(top["partner_iso3"],
                                                                                  top["migrants"])))],
                     "hoverinfo": "text"})
    layout = base_layout(height=420, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                     map={"style": "white-bg", "center": MAP_CENTER, "zoom": MAP_ZOOM}, dragmode=False)
    return {"data": data, "layout": layout}


def build_partner_bars(country_name: str, ranked: pd.DataFrame, names: dict[str, str],
                       years: tuple[int, int], direction: str, lang: str = "en") -> Figure:
    """Top partners, one bar per year side by side (ranked by the later year).

    ranked: partner_iso3 and one column per year (migrants; NaN where none).
    """
    _ = i18n.translator(lang)
    ranked = ranked.iloc[::-1]
    labels = [names.get(p, p) for p in ranked["partner_iso3"]]
    data = []
    for year, colour in zip(years, (PALETTE[4], PALETTE[0])):
        values = ranked[year].astype("float64")
        data.append({"type": "bar", "orientation": "h", "name": str(year), "y": labels,
                     "x": [None if math.isnan(v) else v for v in values],
                     "marker": {"color": colour},
                     "text": [formats.axis_people(v, lang) if not math.isnan(v) else "" for v in values],
                     "customdata": [formats.people(v, lang) if not math.isnan(v) else "" for v in values],
                     "textposition": "outside", "cliponaxis": False,
                     "hovertemplate": "%{y}, " + str(year) + ": %{customdata}<extra></extra>"})
    title = (_("Where emigrants from {country} live: the {n} largest groups") if direction == "destinations"
             else _("Where immigrants in {country} come from: the {n} largest groups")).format(
        country=country_name, n=len(ranked))
    layout = base_layout(height=130 + 44 * len(ranked), barmode="group", bargap=0.25,
                     title={"text": wrap_title(title), "font": {"size": 14}},
                     legend={"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top", "traceorder": "reversed"},
                     margin={"l": 10, "r": 40, "t": 70, "b": 70},
                     xaxis={"title": {"text": _("Migrants (people)")}, "rangemode": "tozero", "showgrid": True,
                            "gridcolor": "#EEEEEE", "tickformat": "~s"},
                     yaxis={"automargin": True})
    return {"data": data, "layout": layout}




CORRIDOR_YEARS = (2005, 2020)  # the last estimate before Lima, the latest of the 2020 revision
DIRECTIONS = ("destinations", "origins")


def indicator_of(options: Options) -> tuple[Indicator, int]:
    """The view's indicator (?indicator=, else ?color= when it names one; emigrants by default) and
    its year (?year= when the indicator has it, else its latest)."""
    key = first(options, "indicator") or first(options, "color")
    indicator = INDICATORS.get(key, INDICATORS["emigrants"])
    year = first(options, "year")
    return indicator, indicator_year(indicator, int(year) if year.isdigit() else None)


def table_of(tables: Tables, indicator: Indicator) -> pd.DataFrame:
    if indicator.table == "costs":
        return tables.remittance_costs
    return tables.stock if indicator.table == "stock" else tables.remittances


def scale_mode(tables: Tables, options: Options) -> ScaleMode | ColorMode:
    """The map mode of the view's indicator and year, in its language."""
    indicator, year = indicator_of(options)
    return indicator_mode(table_of(tables, indicator), indicator, year, lang_of(options))


def indicator_title(tables: Tables, options: Options) -> str:
    (indicator, year), _ = indicator_of(options), i18n.translator(lang_of(options))
    return f"{_(indicator.label)}, {year}"


def indicator_note(tables: Tables, options: Options) -> str:
    """The map's caveats, and every signatory whose figure of that year sits inside a series break."""
    indicator, year = indicator_of(options)
    lang = lang_of(options)
    inside = ranking.breaks_in(tables.series_breaks, indicator.column, year, tuple(tables.signatories["iso3"]))
    marks = f" {BREAK_MARK} " + break_notes(inside, tables.names_in(lang), lang) if len(inside) else ""
    return scale_mode(tables, options).note + marks


def _migration_map(tables: Tables, options: Options) -> Figure:
    sig = tables.signatories
    return build_world_map(tables.world, tables.geojson, sig, tuple(sig["iso3"]), scale_mode(tables, options),
                           lang_of(options))


def corridor_country(tables: Tables, options: Options) -> tuple[str, str]:
    """The chosen signatory (else the largest origin among the 24 in 2020) and the direction."""
    iso3, iso3s = first(options, "country"), list(tables.signatories["iso3"])
    if iso3 not in iso3s:
        iso3 = migration.largest_origin(tables.stock, iso3s, CORRIDOR_YEARS[-1])
    direction = first(options, "direction", DIRECTIONS[0])
    return iso3, direction if direction in DIRECTIONS else DIRECTIONS[0]


def _corridor_map(tables: Tables, options: Options) -> Figure:
    (iso3, direction), lang, year = corridor_country(tables, options), lang_of(options), CORRIDOR_YEARS[-1]
    names = tables.names_in(lang)
    now = {p: m for (p, y), m in migration.partner_stock(tables.corridors, iso3, direction).items() if y == year}
    top = migration.top_partners(tables.corridors, iso3, year, direction, n=10)
    return build_flow_map(tables.geojson, list(tables.world["id"]), iso3, names.get(iso3, iso3), top, now,
                          tables.points, names, year, direction, lang)


def _corridor_bars(tables: Tables, options: Options) -> Figure:
    (iso3, direction), lang = corridor_country(tables, options), lang_of(options)
    names = tables.names_in(lang)
    ranked = migration.ranked_partners(tables.corridors, iso3, direction, CORRIDOR_YEARS)
    return build_partner_bars(names.get(iso3, iso3), ranked, names, CORRIDOR_YEARS, direction, lang)


def _corridor_title(tables: Tables, options: Options) -> str:
    (iso3, direction), _ = corridor_country(tables, options), i18n.translator(lang_of(options))
    text = (_("Where emigrants from {country} live, 2020") if direction == "destinations"
            else _("Where immigrants in {country} come from, 2020"))
    return text.format(country=tables.names_in(lang_of(options)).get(iso3, iso3))


def _bars_title(tables: Tables, options: Options) -> str:
    (iso3, direction), _ = corridor_country(tables, options), i18n.translator(lang_of(options))
    text = (_("Where emigrants from {country} live: the {n} largest groups") if direction == "destinations"
            else _("Where immigrants in {country} come from: the {n} largest groups"))
    n = len(migration.top_partners(tables.corridors, iso3, CORRIDOR_YEARS[-1], direction, n=10))
    return text.format(country=tables.names_in(lang_of(options)).get(iso3, iso3), n=n)


CHARTS = (
    Chart("migration", N_("Migration and remittances, every country"), (STOCK_SOURCE,), "migration",
          _migration_map, ("indicator", "year"), title_for=indicator_title,
          sources_for=lambda t, o: (indicator_of(o)[0].source,), note_for=indicator_note),
    Chart("corridors", N_("Where a signatory's emigrants live, 2020"), (STOCK_SOURCE,), "migration",
          _corridor_map, ("country", "direction"), title_for=_corridor_title),
    Chart("corridor-bars", N_("A signatory's ten largest corridors, 2005 and 2020"), (STOCK_SOURCE,), "migration",
          _corridor_bars, ("country", "direction"), title_for=_bars_title),
)
