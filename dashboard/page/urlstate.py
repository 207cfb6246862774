"""The view lives in the URL: read query parameters into widget state and write widget changes back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import streamlit as st

from dashboard.config import DEFAULT_COLOR_MODE, DEFAULT_VIEW, VIEWS
from dashboard.page.filters import Choice, choose, choose_one
from dashboard.page.language import _


@dataclass(frozen=True)
class Param:
    state_key: str  # the session-state key of the widget that shows it
    multi: bool  # several values (?region=A&region=B) or one
    default: str = ""  # a single-valued parameter equal to this is left out of the URL


# query parameter -> how it maps to a widget. Other sections may add their own entries.
PARAMS: dict[str, Param] = {
    "view": Param("view", multi=False, default=DEFAULT_VIEW),
    "region": Param("regions", multi=True),
    "subregion": Param("sub_regions", multi=True),
    "color": Param("color_by", multi=False, default=DEFAULT_COLOR_MODE),
    "country": Param("country", multi=False),
    "when": Param("treaty_when", multi=False, default="lima"),
    "indicator": Param("mig_indicator", multi=False, default="emigrants"),
    "year": Param("mig_year", multi=False),
    "direction": Param("mig_direction", multi=False, default="destinations"),
    "events": Param("timeline_events", multi=False, default="all"),  # all, or only where the 24 had a role
    "chart": Param("embed_chart", multi=False),  # one chart alone (dashboard/page/embed.py)
    "lang": Param("lang", multi=False, default="en"),
}
_SNAPSHOT = "_url_snapshot"


@dataclass(frozen=True)
class View:
    values: dict[str, tuple[str, ...]]  # parameter -> valid values (canonical spelling)
    ignored: tuple[tuple[str, str], ...]  # (parameter, value shortened for display)

    def one(self, name: str) -> str:
        return self.values[name][0] if self.values[name] else ""


def _values(name: str) -> list[str]:
    try:
        return st.query_params.get_all(name)
    except Exception:  # a malformed query string must not break the page
        return []


def read(allowed: Mapping[str, Sequence[str]]) -> View:
    """Parse the URL against the allowed values of each parameter in PARAMS; unknown values are
    collected for a warning, never raised."""
    found: dict[str, Choice] = {}
    for name, spec in PARAMS.items():
        options = list(allowed[name])
        if spec.multi:
            found[name] = choose(_values(name), options)
        else:
            found[name] = choose_one(_values(name), [spec.default, *options], spec.default)
    ignored = tuple((name, value) for name, choice in found.items() for value in choice.ignored)
    return View({name: choice.selected for name, choice in found.items()}, ignored)


def _to_state(name: str, values: tuple[str, ...]) -> object:
    if PARAMS[name].multi:
        return list(values)
    value = values[0] if values else PARAMS[name].default
    return _(VIEWS[value]) if name == "view" else value  # the tabs widget holds the label, translated


def current(name: str) -> tuple[str, ...]:
    """A URL parameter's values as the widgets hold them now (what the URL says after this run)."""
    return _from_state(name)


def _from_state(name: str) -> tuple[str, ...]:
    value = st.session_state.get(PARAMS[name].state_key)
    if PARAMS[name].multi:
        return tuple(value or ())
    if name == "view":
        value = {_(label): key for key, label in VIEWS.items()}.get(str(value), DEFAULT_VIEW)
    return (value,) if value else ()


def sync_widgets(view: View) -> None:
    """Put the URL's view into the widgets when the URL changed since we last wrote it
    (first visit, a pasted link, or a test setting query parameters)."""
    snapshot = tuple(sorted(view.values.items()))
    if st.session_state.get(_SNAPSHOT) != snapshot:
        # The language first: the tab's label (view) is set in the URL's language.
        for name, values in sorted(view.values.items(), key=lambda item: item[0] != "lang"):
            st.session_state[PARAMS[name].state_key] = _to_state(name, values)
        st.session_state[_SNAPSHOT] = snapshot


def write_from_widgets() -> None:
    """Widget callback: make the URL say what the widgets show (defaults left out)."""
    current = {name: _from_state(name) for name in PARAMS}
    for name, values in current.items():
        keep = [v for v in values if PARAMS[name].multi or v != PARAMS[name].default]
        if keep:
            st.query_params[name] = keep
        elif name in st.query_params:
            del st.query_params[name]
    st.session_state[_SNAPSHOT] = tuple(sorted(
        (name, values if values or PARAMS[name].multi else (PARAMS[name].default,))
        for name, values in current.items()))


def open_country(iso3: str) -> None:
    st.session_state[PARAMS["country"].state_key] = iso3
    write_from_widgets()
