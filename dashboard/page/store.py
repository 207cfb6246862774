"""Cached access to the data layer for the app: each table is built once per process."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard.core import context
from dashboard.core import loaders as data
from dashboard.core.summary import coverage, region_counts
from dashboard.figures import charts, context_charts, context_modes
from dashboard.figures import world_map as world_map_figure
from dashboard.figures.modes import ColorMode, base_modes


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


@st.cache_data(show_spinner=False)
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
        sources=data.load_sources(root),
        world=pd.DataFrame({"id": ids, "label": labels}),
        seed=data.seed_text(root),
        list_sentence=listed.sentence,
    )


@st.cache_resource(show_spinner=False)  # plain dataclasses, read only
def color_modes(root: Path) -> dict[str, ColorMode]:
    """Every map colouring mode, keyed by its URL value: regions, treaties, processes."""
    sig = load_bundle(root).signatories
    ctx = load_context(root)
    return {**base_modes(sig),
            **context_modes.context_modes(sig, ctx.record, ctx.memberships)}


# Figures use cache_resource, not cache_data: a cached figure is shared as is, where cache_data would
# unpickle it on every rerun, and plotly re-validates and deep-copies the whole world geometry
# each time a Figure is made. st.plotly_chart only reads it (to_dict copies), nothing mutates it.
@st.cache_resource(show_spinner=False, max_entries=64)
def world_map(root: Path, shown: tuple[str, ...], mode_key: str) -> go.Figure:
    """The world map for one view (the filter's signatories and a shipped colour mode)."""
    return world_map_for(root, shown, color_modes(root)[mode_key])


@st.cache_resource(show_spinner=False, max_entries=64)
def breakdown_figures(root: Path, shown: tuple[str, ...]) -> dict[str, go.Figure]:
    """Counts per region and sub-region, the hierarchy and the coverage, for one filter."""
    bundle = load_bundle(root)
    sig = bundle.signatories
    subset = sig[sig["iso3"].isin(shown)]
    # Sub-regions take their region's colour, as on the default map.
    region_colours = color_modes(root)["region"].colours
    colours = {**{sub: region_colours[reg] for sub, reg in zip(sig["sub_region"], sig["region"])},
               **region_colours}
    return {
        "region": go.Figure(charts.build_count_bars(
            region_counts(subset, "region"), "region", colours, "Signatories per region")),
        "sub_region": go.Figure(charts.build_count_bars(
            region_counts(subset, "sub_region"), "sub_region", colours, "Signatories per sub-region")),
        "hierarchy": go.Figure(charts.build_hierarchy(subset, colours)),
        "coverage": go.Figure(charts.build_coverage(coverage(subset, bundle.m49), colours)),
    }


@st.cache_resource(show_spinner=False)
def timeline_figures(root: Path) -> dict[str, go.Figure]:
    """The timeline and the venues map (the same for every view)."""
    events = load_bundle(root).events
    return {"timeline": go.Figure(charts.build_timeline(events)),
            "venues": go.Figure(charts.build_venues_map(events, data.load_land_geojson(root)))}


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


@st.cache_data(show_spinner=False)
def load_context(root: Path) -> Context:
    sig = load_bundle(root).signatories
    record = context.treaty_record(root)
    status = {"lima": context.treaty_status(record, context.LIMA_DATE, sig),
              "latest": context.treaty_status(record, None, sig)}
    memberships = context.load_rcp_memberships(root)
    population, info = context.gapminder_context(sig)
    return Context(record=record, status=status, counts=context.treaty_counts(record, sig),
                   over_time=context.parties_over_time(record, list(sig["iso3"])),
                   memberships=memberships, rcp_matrix=context.rcp_matrix(memberships, sig),
                   rcp_counts=context.rcp_counts(memberships, sig), population=population,
                   population_info=info)


@st.cache_resource(show_spinner=False)
def context_figures(root: Path) -> dict[str, go.Figure]:
    """The context tabs' figures (the same for every view)."""
    ctx = load_context(root)
    return {
        "treaties-lima": go.Figure(context_charts.build_treaty_matrix(
            ctx.status["lima"], "Status on the Lima date, 16 May 2006")),
        "treaties-latest": go.Figure(context_charts.build_treaty_matrix(
            ctx.status["latest"], "Latest known status: each treaty's UN list, then later reports")),
        "treaty-counts": go.Figure(context_charts.build_treaty_counts(ctx.counts)),
        **{f"over-time-{t}": go.Figure(context_charts.build_parties_over_time(ctx.over_time, t))
           for t in context.TREATIES},
        "rcp-matrix": go.Figure(context_charts.build_rcp_matrix(ctx.rcp_matrix, ctx.memberships)),
        "rcp-counts": go.Figure(context_charts.build_rcp_counts(ctx.rcp_counts)),
        "population-share": go.Figure(context_charts.build_population_share(ctx.population_info)),
        "population-scatter": go.Figure(context_charts.build_pop_gdp_scatter(
            context.gapminder_2007(), list(load_bundle(root).signatories["iso3"]))),
    }


def world_map_for(root: Path, shown: tuple[str, ...], mode: ColorMode) -> go.Figure:
    """The world map for any mode, uncached (world_map caches the shipped modes; a visitor's own
    list is built here each time)."""
    bundle = load_bundle(root)
    return go.Figure(world_map_figure.build_world_map(bundle.world, data.load_world_geojson(root),
                                            bundle.signatories, shown, mode))
