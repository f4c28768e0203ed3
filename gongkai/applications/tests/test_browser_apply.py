"""A citizen applies in a real Chromium: fills /apply/ while the page's proof of work runs
(SHA-256 through crypto.subtle), gets the printable receipt, and looks the case up on /track/.
Fixtures: gongkai.testing_browser."""

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import cache
from PIL import Image
from playwright.sync_api import expect

from gongkai import testing_browser
from gongkai.applications.intake import tracking_hash
from gongkai.applications.models import Application

# The browser fixtures (this package has no conftest of its own for them).
browser = testing_browser.browser
live_server = testing_browser.live_server
page = testing_browser.page
plain_http = testing_browser.plain_http
pytest_terminal_summary = testing_browser.pytest_terminal_summary

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("plain_http")]


@pytest.fixture
def site(cast: Any, settings: Any, tmp_path: Path) -> Any:
    settings.GONGKAI_SITE_AGENCY = cast.agency.code
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield cast
    cache.clear()


def identity_photo(folder: Path) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 200), "lightblue").save(buffer, "JPEG")
    path = folder / "身份证正面.jpg"
    path.write_bytes(buffer.getvalue())
    return path


def test_a_citizen_applies_gets_the_receipt_and_tracks_the_case(
    page: Any, live_server: Any, site: Any, tmp_path: Path
) -> None:
    page.goto(f"{live_server.url}/")
    page.locator("footer a[href='/apply/']").click()
    expect(page).to_have_url(re.compile(r"/apply/$"))

    # The proof of work starts as soon as the page is open; the citizen fills the form.
    page.locator("#id_applicant_kind_0").check()
    page.locator("#id_name").fill("张三")
    page.locator("#id_id_document").select_option("resident_id")
    page.locator("#id_id_number").fill("11010519491231002X")
    page.locator("#id_identity_image").set_input_files(identity_photo(tmp_path))
    page.locator("#id_phone").fill("138 1234 5678")
    page.locator("#id_address").fill("测试市某路1号")
    page.locator("#id_postal_code").fill("677000")
    page.locator("#id_description").fill("2025年城乡低保资金发放总额")
    page.locator("input[name=provision_form][value=paper]").check()
    page.locator("input[name=delivery][value=post]").check()

    # The browser solves the challenge by itself; the sum for visitors without JS goes away.
    page.wait_for_function("document.querySelector('input[name=proof]').value !== ''")
    expect(page.locator("[data-sum]")).to_be_hidden()
    with page.expect_navigation():
        page.get_by_test_id("apply-submit").click()

    # The receipt: number, tracking code, date of receipt and deadline; printable.
    expect(page).to_have_url(re.compile(r"/apply/receipt/$"))
    receipt = page.get_by_test_id("receipt")
    expect(receipt).to_be_visible()
    number = page.get_by_test_id("receipt-number").inner_text().strip()
    code = page.get_by_test_id("receipt-code").inner_text().strip()
    application = Application.objects.get()
    assert number == application.number and application.tracking_hash == tracking_hash(code)
    expect(page.get_by_test_id("receipt-deadline")).to_contain_text(
        application.deadline.isoformat()
    )
    expect(page.locator("[data-print]")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".portal-header")).to_be_hidden()
    expect(page.get_by_test_id("receipt-code")).to_be_visible()
    page.emulate_media(media="screen")

    # A reload shows the same receipt; the code is in no URL.
    page.reload()
    expect(page.get_by_test_id("receipt-code")).to_have_text(code)
    assert code not in page.url

    # Later: /track/ with the code and the phone.
    page.goto(f"{live_server.url}/track/")
    page.locator("#id_code").fill(code.lower())
    page.locator("#id_phone").fill("13812345678")
    with page.expect_navigation():
        page.get_by_test_id("track-submit").click()
    expect(page).to_have_url(re.compile(r"/track/case/$"))
    expect(page.get_by_test_id("case-status")).to_have_text("已登记")
    expect(page.get_by_test_id("case")).to_contain_text(number)
    expect(page.get_by_test_id("case-deadline")).to_contain_text(application.deadline.isoformat())


def test_without_javascript_the_sum_in_large_print_does_it(
    browser: Any, live_server: Any, site: Any, tmp_path: Path
) -> None:
    context = browser.new_context(java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/apply/")
    sum_label = page.locator("[data-sum] label")
    expect(sum_label).to_be_visible()
    assert float(sum_label.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")) >= 24
    left, right = map(int, re.findall(r"\d+", sum_label.inner_text())[:2])
    page.locator("#id_name").fill("李四")
    page.locator("#id_id_number").fill("110101199003074477")
    page.locator("#id_identity_image").set_input_files(identity_photo(tmp_path))
    page.locator("#id_phone").fill("0883-1234567")
    page.locator("#id_description").fill("本街道2025年低保名单")
    page.locator("input[name=provision_form][value=inspection]").check()
    page.locator("input[name=delivery][value=pick_up]").check()
    page.locator("#id_answer").fill(str(left + right))
    with page.expect_navigation():
        page.get_by_test_id("apply-submit").click()
    expect(page.get_by_test_id("receipt-number")).to_have_text(Application.objects.get().number)
    context.close()
