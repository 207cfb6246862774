"""Charts baked into image files with the machine's Chromium: plotly's own SVG, and PNG from any SVG.

One headless Chromium (Playwright; Debian's /usr/bin/chromium, or CHROMIUM=path, or Playwright's
own browser where neither is there) holds one blank page with plotly.min.js: `plotly_svg` is
Plotly.toImage of a figure (the same renderer as the page's interactive chart and its download
button), `png` draws an SVG onto a canvas at a given width and returns PNG bytes. Nothing is
fetched: the page is about:blank and the figure comes in as JSON.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.parse
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

_TO_PNG = """async ([svg, width]) => {
  const img = new Image();
  img.src = 'data:image/svg+xml;base64,' + svg;
  await img.decode();
  const scale = width / img.naturalWidth;
  const canvas = document.createElement('canvas');
  canvas.width = width; canvas.height = Math.round(img.naturalHeight * scale);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#FFFFFF'; ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return canvas.toDataURL('image/png').split(',')[1];
}"""


def chromium_path() -> str | None:
    """CHROMIUM, else Debian's chromium, else None (Playwright's own browser)."""
    path = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
    return path if Path(path).exists() else None


class Baker:
    """`with Baker(plotly_js) as baker:` one browser for every image of an export.

    Playwright's sync API refuses to start inside a running asyncio loop or beside another sync
    Playwright of the same thread (a test session's browser, say): the browser is driven from a
    thread of its own."""

    def __init__(self, plotly_js: Path) -> None:
        self.plotly_js = plotly_js
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bake")

    def _call(self, fn: Callable[..., T], *args: Any) -> T:
        return self._thread.submit(fn, *args).result()

    def __enter__(self) -> Baker:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError as exc:  # the dev set-up has it: bash scripts/bootstrap.sh --test
            self._thread.shutdown()
            raise RuntimeError("the static edition's images need Playwright and Chromium: "
                               "run `bash scripts/bootstrap.sh --test` first") from exc
        self._call(self._start)
        return self

    def _start(self) -> None:
        from playwright.sync_api import sync_playwright

        self._pw = sync_playwright().start()
        self._browser = self._pw.chromium.launch(executable_path=chromium_path(), args=ARGS)
        self.page = self._browser.new_page()
        self.page.add_script_tag(path=str(self.plotly_js))

    def _stop(self) -> None:
        self._browser.close()
        self._pw.stop()

    def __exit__(self, *exc: object) -> None:
        try:
            self._call(self._stop)
        finally:
            self._thread.shutdown()

    def plotly_svg(self, figure: dict[str, Any], width: int, height: int) -> str:
        """plotly.js's SVG of `figure` at width x height px."""
        url = self._call(self.page.evaluate,
                         "([fig, w, h]) => Plotly.toImage(fig, {format: 'svg', width: w, height: h})",
                         [json.loads(json.dumps(figure, default=str)), width, height])
        head, _, body = url.partition(",")
        return base64.b64decode(body).decode() if head.endswith(";base64") else urllib.parse.unquote(body)

    def png(self, svg: str, width: int) -> bytes:
        """`svg` drawn `width` px wide, as PNG bytes."""
        data = base64.b64encode(svg.encode()).decode()
        return base64.b64decode(self._call(self.page.evaluate, _TO_PNG, [data, width]))
