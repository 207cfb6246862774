"""The public data API: every table the dashboard shows, read and checked from data/ (no Streamlit).

`from dashboard import data`: the page (through dashboard/page/store.py), the chart catalog, the
build and export scripts and the tests all read the data through this module; dashboard/core/
implements it. `data.Tables(root)` holds one data root's tables, each read (and its checksum
verified) on first use; a broken file raises DataFileError naming it.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.core import migration, population, processes, ranking, treaties, treaty_record
from dashboard.core.costs import load_corridor_costs, load_remittance_costs
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
    world_ids,
)
from dashboard.core.migration import load_corridors, load_migrant_stock, load_remittances
from dashboard.core.processes import load_rcp_memberships
from dashboard.core.provenance import ROOT
from dashboard.core.treaties import load_treaty_participants
from dashboard.core.votes import load_unga_votes

__all__ = [
    "DataFileError", "Tables", "load_signatories", "load_events", "load_organizations", "load_m49",
    "load_world", "load_venues", "build_world_geojson", "load_world_geojson",
    "build_land_geojson", "load_land_geojson", "load_sources", "seed_text",
    "signatory_list", "to_iso3", "country_points", "world_ids",
    "load_migrant_stock", "load_corridors", "load_remittances",
    "load_remittance_costs", "load_corridor_costs", "load_treaty_participants", "load_rcp_memberships",
    "load_unga_votes",
]

WHEN = ("lima", "latest")  # the two dates of the treaty tables: the Lima date, and each list's own


class Tables:
    """The tables of one data root, each read on first use and then kept: shared and read only
    (the page holds one per process; nothing may write into them)."""

    def __init__(self, root: Path = ROOT) -> None:
        self.root = root
        self._by_lang: dict[tuple[str, str], Any] = {}

    def _memo(self, name: str, lang: str, build: Any) -> Any:
        key = (name, lang)
        if key not in self._by_lang:
            self._by_lang[key] = build()
        return self._by_lang[key]

    # --- the 24 and the world ------------------------------------------------------------------
    @cached_property
    def signatories(self) -> pd.DataFrame:
        return load_signatories(self.root)

    @cached_property
    def list_sentence(self) -> str:
        """The press release's sentence that lists the 24."""
        return signatory_list(self.root).sentence

    @cached_property
    def seed(self) -> str:
        return seed_text(self.root)

    @cached_property
    def m49(self) -> pd.DataFrame:
        return load_m49(self.root)

    @cached_property
    def world(self) -> pd.DataFrame:
        """id (ISO3, or the Natural Earth name when it has none) + label: every country the maps draw."""
        return world_ids(self.root)

    @cached_property
    def geojson(self) -> dict[str, Any]:
        return load_world_geojson(self.root)

    @cached_property
    def land(self) -> dict[str, Any]:
        return load_land_geojson(self.root)

    @cached_property
    def points(self) -> dict[str, tuple[float, float]]:
        return country_points(self.root)

    @cached_property
    def sources(self) -> pd.DataFrame:
        """Every data file's provenance, and the Gapminder table's (it ships inside plotly)."""
        return pd.concat([load_sources(self.root), pd.DataFrame([population.gapminder_source()])],
                         ignore_index=True)

    # --- the timeline --------------------------------------------------------------------------
    @cached_property
    def events(self) -> pd.DataFrame:
        return load_venues(self.root)

    @cached_property
    def votes(self) -> pd.DataFrame:
        """The recorded votes of every UN member state on 73/195 and 73/326."""
        return load_unga_votes(self.root)

    @cached_property
    def organizations(self) -> pd.DataFrame:
        return load_organizations(self.root)

    # --- treaties and regional processes -------------------------------------------------------
    @cached_property
    def record(self) -> treaties.TreatyRecord:
        return treaty_record.treaty_record(self.root)

    def treaty_status(self, when: str, lang: str = "en") -> pd.DataFrame:
        """The 24 x 4 status table at Lima ("lima") or at each list's date ("latest"), words in `lang`."""
        on = treaties.LIMA_DATE if when == "lima" else None
        return self._memo(f"status-{when}", lang,
                          lambda: treaty_record.treaty_status(self.record, on, self.signatories, lang))

    @cached_property
    def treaty_counts(self) -> pd.DataFrame:
        return treaty_record.treaty_counts(self.record, self.signatories)

    @cached_property
    def parties_over_time(self) -> pd.DataFrame:
        return treaties.parties_over_time(self.record, list(self.signatories["iso3"]))

    @cached_property
    def memberships(self) -> pd.DataFrame:
        return load_rcp_memberships(self.root)

    @cached_property
    def rcp_matrix(self) -> pd.DataFrame:
        return processes.rcp_matrix(self.memberships, self.signatories)

    @cached_property
    def rcp_counts(self) -> pd.DataFrame:
        return processes.rcp_counts(self.memberships, self.signatories)

    # --- population ----------------------------------------------------------------------------
    @cached_property
    def gapminder(self) -> pd.DataFrame:
        return population.gapminder_2007()

    @cached_property
    def population(self) -> tuple[pd.DataFrame, dict[str, Any]]:
        """(the signatories found in Gapminder 2007, a summary: shares, totals, the missing)."""
        return population.gapminder_context(self.signatories, self.gapminder)

    # --- migration -----------------------------------------------------------------------------
    @cached_property
    def stock(self) -> pd.DataFrame:
        return load_migrant_stock(self.root)

    @cached_property
    def corridors(self) -> pd.DataFrame:
        return load_corridors(self.root)

    @cached_property
    def remittances(self) -> pd.DataFrame:
        return load_remittances(self.root)

    @cached_property
    def names(self) -> dict[str, str]:
        """iso3 -> English name of every country or area in the migration tables."""
        return migration.english_names(self.m49, self.signatories)

    def names_in(self, lang: str) -> dict[str, str]:
        """iso3 -> the name in `lang` of every country or area in the migration tables."""
        return self._memo("names", lang, lambda: migration.localized_names(self.names, lang))

    def migration_table(self, lang: str = "en") -> pd.DataFrame:
        """The 24 with their migration figures, 2005 and the latest year; names in `lang`."""
        return self._memo("migration-table", lang, lambda: migration.signatory_table(
            self.stock, self.remittances, self.corridors, self.signatories, self.names_in(lang)).assign(
            name=lambda t: [self.names_in(lang).get(c, n) for c, n in zip(t["iso3"], t["name"])]))

    @cached_property
    def remittance_costs(self) -> pd.DataFrame:
        """The cost of sending money to (and from) every country with data, per year and WDI vintage."""
        return load_remittance_costs(self.root)

    @cached_property
    def corridor_costs(self) -> pd.DataFrame:
        """The cost of every corridor with a signatory at either end, per quarter (official, derived)."""
        return load_corridor_costs(self.root)

    @cached_property
    def series_breaks(self) -> pd.DataFrame:
        """Suspected breaks in every stock and remittance series of every country (a jump of tenfold
        or more from one year to the next and back later): dashboard/core/ranking.py."""
        return ranking.every_break(self.stock, self.remittances)

    @cached_property
    def migration_summary(self) -> dict[str, Any]:
        return migration.signatory_summary(self.stock, self.remittances, tuple(self.signatories["iso3"]))

    def check(self) -> None:
        """Read every file a view may need, so that a broken one is found before a tab is drawn."""
        for name in ("signatories", "list_sentence", "world", "geojson", "land", "events", "organizations",
                     "record", "memberships", "votes"):
            getattr(self, name)
