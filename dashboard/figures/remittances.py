"""The "Migration & remittances" tab's lines: remittances received by each of the 24 over time, and
the 24's share of the world's migrants and remittances then and now (no Streamlit)."""

from __future__ import annotations

import pandas as pd

from dashboard.config import N_, OUTLINE, PALETTE
from dashboard.core import collation, i18n, migration
from dashboard.figures import formats
from dashboard.figures.chart import Chart, first, lang_of
from dashboard.figures.migration import STOCK_SOURCE, TODAY_NOTE, WDI_SOURCE
from dashboard.figures.modes import base_modes
from dashboard.figures.style import Figure, base_layout, wrap_title

LIMA_YEAR = 2006 + (31 + 28 + 31 + 30 + 16) / 365  # 16 May 2006 on a year axis


def build_remittance_lines(rem: pd.DataFrame, signatories: pd.DataFrame, highlight: str | None,
                           region_colours: dict[str, str], lang: str = "en") -> Figure:
    """Remittances received by each of the 24, 1990-2023 (log scale), the Lima date marked.

    rem: iso3, year, remittances_usd; signatories: iso3, name, region.
    """
    _ = i18n.translator(lang)
    data = []
    names = {c: i18n.country_name(c, lang) for c in signatories["iso3"]}
    regions = dict(zip(signatories["iso3"], signatories["region"]))
    ordered = sorted(names, key=lambda c: (c == highlight, collation.collation_key(names[c], lang)))
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
    layout = base_layout(
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
    layout = base_layout(height=320, barmode="group", margin={"l": 10, "r": 70, "t": 60, "b": 30},
                     title={"text": wrap_title(_("The 24's share of the world, 2005 and the latest year")),
                            "font": {"size": 14}},
                     xaxis={"title": {"text": _("% of the world total")}, "range": [0, 100], "ticksuffix": "%"},
                     yaxis={"automargin": True}, legend={"orientation": "h", "x": 0, "y": -0.22, "yanchor": "top",
                                                          "traceorder": "reversed"})
    return {"data": data, "layout": layout}


def _today(tables, options) -> str:
    return i18n.translator(lang_of(options))(TODAY_NOTE)


CHARTS = (
    Chart("remittances", N_("Remittances received by each of the 24, 1990-2023"), (WDI_SOURCE,), "migration",
          lambda t, o: build_remittance_lines(t.remittances, t.signatories, first(o, "country") or None,
                                              base_modes(t.signatories)["region"].colours, lang_of(o)),
          ("country",), note_for=_today),
    Chart("migration-share", N_("The 24's share of the world, 2005 and the latest year"), (STOCK_SOURCE, WDI_SOURCE),
          "migration", lambda t, o: build_share_change(migration.share_table(t.migration_summary), lang_of(o)),
          note_for=_today),
)
