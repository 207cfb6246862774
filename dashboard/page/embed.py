"""`?chart=<name>`: one chart alone, with its title, source and a link to the full view, ready to embed;
and the embed part of every tab's Cite block (a chart's link and its <iframe> snippet)."""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard.config import N_
from dashboard.core import cite, i18n, sources
from dashboard.figures import catalog, export
from dashboard.page import credits, language, light, map_fit, store, urlstate
from dashboard.page.frame import Page
from dashboard.page.language import _
from dashboard.page.urlstate import View

PUBLIC_URL_ENV = "LIMA_PUBLIC_URL"  # the app's public address, when the browser's is not known
FALLBACK_URL = "http://localhost:8501/"
STAMP = N_("{site}: an interactive dashboard · data version {version} · {date}")  # inside the image
# The height of an <iframe> of the embed page: the figure, then its caption (the source and the
# link back) in lines of a column about 560 px wide, then the frame's padding, gaps and the "Cite
# this chart" bar. Measured in Chromium (?chart=...&embed=true) at 390, 820 and 1400 px.
IFRAME_CHROME_PX = 150
CAPTION_LINE_PX, CAPTION_LINE_CHARS = 21, 70
PICK_KEY = "cite_embed_chart"  # the Cite block's choice of chart ("embed_chart" is ?chart='s widget)


def base_url() -> str:
    """The address the visitor used (without its query), else $LIMA_PUBLIC_URL, else localhost."""
    try:
        url = st.context.url
    except Exception:  # no browser session (AppTest, bare mode)
        url = None
    return url or os.environ.get(PUBLIC_URL_ENV) or FALLBACK_URL


@st.cache_resource(show_spinner=False, max_entries=64)  # shared, never mutated (st.plotly_chart copies)
def chart_figure(root: Path, name: str, options: tuple[tuple[str, tuple[str, ...]], ...],
                 stamp: str) -> tuple[dict[str, Any], str, str]:
    """(figure with its title and source inside, title, source) for one chart and view."""
    tables, opts = store.tables(root), dict(options)
    chart = catalog.CHARTS[name]
    title, source = chart.title_of(tables, opts), chart.source_of(tables, opts)
    return export.with_credits(catalog.build(name, tables, opts), title, source, stamp), title, source


def _kept(view: View, name: str) -> tuple[str, ...]:
    """A parameter's values as a link writes them: a single-valued one once, and not at its default."""
    values, spec = tuple(view.values.get(name, ())), urlstate.PARAMS.get(name)
    if spec is None or spec.multi:
        return values
    return tuple(v for v in values[:1] if v != spec.default)


def chart_params(view: View, name: str) -> dict[str, tuple[str, ...]]:
    """The chart's own URL parameters (the filter, colour mode, date...), chart name first, and the
    language when not English."""
    kept = {p: _kept(view, p) for p in (*catalog.CHARTS[name].params, "lang")}
    return {"chart": (name,), **{p: v for p, v in kept.items() if v}}


def full_view_params(view: View, name: str) -> dict[str, tuple[str, ...]]:
    chart = catalog.CHARTS[name]
    return {"view": (chart.view,), **{k: v for k, v in chart_params(view, name).items() if k != "chart"}}


def _options(params: dict[str, tuple[str, ...]], lang: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((k, v) for k, v in {**params, "lang": (lang,)}.items() if k != "chart")


def embedded_figure(root: Path, params: dict[str, tuple[str, ...]], base: str) -> tuple[dict[str, Any], str, str]:
    """(figure, title, source) of the chart `params` names, as its embed page draws it, in the page's
    language: inside the image, the source, the site, the data version, today's date and the address."""
    lang = language.current()
    words = i18n.translator(lang)
    stamp = words(STAMP).format(
        site=words(cite.SITE_TITLE), version=store.data_version(root), date=i18n.format_date(date.today(), lang))
    return chart_figure(root, params["chart"][0], _options(params, lang), f"{stamp}\n{cite.permalink(base, params)}")


def iframe_height(figure: dict[str, Any], caption: str) -> int:
    """Pixels for the embed page in a frame: the figure and its caption, without a scroll bar in a
    column of about 560 px or more."""
    lines = -(-len(caption) // CAPTION_LINE_CHARS)
    return int(figure["layout"]["height"]) + IFRAME_CHROME_PX + CAPTION_LINE_PX * lines


def snippet(base: str, params: dict[str, tuple[str, ...]], title: str, height: int) -> str:
    """The <iframe> that shows the chart in another page."""
    src = cite.permalink(base, {**params, "embed": ("true",)})
    return (f'<iframe src="{html.escape(src)}" title="{html.escape(title)}" width="100%" height="{height}" '
            'style="border:0" loading="lazy"></iframe>')


def publishers(cited: Iterable[sources.Cited]) -> tuple[str, ...]:
    """The source keys of a chart's sources, their roles dropped (the publishers a citation names)."""
    return tuple(item if isinstance(item, str) else item[0] for item in cited)


def show(root: Path, view: View) -> None:
    """The embed page: the chart, its source, a link to the full view, the snippet and the citation."""
    name, lang = view.one("chart"), language.current()
    params = chart_params(view, name)
    base = base_url()
    full = cite.permalink(base, full_view_params(view, name))
    fig, title, source = embedded_figure(root, params, base)
    st.plotly_chart(fig, config=export.toolbar_config(name, credits.image_format(), lang), key="embedded_chart")
    open_full = _("Open the full view in the dashboard")
    shown = source.replace("$", "\\$")  # "US$" is no LaTeX formula ("de US$; ... US$ (2004)" would make one)
    st.caption(f"{shown} [{open_full}]({full})")
    light.link(chart=name)  # where the light edition is published (LIMA_STATIC_URL)
    if not _embedded():  # in another page's frame: the chart, its source and its citation only
        credits.format_picker()
        with st.expander(_("Embed this chart in another page")):
            height = iframe_height(fig, f"{source} {open_full}")
            st.code(snippet(base, params, title, height), language="html", wrap_lines=True)
            st.caption(_("Paste this into a web page: the chart follows the filter and colouring of its link."))
    version = store.data_version(root)
    cited = catalog.CHARTS[name].cited(store.tables(root), dict(_options(params, lang)))
    citation = cite.cite(cite.view_title(title, lang), base, params, version, lang=lang,
                         publishers=publishers(cited))
    with st.expander(_("Cite this chart · data version {version}").format(version=version),
                     icon=":material/format_quote:"):
        st.code(citation.apa, language=None, wrap_lines=True)
        st.code(citation.bibtex, language="bibtex")
    map_fit.follow(store.tables(root), [name] if export.has_map(fig) else [])  # last: no gap under the chart


def tab_charts(view_key: str) -> list[str]:
    """The catalog's charts of a tab, in the catalog's order."""
    return [name for name, chart in catalog.CHARTS.items() if chart.view == view_key]


def tab_snippets(page: Page, view_key: str) -> None:
    """The Cite block's embed part: for one chart of the open tab (a select box when it has several),
    its link and a ready <iframe>, both keeping the view's filter, colouring and language."""
    names = tab_charts(view_key)
    if not names:
        return
    st.markdown(_("**Embed a chart of this view** in another web page"))
    name = names[0]
    if len(names) > 1:
        now = language.bound()  # a format_func may run after the run (AppTest): its language is fixed here
        name = st.selectbox(_("Chart"), names, format_func=lambda n: now(catalog.CHARTS[n].title),
                            key=PICK_KEY) or names[0]
    base, params = base_url(), chart_params(page.view, name)
    fig, title, source = embedded_figure(page.root, params, base)
    height = iframe_height(fig, f"{source} {_('Open the full view in the dashboard')}")
    st.caption(_("The chart alone, with its source and a link back to this view:"))
    st.code(cite.permalink(base, params), language=None, wrap_lines=True)
    st.caption(_("HTML to paste into a web page (the chart follows the filter and colouring of this view):"))
    st.code(snippet(base, params, title, height), language="html", wrap_lines=True)


def _embedded() -> bool:
    try:
        return bool(st.context.is_embedded)
    except Exception:  # no browser session
        return False
