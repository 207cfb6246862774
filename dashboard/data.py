"""The public data API: `from dashboard.data import load_signatories`. A thin facade over
dashboard.core; nothing in core imports it."""

from __future__ import annotations

from dashboard.core.events import load_events
from dashboard.core.loaders import (
    DataFileError,
    build_land_geojson,
    build_world_geojson,
    country_points,
    load_land_geojson,
    load_m49,
    load_organizations,
    load_signatories,
    load_sources,
    load_venues,
    load_world,
    load_world_geojson,
    seed_text,
    signatory_list,
    to_iso3,
)
from dashboard.core.migration import load_corridors, load_migrant_stock, load_remittances
from dashboard.core.treaties import load_treaty_participants
from dashboard.core.votes import load_unga_votes

__all__ = [
    "DataFileError", "load_signatories", "load_events", "load_organizations", "load_m49",
    "load_world", "load_venues", "build_world_geojson", "load_world_geojson",
    "build_land_geojson", "load_land_geojson", "load_sources", "seed_text",
    "signatory_list", "to_iso3", "country_points",
    "load_migrant_stock", "load_corridors", "load_remittances",
    "load_treaty_participants",
    "load_unga_votes",
]
