"""Lima Declaration (2006) dashboard: the page, in order; each section lives in dashboard/page/."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `streamlit run dashboard/app.py`

from dashboard.config import DEFAULT_COLOR_MODE, VIEWS  # noqa: E402
from dashboard.core.i18n import LANGUAGES  # noqa: E402
from dashboard.core.provenance import DataFileError, data_root  # noqa: E402
from dashboard.core.summary import filter_signatories  # noqa: E402
from dashboard.figures.catalog import CHARTS  # noqa: E402
from dashboard.figures.migration_charts import INDICATORS, YEARS  # noqa: E402
from dashboard.page import cite as cite_section  # noqa: E402
from dashboard.page import (  # noqa: E402
    context_sections,
    embed,
    first_paint,
    language,  # noqa: E402
    migration_sections,
    sections,
    store,
    urlstate,
)
from dashboard.page.language import _  # noqa: E402

st.set_page_config(page_title="Lima Declaration 2006", page_icon="🗺️", layout="wide")

# 1. Data, once per process; a broken file gets a page that names it.
try:
    bundle = store.load_bundle(data_root())
    # Everything else read from data/ is loaded here too, so a broken file shows this page, not
    # an exception halfway down a tab: the land outline, treaties.csv and rcp.csv (colour modes).
    store.timeline_figures(bundle.root)
    store.color_modes(bundle.root)
    store.world_map(bundle.root, tuple(bundle.signatories["iso3"]), DEFAULT_COLOR_MODE)
except DataFileError as exc:
    sections.data_error(exc)

# 2. The view from the URL, then the sidebar filter.
sig = bundle.signatories


def colour_modes() -> dict:
    """The map's colourings in the page's language, with the visitor's compared list if any."""
    shipped = store.color_modes(bundle.root, language.current())
    mine = context_sections.compare_mode()
    return shipped if mine is None else {**shipped, mine.key: mine}


modes = colour_modes()
view = urlstate.read({
    "view": list(VIEWS),
    "region": sorted(sig["region"].unique()),
    "subregion": sorted(sig["sub_region"].unique()),
    "color": [*modes, *INDICATORS],
    "country": list(sig["iso3"]),
    "when": list(context_sections.WHEN),
    "indicator": list(INDICATORS),
    "year": [str(y) for y in YEARS],
    "direction": list(migration_sections.DIRECTIONS),
    "chart": list(CHARTS),
    "lang": list(LANGUAGES),
})
urlstate.sync_widgets(view)  # the widgets' state, before the widgets are drawn
modes = colour_modes()  # again, now in the URL's language
shown = filter_signatories(sig, st.session_state["regions"], st.session_state["sub_regions"])
st.set_page_config(page_title=cite_section.page_title(view))  # one title per view, for bookmarks
if view.one("chart"):  # ?chart=<name>: that chart alone, to embed (dashboard/page/embed.py)
    sections.ignored_values(view)
    embed.show(bundle, view)
    st.stop()

# 3. A place for the heading; it is filled after the open tab, so that the map, the first
#    thing a visitor looks for, reaches the browser first. A browser's first visit to the map
#    gets the map's screen alone, then the rest when the map is drawn (page/first_paint.py).
head = st.container()
light = first_paint.pending(sections.open_view())

# 4. One tab at a time: only the open one is built and sent to the browser.
TABS = {
    "map": [lambda: sections.world_map(bundle, shown, modes, view.one("year"), controls=not light),
            *([] if light else [lambda: sections.profile(bundle), lambda: sections.table(bundle, shown)])],
    "migration": [lambda: migration_sections.migration(bundle, view.one("year"))],
    "regions": [lambda: sections.breakdowns(bundle, shown)],
    "timeline": [lambda: sections.timeline(bundle), lambda: sections.organizations(bundle)],
    "treaties": [lambda: context_sections.treaties(bundle)],
    "processes": [lambda: context_sections.processes(bundle)],
    "population": [lambda: context_sections.population(bundle)],
    "compare": [lambda: context_sections.compare_list(bundle)],
    "sources": [lambda: sections.press_release(bundle), lambda: sections.sources(bundle)],
}
tabs = st.tabs([_(label) for label in VIEWS.values()], key="view", on_change=urlstate.write_from_widgets)
for key, tab in zip(VIEWS, tabs):
    if tab.open:
        with tab:
            try:
                for draw in TABS[key]:
                    draw()
            except DataFileError as exc:  # a file only this tab reads (migration, treaty lists...)
                sections.data_error(exc)
if light:
    first_paint.ask_for_the_rest()
else:
    cite_section.cite_block(bundle, view, shown)  # on every tab: APA, BibTeX, the data package

# 5. The heading, the key numbers, warnings about the URL, and the sidebar filter.
with head:
    sections.language_picker()
    sections.heading(bundle, shown)
    sections.ignored_values(view)
sections.sidebar(bundle, widgets=not light)
