"""A map figure drawn as one SVG image from its own traces: the same geometry, fills, lines and legend.

The app's maps are MapLibre traces (choroplethmap, scattermap), which need WebGL; the light edition's
image is drawn here instead, from the figure the catalog builds, so the image cannot drift from the
chart: each country's fill comes from its trace (a category trace's one colour, or a quantity's
colour scale at the country's z, interpolated as plotly.js does), borders from the trace's
marker.line, points and lines from the scattermap traces; the legend lists the category traces (or
draws the colour bar with its ticks); the title and the source and credit lines sit inside the
image. One world, Natural Earth projection (as the static edition's geo layout), cropped to the geo
layout's latitudes (-58 to 85).
"""

from __future__ import annotations

import html
import math
import re
import textwrap
from collections.abc import Iterable, Sequence
from typing import Any

from dashboard.figures import export

Figure = dict[str, Any]

WIDTH = 800  # the image's width in px (CSS px on the page when shown at full size)
NARROW = 480  # the phone's image: the same text sizes on fewer px, so they stay readable at 360-480 px
PAD = 16
TITLE_PX, TITLE_LINE = 24, 30
LEGEND_PX, LEGEND_LINE, SWATCH = 19, 30, 18
FOOTER_PX, FOOTER_LINE = 15, 19
FONT = "system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif"
TEXT = "#31333F"
CHAR_EM = 0.53  # a sans-serif character's mean width, in em, for wrapping lines
LAT_RANGE = tuple(export.GEO_LAYOUT["lataxis"]["range"])  # (-58, 85), as the geo layout crops


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """Natural Earth I projection (Šavrič et al. 2011; d3-geo's naturalEarth1Raw), radians out."""
    lam, phi = math.radians(lon), math.radians(lat)
    phi2 = phi * phi
    phi4 = phi2 * phi2
    x = lam * (0.8707 - 0.131979 * phi2 + phi4 * (-0.013791 + phi4 * (0.003971 * phi2 - 0.001529 * phi4)))
    y = phi * (1.007226 + phi2 * (0.015085 + phi4 * (-0.044475 + 0.028874 * phi2 - 0.005916 * phi4)))
    return x, y


class Frame:
    """Lon/lat -> px inside the map's box (left, top, width)."""

    def __init__(self, left: float, top: float, width: float) -> None:
        self.x_max = natural_earth(180, 0)[0]
        self.y_top, self.y_bottom = natural_earth(0, LAT_RANGE[1])[1], natural_earth(0, LAT_RANGE[0])[1]
        self.scale = width / (2 * self.x_max)
        self.left, self.top, self.width = left, top, width
        self.height = (self.y_top - self.y_bottom) * self.scale

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = natural_earth(lon, lat)
        return self.left + (x + self.x_max) * self.scale, self.top + (self.y_top - y) * self.scale


def _rings(geometry: dict[str, Any]) -> Iterable[Sequence[Sequence[float]]]:
    if geometry["type"] == "Polygon":
        yield from geometry["coordinates"]
    elif geometry["type"] == "MultiPolygon":
        for polygon in geometry["coordinates"]:
            yield from polygon


def _path(geometry: dict[str, Any], frame: Frame) -> str:
    """SVG path data of a (multi)polygon, 0.1 px precision, rings wholly south of the crop left out."""
    parts = []
    for ring in _rings(geometry):
        if max(lat for _, lat in ring) < LAT_RANGE[0]:
            continue
        points, last = [], None
        for lon, lat in ring:
            x, y = frame(lon, lat)
            point = f"{x:.1f} {y:.1f}"
            if point != last:
                points.append(point)
                last = point
        if len(points) >= 3:
            parts.append("M" + " ".join(points) + "Z")
    return "".join(parts)


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.strip()
    if colour.startswith("#"):
        h = colour[1:]
        if len(h) == 3:
            h = "".join(c * 2 for c in h)
        return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)
    numbers = re.findall(r"[\d.]+", colour)
    return float(numbers[0]), float(numbers[1]), float(numbers[2])


def _hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02X}" for c in rgb[:3])


def colour_at(scale: Sequence[Sequence[Any]], position: float) -> str:
    """The colour scale's colour at `position` (0-1), linear between stops as plotly.js draws it."""
    position = min(1.0, max(0.0, position))
    for (p0, c0), (p1, c1) in zip(scale, scale[1:]):
        if p0 <= position <= p1:
            share = 0.0 if p1 == p0 else (position - p0) / (p1 - p0)
            a, b = _rgb(c0), _rgb(c1)
            return _hex([x + (y - x) * share for x, y in zip(a, b)])
    return _hex(_rgb(scale[-1][1] if position >= scale[-1][0] else scale[0][1]))


def fills(trace: dict[str, Any]) -> dict[str, str]:
    """location -> fill colour of one choropleth trace."""
    scale = trace["colorscale"]
    locations, z = trace.get("locations", []), trace.get("z", [])
    if trace.get("showscale") is False and len({c for _, c in scale}) == 1:
        return dict.fromkeys(locations, _hex(_rgb(scale[0][1])))
    low = trace.get("zmin", min(z) if z else 0)
    high = trace.get("zmax", max(z) if z else 1)
    span = (high - low) or 1.0
    return {loc: colour_at(scale, (value - low) / span) for loc, value in zip(locations, z)}


def _per_location(value: Any, n: int) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value] * n


def _choropleth(trace: dict[str, Any], frame: Frame) -> tuple[list[str], list[str]]:
    """<path>s of a choropleth trace, grouped by fill and border: (plain countries, outlined ones)."""
    features = {str(f.get("id")): f for f in trace["geojson"]["features"]}
    colour = fills(trace)
    locations = [str(loc) for loc in trace.get("locations", [])]
    line = (trace.get("marker") or {}).get("line") or {}
    widths = _per_location(line.get("width", 0.5), len(locations))
    strokes = _per_location(line.get("color", "#FFFFFF"), len(locations))
    groups: dict[tuple[str, float, str], list[str]] = {}
    for loc, width, stroke in zip(locations, widths, strokes):
        feature = features.get(loc)
        if feature is None or not feature.get("geometry"):
            continue
        d = _path(feature["geometry"], frame)
        if d:
            groups.setdefault((colour[loc], float(width), stroke), []).append(d)
    plain, outlined = [], []
    for (fill, width, stroke), ds in groups.items():
        stroke_attr = f' stroke="{stroke}" stroke-width="{width:g}"' if width > 0 else ""
        (outlined if width > 1 else plain).append(f'<path fill="{fill}"{stroke_attr} d="{"".join(ds)}"/>')
    return plain, outlined


def _scatter(trace: dict[str, Any], frame: Frame) -> list[str]:
    lats, lons = trace.get("lat", []), trace.get("lon", [])
    mode = trace.get("mode", "markers")
    opacity = trace.get("opacity", 1)
    out = []
    if "lines" in mode:
        line = trace.get("line") or {}
        runs, current = [], []
        for lat, lon in zip(lats, lons):
            if lat is None or lon is None:
                runs.append(current)
                current = []
            else:
                current.append("{:.1f} {:.1f}".format(*frame(lon, lat)))
        runs.append(current)
        d = "".join("M" + " ".join(run) for run in runs if len(run) > 1)
        if d:
            out.append(f'<path fill="none" stroke="{line.get("color", TEXT)}" stroke-width="{line.get("width", 2):g}" '
                       f'stroke-linecap="round" stroke-linejoin="round" opacity="{opacity:g}" d="{d}"/>')
    if "markers" in mode:
        marker = trace.get("marker") or {}
        sizes = _per_location(marker.get("size", 6), len(lats))
        colours = _per_location(marker.get("color", TEXT), len(lats))
        for lat, lon, size, colour in zip(lats, lons, sizes, colours):
            if lat is None or lon is None:
                continue
            x, y = frame(lon, lat)
            out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size / 2:g}" fill="{colour}" '
                       f'stroke="#FFFFFF" stroke-width="1" opacity="{opacity:g}"/>')
    return out


def _wrap(text: str, px: float, width: float) -> list[str]:
    chars = max(12, int(width / (px * CHAR_EM)))
    return [line for part in re.split(r"<br\s*/?>|\n", text) for line in (textwrap.wrap(part, chars) or [""])]


def _text_lines(lines: Sequence[str], x: float, y: float, px: int, line: int, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    spans = "".join(f'<tspan x="{x:g}" dy="{0 if i == 0 else line}">{html.escape(t)}</tspan>'
                    for i, t in enumerate(lines))
    return f'<text x="{x:g}" y="{y:g}" font-size="{px}"{extra}>{spans}</text>'


def _legend(fig: Figure, top: float, width: int) -> tuple[str, float]:
    """The category swatches in rows (or the colour bar), from `top`; returns (svg, height)."""
    entries = [(t["name"], fills(t)) for t in fig["data"]
               if t.get("type") in ("choroplethmap", "choropleth") and t.get("showlegend") and t.get("name")]
    if entries:
        items, x, y, rows = [], PAD, top, 1
        for name, colour_of in entries:
            colour = next(iter(colour_of.values()), "#E6E6E6")
            w = SWATCH + 8 + len(name) * LEGEND_PX * CHAR_EM + 28
            if x > PAD and x + w > width - PAD:
                x, y, rows = PAD, y + LEGEND_LINE, rows + 1
            items.append(f'<rect x="{x:g}" y="{y + (LEGEND_LINE - SWATCH) / 2:g}" width="{SWATCH}" height="{SWATCH}" '
                         f'rx="2" fill="{colour}"/>'
                         f'<text x="{x + SWATCH + 8:g}" y="{y + LEGEND_LINE / 2 + LEGEND_PX * 0.35:g}" '
                         f'font-size="{LEGEND_PX}">{html.escape(name)}</text>')
            x += w
        return "".join(items), rows * LEGEND_LINE + 8
    bar = next((t for t in fig["data"] if t.get("colorbar") and t.get("colorscale")), None)
    if bar is None:
        return "", 0.0
    cb = bar["colorbar"]
    title = re.sub(r"<[^>]+>", " ", ((cb.get("title") or {}).get("text") or "").replace("<br>", " · "))
    title_lines = _wrap(title, LEGEND_PX, width - 2 * PAD) if title else []
    y = top + len(title_lines) * LEGEND_LINE
    length = (width - 2 * PAD) * min(1.0, float(cb.get("len", 0.9)))
    stops = "".join(f'<stop offset="{p:.4f}" stop-color="{_hex(_rgb(c))}"/>' for p, c in bar["colorscale"])
    low, high = bar["zmin"], bar["zmax"]
    ticks, right = [], float(PAD) - 8
    for value, label in zip(cb.get("tickvals", []), cb.get("ticktext", [])):
        tx = PAD + length * (value - low) / ((high - low) or 1)
        half = len(str(label)) * (LEGEND_PX - 2) * CHAR_EM / 2
        cx = max(tx, right + 8 + half, PAD + half)  # a label never over its left neighbour nor the edge
        right = cx + half
        ticks.append(f'<line x1="{tx:.1f}" x2="{tx:.1f}" y1="{y + 16:g}" y2="{y + 22:g}" stroke="{TEXT}"/>'
                     f'<text x="{cx:.1f}" y="{y + 22 + LEGEND_PX:g}" font-size="{LEGEND_PX - 2}" '
                     f'text-anchor="middle">{html.escape(str(label))}</text>')
    svg = (_text_lines(title_lines, PAD, top + LEGEND_PX, LEGEND_PX, LEGEND_LINE) if title_lines else "")
    svg += (f'<defs><linearGradient id="scale">{stops}</linearGradient></defs>'
            f'<rect x="{PAD}" y="{y:g}" width="{length:.1f}" height="16" fill="url(#scale)"/>' + "".join(ticks))
    return svg, (y - top) + 22 + LEGEND_PX + 12


def map_svg(fig: Figure, title: str, footer: Sequence[str], width: int = WIDTH) -> tuple[str, dict[str, float]]:
    """The figure as an SVG document with `title` on top and `footer` (source, credit) below.

    Returns (svg text, the map's box inside the image: x, y, width, height in px)."""
    title_lines = _wrap(title, TITLE_PX * 1.12, width - 2 * PAD)  # bold: wider letters
    map_top = PAD + len(title_lines) * TITLE_LINE + 8
    frame = Frame(0, map_top, width)
    plain, outlined, marks = [], [], []
    for trace in fig["data"]:
        if trace.get("type") in ("choroplethmap", "choropleth"):
            p, o = _choropleth(trace, frame)
            plain += p
            outlined += o
        elif trace.get("type") in ("scattermap", "scattergeo"):
            marks += _scatter(trace, frame)
    legend, legend_height = _legend(fig, map_top + frame.height + 10, width)
    footer_lines = [line for text in footer for line in _wrap(text, FOOTER_PX, width - 2 * PAD)]
    footer_top = map_top + frame.height + 10 + legend_height + 6
    height = math.ceil(footer_top + len(footer_lines) * FOOTER_LINE + PAD)
    clip = (f'<clipPath id="world"><rect x="0" y="{map_top:g}" width="{width}" '
            f'height="{frame.height:.1f}"/></clipPath>')
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="{FONT}" fill="{TEXT}" role="img">'
           f"<title>{html.escape(title)}</title><defs>{clip}</defs>"
           f'<rect width="{width}" height="{height}" fill="#FFFFFF"/>'
           + _text_lines(title_lines, PAD, PAD + TITLE_PX * 0.8, TITLE_PX, TITLE_LINE, font_weight="600")
           + f'<g clip-path="url(#world)" stroke-linejoin="round">{"".join(plain + outlined + marks)}</g>'
           + legend
           + _text_lines(footer_lines, PAD, footer_top + FOOTER_PX, FOOTER_PX, FOOTER_LINE, fill=export.FOOTER_COLOUR)
           + "</svg>\n")
    return svg, {"x": 0, "y": round(map_top, 1), "width": width, "height": round(frame.height, 1)}
