"""Migration figures: indicator map modes, the corridor flow map and bars, remittances over time.

Frames in (dashboard.core.migration's tables), plain plotly figure dicts out; no Streamlit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.config import MAP_CENTER, MAP_ZOOM, N_, NOT_SIGNATORY, OUTLINE, PALETTE, SEQUENTIAL
from dashboard.core import i18n
from dashboard.figures import formats
from dashboard.figures.charts import Figure, _layout
from dashboard.figures.modes import ScaleMode

LIMA_YEAR = 2006 + (31 + 28 + 31 + 30 + 16) / 365  # 16 May 2006 on a year axis
STOCK_SOURCE = N_("UN DESA, International Migrant Stock 2020 (1990-2020; CC BY 3.0 IGO); 2024: "
                  "International Migrant Stock 2024")
WDI_SOURCE = N_("World Bank, World Development Indicators (personal remittances received, GDP; CC BY 4.0)")
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
    source: str
    caveat: str = ""

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
)}
YEARS: tuple[int, ...] = tuple(sorted({y for i in INDICATORS.values() for y in i.years}))


def indicator_year(indicator: Indicator, year: int | None) -> int:
    """The year asked for if the indicator has it, else its latest."""
    return year if year in indicator.years else indicator.years[-1]


def indicator_values(table: pd.DataFrame, indicator: Indicator, year: int) -> dict[str, float]:
    """iso3 -> value for one indicator and year (missing values left out)."""
    rows = table[(table["year"] == year)].dropna(subset=[indicator.column])
    return {iso3: float(v) for iso3, v in zip(rows["iso3"], rows[indicator.column])}


def indicator_mode(table: pd.DataFrame, indicator: Indicator, year: int, lang: str = "en") -> ScaleMode:
    """A map mode shading every country by the indicator in `year` (log scale: values span decades)."""
    _ = i18n.translator(lang)
    values = indicator_values(table, indicator, year)
    label = _(indicator.label)
    note = _("{label}, {year}. Source: {source}. {caveat} Grey: no data. The 24 signatories are outlined.").format(
        label=label, year=year, source=_(indicator.source), caveat=_(indicator.caveat))
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
    z, text = [], []
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
        for row in top.itertuples():
            lats, lons = _arc(home, points[row.partner_iso3]) if direction == "destinations" else \
                _arc(points[row.partner_iso3], home)
            data.append({"type": "scattermap", "mode": "lines", "lat": lats, "lon": lons, "showlegend": False,
                         "hoverinfo": "skip", "opacity": 0.85,
                         "line": {"width": round(1.5 + 8 * math.sqrt(float(row.migrants) / peak), 1),
                                  "color": PALETTE[5]}})
        data.append({"type": "scattermap", "mode": "markers", "showlegend": False,
                     "lat": [home[0], *(points[p][0] for p in top["partner_iso3"])],
                     "lon": [home[1], *(points[p][1] for p in top["partner_iso3"])],
                     "marker": {"size": [11, *([6] * len(top))], "color": [OUTLINE, *([PALETTE[5]] * len(top))]},
                     "hovertext": [country_name, *(f"{i + 1}. {names.get(p, p)}: {formats.people(float(m), lang)}"
                                                   for i, (p, m) in enumerate(zip(top["partner_iso3"],
                                                                                  top["migrants"])))],
                     "hoverinfo": "text"})
    layout = _layout(height=420, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                     map={"style": "white-bg", "center": MAP_CENTER, "zoom": MAP_ZOOM}, dragmode=False)
    return {"data": data, "layout": layout}


def wrap_title(text: str) -> str:
    """A chart title on two lines, at its first colon or last comma, so a phone shows all of it."""
    for mark in (": ", " : "):
        if mark in text:
            head, tail = text.split(mark, 1)
            return f"{head}{mark.rstrip()}<br>{tail}"
    head, sep, tail = text.rpartition(", ")
    return f"{head},<br>{tail}" if sep else text


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
    layout = _layout(height=130 + 44 * len(ranked), barmode="group", bargap=0.25,
                     title={"text": wrap_title(title), "font": {"size": 14}},
                     legend={"orientation": "h", "x": 0, "y": -0.12, "yanchor": "top", "traceorder": "reversed"},
                     margin={"l": 10, "r": 40, "t": 70, "b": 70},
                     xaxis={"title": {"text": _("Migrants (people)")}, "rangemode": "tozero", "showgrid": True,
                            "gridcolor": "#EEEEEE", "tickformat": "~s"},
                     yaxis={"automargin": True})
    return {"data": data, "layout": layout}


def build_remittance_lines(rem: pd.DataFrame, signatories: pd.DataFrame, highlight: str | None,
                           region_colours: dict[str, str], lang: str = "en") -> Figure:
    """Remittances received by each of the 24, 1990-2023 (log scale), the Lima date marked.

    rem: iso3, year, remittances_usd; signatories: iso3, name, region.
    """
    _ = i18n.translator(lang)
    data = []
    names = {c: i18n.country_name(c, lang) for c in signatories["iso3"]}
    regions = dict(zip(signatories["iso3"], signatories["region"]))
    ordered = sorted(names, key=lambda c: (c == highlight, names[c]))
    seen_regions: set[str] = set()
    ours = rem[rem["iso3"].isin(names)].dropna(subset=["remittances_usd"]).sort_values(["iso3", "year"])
    series = dict(tuple(ours.groupby("iso3", sort=False)))  # one pass, not one filter per country
    for iso3 in ordered:
        rows = series.get(iso3)
        if rows is None:
            continue
        chosen = iso3 == highlight
        region = regions[iso3]
        colour = OUTLINE if chosen else region_colours.get(region, "#999999")
        data.append({
            "type": "scatter", "mode": "lines", "x": rows["year"].tolist(),
            "y": [round(v / 1e9, 4) for v in rows["remittances_usd"]],
            "name": names[iso3] if chosen else i18n.region_name_for(region, lang),
            "legendgroup": "chosen" if chosen else region,
            "showlegend": chosen or region not in seen_regions,
            "line": {"width": 3.5 if chosen else 1.2, "color": colour},
            "opacity": 1 if chosen or highlight is None else 0.55,
            "customdata": [formats.usd(v, lang) for v in rows["remittances_usd"]],
            "hovertemplate": f"{names[iso3]}, %{{x}}: %{{customdata}}<extra></extra>",
        })
        seen_regions.add(region)
    layout = _layout(
        height=440, margin={"l": 10, "r": 10, "t": 60, "b": 40},
        title={"text": wrap_title(_("Remittances received by each of the 24, 1990-2023")), "font": {"size": 14}},
        xaxis={"title": {"text": _("Year")}, "range": [1989.5, 2023.5], "showgrid": True, "gridcolor": "#EEEEEE"},
        yaxis={"title": {"text": _("US$ bn, current (log scale)")}, "type": "log", "dtick": 1, "showgrid": True,
               "gridcolor": "#EEEEEE", "automargin": True},
        legend={"orientation": "h", "x": 0, "y": -0.18, "yanchor": "top"},
        shapes=[{"type": "line", "x0": LIMA_YEAR, "x1": LIMA_YEAR, "yref": "paper", "y0": 0, "y1": 1,
                 "line": {"color": "#555555", "width": 1.5, "dash": "dot"}}],
        annotations=[{"x": LIMA_YEAR, "yref": "paper", "y": 1, "text": _("Lima, May 2006"), "showarrow": False,
                      "xanchor": "left", "yanchor": "top", "font": {"size": 12, "color": "#333333"}}],
    )
    return {"data": data, "layout": layout}


SHARE_MEASURES = {"emigrants": N_("International migrants born in the 24"),
                  "remittances": N_("Remittances received by the 24")}


def build_share_change(shares: pd.DataFrame, lang: str = "en") -> Figure:
    """The 24's share of the world, then and now: rows measure (a SHARE_MEASURES key), year_then,
    then, year_now, now (%)."""
    _ = i18n.translator(lang)
    rows = shares.iloc[::-1].assign(measure=lambda f: [_(SHARE_MEASURES.get(m, m)) for m in f["measure"]])
    data = []
    for col, ycol, colour in (("then", "year_then", PALETTE[4]), ("now", "year_now", PALETTE[0])):
        data.append({"type": "bar", "orientation": "h", "y": rows["measure"].tolist(), "x": rows[col].round(1).tolist(),
                     "name": "2005" if col == "then" else _("latest"), "marker": {"color": colour},
                     "text": [f"{formats.percent(v, lang)} ({y})" for v, y in zip(rows[col], rows[ycol])],
                     "textposition": "outside", "cliponaxis": False,
                     "hovertemplate": "%{y}: %{text}<extra></extra>"})
    layout = _layout(height=320, barmode="group", margin={"l": 10, "r": 70, "t": 60, "b": 30},
                     title={"text": wrap_title(_("The 24's share of the world, 2005 and the latest year")),
                            "font": {"size": 14}},
                     xaxis={"title": {"text": _("% of the world total")}, "range": [0, 100], "ticksuffix": "%"},
                     yaxis={"automargin": True}, legend={"orientation": "h", "x": 0, "y": -0.22, "yanchor": "top",
                                                          "traceorder": "reversed"})
    return {"data": data, "layout": layout}
