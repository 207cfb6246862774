"""The "Map & table" tab's chart: the world map of the signatories, coloured by any of the map's
colourings (UN M49 regions, a treaty's status, a regional process, a recorded vote of the UN
General Assembly, a migration indicator, a compared list), the region filter's signatories shown (no Streamlit)."""

from __future__ import annotations

import functools

from dashboard.config import DEFAULT_COLOR_MODE, N_
from dashboard.core import i18n, sources
from dashboard.data import Tables
from dashboard.figures import compare as compare_figures
from dashboard.figures import migration
from dashboard.figures.chart import Chart, Figure, Options, first, lang_of
from dashboard.figures.modes import (
    COMPACT,
    VOTE_MODES,
    ColorMode,
    ScaleMode,
    base_modes,
    compare_mode,
    context_modes,
    vote_mode,
)
from dashboard.figures.regions import shown
from dashboard.figures.world import build_world_map

BASE: tuple[sources.Cited, ...] = ("press-release", ("m49", "regions"), ("natural-earth", "boundaries"))
# A colouring's group -> the source it adds to the map's own.
EXTRA: dict[str, sources.Cited] = {"Treaties": ("untc", "treaties"), "Regional processes": ("rcp", "processes"),
                                   COMPACT: ("unga-votes", "votes")}


@functools.lru_cache(maxsize=12)  # one set per data root and language; modes are read only
def colour_modes(tables: Tables, lang: str = "en") -> dict[str, ColorMode]:
    """Every shipped colouring with a category per country, keyed by its URL value, words in `lang`."""
    sig = tables.signatories
    votes = {key: vote_mode(tables.votes, key, list(sig["iso3"]), tables.world["id"], lang) for key in VOTE_MODES}
    return {**base_modes(sig), **context_modes(sig, tables.record, tables.memberships, lang), **votes}


def compared(tables: Tables, options: Options) -> ColorMode | None:
    """The colouring of a compared list that the options carry, None if none or unreadable."""
    result = compare_figures.compared_result(tables, options)
    return None if result is None else compare_mode(result, lang_of(options), tables.world["id"])


def mode_of(tables: Tables, options: Options) -> ColorMode | ScaleMode:
    """The view's colouring (?color=): a migration indicator's scale, a compared list, or a shipped
    colouring (the regions when the value is none of these)."""
    key = first(options, "color", DEFAULT_COLOR_MODE)
    if key in migration.INDICATORS:
        return migration.scale_mode(tables, options)
    if key == "compare" and (mine := compared(tables, options)) is not None:
        return mine
    modes = colour_modes(tables, lang_of(options))
    return modes.get(key) or modes[DEFAULT_COLOR_MODE]


def _map(tables: Tables, options: Options) -> Figure:
    return build_world_map(tables.world, tables.geojson, tables.signatories, tuple(shown(tables, options)["iso3"]),
                           mode_of(tables, options), lang_of(options))


def _indicator(options: Options) -> bool:
    """Whether the colouring is a migration indicator's (a scale, or the cost of sending money's classes)."""
    return first(options, "color", DEFAULT_COLOR_MODE) in migration.INDICATORS


def _title(tables: Tables, options: Options) -> str:
    mode = mode_of(tables, options)
    if _indicator(options):
        return migration.indicator_title(tables, options)
    _ = i18n.translator(lang_of(options))
    return _("Where the 24 signatories are · {colouring}").format(colouring=_(mode.label))


def _sources(tables: Tables, options: Options) -> tuple[sources.Cited, ...]:
    mode = mode_of(tables, options)
    if _indicator(options):
        return (migration.indicator_of(options)[0].source,)
    if mode.key == "compare":
        return ("your-list", "press-release")
    return (*BASE, EXTRA[mode.group]) if mode.group in EXTRA else BASE


def _note(tables: Tables, options: Options) -> str:
    mode = mode_of(tables, options)
    if _indicator(options) or not mode.note:  # an indicator's note is made in its language
        return mode.note
    return i18n.translator(lang_of(options))(mode.note)


CHARTS = (
    Chart("map", N_("Where the 24 signatories are"), BASE, "map", _map, ("region", "subregion", "color", "year"),
          title_for=_title, sources_for=_sources, note_for=_note),
)
