"""The issue's flow in a real Chromium (issue 5, "Done when"): a citizen applies → receipt →
the office asks for a correction → the citizen corrects through /track/ → the clock
restarts → the office extends → decides 部分公开 with a provided file holding an identity
number, redacted before release → the citizen sees the decision and the redacted file.
Fixtures: gongkai.testing_browser."""

import io
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from gongkai import testing_browser
from gongkai.applications.models import Application, ApplicationFile, Letter
from gongkai.applications.tests.test_browser_apply import identity_photo
from gongkai.applications.tests.test_provided import WITH_ID
from gongkai.testing import PASSWORD

browser = testing_browser.browser
live_server = testing_browser.live_server
page = testing_browser.page
plain_http = testing_browser.plain_http
pytest_terminal_summary = testing_browser.pytest_terminal_summary

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("plain_http")]

ID = "11010519491231002X"


@pytest.fixture
def site(cast: Any, settings: Any, tmp_path: Path) -> Any:
    from django.core.cache import cache

    settings.GONGKAI_SITE_AGENCY = cast.agency.code
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield cast
    cache.clear()


def apply(page: Any, base: str, folder: Path) -> str:
    page.goto(f"{base}/apply/")
    page.locator("#id_applicant_kind_0").check()
    page.locator("#id_name").fill("张三")
    page.locator("#id_id_document").select_option("resident_id")
    page.locator("#id_id_number").fill(ID)
    page.locator("#id_identity_image").set_input_files(identity_photo(folder))
    page.locator("#id_phone").fill("13812345678")
    page.locator("#id_address").fill("测试市某路1号")
    page.locator("#id_postal_code").fill("677000")
    page.locator("#id_description").fill("2025年城乡低保资金发放情况")
    page.locator("input[name=provision_form][value=paper]").check()
    page.locator("input[name=delivery][value=post]").check()
    page.wait_for_function("document.querySelector('input[name=proof]').value !== ''")
    with page.expect_navigation():
        page.get_by_test_id("apply-submit").click()
    expect(page.get_by_test_id("receipt")).to_be_visible()
    return page.get_by_test_id("receipt-code").inner_text().strip()


def track(page: Any, base: str, code: str) -> None:
    page.goto(f"{base}/track/")
    page.locator("#id_code").fill(code)
    page.locator("#id_phone").fill("13812345678")
    with page.expect_navigation():
        page.get_by_test_id("track-submit").click()
    expect(page).to_have_url(re.compile(r"/track/case/$"))


def take_step(staff: Any, name: str) -> None:
    with staff.expect_navigation():
        staff.get_by_test_id(f"step-{name}").click()
    expect(staff.get_by_test_id("application-status")).to_be_visible()


def test_apply_correct_through_track_extend_decide_with_a_redacted_file(
    browser: Any, page: Any, live_server: Any, site: Any, tmp_path: Path
) -> None:
    base = live_server.url
    code = apply(page, base, tmp_path)
    application = Application.objects.get()

    # The office: assign, then ask for a correction within 10 days.
    staff_context = browser.new_context(locale="zh-CN")
    staff = staff_context.new_page()
    testing_browser.log_in(staff, base, "office", PASSWORD)
    staff.goto(f"{base}/console/applications/{application.pk}/")
    staff.locator("#id_assign-handler").select_option(str(site.office.pk))
    take_step(staff, "assign")
    until = timezone.localdate() + timedelta(days=10)
    staff.locator("#id_request_correction-until").fill(until.isoformat())
    take_step(staff, "request_correction")
    paused = Application.objects.get().deadline

    # The citizen corrects through /track/; the clock restarts from today.
    track(page, base, code)
    expect(page.get_by_test_id("case-deadline")).to_contain_text(paused.isoformat())
    expect(page.get_by_test_id("correction")).to_contain_text(until.isoformat())
    page.locator("#id_text").fill("申请的是2025年全年各街道的低保资金发放总额")
    with page.expect_navigation():
        page.get_by_test_id("correction-submit").click()
    expect(page.get_by_test_id("correction-received")).to_be_visible()
    restarted = Application.objects.get().deadline
    assert restarted != paused
    expect(page.get_by_test_id("case-deadline")).to_contain_text(restarted.isoformat())
    expect(page.get_by_test_id("case-deadline")).not_to_contain_text(paused.isoformat())

    # The office extends, then provides a file with an identity number: blocked by the scan.
    staff.reload()
    staff.locator("#id_extend-reason").fill("需要汇总各街道数据")
    staff.locator("#id_extend-approved_by").fill("王主任")
    take_step(staff, "extend")
    assert Application.objects.get().extended
    sheet = tmp_path / "低保资金发放表.xlsx"
    sheet.write_bytes(WITH_ID)
    staff.locator("#id_provided-file").set_input_files(sheet)
    with staff.expect_navigation():
        staff.get_by_test_id("provided-upload").click()
    item = ApplicationFile.objects.get(kind="provided")
    assert item.privacy == "blocked"
    expect(staff.get_by_test_id(f"provided-{item.pk}")).to_contain_text("1101")
    expect(staff.get_by_test_id("provided")).not_to_contain_text(ID)

    # Decide 部分公开; the reply letter waits for the privacy review.
    staff.locator("#id_decide-outcome").select_option("partly_disclosed")
    staff.locator("#id_decide-item_provision").fill("提供低保资金发放表1份")
    staff.locator("#id_decide-item_withheld_parts").fill("表中身份证号码不予公开，涉及个人隐私")
    staff.locator("#id_decide-item_legal_basis").fill("《政府信息公开条例》第三十七条")
    take_step(staff, "decide")
    take_step_refused = staff.get_by_test_id("step-issue_letter")
    with staff.expect_navigation():
        take_step_refused.click()
    expect(staff.locator("body")).to_contain_text("低保资金发放表.xlsx")
    assert Application.objects.get().status == "decided"

    staff.goto(f"{base}/console/applications/{application.pk}/")
    with staff.expect_navigation():
        staff.get_by_test_id("provided-redact").click()
    assert ApplicationFile.objects.get(pk=item.pk).privacy == "redacted"
    # The 答复书 is generated (DOCX and PDF) and the 出具答复书 step recorded with it.
    with staff.expect_navigation():
        staff.get_by_test_id("issue-reply").click()
    assert Application.objects.get().status == "letter_issued"
    letter = Letter.objects.get(kind="reply")
    staff_context.close()

    # The citizen sees the decision and downloads the redacted copy.
    page.goto(f"{base}/track/case/")
    expect(page.get_by_test_id("case")).to_contain_text("部分公开")
    link = page.get_by_test_id("case-files").get_by_role("link", name="低保资金发放表.xlsx")
    with page.expect_download() as download:
        link.click()
    data = Path(download.value.path()).read_bytes()
    book = openpyxl.load_workbook(io.BytesIO(data))
    values = [str(c.value) for row in book.active.iter_rows() for c in row]
    assert ID not in values and any("*" in v for v in values)

    # The reply letter is on /track/ as a PDF naming the decision, its basis and the remedies.
    letters = page.get_by_test_id("case-letters")
    expect(letters).to_contain_text(letter.number)
    pdf = page.request.get(base + letters.get_by_role("link", name="PDF").get_attribute("href"))
    assert pdf.status == 200
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    for words in ("部分公开", "第三十七条", "行政复议", "行政诉讼"):
        assert words in "".join(text.split()), words
