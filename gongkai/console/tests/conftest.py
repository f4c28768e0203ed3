"""Browser fixtures for the console's journeys; they live in gongkai.testing_browser, shared
with the other apps' browser tests. docs/ci.md explains them."""

from gongkai.testing_browser import (
    PLAIN_HTTP,
    browser,
    live_server,
    page,
    plain_http,
    pytest_terminal_summary,
)

__all__ = [
    "PLAIN_HTTP",
    "browser",
    "live_server",
    "page",
    "plain_http",
    "pytest_terminal_summary",
]
