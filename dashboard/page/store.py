"""Caching only: thin st.cache_* wrappers around the data layer and the chart catalog, so that each
table is read and each figure built once per process and shared by every visitor."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import data
from dashboard.core import cite, costs, migration
from dashboard.figures import catalog
from dashboard.figures import costs as cost_figures
from dashboard.figures import map as map_figure
from dashboard.figures.modes import ColorMode

Options = tuple[tuple[str, tuple[str, ...]], ...]  # a view's options, hashable: ((name, values), ...)


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


def options(values: Mapping[str, Sequence[str]]) -> Options:
    """A view's options in a hashable, canonical form (for the caches' keys)."""
    return tuple(sorted((k, tuple(v)) for k, v in values.items() if v))


# The tables use cache_resource, not cache_data: every run reads them several times, and cache_data
# unpickles a fresh copy at each read (measured under load: a sixth of a run's server CPU once the
# post-run garbage collection was off). They are shared, so they are read only; tests/test_server_cpu.py
# runs every view and checks that no table changed.
@st.cache_resource(show_spinner=False)
def tables(root: Path) -> data.Tables:
    """Every table of the data root, read on first use; DataFileError propagates for the page to explain."""
    return data.Tables(root)


@st.cache_resource(show_spinner=False)  # plain dataclasses, read only
def colour_modes(root: Path, lang: str = "en") -> dict[str, ColorMode]:
    """Every shipped colouring of the map with a category per country, keyed by its URL value."""
    return map_figure.colour_modes(tables(root), lang)


@st.cache_data(show_spinner=False)
def data_version(root: Path) -> str:
    """The data version (release + short hash of the manifest), for citations and chart credits."""
    return cite.data_version(root)


# Figures use cache_resource, not cache_data: a cached figure is shared as is, where cache_data would
# unpickle it on every rerun, and plotly re-validates and deep-copies the whole world geometry
# each time a Figure is made. st.plotly_chart only reads it (to_dict copies), nothing mutates it.
@st.cache_resource(show_spinner=False, max_entries=256)
def figure(root: Path, name: str, view: Options) -> go.Figure:
    """The catalog's chart `name` for a view (its options, `lang` among them)."""
    return fresh_figure(root, name, dict(view))


@st.cache_resource(show_spinner=False, max_entries=256)
def words(root: Path, name: str, view: Options) -> tuple[str, str, str]:
    """(title, credit line, caption) of a chart for a view, in the view's language."""
    return fresh_words(root, name, dict(view))


def fresh_figure(root: Path, name: str, view: Mapping[str, Sequence[str]]) -> go.Figure:
    """A chart built for this visitor alone (a map of the list they compared: never cached)."""
    return FrozenFigure(catalog.build(name, tables(root), view))


def fresh_words(root: Path, name: str, view: Mapping[str, Sequence[str]]) -> tuple[str, str, str]:
    """(title, credit line, caption) of a chart for this visitor alone (never cached)."""
    chart, found = catalog.chart(name), tables(root)
    return chart.title_of(found, view), chart.credit_of(found, view), chart.source_of(found, view)


@st.cache_resource(show_spinner=False, max_entries=16)
def prepared(root: Path, name: str, views: tuple[Options, ...]) -> int:
    """Build (and so cache) a chart for many views at once, after a tab is drawn, so that a reader's
    next change is a cache hit; returns how many."""
    for view in views:
        figure(root, name, view)
        words(root, name, view)
    return len(views)


@st.cache_data(show_spinner=False, max_entries=160)
def top_partners(root: Path, iso3: str, direction: str, year: int, lang: str) -> pd.DataFrame:
    """A signatory's ten largest partners in `year` (partner_iso3, migrants, share) with their names."""
    found = tables(root)
    top = migration.top_partners(found.corridors, iso3, year, direction, n=10)
    names = found.names_in(lang)
    return top.assign(partner=[names.get(p, p) for p in top["partner_iso3"]])


@st.cache_resource(show_spinner=False)  # frozen dataclasses, read only
def cost_summary(root: Path) -> tuple[costs.CostChange, tuple[costs.Share, ...], dict[str, float]]:
    """The cost of sending money to the 24, 2011 and 2020; the corridors into them above 5% in the
    first and the latest official quarter, and in the latest derived one; Mexico's 2020 cost in
    each WDI edition (vintage -> cost)."""
    found = tables(root)
    iso3s, corridors = list(found.signatories["iso3"]), found.corridor_costs
    mexico = {v: float(c["MEX"]) for v in costs.VINTAGES if "MEX" in (c := costs.costs_in(found.remittance_costs,
                                                                                          2020, v))}
    return cost_figures.change_of(found), (
        costs.share_above(corridors, iso3s, quarter=costs.quarter_label(costs.FIRST_YEAR, 1)),
        costs.share_above(corridors, iso3s), costs.share_above(corridors, iso3s, series="derived")), mexico


@st.cache_resource(show_spinner=False, max_entries=32)  # read only
def corridors_into(root: Path, iso3: str) -> pd.DataFrame:
    """The corridors into a signatory, costliest first in the latest official quarter (costs.corridors_of)."""
    return costs.corridors_of(tables(root).corridor_costs, iso3)
