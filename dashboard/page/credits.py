"""Every chart on the tabs drawn from the catalog with its title, source, data version and date inside,
and a toolbar that downloads it as PNG or SVG (the reader's choice, in the "Cite this view" block)."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from datetime import date
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from dashboard.config import N_
from dashboard.core import cite, i18n
from dashboard.core.provenance import data_root
from dashboard.figures import export
from dashboard.page import frame, language, store
from dashboard.page.language import _
from dashboard.page.store import FrozenFigure

FORMATS = {"png": N_("PNG image"), "svg": N_("SVG (vector, for print)")}
FORMAT_KEY = "image_format"  # the session's choice; the embed page (?chart=) offers the same
# Characters a credit line holds: what a phone's 390 px shows in 11 px type. The server cannot
# know the window's width (a narrow desktop window is as narrow as a phone), so every screen gets it.
CREDIT_CHARS = 56

_CACHE: dict[tuple, tuple[Any, FrozenFigure]] = {}
_CACHE_MAX = 512
_LOCK = threading.Lock()


def image_format() -> str:
    fmt = st.session_state.get(FORMAT_KEY)
    return fmt if fmt in FORMATS else "png"


def stamp() -> str:
    """'The Lima Declaration, 2006 · data 1.0.0+f93c5c06 · 29 November 2026' in the page's language."""
    lang = language.current()
    return _("{site} · data version {version} · {date}").format(
        site=cite.SITE_TITLE, version=store.data_version(data_root()), date=i18n.format_date(date.today(), lang))


def headed(figure: go.Figure | dict, title: str, credit: str, width: int) -> FrozenFigure:
    """The figure with its heading, built once per figure, words and width (the figures the page
    draws are cached objects, so their identity is a key; the cache holds them, so no identity is
    reused)."""
    key = (id(figure), title, credit, width)
    hit = _CACHE.get(key)
    if hit is not None and hit[0] is figure:
        return hit[1]
    spec = figure.to_dict() if isinstance(figure, go.Figure) else figure
    result = FrozenFigure(export.with_heading(spec, title, credit, width))
    with _LOCK:
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.clear()
        _CACHE[key] = (figure, result)
    return result


def title_of(figure: go.Figure | dict) -> str:
    """A builder's own title, as one line (its line breaks become spaces)."""
    spec = figure.to_dict() if isinstance(figure, go.Figure) else figure
    text = ((spec.get("layout") or {}).get("title") or {}).get("text") or ""
    return " ".join(text.replace("<br>", " ").split())


def plot(figure: go.Figure | dict, source: str, *, title: str | None = None, where: Any = None,
         **kwargs: Any) -> Any:
    """st.plotly_chart with the heading inside the figure and the download toolbar. `source` is
    already in the page's language; `title` defaults to the builder's own."""
    text = title_of(figure) if title is None else title
    fig = headed(figure, text, f"{source}\n{stamp()}", CREDIT_CHARS)
    config = export.toolbar_config(text or kwargs.get("key") or "chart", image_format(), language.current())
    return (where or st).plotly_chart(fig, config=config, **kwargs)


def format_picker() -> None:
    """PNG or SVG from every chart's camera button (plotly's button takes one format at a time)."""
    now = language.bound()  # a format_func may run after the run (AppTest): its language is fixed here
    st.segmented_control(_("Chart downloads (the camera button at each chart's top right)"), list(FORMATS),
                         format_func=lambda f: now(FORMATS[f]), key=FORMAT_KEY, default="png", required=True)


def draw(page: frame.Page, name: str, *, options: Mapping[str, Any] | None = None,
         own: Mapping[str, Any] | None = None, where: Any = None, fit: bool = True, **kwargs: Any) -> str:
    """The catalog's chart `name` for this view, with its heading inside, on the page (or in `where`).
    `options`: the chart's options when not the view's own; `own`: those of a visitor's own list (the
    figure is then never cached); `fit`: a world map's zoom and centre follow the width the browser
    gives it (page/map_fit.py; False keeps the builder's own view). Returns the chart's caption (its
    sources in full, then its caveats) for the tab to show."""
    view = dict(page.options(name) if options is None else options)
    if own is not None:
        view |= own
        fig, (title, credit, caption) = store.fresh_figure(page.root, name, view), store.fresh_words(
            page.root, name, view)
    else:
        key = store.options(view)
        fig, (title, credit, caption) = store.figure(page.root, name, key), store.words(page.root, name, key)
    plot(fig, credit, title=title, where=where, **kwargs)
    if fit and export.has_map(fig.to_dict()):
        page.maps.append(name)
    return caption
