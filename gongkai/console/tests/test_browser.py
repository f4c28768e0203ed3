"""Whole user journeys through the console in a real Chromium (fixtures: conftest.py)."""

import re
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from gongkai.audit.models import AuditEvent
from gongkai.console.tests.conftest import PLAIN_HTTP
from gongkai.testing import PASSWORD

pytestmark = pytest.mark.browser

LOGIN = "/console/login/"


@pytest.fixture(autouse=True)
def _plain_http(settings: Any) -> None:
    for name, value in PLAIN_HTTP.items():
        setattr(settings, name, value)


def log_in(page: Any, username: str, password: str) -> Any:
    """Fill the Chinese login form, submit it, and return the response to the POST."""
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    with page.expect_response(lambda r: r.request.method == "POST" and LOGIN in r.url) as posted:
        page.get_by_role("button", name="登录").click()
    page.wait_for_load_state()
    return posted.value


def test_a_drafter_works_in_chinese_switches_to_english_and_logs_out(
    page: Any, live_server: Any, cast: Any, tmp_path: Path
) -> None:
    page.goto(live_server.url + "/console/")
    expect(page).to_have_url(re.compile(re.escape(LOGIN) + r"\?next=/console/$"))
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")

    log_in(page, "drafter_a", PASSWORD)

    expect(page).to_have_url(live_server.url + "/console/")
    expect(page.get_by_test_id("current-user")).to_have_text("Drafter_A")
    expect(page.get_by_test_id("current-agency")).to_have_text("测试市民政局")
    expect(page.get_by_role("link", name="首页")).to_be_visible()
    expect(page.get_by_role("heading", name="首页")).to_be_visible()
    expect(page.get_by_role("button", name="退出登录")).to_be_visible()
    page.screenshot(path=tmp_path / "console-home-zh-hans.png", full_page=True)

    switch = page.locator("form.language-switch")
    switch.get_by_role("combobox").select_option("en")
    with page.expect_navigation():
        switch.get_by_role("button").click()

    expect(page).to_have_url(live_server.url + "/console/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("link", name="Home", exact=True)).to_be_visible()
    expect(page.get_by_test_id("current-agency")).to_have_text("测试市民政局")

    page.get_by_role("button", name="Log out").click()

    expect(page).to_have_url(live_server.url + LOGIN)
    expect(page.get_by_role("button", name="Log in")).to_be_visible()
    page.goto(live_server.url + "/console/")
    expect(page).to_have_url(re.compile(re.escape(LOGIN) + r"\?next=/console/$"))


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(
    page: Any, live_server: Any, cast: Any
) -> None:
    page.goto(live_server.url + LOGIN)

    for attempt in range(1, 5):
        response = log_in(page, "drafter_a", f"Wrong-password-{attempt}")
        assert response.status == 200
        expect(page.get_by_role("alert")).to_contain_text("用户名或密码")

    response = log_in(page, "drafter_a", "Wrong-password-5")

    assert response.status == 429
    expect(page.get_by_test_id("locked-out")).to_contain_text("锁定")
    expect(page.get_by_label("密码")).to_have_count(0)

    page.goto(live_server.url + LOGIN)
    response = log_in(page, "drafter_a", PASSWORD)

    assert response.status == 429
    expect(page.get_by_test_id("locked-out")).to_be_visible()
    page.goto(live_server.url + "/console/")
    expect(page).to_have_url(re.compile(re.escape(LOGIN)))
    assert AuditEvent.objects.filter(
        action="auth.locked_out", changes__username="drafter_a"
    ).exists()
    assert not AuditEvent.objects.filter(action="auth.login").exists()
