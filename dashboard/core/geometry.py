"""Natural Earth admin-0 boundaries: read the pinned TopoJSON, fix the antimeridian, emit compact GeoJSON."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import geopandas as gpd
import pycountry
from shapely.affinity import translate
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

# A ring unwrapped across the antimeridian is cut at x=±180 and each piece moved back into
# [-180, 180] (box, shift), so no edge runs the full width of the map.
_WINDOWS = ((box(-540, -90, -180, 90), 360), (box(-180, -90, 180, 90), 0), (box(180, -90, 540, 90), -360))


def read_countries(path: Path) -> gpd.GeoDataFrame:
    """The `countries` layer of a world-atlas TopoJSON with ISO codes joined.

    Columns: iso_numeric (3-digit string, missing for entities without an ISO code,
    e.g. Kosovo or Somaliland), iso3, ne_name, geometry (EPSG:4326).
    """
    frame = gpd.read_file(path, layer="countries")
    frame = frame.rename(columns={"id": "iso_numeric", "name": "ne_name"})
    frame = frame.set_crs(4326, allow_override=True)
    frame["iso3"] = [_numeric_to_iso3(code) for code in frame["iso_numeric"]]
    frame["geometry"] = [fix_antimeridian(geom) for geom in frame.geometry]
    return frame[["iso_numeric", "iso3", "ne_name", "geometry"]]


def _numeric_to_iso3(code: object) -> str | None:
    if not isinstance(code, str):
        return None
    country = pycountry.countries.get(numeric=code)
    return country.alpha_3 if country else None


def fix_antimeridian(geom: BaseGeometry) -> BaseGeometry:
    """Split polygons whose rings jump across ±180° (Fiji, Chukotka) so they draw in place.

    A ring that circles a pole (Antarctica) is left alone: its edge along ±180° is the
    closing edge that a flat map needs.
    """
    polygons = list(geom.geoms) if isinstance(geom, MultiPolygon) else [geom]
    parts: list[Polygon] = []
    for polygon in polygons:
        xs = [x for x, _ in polygon.exterior.coords]
        jumps = any(abs(a - b) > 180 for a, b in zip(xs, xs[1:]))
        if not jumps:
            parts.append(polygon)
            continue
        unwrapped = Polygon(_unwrap(polygon.exterior.coords),
                            [_unwrap(ring.coords) for ring in polygon.interiors])
        if abs(unwrapped.exterior.coords[-1][0] - unwrapped.exterior.coords[0][0]) > 1e-6:
            parts.append(polygon)  # circles the pole: keep as drawn
            continue
        unwrapped = unwrapped.buffer(0)
        for window, shift in _WINDOWS:
            piece = translate(unwrapped.intersection(window), xoff=shift)
            parts.extend(p for p in getattr(piece, "geoms", [piece])
                         if isinstance(p, Polygon) and not p.is_empty)
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def _unwrap(coords: Any) -> list[tuple[float, float]]:
    out: list[tuple[float, float]] = []
    shift = 0.0
    prev = None
    for x, y in coords:
        if prev is not None:
            if x - prev > 180:
                shift -= 360
            elif prev - x > 180:
                shift += 360
        out.append((x + shift, y))
        prev = x
    return out


def compact_geojson(frame: gpd.GeoDataFrame, digits: int = 2) -> dict[str, Any]:
    """GeoJSON FeatureCollection with only `id` (ISO3) per feature and rounded coordinates.

    Features without an ISO3 code are kept under their Natural Earth name so the map has no
    holes; consecutive points that round to the same position are dropped.
    """
    features = []
    for iso3, ne_name, geom in zip(frame["iso3"], frame["ne_name"], frame.geometry):
        mapping = geom.__geo_interface__
        polygons = [mapping["coordinates"]] if mapping["type"] == "Polygon" else mapping["coordinates"]
        rounded = [rings for rings in (_round_polygon(p, digits) for p in polygons) if rings]
        if not rounded:
            continue
        geometry = ({"type": "Polygon", "coordinates": rounded[0]} if len(rounded) == 1
                    else {"type": "MultiPolygon", "coordinates": rounded})
        fid = iso3 if isinstance(iso3, str) and iso3 else ne_name  # iso3 may be None or NaN
        features.append({"type": "Feature", "id": fid, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def _round_polygon(rings: Any, digits: int) -> list[list[list[float]]]:
    out = []
    for ring in rings:
        kept: list[list[float]] = []
        for x, y in ring:
            # digits=0 writes integers: "12" instead of "12.0" on the wire
            point = [round(x, digits), round(y, digits)] if digits else [round(x), round(y)]
            if not kept or kept[-1] != point:
                kept.append(point)
        if len(kept) >= 4:
            out.append(kept)
    return out
