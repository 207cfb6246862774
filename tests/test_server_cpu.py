"""What keeps a run's server CPU low (issue 13 part 2, docs/PERFORMANCE.md) and what keeps it safe.

1. `runner.postScriptGC = false`: Streamlit's full garbage collection after every run was most of a
   run's server CPU under load. The option must stay set, and must still exist in Streamlit (a
   renamed option would be ignored without a word).
2. The table bundles are shared by every session (st.cache_resource, not a copy per read): no view
   may change them. Every view is run, then the shared tables are compared with fresh ones.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from urllib.parse import parse_qs

import pandas as pd
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from dashboard.core.provenance import data_root
from dashboard.page import store
from tests import ws_support as ws

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard" / "app.py"
# Every view of the load client's list, the tabs it leaves out, and the other two languages.
EXTRA_QUERIES = ["view=migration", "view=compare", "view=treaties&lang=es", "view=processes&lang=fr",
                 "view=population&lang=es", "lang=fr&region=Asia"]


def test_post_script_gc_is_off_and_streamlit_knows_the_option():
    options = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert options["runner"]["postScriptGC"] is False
    assert "runner.postScriptGC" in st_config._config_options_template
    # The server's own file watcher stays off too (the other cut of the same kind).
    assert options["server"]["fileWatcherType"] == "none"


def _same(a, b, where: str) -> None:
    if isinstance(a, pd.DataFrame):
        pd.testing.assert_frame_equal(a, b, obj=where)
    elif isinstance(a, dict):
        assert a.keys() == b.keys(), where
        for key in a:
            _same(a[key], b[key], f"{where}[{key!r}]")
    elif isinstance(a, tuple | list) and any(isinstance(v, pd.DataFrame) for v in a):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}[{i}]")
    elif hasattr(a, "__dataclass_fields__"):
        for name in a.__dataclass_fields__:
            _same(getattr(a, name), getattr(b, name), f"{where}.{name}")
    else:
        assert a == b, where


def test_no_view_changes_the_shared_tables():
    root = data_root()
    at = AppTest.from_file(str(APP), default_timeout=180)
    at.run()
    for query in [q for q, _ in ws.SCENARIOS] + EXTRA_QUERIES:
        at.query_params.clear()
        for key, values in parse_qs(query).items():
            at.query_params[key] = values
        at.run()
        assert not at.exception, f"?{query}: {at.exception}"
    shared = store.tables(root)
    store.tables.clear()
    fresh = store.tables(root)
    assert shared is not fresh  # really a new build to compare against
    read = {name: value for name, value in vars(shared).items() if not name.startswith("_")}
    assert {"signatories", "record", "stock", "corridors"} <= set(read), sorted(read)  # the views read them
    for name, value in read.items():
        _same(value, getattr(fresh, name), name)
    builders = {"status-lima": lambda lang: fresh.treaty_status("lima", lang),
                "status-latest": lambda lang: fresh.treaty_status("latest", lang),
                "names": fresh.names_in, "migration-table": fresh.migration_table}
    for (name, lang), value in shared._by_lang.items():
        _same(value, builders[name](lang), f"{name}[{lang}]")
