"""WCAG 2.1 AA in a real browser: axe-core (from the npm registry, pinned in tests/axe/) on every tab,
in English and Spanish or French, on a desktop and a phone: no serious or critical violation."""

from __future__ import annotations

import pytest

from tests import browser_support as bs

pytestmark = pytest.mark.browser

from dashboard.config import VIEWS  # noqa: E402
from dashboard.page.frame import FILTERED_VIEWS  # noqa: E402

TABS = tuple(VIEWS)
LANG = {"map": "es", "treaties": "fr", "migration": "es"}  # a few tabs in another language too


@pytest.fixture(scope="module")
def axe_present():
    if not bs.AXE_JS.is_file():
        pytest.fail(f"axe-core is absent ({bs.AXE_JS}): {bs.AXE_INSTALL_HINT}", pytrace=False)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_no_serious_axe_violation_on_any_tab(page, server, axe_present, size):
    page.set_viewport_size(bs.VIEWPORT if size == "desktop" else bs.PHONE)
    report = {}
    for view in TABS:
        page.goto(bs.page_url(server.url, {"view": view, **({"lang": LANG[view]} if view in LANG else {})}),
                  wait_until="domcontentloaded")
        page.wait_for_selector('[role="tablist"]', timeout=60_000)
        bs.wait_until_idle(page)
        # The sidebar's filter comes last in a run: on a busy machine axe could otherwise meet its
        # scrolling panel before the controls inside it exist (and call it unreachable by keyboard).
        if view in FILTERED_VIEWS:
            page.wait_for_function("() => !!document.querySelector('[data-testid=\"stSidebarContent\"] input')",
                                   timeout=60_000)
        page.wait_for_timeout(1_000)
        found = bs.axe_violations(page)
        report[view] = found
        print(size, view, {v["id"]: v["impact"] for v in found})
    bad = {view: bs.describe_violations(bs.serious(v)) for view, v in report.items() if bs.serious(v)}
    assert not bad, f"serious or critical axe violations: {bad}"
    # the tab headings are h2 under the page's h1 (they were h3: heading-order)
    order = {view: [v for v in found if v["id"] == "heading-order"] for view, found in report.items()}
    assert not any(order.values()), order
