"""The publication gate in a real Chromium (issue 4): a drafter uploads a 低保 list whose
identity column is hidden, publication is blocked, the reviewer masks the columns with one
click, and the public downloads a workbook that holds only masked values, on a page that
says 删减后公开. Fixtures: gongkai.testing_browser, imported by conftest.py."""

import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from playwright.sync_api import expect

from gongkai.documents.models import Record
from gongkai.documents.tests.test_browser_publication import (
    click,
    console,
    draft_a_record,
    meta_value,
    step_form,
)
from gongkai.testing import PASSWORD
from gongkai.testing_browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("plain_http", "media")]

TITLE = "2026年3月城乡低保对象名单公示"
LIST = "低保名单.xlsx"
IDS = ("11010519491231002X", "440524188001010014")


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def relief_list() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "低保名单"
    sheet.append(["序号", "户主姓名", "身份证号码", "所在村（社区）", "保障人数", "月保障金（元）"])
    sheet.append([1, "张三", IDS[0], "城关社区", 3, 1200])
    sheet.append([2, "李四", int(IDS[1]), "勐托村", 2, 800])  # stored as a number
    sheet.column_dimensions["C"].hidden = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_relief_list_with_a_hidden_id_column_is_masked_before_it_is_published(
    page: Any, live_server: Any, cast: Any, columns: Any, tmp_path: Path
) -> None:
    (tmp_path / LIST).write_bytes(relief_list())

    log_in(page, live_server.url, "drafter_a", PASSWORD)
    record = draft_a_record(
        page,
        live_server,
        title=TITLE,
        number="测民发[2026]31号",
        columns=("法定主动公开内容 / 社会救助",),
        body="<p>经审核，下列家庭符合城乡最低生活保障条件，现予公示。</p>",
        attribute="主动公开",
    )
    page.get_by_label("文件").set_input_files(tmp_path / LIST)
    click(page, "attachment-upload")
    click(page, "step-submit")
    record.refresh_from_db()
    assert record.status == Record.Status.SUBMITTED
    # The drafter sees what was found, masked, but cannot settle it.
    expect(page.get_by_test_id("privacy-review")).to_contain_text("身份证号码")
    expect(page.get_by_test_id("privacy-review")).not_to_contain_text(IDS[0])
    expect(page.get_by_test_id("dismiss")).to_have_count(0)
    log_out(page)

    # The reviewer cannot pass the review while the list carries the identity column.
    log_in(page, live_server.url, "reviewer", PASSWORD)
    console(page, live_server, f"{record.pk}/")
    expect(page.get_by_test_id("gate-blocked")).to_be_visible()
    step_form(page, "pass-review").get_by_role("textbox").fill("同意公开。")
    click(page, "step-pass-review")
    record.refresh_from_db()
    assert record.status == Record.Status.SUBMITTED

    # One click masks the columns; the record becomes 删减后公开 and the review can pass.
    console(page, live_server, f"{record.pk}/")
    click(page, "redact-attachment")
    expect(page.get_by_test_id("attribute")).to_have_text("删减后公开")
    expect(page.get_by_test_id("gate-blocked")).to_have_count(0)
    expect(page.get_by_test_id("redacted-copy")).to_be_visible()
    step_form(page, "pass-review").get_by_role("textbox").fill("已遮盖身份证号码，同意删减后公开。")
    click(page, "step-pass-review")
    record.refresh_from_db()
    assert record.status == Record.Status.REVIEWED
    log_out(page)

    log_in(page, live_server.url, "approver", PASSWORD)
    console(page, live_server, f"{record.pk}/")
    click(page, "step-approve")
    record.refresh_from_db()
    assert record.status == Record.Status.PUBLISHED
    log_out(page)

    # The public page says 删减后公开 and the workbook it serves holds masked values only.
    assert page.goto(f"{live_server.url}/records/{record.pk}/").status == 200
    expect(meta_value(page, "公开方式")).to_contain_text("删减后公开")
    link = page.get_by_role("link", name=LIST)
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200
    book = openpyxl.load_workbook(io.BytesIO(response.body()))
    sheet = book["低保名单"]
    values = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value]
    assert not any(i in v or i[:17] in v or i[6:14] in v for i in IDS for v in values), values
    ids = [row[2].value for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(v, str) and v.count("*") >= 10 for v in ids), ids
    assert [row[1].value for row in sheet.iter_rows(min_row=2)] == ["张三", "李四"]
