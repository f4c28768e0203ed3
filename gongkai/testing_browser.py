"""Browser fixtures: Playwright's sync API driving Debian's Chromium, never a downloaded browser.

A test package that walks journeys in a browser imports them into its conftest.py:

    from gongkai.testing_browser import browser, live_server, page, plain_http  # noqa: F401

Without /usr/bin/chromium the browser tests are skipped, unless GONGKAI_BROWSER_TESTS=required
(as in CI), which turns the missing browser into a failure. docs/ci.md has the details.
"""

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test.utils import override_settings

CHROMIUM = Path("/usr/bin/chromium")
# Root needs --no-sandbox; the rest stop Chromium from calling out to Google's hosts, which the
# closed networks Gongkai runs on refuse, many times a second.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SKIP_REASON = "chromium not installed: browser tests skipped (apt-get install chromium)"
# Production settings send cookies over HTTPS only; the live server speaks plain HTTP.
PLAIN_HTTP = {
    "SESSION_COOKIE_SECURE": False,
    "CSRF_COOKIE_SECURE": False,
    "SECURE_SSL_REDIRECT": False,
    "SECURE_HSTS_SECONDS": 0,
}
LOGIN = "/console/login/"

_skipped: list[str] = []


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium per test module.

    Not per session: while Playwright's sync API is started it keeps an asyncio loop running
    in the test thread, and every test that ran after it would find that loop (async_to_sync
    refuses to run, the ORM calls itself async-unsafe). Stopping it with the module keeps the
    rest of the suite as it would be without browser tests, for about a second per module.
    """
    if not CHROMIUM.exists():
        if os.environ.get("GONGKAI_BROWSER_TESTS") == "required":
            pytest.fail(
                f"GONGKAI_BROWSER_TESTS=required but {CHROMIUM} is missing "
                "(apt-get install chromium)",
                pytrace=False,
            )
        _skipped.append(SKIP_REASON)
        pytest.skip(SKIP_REASON)
    from playwright.sync_api import sync_playwright

    # The loop described above makes Django refuse ORM calls from this thread (the test's own
    # set-up and assertions) with SynchronousOnlyOperation. No coroutine ever touches the ORM
    # here, so the guard is switched off while Playwright runs; the live server thread has no
    # loop and is unaffected.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh browser profile (no cookies) of a user in China, per test."""
    context = browser.new_context(
        locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1280, "height": 800}
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="session")
def live_server(request: pytest.FixtureRequest) -> Iterator[Any]:
    """pytest-django's live server, started under PLAIN_HTTP.

    SecurityMiddleware reads SECURE_SSL_REDIRECT once, when the server thread loads the
    middleware, so a test's `settings` fixture comes too late for it; the override only has
    to last while the server starts.
    """
    from pytest_django.live_server_helper import LiveServer

    address = (
        request.config.getvalue("liveserver")
        or os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS")
        or "localhost"
    )
    with override_settings(**PLAIN_HTTP):
        server = LiveServer(address)
    yield server
    server.stop()


@pytest.fixture
def plain_http(settings: Any) -> None:
    """PLAIN_HTTP for the test itself (cookies the browser may send back over HTTP)."""
    for name, value in PLAIN_HTTP.items():
        setattr(settings, name, value)


def log_in(page: Any, base_url: str, username: str, password: str) -> Any:
    """Open the login form, fill it as `username` and return the response to the POST."""
    page.goto(base_url + LOGIN)
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    with page.expect_response(lambda r: r.request.method == "POST" and LOGIN in r.url) as posted:
        page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    return posted.value


def log_out(page: Any) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="退出登录").click()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say so in the summary, even without -rs, when the browser tests did not run.

    Every conftest that imports this hook registers it again: the first call empties the
    list, so the note appears once."""
    if _skipped:
        terminalreporter.write_line(f"NOTE: {_skipped[0]}", yellow=True, bold=True)
        _skipped.clear()
