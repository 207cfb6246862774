"""Loaders: the seed and data/ files turned into tidy, sourced tables (no Streamlit)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pycountry
from shapely.geometry import MultiPolygon

from dashboard.core import geometry
from dashboard.core.events import load_events
from dashboard.core.names import to_iso3
from dashboard.core.provenance import ROOT, DataFileError, read_verified, read_verified_csv, resources, verified_path
from dashboard.core.seed import SEED, SeedParseError, SignatoryList, parse_signatories

__all__ = [
    "DataFileError", "load_signatories", "load_organizations", "load_m49",
    "load_world", "load_venues", "build_world_geojson", "load_world_geojson",
    "build_land_geojson", "load_land_geojson", "load_sources", "seed_text",
    "signatory_list", "to_iso3", "world_ids",
]

M49 = "data/m49.csv"
ORGANIZATIONS = "data/organizations.csv"
WORLD_110M = "data/raw/world-atlas-2.0.2-countries-110m.json"
LAND_110M = "data/raw/world-atlas-2.0.2-land-110m.json"
WORLD_GEOJSON = "data/world-110m.geojson"  # derived by scripts/build/build_geometry.py
LAND_GEOJSON = "data/land-110m.geojson"  # derived by scripts/build/build_geometry.py
SEED_URL = "https://www.iom.int/news/countries-substantial-international-migration-flows-sign-declaration"


def _require(frame: pd.DataFrame, columns: list[str], relpath: str) -> pd.DataFrame:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataFileError(relpath, f"it lacks the column(s) {missing}",
                            f"Restore it from the repository (git checkout -- {relpath})")
    return frame


def seed_text(root: Path = ROOT) -> str:
    """The press release, verbatim."""
    return read_verified(SEED, root).decode("utf-8")


def signatory_list(root: Path = ROOT) -> SignatoryList:
    """The signatories as the seed lists them; a seed that does not say what is expected raises
    DataFileError naming it."""
    try:
        return parse_signatories(seed_text(root))
    except SeedParseError as exc:
        raise DataFileError(SEED, str(exc), f"Restore it from the repository (git checkout -- {SEED})") from None


def load_m49(root: Path = ROOT) -> pd.DataFrame:
    """All 248 UN M49 countries and areas with ISO3 and region path (empty string = none)."""
    cols = ["m49_code", "iso3", "name", "region_code", "region", "sub_region_code",
            "sub_region", "intermediate_region_code", "intermediate_region"]
    return _require(read_verified_csv(M49, root), cols, M49)[cols]


def load_signatories(root: Path = ROOT) -> pd.DataFrame:
    """One row per signatory, in the order of the press release, with codes and M49 regions."""
    listed = signatory_list(root)
    m49 = load_m49(root).set_index("iso3")
    rows = []
    for order, written in enumerate(listed.names, start=1):
        iso3 = to_iso3(written)
        country = pycountry.countries.get(alpha_3=iso3)
        if country is None:  # to_iso3 gives only ISO codes: this would be a broken pycountry
            raise DataFileError(SEED, f"{written!r} resolved to {iso3}, which ISO 3166 does not have",
                                "Reinstall the locked packages (bash scripts/bootstrap.sh)")
        region = m49.loc[iso3]
        rows.append({
            "order_in_source": order,
            "name_in_source": written,
            "name": written[4:] if written.lower().startswith("the ") else written,
            "iso2": country.alpha_2,
            "iso3": iso3,
            "iso_numeric": country.numeric,
            "official_name": getattr(country, "official_name", country.name),
            "un_name": region["name"],
            "m49_code": region["m49_code"],
            "region": region["region"],
            "sub_region": region["sub_region"],
            "intermediate_region": region["intermediate_region"],
            "source": f"IOM press release, May 2006 ({SEED_URL})",
        })
    return pd.DataFrame(rows)


def load_organizations(root: Path = ROOT) -> pd.DataFrame:
    """International organisations present; `source_list_truncated` marks the cut-off list."""
    cols = ["acronym_in_source", "acronym_en", "full_name", "in_press_release_list", "source",
            "confidence", "note"]
    orgs = _require(read_verified_csv(ORGANIZATIONS, root), cols, ORGANIZATIONS)[cols].copy()
    orgs["in_press_release_list"] = orgs["in_press_release_list"].str.lower() == "true"
    # The press release's list ends "..., ONUDD, UNDP," and the text stops: there may be more.
    orgs["source_list_truncated"] = orgs["in_press_release_list"]
    return orgs


@cache
def load_world(root: Path = ROOT, relpath: str = WORLD_110M) -> gpd.GeoDataFrame:
    """Natural Earth admin-0 polygons with iso3 and M49 region columns."""
    try:
        frame = geometry.read_countries(verified_path(relpath, root))
    except DataFileError:
        raise
    except Exception as exc:  # pyogrio/GDAL errors have no common base class
        raise DataFileError(relpath, f"it cannot be read as TopoJSON ({exc})",
                            f"Restore it from the repository (git checkout -- {relpath})") from None
    m49 = load_m49(root)[["iso3", "name", "region", "sub_region"]].rename(columns={"name": "un_name"})
    return frame.merge(m49, on="iso3", how="left")


def world_ids(root: Path = ROOT) -> pd.DataFrame:
    """Every country the maps draw: id (ISO3, or the Natural Earth name when it has none, e.g.
    Kosovo) and label (the UN M49 name, else Natural Earth's)."""
    world = load_world(root)
    labels = world["un_name"].where(world["un_name"].notna() & (world["un_name"] != ""), world["ne_name"])
    return pd.DataFrame({"id": world["iso3"].fillna(world["ne_name"]), "label": labels})


def build_world_geojson(root: Path = ROOT, digits: int = 2) -> dict[str, Any]:
    """Compact GeoJSON of the world (feature id = ISO3), for the map."""
    return geometry.compact_geojson(load_world(root), digits=digits)


def load_world_geojson(root: Path = ROOT) -> dict[str, Any]:
    """The shipped world GeoJSON (built by scripts/build/build_geometry.py), checksum verified."""
    return _json(WORLD_GEOJSON, root)


def load_land_geojson(root: Path = ROOT) -> dict[str, Any]:
    """The shipped land outline GeoJSON (built by scripts/build/build_geometry.py), checksum verified."""
    return _json(LAND_GEOJSON, root)


def _json(relpath: str, root: Path) -> dict[str, Any]:
    try:
        parsed = json.loads(read_verified(relpath, root))
        if parsed.get("type") != "FeatureCollection":
            raise ValueError("not a FeatureCollection")
    except (ValueError, AttributeError) as exc:
        raise DataFileError(relpath, f"it is not valid GeoJSON ({exc})",
                            "Rebuild it with `python scripts/build/build_geometry.py`") from None
    return parsed


def build_land_geojson(root: Path = ROOT, tolerance: float = 1.5,
                      min_area: float = 8.0) -> dict[str, Any]:
    """A coarse land outline (one feature, id 'land') for small overview maps.

    Simplified to `tolerance` degrees, islands under `min_area` square degrees dropped and
    whole-degree coordinates: about 1 px on a 300 px high world map, at a few KB.
    """
    path = verified_path(LAND_110M, root)
    land = gpd.read_file(path, layer="land").set_crs(4326, allow_override=True)
    parts = []
    for geom in land.geometry:
        fixed = geometry.fix_antimeridian(geom)
        for polygon in getattr(fixed, "geoms", [fixed]):
            if polygon.area >= min_area:
                parts.append(polygon.simplify(tolerance))
    outline = gpd.GeoDataFrame({"iso3": ["land"], "ne_name": ["land"]},
                               geometry=[MultiPolygon([p for p in parts if not p.is_empty])], crs=4326)
    return geometry.compact_geojson(outline, digits=0)


def load_sources(root: Path = ROOT) -> pd.DataFrame:
    """One row per data file: what it is, where it came from, license, accessed, checksum, edits."""
    rows = []
    for path, entry in resources(root).items():
        rows.append({
            "file": path,
            "title": entry["title"],
            "source": " ; ".join(f"{s['title']} <{s['path']}>" for s in entry["sources"]),
            "license": " ; ".join(lic["title"] for lic in entry["licenses"]),
            "accessed": entry["accessed"],
            "sha256": entry["hash"],
            "edits": " ; ".join(entry["edits"]),
            "derived_by": entry.get("derived_by", ""),
        })
    return pd.DataFrame(rows)


def load_venues(root: Path = ROOT) -> pd.DataFrame:
    """The events (dashboard.core.events.load_events) with a map position each where one can be
    drawn: the city where the sources give one, else (city not known: the announced Morocco
    meeting) an interior point of the host country, said in `location_note`. An event held online
    keeps no position."""
    events = load_events(root)
    world = load_world(root).set_index("iso3")
    for i, row in events.iterrows():
        if pd.isna(row["lat"]) and row["city"] == "" and row["country_iso3"] in world.index:
            point = world.loc[row["country_iso3"], "geometry"].representative_point()
            events.loc[i, ["lat", "lon"]] = round(point.y, 1), round(point.x, 1)
    return events


def country_points(root: Path = ROOT) -> dict[str, tuple[float, float]]:
    """iso3 -> (lat, lon) of a point inside each country's largest part (France's lands in Europe,
    not in French Guiana), for lines on a map; 0.1 degree."""
    world = load_world(root).dropna(subset=["iso3"])
    out = {}
    for iso3, geom in zip(world["iso3"], world.geometry):
        largest = max(getattr(geom, "geoms", [geom]), key=lambda part: part.area)
        point = largest.representative_point()
        out[iso3] = (round(point.y, 1), round(point.x, 1))
    return out
