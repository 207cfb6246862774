"""Fixtures for the real-browser tests: one `streamlit run` server and one Chromium per session,
a fresh browser context per test, a recorder of requests leaving the machine across all of them,
and a screenshot in test-artifacts/ when a browser test fails."""

from __future__ import annotations

import os

import pytest

from tests import browser_support as bs


def _require_chromium() -> None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        message = ("the playwright Python package is absent: install the test extras "
                   "(`.venv/bin/pip install -r requirements-dev.txt`).")
        if os.environ.get("CI"):
            pytest.fail("CI: " + message, pytrace=False)
        pytest.skip(message)
    if bs.chromium_present():
        return
    message = (f"Chromium is absent: no executable at {bs.CHROMIUM}. The browser tests drive Debian's "
               f"Chromium (Playwright's own browser download cannot work offline). Install it with "
               f"`{bs.CHROMIUM_INSTALL_HINT}` (as root), or point the CHROMIUM variable at one.")
    if os.environ.get("CI"):
        pytest.fail("CI: " + message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Debian's Chromium: fail on CI, skip elsewhere, when it is missing."""
    _require_chromium()
    return bs.CHROMIUM


@pytest.fixture(scope="session")
def server(chromium_path):
    """One dashboard server for the session, on 127.0.0.1 and a free port; the process group is
    killed at the end."""
    with bs.StreamlitServer() as srv:
        yield srv


@pytest.fixture(scope="session")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    try:
        brw = bs.launch_chromium(pw.chromium)
        try:
            yield brw
        finally:
            brw.close()
    finally:
        pw.stop()


@pytest.fixture(scope="session")
def request_recorder() -> bs.RequestRecorder:
    """Shared by every browser context of the session: test_no_request_leaves_the_machine reads it."""
    return bs.RequestRecorder()


@pytest.fixture
def context(browser, request_recorder):
    """A fresh context (its own cookies, storage and cache) per test, recorded. A test during
    which the page asked for another host errors at teardown, naming the requests."""
    ctx = browser.new_context(viewport=bs.VIEWPORT, accept_downloads=True)
    ctx.set_default_timeout(30_000)
    ctx.set_default_navigation_timeout(60_000)
    request_recorder.attach(ctx)
    before = len(request_recorder.outside)
    try:
        yield ctx
    finally:
        ctx.close()
    new = request_recorder.outside[before:]
    if new:
        hosts = sorted({u for _, u in new})[:5]
        pytest.fail(f"this visit made {len(new)} request(s) off the machine: {hosts}", pytrace=False)


@pytest.fixture
def dialogs() -> list[str]:
    """Every alert/confirm/prompt the page opened (each is dismissed)."""
    return []


@pytest.fixture
def page(context, dialogs):
    pg = context.new_page()

    def on_dialog(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    yield pg


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failed browser test, save what the page showed and name the file in the report."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    page = item.funcargs.get("page") if hasattr(item, "funcargs") else None
    if page is not None:
        try:
            closed = page.is_closed()
        except Exception:
            closed = True
        path = None if closed else bs.save_screenshot(page, item.name)
        report.sections.append(("browser screenshot",
                                f"saved to {path}" if path else "none: the page was closed or crashed"))
    srv = item.funcargs.get("server") if hasattr(item, "funcargs") else None
    if isinstance(srv, bs.StreamlitServer):
        report.sections.append(("streamlit server log (tail)", srv.log_tail(3000)))
