"""Rebuild the map geometry (data/world-110m.geojson, data/land-110m.geojson) from the pinned TopoJSON.

usage: python scripts/build/build_geometry.py [--check]
Inputs: data/raw/world-atlas-2.0.2-countries-110m.json and -land-110m.json (Natural Earth,
public domain, via world-atlas 2.0.2, ISC). Outputs compact GeoJSON: feature id = ISO3,
antimeridian split, coordinates rounded (dashboard/config.py: GEOJSON_DIGITS). The map draws
these files as they are; they are not rebuilt at run time.
--check rebuilds in memory and exits 1 if a shipped file differs.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from derive import write_or_check  # scripts/build/derive.py, beside this file

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from dashboard import data  # noqa: E402
from dashboard.config import GEOJSON_DIGITS  # noqa: E402
from dashboard.core.loaders import LAND_GEOJSON, WORLD_GEOJSON  # noqa: E402  (where they are written)


def outputs() -> dict[str, str]:
    return {
        WORLD_GEOJSON: json.dumps(data.build_world_geojson(digits=GEOJSON_DIGITS),
                                       separators=(",", ":"), allow_nan=False),
        LAND_GEOJSON: json.dumps(data.build_land_geojson(), separators=(",", ":"), allow_nan=False),
    }


def main(argv: list[str]) -> int:
    return write_or_check({ROOT / relpath: text for relpath, text in outputs().items()}, argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
