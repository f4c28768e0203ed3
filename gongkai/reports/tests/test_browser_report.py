"""The annual report in a real Chromium (issue 6): the disclosure office asks for a draft of
the overview from the records, completes its prompt, saves it, sees the checks pass and
publishes; the public then finds the report in the 政府信息公开年报 column with the official
tables. Fixtures: gongkai.testing_browser, imported by conftest.py."""

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from gongkai.reports.models import PublishedReport, ReportText
from gongkai.testing import PASSWORD
from gongkai.testing_browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("plain_http")]


def test_the_office_drafts_completes_and_publishes_and_the_public_reads_it(
    page: Any, live_server: Any, cast: Any, shanghai: Any
) -> None:
    base = f"{live_server.url}/console/reports/{shanghai.code}/2019"
    for section in ("五", "六"):  # the other sections are already written (fixture)
        ReportText.objects.filter(agency=shanghai, year=2019, section=section).update(
            text="已按要求落实。"
        )
    log_in(page, live_server.url, "office", PASSWORD)
    page.goto(f"{base}/text/一/")
    page.get_by_test_id("draft-link").click()
    expect(page.get_by_test_id("drafted")).to_be_visible()
    box = page.get_by_role("textbox")
    drafted = box.input_value()
    assert "（二）依申请公开。本年新收政府信息公开申请" in drafted
    assert "【请填写：" in drafted
    box.fill(re.sub(r"【请填写：[^】]*】", "每季度开展一次政务公开培训。", drafted))
    with page.expect_navigation():
        page.get_by_role("button", name="保存").click()
    expect(page.get_by_test_id("no-blocking")).to_be_visible()

    with page.expect_navigation():
        page.get_by_test_id("publish-form").get_by_role("button").click()
    frozen = PublishedReport.objects.get(agency=shanghai, year=2019)
    assert "每季度开展一次政务公开培训" in frozen.html
    log_out(page)

    # The public: the column 政府信息公开年报 lists the report; its page shows the tables.
    column = frozen.record.columns.get()
    page.goto(f"{live_server.url}/columns/{column.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name=frozen.record.title).click()
    expect(page.locator("table.report-table")).to_have_count(3)
    expect(page.get_by_role("main")).to_contain_text("每季度开展一次政务公开培训")
    expect(page.get_by_role("main")).to_contain_text("四、结转下年度继续办理")
    expect(page.get_by_role("main")).not_to_contain_text("检查结果")
