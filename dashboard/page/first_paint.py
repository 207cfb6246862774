"""A first visit to the map draws the map first and the rest of the page a moment later.

On a first visit the browser has to fetch and evaluate plotly's 4.7 MB script before it can draw
the map, and every other element sent in the same run (select boxes, toggles, download buttons,
the sidebar's filter: each its own lazily loaded script) competes with it for the browser's one
main thread; measured, that cost the map 0.2-0.4 s, and this halves it (docs/PERFORMANCE.md,
"Time to the map element" and "First paint").
So the first run of a browser's session on the map tab sends only what stands above and in the
map (the heading, the tabs, the map, the sidebar's heading: nothing moves when the rest
arrives) and a small script that asks for the whole page as soon as the map is drawn and the
browser is idle (or after MAX_WAIT_MS, whatever happens). The next run, whatever starts it,
draws the whole page. No fixed pause: the browser says when.

Without a browser (AppTest, bare mode) there is no one to ask, and the whole page is drawn at once.
"""

from __future__ import annotations

import streamlit as st

from dashboard.page import device

KEY = "first_paint"  # the signal's widget key; its element carries the class st-key-first_paint
DONE = "_first_paint_done"  # session flag: the light run has happened, every later run is whole
MAX_WAIT_MS = 4000  # asks anyway after this long, drawn or not (a failed map must not hold the page)

# Waits for the map's canvas (MapLibre's, inside plotly's element), then for the browser's first idle
# moment, then asks Python for a rerun. Fires at most once per mount, never after it.
_JS = """
export default function (component) {
  const { setTriggerValue, data } = component;
  const start = performance.now();
  let fired = false;
  const fire = () => { if (!fired) { fired = true; setTriggerValue("drawn", true); } };
  const idle = window.requestIdleCallback || ((f) => setTimeout(f, 1));
  const check = () => {
    if (fired) return;
    const plot = document.querySelector(".js-plotly-plot");
    if (plot && plot.querySelector("canvas")) { idle(fire, { timeout: 500 }); return; }
    if (performance.now() - start > data.max_wait_ms) { fire(); return; }
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
    _signal(key=KEY, data={"max_wait_ms": MAX_WAIT_MS}, on_drawn_change=_noop)


def _noop() -> None:
    """The rerun itself is the point; nothing to change."""
