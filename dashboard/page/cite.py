"""The "Cite this view" block on every tab: APA and BibTeX with copy buttons, data version, data package."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import partial
from pathlib import Path

import streamlit as st

from dashboard.config import VIEWS
from dashboard.core import cite, i18n, package
from dashboard.core.package import Table
from dashboard.figures import catalog
from dashboard.page import credits, language, store, urlstate
from dashboard.page.frame import FILTERED_VIEWS, Page
from dashboard.page.language import _
from dashboard.page.urlstate import View

PUBLIC_URL_ENV = "LIMA_PUBLIC_URL"  # the app's public address, when the browser's is not known
FALLBACK_URL = "http://localhost:8501/"


def base_url() -> str:
    """The address the visitor used (without its query), else $LIMA_PUBLIC_URL, else localhost."""
    try:
        url = st.context.url
    except Exception:  # no browser session (AppTest, bare mode)
        url = None
    return url or os.environ.get(PUBLIC_URL_ENV) or FALLBACK_URL


def view_params(view: View) -> dict[str, tuple[str, ...]]:
    """Every parameter of the view that differs from its default, and the tab always (so the
    link says which tab even if the default tab changes); only values the page accepted."""
    out: dict[str, tuple[str, ...]] = {"view": (view.one("view") or urlstate.PARAMS["view"].default,)}
    for name, spec in urlstate.PARAMS.items():
        values = tuple(v for v in view.values.get(name, ()) if spec.multi or v != spec.default)
        if values and name != "view":
            out[name] = values
    return out


def view_citation(view: View, root: Path, title: str,
                  params: dict[str, tuple[str, ...]] | None = None) -> cite.Citation:
    return cite.cite(title, base_url(), view_params(view) if params is None else params,
                     store.data_version(root))


def _zip(tables: list[Table], citation: cite.Citation, label: str, root: Path) -> bytes:
    return package.build_package(tables, citation, label, root)


def cite_block(page: Page, tables: Callable[[Page], list[Table]] | None) -> None:
    """Cite this view (on every tab): APA and BibTeX, each with a copy button, and the data package
    of `tables` (the open tab's own tables)."""
    key = page.view.one("view") or "map"
    label = VIEWS.get(key, "")
    citation = view_citation(page.view, page.root, cite.view_title(label))
    # A switch, not an expander: an expander's content is sent (and its code viewer's 1.5 MB of
    # JavaScript loaded) on every first visit, open or not; this way only a reader who asks pays.
    if not st.toggle(_("Cite this view · data version {version}").format(version=citation.version),
                     key="cite_open"):
        return
    with st.container(border=True):
        credits.format_picker()
        st.markdown(_("**APA style** (copy with the button at the right of the box)"))
        st.code(citation.apa, language=None, wrap_lines=True)
        st.markdown("**BibTeX**")
        st.code(citation.bibtex, language="bibtex")
        st.caption(_("Data version {version}: the dashboard's data release, then a short fingerprint of its list "
                     "of data files and their checksums (it changes whenever any data file does). Accessed "
                     "{accessed}. The link restores this exact view.").format(
            version=citation.version, accessed=i18n.format_date(citation.accessed, language.current())))
        if tables is not None:
            found = tables(page)
            filters = signatory_filters() if key in FILTERED_VIEWS else {}
            # Built only when clicked (a callable): the ZIP costs nothing on an ordinary rerun.
            st.download_button(_("Download the data package (ZIP: the tables of this view, their sources, "
                                 "a README with this citation)"),
                               partial(_zip, found, citation, label, page.root),
                               file_name=package.csv_file_name(f"{key}_package", filters, ext="zip"),
                               mime="application/zip", on_click="ignore", key="data_package")


def page_title(view: View) -> str:
    """The browser tab's title for the view: 'Legal frameworks · The Lima Declaration, 2006'."""
    if (name := view.one("chart")) in catalog.CHARTS:
        label = _(catalog.CHARTS[name].title)
    else:
        label = _(VIEWS.get(view.one("view") or "map", ""))
    return _("{view} · The Lima Declaration, 2006").format(view=label)


def signatory_filters() -> dict[str, list[str]]:
    """The sidebar filter, for file names: {"region": [...], "subregion": [...]}."""
    return {"region": list(st.session_state.get("regions") or ()),
            "subregion": list(st.session_state.get("sub_regions") or ())}
