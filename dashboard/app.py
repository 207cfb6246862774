"""Lima Declaration (2006) dashboard: the page, in order; each section lives in dashboard/sections.py."""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `streamlit run dashboard/app.py`

from dashboard import sections, store, urlstate  # noqa: E402
from dashboard.config import DEFAULT_COLOR_MODE  # noqa: E402
from dashboard.provenance import DataFileError, data_root  # noqa: E402
from dashboard.seed import SeedParseError  # noqa: E402
from dashboard.summary import filter_signatories  # noqa: E402

st.set_page_config(page_title="Lima Declaration 2006", page_icon="🗺️", layout="wide")

# 1. Data, once per process; a broken file gets a page that names it.
try:
    bundle = store.load_bundle(data_root())
    store.timeline_figures(bundle.root)  # reads the land outline: a broken file shows here
    store.world_map(bundle.root, tuple(bundle.signatories["iso3"]), DEFAULT_COLOR_MODE)
except (DataFileError, SeedParseError) as exc:
    sections.data_error(exc)

# 2. The view from the URL, then the sidebar filter.
sig = bundle.signatories
view = urlstate.read(sorted(sig["region"].unique()), sorted(sig["sub_region"].unique()),
                     list(sig["iso3"]), list(store.color_modes(bundle.root)))
urlstate.sync_widgets(view)
sections.sidebar(bundle, view)
shown = filter_signatories(sig, st.session_state["regions"], st.session_state["sub_regions"])

# 3. Heading and key numbers.
st.title("The Lima Declaration, May 2006")
st.markdown("On 15–16 May 2006 ministers of **24 developing countries with substantial international "
            "migration flows** met in Lima and signed a declaration on migration and development, to be "
            "carried to the UN High-Level Dialogue in New York that September.")
sections.headline(bundle, shown)

# 4. The map and the country profile.
sections.world_map(bundle, view, shown)
sections.profile(bundle)

# 5. The table, with downloads.
sections.table(bundle, shown)

# 6. Regional breakdowns.
sections.breakdowns(bundle, shown)

# 7. Timeline and venues; organisations.
sections.timeline(bundle)
sections.organizations(bundle)

# 8. The source itself and the provenance of every file.
sections.press_release(bundle)
sections.sources(bundle)
