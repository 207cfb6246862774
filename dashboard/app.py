"""Lima Declaration (2006) dashboard: the page, in order; each tab lives in dashboard/page/tabs/."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `streamlit run dashboard/app.py`

from dashboard.config import VIEWS  # noqa: E402
from dashboard.core.i18n import LANGUAGES  # noqa: E402
from dashboard.core.provenance import DataFileError, data_root  # noqa: E402
from dashboard.core.summary import filter_signatories  # noqa: E402
from dashboard.figures.catalog import CHARTS  # noqa: E402
from dashboard.figures.migration import DIRECTIONS, INDICATORS, YEARS  # noqa: E402
from dashboard.figures.timeline import EVENT_CHOICES  # noqa: E402
from dashboard.figures.treaties import WHEN  # noqa: E402
from dashboard.page import cite, embed, first_paint, frame, map_fit, store, urlstate  # noqa: E402
from dashboard.page.language import _  # noqa: E402
from dashboard.page.tabs import (  # noqa: E402
    compare,
    map,
    migration,
    population,
    processes,
    regions,
    sources,
    timeline,
    treaties,
)

# One module per tab, in the order of config.VIEWS: each draws its tab with show(page), and some
# give the tables of their view's data package.
TABS = {"map": map, "migration": migration, "regions": regions, "timeline": timeline, "treaties": treaties,
        "processes": processes, "population": population, "compare": compare, "sources": sources}

st.set_page_config(page_title="Lima Declaration 2006", page_icon="🗺️", layout="wide")

# 1. Data, once per process; a broken file gets a page that names it.
root = data_root()
try:
    tables = store.tables(root)
    tables.check()  # every file a tab may read, so that a broken one shows this page, not a half-drawn tab
    colourings = store.colour_modes(root)
except DataFileError as exc:
    frame.data_error(exc)

# 2. The view from the URL, then the sidebar filter.
sig = tables.signatories
view = urlstate.read({
    "view": list(VIEWS),
    "region": sorted(sig["region"].unique()),
    "subregion": sorted(sig["sub_region"].unique()),
    "color": [*colourings, *INDICATORS, *(["compare"] if compare.own_list() else [])],
    "country": list(sig["iso3"]),
    "when": list(WHEN),
    "indicator": list(INDICATORS),
    "year": [str(y) for y in YEARS],
    "direction": list(DIRECTIONS),
    "events": list(EVENT_CHOICES),
    "chart": list(CHARTS),
    "lang": list(LANGUAGES),
})
urlstate.sync_widgets(view)  # the widgets' state, before the widgets are drawn
shown = filter_signatories(sig, st.session_state["regions"], st.session_state["sub_regions"])
st.set_page_config(page_title=cite.page_title(view))  # one title per view, for bookmarks
if view.one("chart"):  # ?chart=<name>: that chart alone, to embed (dashboard/page/embed.py)
    frame.ignored_values(view)
    embed.show(root, view)
    st.stop()

# 3. The page's styles, then the heading, the key numbers and warnings about the URL, in reading
#    order: what is drawn first never moves when the rest arrives (a heading filled in above the map
#    pushed the tabs and the map down the screen). A browser's first visit to the map gets the
#    map's screen alone, then the rest when the map is drawn (page/first_paint.py).
page = frame.Page(root, tables, view, shown, light=first_paint.pending(frame.open_view()))
frame.page_style()
frame.language_picker()
frame.heading(page)
frame.ignored_values(view)

# 4. One tab at a time: only the open one is built and sent to the browser.
tabs = st.tabs([_(label) for label in VIEWS.values()], key="view", on_change=urlstate.write_from_widgets)
for key, tab in zip(VIEWS, tabs):
    if tab.open:
        with tab:
            frame.way_back(key)  # a tab opened by another tab's button leads back to it
            try:
                TABS[key].show(page)
            except DataFileError as exc:  # a file only this tab reads (migration, treaty lists...)
                frame.data_error(exc)
        if page.light:
            first_paint.ask_for_the_rest()
        else:  # on every tab: APA, BibTeX, the data package
            cite.cite_block(page, getattr(TABS[key], "package_tables", None))

# 5. The sidebar filter, and the script that fits the world maps to the browser's width.
frame.sidebar(page, widgets=not page.light)
map_fit.follow(tables, page.maps)
