"""The "Cite this view" block on every tab: APA and BibTeX in the reader's language naming the data's
publishers, with copy buttons; the data version; the data package; each chart's link and <iframe>."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import streamlit as st

from dashboard.config import VIEWS
from dashboard.core import cite, i18n, package, sources
from dashboard.core.package import Table
from dashboard.figures import catalog
from dashboard.page import credits, embed, language, store, urlstate
from dashboard.page.frame import FILTERED_VIEWS, Page
from dashboard.page.language import _
from dashboard.page.urlstate import View


def view_params(view: View) -> dict[str, tuple[str, ...]]:
    """Every parameter of the view that differs from its default, and the tab always (so the
    link says which tab even if the default tab changes); only values the page accepted."""
    out: dict[str, tuple[str, ...]] = {"view": (view.one("view") or urlstate.PARAMS["view"].default,)}
    for name, spec in urlstate.PARAMS.items():
        values = tuple(v for v in view.values.get(name, ()) if spec.multi or v != spec.default)
        if values and name != "view":
            out[name] = values
    return out


def publishers(page: Page, view_key: str, tables: list[Table]) -> tuple[str, ...]:
    """The sources a view's citation names: the publishers of its package tables' data files, and
    the sources of the catalog's charts on its tab (keys of dashboard.core.sources)."""
    keys = [*sources.of_files([p for t in tables for p in t.derived_from],
                              [s for t in tables for s in t.extra_sources])]
    for name in embed.tab_charts(view_key):
        keys += embed.publishers(catalog.CHARTS[name].cited(page.tables, page.options(name)))
    return tuple(dict.fromkeys(keys))


def _zip(tables: list[Table], citation: cite.Citation, label: str, root: Path) -> bytes:
    return package.build_package(tables, citation, label, root)


def cite_block(page: Page, tables: Callable[[Page], list[Table]] | None) -> None:
    """Cite this view (on every tab): APA and BibTeX in the page's language, each with a copy button,
    naming the publishers of the data shown; the data package of `tables` (the open tab's own
    tables); the link and <iframe> of the tab's charts."""
    key, lang = page.view.one("view") or "map", language.current()
    version = store.data_version(page.root)
    # A switch, not an expander: an expander's content is sent (and its code viewer's 1.5 MB of
    # JavaScript loaded) on every first visit, open or not; this way only a reader who asks pays.
    toggle = (_("Cite this view or embed its charts · data version {version}") if embed.tab_charts(key)
              else _("Cite this view · data version {version}"))
    if not st.toggle(toggle.format(version=version), key="cite_open"):
        return
    found = tables(page) if tables is not None else []
    label = _(VIEWS.get(key, ""))
    citation = cite.cite(cite.view_title(label, lang), embed.base_url(), view_params(page.view), version,
                         lang=lang, publishers=publishers(page, key, found))
    with st.container(border=True):
        st.markdown(_("**APA style** (copy with the button at the right of the box)"))
        st.code(citation.apa, language=None, wrap_lines=True)
        st.markdown("**BibTeX**")
        st.code(citation.bibtex, language="bibtex")
        st.caption(_("Data version {version}: the dashboard's data release, then a short fingerprint of its list "
                     "of data files and their checksums (it changes whenever any data file does). Accessed "
                     "{accessed}. The link restores this exact view.").format(
            version=citation.version, accessed=i18n.format_date(citation.accessed, lang)))
        if tables is not None:
            filters = signatory_filters() if key in FILTERED_VIEWS else {}
            # Built only when clicked (a callable): the ZIP costs nothing on an ordinary rerun.
            st.download_button(_("Download the data package (ZIP: the tables of this view, their sources, "
                                 "a README with this citation)"),
                               partial(_zip, found, citation, label, page.root),
                               file_name=package.csv_file_name(f"{key}_package", filters, ext="zip"),
                               mime="application/zip", on_click="ignore", key="data_package")
        embed.tab_snippets(page, key)
        credits.format_picker()


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
