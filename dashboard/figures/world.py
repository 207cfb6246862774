"""The world map: every country, coloured by a category (ColorMode) or a quantity (ScaleMode).

A MapLibre choropleth on a white background with the project's own GeoJSON: no tile server,
no font server, so it draws offline. Categories become one trace each, holding only their own
countries' outlines, so the geometry is on the page once and plotly's legend (a list of
categories, laid out below the map) replaces a colour bar that would cover part of the world on a
narrow screen. A quantity is one trace with a horizontal colour bar under the map.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import pycountry

from dashboard.config import BORDER, FILTERED_OUT, MAP_CENTER, MAP_HEIGHT, MAP_ZOOM, N_, NOT_SIGNATORY, OUTLINE
from dashboard.core import i18n
from dashboard.figures.modes import ColorMode, ScaleMode
from dashboard.figures.style import Figure, base_layout

NOT_SIGNATORY_LABEL = N_("Not a signatory")
NO_VALUE_LABEL = N_("No data")
OUTSIDE_LABEL = N_("Signatory outside the filter")
_LEGEND = {"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "top",
           "bgcolor": "rgba(255,255,255,0)", "font": {"size": 12}, "itemclick": False,
           "itemdoubleclick": False, "traceorder": "normal"}


def _map_layout(**extra: Any) -> dict[str, Any]:
    return base_layout(height=MAP_HEIGHT, margin={"l": 0, "r": 0, "t": 0, "b": 0},
                   map={"style": "white-bg", "center": MAP_CENTER, "zoom": MAP_ZOOM,
                        "domain": {"x": [0, 1], "y": [0, 1]}},
                   clickmode="event+select", dragmode=False, **extra)


def _signatory_lines(row: Mapping[Any, Any], iso3: str, lang: str) -> list[str]:
    _ = i18n.translator(lang)
    name = row["name"] if lang == "en" else i18n.country_name(iso3, lang)
    return [f"<b>{name}</b> ({iso3})",
            f"{i18n.region_name_for(row['region'], lang)} / {i18n.region_name_for(row['sub_region'], lang)}",
            _("Signatory of the Lima Declaration")]


def _label(fid: str, label: str, lang: str) -> str:
    """A country's name in `lang` (CLDR), else the map's own English label."""
    if lang == "en" or pycountry.countries.get(alpha_3=fid) is None:
        return label
    return i18n.country_name(fid, lang)


def category_name(category: str, lang: str) -> str:
    """A legend entry in `lang`: a UN M49 region's official name, else the catalog's words."""
    name = i18n.region_name_for(category, lang)
    return name if name != category else i18n.translator(lang)(category)


def build_world_map(world: pd.DataFrame, geojson: dict[str, Any], signatories: pd.DataFrame,
                    shown: Sequence[str], mode: ColorMode | ScaleMode, lang: str = "en") -> Figure:
    """Every country of `world` (`id` = feature id in `geojson`, `label`), coloured by `mode`.

    signatories: the 24 (iso3, name, region, sub_region); shown: iso3 of those inside the
    filter. A mode's values may cover any country: then the 24 are outlined so they stand out.
    Text (legend, hover) is in `lang`.
    """
    if isinstance(mode, ScaleMode):
        return _scale_map(world, geojson, signatories, shown, mode, lang)
    return _category_map(world, geojson, signatories, shown, mode, lang)


def _outline(fid: str, rows: dict[str, Any], shown: set[str], all_states: bool) -> tuple[float, str]:
    if all_states and fid in rows and fid in shown:
        return 1.6, OUTLINE
    return 0.4, BORDER


def _line_style(widths: list[float], colours: list[str]) -> dict[str, Any]:
    """Per-country borders only where they differ (the 24 outlined); else one value for all."""
    if len(set(widths)) <= 1 and len(set(colours)) <= 1:
        return {"width": widths[0] if widths else 0.4, "color": colours[0] if colours else BORDER}
    return {"width": widths, "color": colours}


def _category_map(world: pd.DataFrame, geojson: dict[str, Any], signatories: pd.DataFrame,
                  shown: Sequence[str], mode: ColorMode, lang: str = "en") -> Figure:
    _ = i18n.translator(lang)
    mode_label = _(mode.label)
    rows = {r["iso3"]: r for r in signatories.to_dict("records")}
    shown_set = set(shown)
    all_states = any(iso3 not in rows for iso3 in mode.values)
    rest_label = NO_VALUE_LABEL if all_states else NOT_SIGNATORY_LABEL
    order = [*mode.categories, OUTSIDE_LABEL, rest_label]
    colours = {**mode.colours, OUTSIDE_LABEL: FILTERED_OUT, rest_label: NOT_SIGNATORY}
    features = {f["id"]: f for f in geojson.get("features", [])}
    groups: dict[str, dict[str, list[Any]]] = {c: {"loc": [], "text": [], "width": [], "line": [],
                                                    "features": []} for c in order}
    for fid, label in zip(world["id"], world["label"]):
        row = rows.get(fid)
        category = mode.values.get(fid, "")
        if row is None:
            group = category if category in mode.colours else rest_label
            # Plain text, one line: plotly's JSON writes each "<" and ">" as six bytes, x150 countries.
            lines = [f"{_label(fid, label, lang)} · " + (f"{mode_label}: {category_name(category, lang)}"
                                                         if category else _(NOT_SIGNATORY_LABEL))]
        else:
            inside = fid in shown_set
            group = category if inside and category in mode.colours else (
                OUTSIDE_LABEL if not inside else rest_label)
            lines = _signatory_lines(row, fid, lang)
            if mode.key not in ("region", "sub_region"):
                lines.append(f"{mode_label}: " + (category_name(category, lang) if category else _("no data")))
            if not inside:
                lines.append("<i>" + _("outside the filter") + "</i>")
        if fid in mode.hover:
            lines.append(mode.hover[fid])
        width, line = _outline(fid, rows, shown_set, all_states)
        bucket = groups[group]
        bucket["loc"].append(fid)
        bucket["text"].append("<br>".join(lines))
        bucket["width"].append(width)
        bucket["line"].append(line)
        if fid in features:
            bucket["features"].append(features[fid])
    traces = []
    for category in order:
        bucket = groups[category]
        if not bucket["loc"]:
            continue
        colour = colours[category]
        traces.append({
            "type": "choroplethmap", "name": category_name(category, lang), "showlegend": True,
            "showscale": False,
            "geojson": {"type": "FeatureCollection", "features": bucket["features"]},
            "locations": bucket["loc"], "z": [1] * len(bucket["loc"]),
            "colorscale": [[0, colour], [1, colour]],
            "marker": {"line": _line_style(bucket["width"], bucket["line"])},
            "text": bucket["text"], "hovertemplate": "%{text}<extra></extra>",
        })
    return {"data": traces, "layout": _map_layout(showlegend=True, legend=_LEGEND)}


def _ticks(low: float, high: float, log: bool, unit_format) -> tuple[list[float], list[str]]:
    if log:
        vals = [float(p) for p in range(math.floor(low), math.ceil(high) + 1) if low <= p <= high]
        return vals, [unit_format(10 ** v) for v in vals]
    step = _nice_step((high - low) / 4)
    vals = [low + i * step for i in range(6) if low + i * step <= high + 1e-9]
    return vals, [unit_format(v) for v in vals]


def _nice_step(raw: float) -> float:
    if raw <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)


def _scale_map(world: pd.DataFrame, geojson: dict[str, Any], signatories: pd.DataFrame,
               shown: Sequence[str], mode: ScaleMode, lang: str = "en") -> Figure:
    _ = i18n.translator(lang)
    rows = {r["iso3"]: r for r in signatories.to_dict("records")}
    shown_set = set(shown)
    positive = [v for v in mode.values.values() if v is not None and v > 0 and math.isfinite(v)]
    transform = (lambda v: math.log10(v)) if mode.log else (lambda v: v)
    low = transform(min(positive)) if positive else 0.0
    high = transform(max(positive)) if positive else 1.0
    if mode.log:
        low, high = math.floor(low), math.ceil(high)
    elif mode.zero_based:
        low = 0.0
    high = max(high, low + 1e-9)
    # Countries without a value sit just below the scale, in grey: one trace, one geometry.
    gap = (high - low) * 0.12
    z, text, width, line = [], [], [], []
    for fid, label in zip(world["id"], world["label"]):
        value = mode.values.get(fid)
        has = value is not None and math.isfinite(value) and (value > 0 or not mode.log)
        z.append(round(transform(value), 4) if has and value is not None else round(low - gap, 4))
        row = rows.get(fid)
        lines = (_signatory_lines(row, fid, lang) if row is not None else [f"<b>{_label(fid, label, lang)}</b>"])
        lines.append(f"{_(mode.label)}: " + (mode.format(value) if has and value is not None else _("no data")))
        if fid in mode.hover:
            lines.append(mode.hover[fid])
        text.append("<br>".join(lines))
        w, c = _outline(fid, rows, shown_set, True)
        width.append(w)
        line.append(c)
    zmin = low - gap
    edge = gap / (high - zmin)
    scale = [[0, NOT_SIGNATORY], [edge * 0.999, NOT_SIGNATORY]]
    n = len(mode.colourscale) - 1
    scale += [[edge + (1 - edge) * i / n, colour] for i, colour in enumerate(mode.colourscale)]
    scale[-1][0] = 1  # plotly.js rejects a scale that does not end at exactly 1 (and falls back to its own)
    tickvals, ticktext = _ticks(low, high, mode.log, mode.short or mode.format)
    if len(tickvals) > 5:  # every other decade, so labels do not collide on a phone
        keep = tickvals[::2] if (len(tickvals) - 1) % 2 == 0 else tickvals[1::2]
        ticktext = [t for v, t in zip(tickvals, ticktext) if v in keep]
        tickvals = keep
    trace = {
        "type": "choroplethmap", "geojson": geojson, "locations": list(world["id"]), "z": z,
        "zmin": zmin, "zmax": high, "colorscale": scale, "showlegend": False,
        "marker": {"line": {"width": width, "color": line}},
        "text": text, "hovertemplate": "%{text}<extra></extra>",
        "colorbar": {"orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "top",
                     "len": 0.9, "thickness": 12, "outlinewidth": 0,
                     "tickvals": [round(zmin + gap / 2, 4), *tickvals],
                     "ticktext": [_(NO_VALUE_LABEL), *ticktext],
                     "title": {"text": _(mode.unit), "side": "top"}},
    }
    return {"data": [trace], "layout": _map_layout()}


def map_colours(fig: Figure) -> dict[str, str]:
    """location -> the colour the map paints it (for tests and the static export's checks)."""
    out: dict[str, str] = {}
    for trace in fig["data"]:
        if trace.get("type") != "choroplethmap" or "locations" not in trace:
            continue
        scale = trace["colorscale"]
        if trace.get("showscale") is False:  # one flat colour per category trace
            out.update(dict.fromkeys(trace["locations"], scale[0][1]))
            continue
        zmin, zmax = trace["zmin"], trace["zmax"]
        for loc, z in zip(trace["locations"], trace["z"]):
            pos = (z - zmin) / (zmax - zmin)
            out[loc] = next((c for stop, c in reversed(scale) if stop <= pos + 1e-9), scale[0][1])
    return out


def map_legend(fig: Figure) -> list[str]:
    """The legend's entries, in order (category names, or the colour bar's tick labels)."""
    names = [t["name"] for t in fig["data"] if t.get("showlegend")]
    if names:
        return names
    return list(fig["data"][0].get("colorbar", {}).get("ticktext", []))
