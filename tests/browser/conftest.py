"""Playwright driving Debian's Chromium against pytest-django's live server.

The browser is launched once per module, never downloaded: ``/usr/bin/chromium`` (installed by
``.ci/run``). Without it the journeys skip on a developer's machine and fail in CI (``CI`` set).

Playwright's sync API marks an asyncio loop as running in the test's thread between its calls,
so Django refuses ORM calls there (SynchronousOnlyOperation) although nothing runs concurrently:
the page's requests are served by the live server's own thread. DJANGO_ALLOW_ASYNC_UNSAFE is set
only while a browser module runs, and the loop is gone once Playwright stops at its end.
"""

import os
import re
import shutil
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connections
from django.test.testcases import LiveServerThread
from playwright.sync_api import expect
from pytest_django.live_server_helper import LiveServer

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SCREENSHOTS = Path(settings.BASE_DIR) / "artifacts" / "screenshots"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Several contexts (the advisor's tablet, the manager's, a phone) are open at once; a page
    # that is not in front must still run its timers and animation frames, or a wait for one
    # never ends.
    "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
    "--disable-renderer-backgrounding",
]
TABLET = {"width": 1024, "height": 768}
TIMEOUT_MS = 15_000
PHONE = {"width": 390, "height": 844}


# One database statement at a time across the live server's threads and the test's own.
# On the embedded default the test database is in memory: Django hands its ONE connection to
# every thread of the live server and to the test, and a page's own requests (htmx panels, the
# bell) arriving together would step that connection from several threads at once — the
# likeliest cause of the journey that hung in CI. Requests are served one at a time under this
# lock, and the test's queries take it too; on PostgreSQL it only serializes requests.
_ONE_AT_A_TIME = threading.RLock()


class OneRequestAtATime(ThreadedWSGIServer):
    """The live server's threads accept connections (a browser opens several and keeps them
    alive) but run the application for one request at a time."""

    def set_app(self, application):
        def serialized(environ, start_response):
            with _ONE_AT_A_TIME:
                return application(environ, start_response)

        super().set_app(serialized)


def _queries_wait_their_turn(execute, sql, params, many, context):
    with _ONE_AT_A_TIME:
        return execute(sql, params, many, context)


@pytest.fixture(scope="session")
def live_server(django_db_setup, django_db_blocker):
    """pytest-django's live server, serving one request at a time (``OneRequestAtATime``)."""
    address = os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    with django_db_blocker.unblock(), pytest.MonkeyPatch.context() as mp:
        mp.setattr(LiveServerThread, "server_class", OneRequestAtATime)
        server = LiveServer(address)
    shared = list(server.thread.connections_override.values())
    for connection in shared:
        connection.execute_wrappers.append(_queries_wait_their_turn)
    yield server
    for connection in shared:
        connection.execute_wrappers.remove(_queries_wait_their_turn)
    server.stop()
    connections.close_all()


def _chromium_or_skip() -> str:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return CHROMIUM
    if os.environ.get("CI"):
        pytest.fail(
            f"CI needs Chromium at {CHROMIUM} for the browser journeys (apt-get install chromium)"
        )
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser():
    executable = _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        # Generous waits: CI machines are shared, and a page that needs more than this is a
        # failure worth its FAILED screenshot anyway.
        expect.set_options(timeout=TIMEOUT_MS)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable, headless=True, args=LAUNCH_ARGS
            )
            yield browser
            browser.close()


def pytest_collection_modifyitems(items):
    """A journey takes 10–20 s. One that waits far longer has hung (it happened once in CI and
    never here): it fails after 4 minutes with every thread's stack. A journey that failed on a
    timeout (that one, or one of Playwright's waits) runs once more, shown as RERUN in the
    report; failing twice, or failing otherwise, it fails."""
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.timeout(240))
            item.add_marker(pytest.mark.flaky(reruns=1, only_rerun=["Timeout"]))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.browser_failed = report.failed
    return report


def watch_csp(context, refused: list[str]) -> None:
    """Add to ``refused`` what the browser refuses under the Content-Security-Policy on any page
    of ``context``: Chromium says so on the console ("… violates the following Content
    Security Policy directive …"). Every journey fails on one (see ``open_as`` and ``phone``)."""

    def on_console(message):
        if "Content Security Policy" in message.text:
            refused.append(f"{message.page.url if message.page else '?'}: {message.text}")

    context.on("console", on_console)


@pytest.fixture
def open_as(request, browser, live_server):
    """``open_as(user, viewport=TABLET, language="en")`` → a logged-in page of its own browser
    context (another device), logged in through the login form like a person; with ``None``,
    a visitor's (a customer's link), not logged in and on no page yet."""
    contexts = []
    refused: list[str] = []

    def open_(user, *, password="pw", viewport=TABLET, language="en"):
        context = browser.new_context(viewport=viewport, locale=language, base_url=live_server.url)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        watch_csp(context, refused)
        page = context.new_page()
        if user is None:
            return page
        page.goto("/login/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(password)
        page.get_by_role("button", name="Log in").click()
        page.wait_for_url(lambda url: "/login/" not in url)
        return page

    yield open_
    if getattr(request.node, "browser_failed", False):
        # What each person saw when the journey broke, beside the journeys' screenshots.
        for n, context in enumerate(contexts):
            for page in context.pages:
                screenshot(page, f"FAILED-{request.node.name}-{n}")
    for context in contexts:
        context.close()
    assert not refused, "refused by the Content-Security-Policy:\n" + "\n".join(refused)


@pytest.fixture
def phone(browser, live_server):
    """A customer's phone: no login, a touch screen of 390 × 844 CSS pixels."""
    context = browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
        locale="zh-CN",
        base_url=live_server.url,
    )
    context.set_default_timeout(TIMEOUT_MS)
    refused: list[str] = []
    watch_csp(context, refused)
    yield context.new_page()
    context.close()
    assert not refused, "refused by the Content-Security-Policy:\n" + "\n".join(refused)


def screenshot(page, journey: str) -> Path:
    """The journey's final state, kept by CI under artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / (re.sub(r"[^\w.-]+", "-", journey) + ".png")
    page.screenshot(path=str(path), full_page=True, animations="disabled")
    return path


def open_the_bar(page) -> None:
    """Open the top bar where it is collapsed (below 992 px) and wait until it has stopped
    sliding open: a tap on the bell or a link while Bootstrap still animates the bar's height
    lands where the element was a frame before, and nothing happens (seen in CI on a phone)."""
    toggler = page.locator(".navbar-toggler")
    if not toggler.is_visible():
        return
    if toggler.get_attribute("aria-expanded") != "true":
        toggler.click()
    expect(page.locator("#mainnav.collapse.show")).to_be_visible()


def menu(page, name: str) -> None:
    """Follow a link of the top bar, opening it first where it is collapsed (below 992 px), and
    its "More" menu where the link is not one of the role's main destinations."""
    open_the_bar(page)
    link = page.locator("#mainnav").get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        page.locator("#nav-more").click()
    # Until the page it leads to has loaded: a check right after the tap otherwise reads a
    # document being replaced (seen: documentElement null in fits_the_screen).
    with page.expect_navigation():
        link.click()


def fits_the_screen(page) -> None:
    """Nothing to scroll sideways for: every button of the page is reachable on this screen."""
    width = page.evaluate("document.documentElement.scrollWidth")
    screen = page.viewport_size["width"]
    assert width <= screen, f"{page.url} is {width}px wide on a {screen}px screen"


def pick(page, box, query: str, choice: str) -> None:
    """Choose in a search picker (a combobox asking the server as one types): type, then tap
    the match showing ``choice``."""
    box.fill(query)
    picker = page.locator("[data-picker]").filter(has=box)
    picker.get_by_role("option").filter(has_text=choice).first.click()
    expect(box).to_have_value(choice)
