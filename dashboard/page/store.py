"""Cached access to the data layer for the app: each table is built once per process."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.core import cite, context, i18n, migration
from dashboard.core import loaders as data
from dashboard.core.summary import coverage, gapminder_source, region_counts
from dashboard.figures import charts, context_charts, context_modes, migration_charts
from dashboard.figures import world_map as world_map_figure
from dashboard.figures.modes import ColorMode, ScaleMode, base_modes


@st.cache_data(show_spinner=False)
def data_version(root: Path) -> str:
    """The data version (release + short hash of the manifest), for citations and chart credits."""
    return cite.data_version(root)


@st.cache_resource(show_spinner=False)  # read only: parsed once, not on every map built
def world_geojson(root: Path) -> dict:
    """The shipped world GeoJSON, checksum verified."""
    return data.load_world_geojson(root)


class FrozenFigure(go.Figure):
    """A figure validated once, whose to_dict() then returns that same dict.

    st.plotly_chart calls figure.to_dict() on every rerun, and plotly's to_dict deep-copies the
    whole figure, the world geometry included: measured, that was more than half of a rerun of
    the default view. A cached figure is shared by every session and never changed, so its dict is
    built once. (A plain dict would be worse: Streamlit re-validates dicts through plotly's object
    model on each call.) The builders return plain dicts in plotly's schema; tests validate every
    builder's output with plotly's object model, so the page skips that work (about 0.1 s for a
    world map) when it first draws a view.
    """

    def __init__(self, figure: dict) -> None:
        super().__init__()
        self._frozen = {"data": figure.get("data", []), "layout": figure.get("layout", {})}

    def to_dict(self) -> dict:
        return self._frozen


def with_map_view(figure: go.Figure, zoom: float, center: dict[str, float]) -> FrozenFigure:
    """The same map at another zoom and centre (a new layout; the data, geometry included, shared)."""
    spec = figure.to_dict()
    return FrozenFigure({"data": spec["data"],
                         "layout": {**spec["layout"], "map": {**spec["layout"].get("map", {}),
                                                              "zoom": zoom, "center": center}}})


@dataclass(frozen=True)
class Bundle:
    signatories: pd.DataFrame
    m49: pd.DataFrame
    events: pd.DataFrame
    organizations: pd.DataFrame
    sources: pd.DataFrame
    root: Path  # where data/ and seeds/ were read from
    world: pd.DataFrame  # id (ISO3, or the Natural Earth name when it has none) + label
    seed: str
    list_sentence: str


# The two table bundles use cache_resource, not cache_data: every run reads them several times, and
# cache_data unpickles a fresh copy at each read (measured under load: a sixth of a run's server CPU
# once the post-run garbage collection was off). They are shared, so they are read only: frozen
# dataclasses, and tests/test_server_cpu.py runs every view and checks that no table changed.
@st.cache_resource(show_spinner=False)
def load_bundle(root: Path) -> Bundle:
    """Every table the page shows; DataFileError propagates for the page to explain."""
    world = data.load_world(root)
    ids = world["iso3"].fillna(world["ne_name"])
    labels = world["un_name"].where(world["un_name"].notna() & (world["un_name"] != ""),
                                    world["ne_name"])
    listed = data.signatory_list(root)
    return Bundle(
        root=root,
        signatories=data.load_signatories(root),
        m49=data.load_m49(root),
        events=data.load_venues(root),
        organizations=data.load_organizations(root),
        # Gapminder ships inside plotly, not in data/: its row says so (summary.gapminder_source).
        sources=pd.concat([data.load_sources(root), pd.DataFrame([gapminder_source()])], ignore_index=True),
        world=pd.DataFrame({"id": ids, "label": labels}),
        seed=data.seed_text(root),
        list_sentence=listed.sentence,
    )


@st.cache_resource(show_spinner=False)  # plain dataclasses, read only
def color_modes(root: Path, lang: str = "en") -> dict[str, ColorMode]:
    """Every map colouring mode, keyed by its URL value: regions, treaties, processes (the
    context modes' labels, notes and hover in `lang`)."""
    sig = load_bundle(root).signatories
    ctx = load_context(root)
    return {**base_modes(sig),
            **context_modes.context_modes(sig, ctx.record, ctx.memberships, lang)}


# Figures use cache_resource, not cache_data: a cached figure is shared as is, where cache_data would
# unpickle it on every rerun, and plotly re-validates and deep-copies the whole world geometry
# each time a Figure is made. st.plotly_chart only reads it (to_dict copies), nothing mutates it.
@st.cache_resource(show_spinner=False, max_entries=64)
def world_map(root: Path, shown: tuple[str, ...], mode_key: str, lang: str = "en") -> go.Figure:
    """The world map for one view (the filter's signatories and a shipped colour mode), in `lang`."""
    return world_map_for(root, shown, color_modes(root, lang)[mode_key], lang)


@st.cache_resource(show_spinner=False, max_entries=64)
def breakdown_figures(root: Path, shown: tuple[str, ...], lang: str = "en") -> dict[str, go.Figure]:
    """Counts per region and sub-region, the hierarchy and the coverage, for one filter, in `lang`."""
    bundle = load_bundle(root)
    sig = bundle.signatories
    subset = sig[sig["iso3"].isin(shown)]
    # Sub-regions take their region's colour, as on the default map.
    region_colours = color_modes(root)["region"].colours
    colours = {**{sub: region_colours[reg] for sub, reg in zip(sig["sub_region"], sig["region"])},
               **region_colours}
    return {
        "region": FrozenFigure(charts.build_count_bars(
            region_counts(subset, "region"), "region", colours, charts.BAR_TITLES["region"], lang)),
        "sub_region": FrozenFigure(charts.build_count_bars(
            region_counts(subset, "sub_region"), "sub_region", colours, charts.BAR_TITLES["sub_region"], lang)),
        "hierarchy": FrozenFigure(charts.build_hierarchy(subset, colours, lang)),
        "coverage": FrozenFigure(charts.build_coverage(coverage(subset, bundle.m49), colours, lang)),
    }


@st.cache_resource(show_spinner=False)
def timeline_figures(root: Path, lang: str = "en") -> dict[str, go.Figure]:
    """The timeline and the venues map (the same for every view), in `lang`."""
    events = load_bundle(root).events
    return {"timeline": FrozenFigure(charts.build_timeline(events, lang)),
            "venues": FrozenFigure(charts.build_venues_map(events, data.load_land_geojson(root), lang))}


@dataclass(frozen=True)
class Context:
    """The legal and regional context of the 24 (tables from dashboard.core.context)."""

    record: context.TreatyRecord  # the UN lists and the later reports of the research notes
    status: dict[str, pd.DataFrame]  # "lima" / "latest" -> 96 rows (signatory x treaty)
    counts: pd.DataFrame  # per treaty: parties at Lima and at the list's date, in the world and of the 24
    over_time: pd.DataFrame  # per treaty and year: share of the 24 and of other states that were parties
    memberships: pd.DataFrame
    rcp_matrix: pd.DataFrame
    rcp_counts: pd.DataFrame
    population: pd.DataFrame
    population_info: dict


@st.cache_resource(show_spinner=False, max_entries=8)  # read only, shared: see load_bundle
def load_context(root: Path, lang: str = "en") -> Context:
    """The context tables; the status tables' words (names, dates, reasons) in `lang`."""
    sig = load_bundle(root).signatories
    record = context.treaty_record(root)
    status = {"lima": context.treaty_status(record, context.LIMA_DATE, sig, lang),
              "latest": context.treaty_status(record, None, sig, lang)}
    memberships = context.load_rcp_memberships(root)
    population, info = context.gapminder_context(sig)
    return Context(record=record, status=status, counts=context.treaty_counts(record, sig),
                   over_time=context.parties_over_time(record, list(sig["iso3"])),
                   memberships=memberships, rcp_matrix=context.rcp_matrix(memberships, sig),
                   rcp_counts=context.rcp_counts(memberships, sig), population=population,
                   population_info=info)


@st.cache_resource(show_spinner=False)
def context_figures(root: Path, lang: str = "en", titles: tuple[str, str] = ("", "")) -> dict[str, go.Figure]:
    """The context tabs' figures in `lang` (the same for every view); `titles`: the treaty
    matrix's at Lima and latest, already in `lang`."""
    ctx = load_context(root, lang)
    return {
        "treaties-lima": FrozenFigure(context_charts.build_treaty_matrix(ctx.status["lima"], titles[0], lang)),
        "treaties-latest": FrozenFigure(context_charts.build_treaty_matrix(ctx.status["latest"], titles[1], lang)),
        "treaty-counts": FrozenFigure(context_charts.build_treaty_counts(ctx.counts, lang)),
        **{f"over-time-{t}": FrozenFigure(context_charts.build_parties_over_time(ctx.over_time, t, lang))
           for t in context.TREATIES},
        "rcp-matrix": FrozenFigure(context_charts.build_rcp_matrix(ctx.rcp_matrix, ctx.memberships, lang)),
        "rcp-counts": FrozenFigure(context_charts.build_rcp_counts(ctx.rcp_counts, lang)),
        "population-share": FrozenFigure(context_charts.build_population_share(ctx.population_info, lang)),
        "population-scatter": FrozenFigure(context_charts.build_pop_gdp_scatter(
            context.gapminder_2007(), list(load_bundle(root).signatories["iso3"]), lang)),
    }


def world_map_for(root: Path, shown: tuple[str, ...], mode: ColorMode | ScaleMode,
                  lang: str = "en") -> go.Figure:
    """The world map for any mode, uncached (world_map caches the shipped modes; a visitor's own
    list is built here each time)."""
    bundle = load_bundle(root)
    return FrozenFigure(world_map_figure.build_world_map(bundle.world, world_geojson(root),
                                            bundle.signatories, shown, mode, lang))


@dataclass(frozen=True)
class Migration:
    """Migrant stocks, corridors and remittances (dashboard.core.migration) and what draws them."""

    stock: pd.DataFrame
    corridors: pd.DataFrame
    remittances: pd.DataFrame
    names: dict[str, str]  # iso3 -> English name, every country or area in the tables
    points: dict[str, tuple[float, float]]  # iso3 -> (lat, lon) inside the country


@st.cache_resource(show_spinner=False)  # read only; cache_data would copy the corridors each rerun
def load_migration(root: Path) -> Migration:
    bundle = load_bundle(root)
    m49 = bundle.m49
    names = {**dict(zip(m49["iso3"], m49["name"])), **migration.AREA_NAMES,
             **dict(zip(bundle.signatories["iso3"], bundle.signatories["name"]))}
    return Migration(stock=migration.load_migrant_stock(root), corridors=migration.load_corridors(root),
                     remittances=migration.load_remittances(root), names=names,
                     points=data.country_points(root))


def _indicator_table(root: Path, key: str) -> pd.DataFrame:
    mig = load_migration(root)
    return mig.stock if migration_charts.INDICATORS[key].table == "stock" else mig.remittances


@st.cache_resource(show_spinner=False, max_entries=8)
def migration_names(root: Path, lang: str) -> dict[str, str]:
    """iso3 -> the country's or area's name in `lang` (CLDR; the UN M49 name in English)."""
    english = load_migration(root).names
    if lang == "en":
        return english
    _ = i18n.translator(lang)
    out = {}
    for code, name in english.items():
        local = i18n.country_name(code, lang)
        out[code] = local if local != code else _(migration.AREA_NAMES.get(code, name))
    return out


@st.cache_resource(show_spinner=False, max_entries=32)
def migration_mode(root: Path, key: str, year: int, lang: str = "en") -> ScaleMode:
    """The map mode for one migration indicator and year."""
    indicator = migration_charts.INDICATORS[key]
    return migration_charts.indicator_mode(_indicator_table(root, key), indicator, year, lang)


@st.cache_resource(show_spinner=False, max_entries=96)  # every indicator x year x language, and a few filters
def migration_map(root: Path, shown: tuple[str, ...], key: str, year: int, lang: str = "en") -> go.Figure:
    """The world map shaded by a migration indicator (the filter's signatories outlined)."""
    return world_map_for(root, shown, migration_mode(root, key, year, lang), lang)


@st.cache_resource(show_spinner=False, max_entries=8)
def prepare_migration_maps(root: Path, shown: tuple[str, ...], lang: str = "en") -> int:
    """Build (and so cache) the map of every migration indicator and year; returns how many."""
    pairs = [(key, year) for key, indicator in migration_charts.INDICATORS.items() for year in indicator.years]
    for key, year in pairs:
        migration_map(root, shown, key, year, lang)
    return len(pairs)


@st.cache_resource(show_spinner=False, max_entries=8)
def prepare_corridors(root: Path, direction: str, year: int, then: int, lang: str = "en") -> int:
    """Build (and so cache) every signatory's corridor figures and remittance lines for one
    direction and language; returns how many signatories."""
    codes = list(load_bundle(root).signatories["iso3"])
    for iso3 in codes:
        corridor_figures(root, iso3, direction, year, then, lang)
        remittance_figure(root, iso3, lang)
    return len(codes)


@st.cache_resource(show_spinner=False, max_entries=160)  # 24 signatories x 2 directions x 3 languages
def corridor_figures(root: Path, iso3: str, direction: str, year: int, then: int,
                     lang: str = "en") -> dict[str, go.Figure]:
    """The flow map and the ranked bars of one signatory's corridors (top 10)."""
    mig = load_migration(root)
    bundle = load_bundle(root)
    names = migration_names(root, lang)
    own, other = (("origin_iso3", "destination_iso3") if direction == "destinations"
                  else ("destination_iso3", "origin_iso3"))
    rows = mig.corridors[(mig.corridors[own] == iso3) & (mig.corridors[other] != migration.OTHER_ORIGIN)]
    # (partner, year) -> migrants: a dict, not a pivot table (a tenth of the cost, on every new country)
    stock = {(p, y): float(m) for p, y, m in zip(rows[other], rows["year"], rows["migrants"])}
    top = migration.top_partners(mig.corridors, iso3, year, direction, n=10)
    ranked = pd.DataFrame({"partner_iso3": top["partner_iso3"]})
    for y in (then, year):
        ranked[y] = [stock.get((p, y), float("nan")) for p in ranked["partner_iso3"]]
    now = {p: m for (p, y), m in stock.items() if y == year}
    name = names.get(iso3, iso3)
    world_ids = list(bundle.world["id"])
    return {
        "flow": FrozenFigure(migration_charts.build_flow_map(
            world_geojson(root), world_ids, iso3, name, top, now,
            mig.points, names, year, direction, lang)),
        "bars": FrozenFigure(migration_charts.build_partner_bars(name, ranked, names, (then, year), direction, lang)),
        "top": top.assign(partner=[names.get(p, p) for p in top["partner_iso3"]]),
    }


@st.cache_resource(show_spinner=False, max_entries=80)  # 24 signatories (+ none) x 3 languages
def remittance_figure(root: Path, highlight: str, lang: str = "en") -> go.Figure:
    mig = load_migration(root)
    sig = load_bundle(root).signatories
    return FrozenFigure(migration_charts.build_remittance_lines(
        mig.remittances, sig, highlight or None, color_modes(root)["region"].colours, lang))


@st.cache_data(show_spinner=False)
def migration_summary(root: Path) -> dict:
    mig = load_migration(root)
    return migration.signatory_summary(mig.stock, mig.remittances, tuple(load_bundle(root).signatories["iso3"]))


@st.cache_resource(show_spinner=False, max_entries=8)
def share_figure(root: Path, lang: str = "en") -> go.Figure:
    """The 24's share of the world's emigrants and remittances, 2005 and the latest year."""
    summary = migration_summary(root)
    (y0, r0), (y1, r1) = sorted(summary["remittances"].items())
    shares = pd.DataFrame({
        "measure": ["emigrants", "remittances"],
        "year_then": [2005, y0], "then": [summary["stock"][2005]["emigrants_share_of_all_migrants_pct"],
                                          r0["share_pct"]],
        "year_now": [2020, y1], "now": [summary["stock"][2020]["emigrants_share_of_all_migrants_pct"],
                                        r1["share_pct"]]})
    return FrozenFigure(migration_charts.build_share_change(shares, lang))


@st.cache_data(show_spinner=False)
def migration_table(root: Path, lang: str = "en") -> pd.DataFrame:
    """The 24 with their migration figures, 2005 and the latest year (one row each); names in `lang`."""
    mig = load_migration(root)
    sig = load_bundle(root).signatories
    names = migration_names(root, lang)
    table = migration.signatory_table(mig.stock, mig.remittances, mig.corridors, sig, names)
    table["name"] = [names.get(c, n) for c, n in zip(table["iso3"], table["name"])]
    return table


@st.cache_data(show_spinner=False)
def migration_csv(root: Path, lang: str = "en") -> str:
    """The 24's migration table as CSV (machine column names; country names in `lang`)."""
    return migration_table(root, lang).to_csv(index=False)
