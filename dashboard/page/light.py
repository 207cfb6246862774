"""A link from each view to its page in the light static edition, where one is published.

The static edition (scripts/export/static_edition.py) has one page per catalog chart, `<chart>.html`,
English at the site's root and each other language in its folder (`es/`, `fr/`). Whoever publishes
it gives its address in the LIMA_STATIC_URL environment variable; without one, no link is shown.
A view links to the page of its first chart (a tab without a chart of its own, to the index).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from urllib.parse import urlparse

import streamlit as st

from dashboard.core import i18n
from dashboard.figures import catalog
from dashboard.page import language
from dashboard.page.language import _

ENV = "LIMA_STATIC_URL"
_LOG = logging.getLogger(__name__)


def base_url(environ: Mapping[str, str] = os.environ) -> str:
    """The light edition's address ending in "/", "" when none is set or it is not an http(s) address."""
    value = (environ.get(ENV) or "").strip()
    if not value:
        return ""
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.netloc or any(c in value for c in ' "<>'):
        _LOG.warning("%s=%r is not an http(s) address: no link to the light edition", ENV, value)
        return ""
    return value if value.endswith("/") else value + "/"


def chart_for(view: str) -> str | None:
    """The first catalog chart of a tab (the one its light page shows), None for a tab without one."""
    return next((name for name, chart in catalog.CHARTS.items() if chart.view == view), None)


def page_url(base: str, lang: str, chart: str | None) -> str:
    """The light page of `chart` in `lang` (the language's index when `chart` is None)."""
    folder = "" if lang == i18n.DEFAULT_LANGUAGE else f"{lang}/"
    return f"{base}{folder}{chart + '.html' if chart in catalog.CHARTS else 'index.html'}"


def link(view: str | None = None, chart: str | None = None) -> None:
    """"Light version of this page", for a tab (`view`) or a chart alone (`chart`); nothing without
    LIMA_STATIC_URL."""
    base = base_url()
    if not base:
        return
    url = page_url(base, language.current(), chart or (chart_for(view) if view else None))
    words = _("Light version of this page")
    st.caption(f"[{words}]({url}) · " + _("a plain page that opens quickly on a slow connection"))
