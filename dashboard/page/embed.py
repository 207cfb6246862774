"""`?chart=<name>`: one chart alone, with its title, source and a link to the full view, ready to embed."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import streamlit as st

from dashboard.core import cite
from dashboard.figures import catalog, export
from dashboard.page import cite as cite_page
from dashboard.page import credits, language, light, map_fit, store
from dashboard.page.language import _
from dashboard.page.urlstate import View

IFRAME_EXTRA_PX = 120  # room under the chart for the source line and the link


@st.cache_resource(show_spinner=False, max_entries=64)  # shared, never mutated (st.plotly_chart copies)
def chart_figure(root: Path, name: str, options: tuple[tuple[str, tuple[str, ...]], ...],
                 stamp: str) -> tuple[dict[str, Any], str, str]:
    """(figure with its title and source inside, title, source) for one chart and view."""
    tables, opts = store.tables(root), dict(options)
    chart = catalog.CHARTS[name]
    title, source = chart.title_of(tables, opts), chart.source_of(tables, opts)
    return export.with_credits(catalog.build(name, tables, opts), title, source, stamp), title, source


def chart_params(view: View, name: str) -> dict[str, tuple[str, ...]]:
    """The chart's own URL parameters (the filter, colour mode, date...), chart name first."""
    chart = catalog.CHARTS[name]
    lang = tuple(view.values.get("lang", ()))
    return {"chart": (name,), **{p: tuple(view.values.get(p, ())) for p in chart.params if view.values.get(p)},
            **({"lang": lang} if lang and lang != ("en",) else {})}


def full_view_params(view: View, name: str) -> dict[str, tuple[str, ...]]:
    chart = catalog.CHARTS[name]
    return {"view": (chart.view,), **{k: v for k, v in chart_params(view, name).items() if k != "chart"}}


def show(root: Path, view: View) -> None:
    """The embed page: the chart, its source, a link to the full view, the snippet and the citation."""
    name = view.one("chart")
    params = chart_params(view, name)
    version = store.data_version(root)
    base = cite_page.base_url()
    here = cite.permalink(base, params)
    full = cite.permalink(base, full_view_params(view, name))
    stamp = f"{cite.SITE_TITLE}: an interactive dashboard · data version {version} · {cite.today_label()}\n{here}"
    options = tuple((k, v) for k, v in {**params, "lang": (language.current(),)}.items() if k != "chart")
    fig, title, source = chart_figure(root, name, options, stamp)
    st.plotly_chart(fig, config=export.toolbar_config(name, credits.image_format()), key="embedded_chart")
    open_full = _("Open the full view in the dashboard")
    st.caption(f"{source} [{open_full}]({full})")
    light.link(chart=name)  # where the light edition is published (LIMA_STATIC_URL)
    credits.format_picker()
    if not _embedded():
        snippet = (f'<iframe src="{html.escape(cite.permalink(base, {**params, "embed": ("true",)}))}" '
                   f'title="{html.escape(title)}" width="100%" height="{fig["layout"]["height"] + IFRAME_EXTRA_PX}" '
                   'style="border:0" loading="lazy"></iframe>')
        with st.expander(_("Embed this chart in another page")):
            st.code(snippet, language="html", wrap_lines=True)
            st.caption(_("Paste this into a web page: the chart follows the filter and colouring of its link."))
    citation = cite.cite(title, base, params, version)
    with st.expander(_("Cite this chart · data version {version}").format(version=version),
                     icon=":material/format_quote:"):
        st.code(citation.apa, language=None, wrap_lines=True)
        st.code(citation.bibtex, language="bibtex")
    map_fit.follow(store.tables(root), [name] if export.has_map(fig) else [])  # last: no gap under the chart


def _embedded() -> bool:
    try:
        return bool(st.context.is_embedded)
    except Exception:  # no browser session
        return False
