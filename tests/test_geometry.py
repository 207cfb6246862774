"""Geometry: ISO codes joined, no polygon smeared across the antimeridian, compact output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shapely.geometry import MultiPolygon, Polygon, shape

from dashboard import data
from dashboard.core.geometry import compact_geojson, fix_antimeridian

ROOT = Path(__file__).resolve().parents[1]


def rings(geometry: dict) -> list[list[list[float]]]:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return [ring for polygon in polygons for ring in polygon]


def max_jump(ring) -> float:
    return max(abs(a[0] - b[0]) for a, b in zip(ring, ring[1:]))


@pytest.fixture(scope="module")
def world_geojson() -> dict:
    return data.load_world_geojson()


def test_every_signatory_has_a_feature(world_geojson):
    ids = {f["id"] for f in world_geojson["features"]}
    assert set(data.load_signatories()["iso3"]) <= ids
    assert len(world_geojson["features"]) == 177


def test_features_carry_only_an_id(world_geojson):
    for feature in world_geojson["features"]:
        assert set(feature) == {"type", "id", "geometry"}


@pytest.mark.parametrize("iso3", ["FJI", "RUS"])
def test_antimeridian_polygons_do_not_span_the_map(world_geojson, iso3):
    feature = next(f for f in world_geojson["features"] if f["id"] == iso3)
    for ring in rings(feature["geometry"]):
        assert max_jump(ring) < 90, f"{iso3} has an edge across the map"
        assert all(-180 <= x <= 180 for x, _ in ring)


def test_no_feature_but_antarctica_has_an_edge_across_the_map(world_geojson):
    wide = {f["id"] for f in world_geojson["features"] for ring in rings(f["geometry"]) if max_jump(ring) > 180}
    # Antarctica's ring circles the pole; its closing edge along the map's bottom is wanted.
    assert wide == {"ATA"}


def test_fix_antimeridian_splits_a_crossing_square():
    crossing = Polygon([(179, -1), (-179, -1), (-179, 1), (179, 1)])
    fixed = fix_antimeridian(crossing)
    assert isinstance(fixed, MultiPolygon) and len(fixed.geoms) == 2
    bounds = sorted(p.bounds for p in fixed.geoms)
    assert bounds == [(-180.0, -1.0, -179.0, 1.0), (179.0, -1.0, 180.0, 1.0)]
    assert fixed.area == pytest.approx(4.0)


def test_fix_antimeridian_leaves_ordinary_polygons_alone():
    square = Polygon([(10, 10), (12, 10), (12, 12), (10, 12)])
    assert fix_antimeridian(square).equals(square)


def test_compact_geojson_rounds_and_keeps_area(world_geojson):
    text = (ROOT / "data" / "world-110m.geojson").read_text(encoding="utf-8")
    numbers = json.loads(text)["features"][0]["geometry"]["coordinates"]
    flat = json.dumps(numbers)
    assert all(len(n.split(".")[1]) <= 1 for n in flat.replace("[", " ").replace("]", " ").replace(",", " ").split()
               if "." in n)
    brazil = next(f for f in world_geojson["features"] if f["id"] == "BRA")
    original = data.load_world().set_index("iso3").loc["BRA", "geometry"]
    assert shape(brazil["geometry"]).area == pytest.approx(original.area, rel=0.01)


def test_compact_geojson_keeps_non_iso_entities_under_their_name():
    world = data.load_world()
    ids = {f["id"] for f in compact_geojson(world)["features"]}
    assert {"Kosovo", "Somaliland", "N. Cyprus"} <= ids
