"""World maps fitted to the width the browser gives them: the world drawn once, never repeated, and
every signatory on the visible map, at any width, in a resized window or a turned phone.

MapLibre repeats the world side by side whenever a map is wider than the world at its zoom, and the
zoom plotly sends is fixed on the server, which cannot know how wide the chart is (a User-Agent
names a device, not a window: a narrow desktop window, a tablet, an embed in an article column).
So the browser fits each map itself. A small script (st.components.v2: no iframe, nothing sent
back, no rerun) finds every MapLibre map on the page and, whenever one is drawn, redrawn or resized,
sets its zoom and centre from the map's own pixel size:

- the zoom at which the world is as wide as the map (512 * 2**zoom = width), or as tall as it on
  a screen taller than wide, unless that leaves a signatory off the map: then less, until the
  signatories' box (the 24's points, and the map's own lines and markers: corridors, venues)
  fits with PAD_PX to spare;
- the world drawn once (`setRenderWorldCopies(false)`); where it is narrower than the map (a very
  wide screen), blank on both sides, never a second copy;
- plotly's own record of the view updated, so that the camera button's image and a double-click
  show the same view.

Without a browser (AppTest, an image made on the server) the figure keeps its own zoom and centre.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import streamlit as st

from dashboard.data import Tables

KEY = "map_fit"
PAD_PX = 18  # room around the outermost point for a marker
MARGIN_DEG = 7.0  # and around each signatory's point, most of the country (South Africa's south coast)

_JS = """
export default function (component) {
  const { data } = component;
  const box = data.box, PAD = data.pad;
  const y = (lat) => Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360));
  const lat = (v) => ((2 * Math.atan(Math.exp(v)) - Math.PI / 2) * 180) / Math.PI;
  const known = new Map();  // plot element -> {map, fitted view}
  let frame = 0;

  // The box to keep in sight: the signatories', grown by the map's own points (lines, markers).
  const target = (gd) => {
    let { south, north, west, east } = box;
    for (const t of gd.data || []) {
      if (t.type !== 'scattermap' || !t.lat || !t.lon) continue;
      for (let i = 0; i < Math.min(t.lat.length, t.lon.length); i++) {
        const la = +t.lat[i], lo = +t.lon[i];
        if (!Number.isFinite(la) || !Number.isFinite(lo)) continue;
        south = Math.min(south, la); north = Math.max(north, la);
        west = Math.min(west, lo); east = Math.max(east, lo);
      }
    }
    return { south: Math.max(south, -80), north: Math.min(north, 84), west, east };
  };

  // Zoom and centre for a map of W x H px (web mercator: the world is 512 * 2**zoom px wide).
  const view = (gd, W, H) => {
    const b = target(gd);
    const ys = y(b.south), yn = y(b.north);
    const whole = Math.log2(Math.max(W, H) / 512);
    const tall = Math.log2(((H - 2 * PAD) * 2 * Math.PI) / (512 * Math.max(yn - ys, 1e-6)));
    const wide = Math.log2(((W - 2 * PAD) * 360) / (512 * Math.max(b.east - b.west, 1e-6)));
    const zoom = Math.min(whole, tall, wide);
    const world = 512 * 2 ** zoom;
    const halfLon = (W / world) * 180, halfY = (H / world) * Math.PI;
    const clamp = (v, lo, hi) => (lo > hi ? 0 : Math.min(Math.max(v, lo), hi));
    const lon = clamp((b.west + b.east) / 2, -180 + halfLon, 180 - halfLon);
    const cy = clamp((ys + yn) / 2, -Math.PI + halfY, Math.PI - halfY);
    return { zoom, center: { lon, lat: lat(cy) } };
  };

  const fit = (gd, entry) => {
    const map = entry.map, box = map.getContainer();
    const W = box.clientWidth, H = box.clientHeight;
    if (W < 20 || H < 20) return;
    const v = view(gd, W, H);
    // MapLibre would raise the zoom until the world covers the map: here a world narrower than a
    // very wide map is drawn once with blank sides instead (the zoom and centre are ours).
    if (!entry.free && typeof map.setTransformConstrain === 'function') {
      map.setTransformConstrain((c, z) => ({ center: c, zoom: z }));
      entry.free = true;
    }
    if (map.getRenderWorldCopies()) map.setRenderWorldCopies(false);
    entry.view = v;
    map.jumpTo({ center: [v.center.lon, v.center.lat], zoom: v.zoom });
    const opts = gd._fullLayout && gd._fullLayout.map;  // plotly's record: image downloads, double-click
    if (opts) {
      opts.center = { ...v.center }; opts.zoom = v.zoom;
      if (opts._input) { opts._input.center = { ...v.center }; opts._input.zoom = v.zoom; }
      if (opts._subplot) opts._subplot.viewInitial = { center: { ...v.center }, zoom: v.zoom, bearing: 0, pitch: 0 };
    }
    gd.dataset.mapFit = `${v.zoom.toFixed(3)}`;
  };

  const moved = (entry) => () => {  // plotly redrew with the server's view: fit again
    const v = entry.view, map = entry.map;
    if (!v) return;
    const c = map.getCenter();
    if (Math.abs(map.getZoom() - v.zoom) > 1e-3 || Math.abs(c.lng - v.center.lon) > 1e-3
        || Math.abs(c.lat - v.center.lat) > 1e-3) { entry.dirty = true; schedule(); }
  };

  const scan = () => {
    if (frame) { cancelAnimationFrame(frame); frame = 0; }
    for (const gd of document.querySelectorAll('.js-plotly-plot')) {
      const map = gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot
        && gd._fullLayout.map._subplot.map;
      if (!map) continue;
      let entry = known.get(gd);
      if (!entry || entry.map !== map) {
        if (entry) entry.stop();
        entry = { map, view: null, dirty: true };
        const again = () => { entry.dirty = true; schedule(); };
        const resized = new ResizeObserver(again);
        resized.observe(map.getContainer());
        const onMove = moved(entry);
        map.on('moveend', onMove);
        if (gd.on) gd.on('plotly_afterplot', again);
        entry.stop = () => {
          resized.disconnect(); map.off('moveend', onMove);
          if (gd.removeListener) gd.removeListener('plotly_afterplot', again);
        };
        known.set(gd, entry);
      }
      if (entry.dirty) { entry.dirty = false; fit(gd, entry); }
    }
    for (const [gd, entry] of known) if (!gd.isConnected) { entry.stop(); known.delete(gd); }
  };
  const schedule = () => { if (!frame) frame = requestAnimationFrame(scan); };

  // A new plot, or plotly's map made inside one: fitted at once, before its first frame is painted.
  const added = new MutationObserver(scan);
  added.observe(document.body, { childList: true, subtree: true });
  scan();
  return () => {
    added.disconnect();
    if (frame) cancelAnimationFrame(frame);
    for (const entry of known.values()) entry.stop();
    known.clear();
  };
}
"""


def _compact(js: str) -> str:
    """The script without its comment lines and indentation: it travels with every run's page."""
    lines = (line.strip() for line in js.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//"))


_fitter = st.components.v2.component(KEY, js=_compact(_JS))


def signatory_box(tables: Tables) -> dict[str, float]:
    """South, north, west and east of the signatories' points (a point inside each country), MARGIN_DEG
    wider on every side."""
    box = box_of(tables.points[iso3] for iso3 in tables.signatories["iso3"] if iso3 in tables.points)
    return {"south": box["south"] - MARGIN_DEG, "north": box["north"] + MARGIN_DEG,
            "west": box["west"] - MARGIN_DEG, "east": box["east"] + MARGIN_DEG}


def box_of(points: Iterable[tuple[float, float]]) -> dict[str, float]:
    """The box of (lat, lon) points; the whole world's when there are none."""
    found = list(points)
    lats, lons = zip(*found) if found else ((-60.0, 84.0), (-180.0, 180.0))
    return {"south": min(lats), "north": max(lats), "west": min(lons), "east": max(lons)}


def follow(tables: Tables, maps: Sequence[str]) -> None:
    """Mount the fitting script once, at the end of a page that drew world maps (`maps`: their
    names): it fits every MapLibre map the page shows. No map, no script."""
    if maps:
        _fitter(key=KEY, data={"box": signatory_box(tables), "pad": PAD_PX})
