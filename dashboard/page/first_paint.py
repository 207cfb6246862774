"""A first visit to the map draws the map first and the rest of the page a moment later.

On a first visit the browser has to fetch and evaluate plotly's 4.7 MB script before it can draw
the map, and every other element sent in the same run (select boxes, toggles, download buttons,
the sidebar's filter: each its own lazily loaded script) competes with it for the browser's one
main thread; measured, that cost the map 0.2-0.4 s, and this halves it (docs/PERFORMANCE.md,
"Time to the map element" and "First paint").
So the first run of a browser's session on the map tab sends only what stands above and in the
map (the heading, the tabs, the map, the sidebar's heading: nothing moves when the rest
arrives) and a small script that asks for the whole page as soon as the map is drawn and the
browser is idle. The next run, whatever starts it, draws the whole page. No fixed pause: the
browser says when. A map that fails must not hold the page: once plotly's element is there the
script waits at most MAX_WAIT_MS for the map to be drawn, and it asks at once if the chart's place
shows an error. The wait starts with plotly's element, not with the page: on a slow phone plotly's
script alone takes 25-30 s to arrive, and a clock started earlier sent the rest of the page (0.4 MB
of scripts) down the same narrow pipe while plotly was still coming (bench/slow_network.py). If
plotly's element never comes, the script asks after GIVE_UP_MS.

Without a browser (AppTest, bare mode) there is no one to ask, and the whole page is drawn at once.
"""

from __future__ import annotations

import streamlit as st

from dashboard.page import device

KEY = "first_paint"  # the signal's widget key; its element carries the class st-key-first_paint
DONE = "_first_paint_done"  # session flag: the light run has happened, every later run is whole
MAX_WAIT_MS = 4000  # from plotly's element to a drawn map: asks anyway after this long
GIVE_UP_MS = 120_000  # plotly's element never came (its script failed to arrive): asks anyway

# Waits for the map to be drawn (MapLibre's canvas inside plotly's element, MapLibre's "idle": its
# first render done, then two animation frames: a frame with the map was presented), then for the
# browser's first idle moment, then asks Python for a rerun. Fires at most once per mount, never after.
_JS = """
export default function (component) {
  const { setTriggerValue, data } = component;
  const start = performance.now();
  let fired = false, hooked = false, plotSince = null;
  const fire = () => { if (!fired) { fired = true; setTriggerValue("drawn", true); } };
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 1));
  const drawn = () => requestAnimationFrame(() => requestAnimationFrame(() => idle(fire, { timeout: 500 })));
  const check = () => {
    if (fired) return;
    const now = performance.now();
    const plot = document.querySelector(".js-plotly-plot");
    if (plot && plotSince === null) plotSince = now;
    if (!hooked && plot && plot.querySelector("canvas")) {
      hooked = true;
      const layout = plot._fullLayout, map = layout && layout.map && layout.map._subplot && layout.map._subplot.map;
      if (map && typeof map.once === "function" && !map.loaded()) map.once("idle", drawn); else drawn();
    }
    // an element that failed (its script did not arrive: Streamlit's error stack), or an exception
    const failed = document.querySelector('[data-testid="stErrorElementStack"], [data-testid="stException"]');
    if (failed || (plotSince !== null && now - plotSince > data.max_wait_ms)
        || now - start > data.give_up_ms) { fire(); return; }
    setTimeout(check, 50);
  };
  check();
  return () => { fired = true; };  // unmounted (the reader moved on first): ask for nothing
}
"""

_signal = st.components.v2.component(KEY, js=_JS)


def has_browser() -> bool:
    """A real browser is on the other end of this session (it sent a User-Agent)."""
    return bool(device.user_agent())


def pending(view: str) -> bool:
    """This run should draw only the map's screen: the first run of a browser's session on the map."""
    return view == "map" and not st.session_state.get(DONE) and has_browser()


def ask_for_the_rest() -> None:
    """End a light run: mount the signal and mark the session, so that the next run is whole."""
    st.session_state[DONE] = True
    _signal(key=KEY, data={"max_wait_ms": MAX_WAIT_MS, "give_up_ms": GIVE_UP_MS}, on_drawn_change=_noop)


def _noop() -> None:
    """The rerun itself is the point; nothing to change."""
