"""A record's whole life in a real Chromium: drafted with an attachment, returned for its
missing reason (退文), fixed, reviewed, approved and published, read and downloaded by the
public, revoked to a 410 tombstone; and a 需解读 policy that cannot go out alone.
Fixtures: gongkai.testing_browser, imported by conftest.py."""

import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from gongkai.documents.models import Record
from gongkai.testing import PASSWORD
from gongkai.testing_browser import log_in, log_out

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("plain_http", "media")]

TITLE = "关于做好2026年城乡低保提标工作的通知"
ATTACHMENT = "低保标准调整表.docx"


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def docx_bytes() -> bytes:
    document = Document()
    document.add_heading("2026年城乡低保标准调整表", level=1)
    document.add_paragraph("城市低保标准每人每月850元，农村低保标准每人每年6500元。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def console(page: Any, live_server: Any, path: str = "") -> None:
    page.goto(f"{live_server.url}/console/records/{path}")


def field(scope: Any, label: str) -> Any:
    """The control of a label, with or without Django's label suffix (zh-hans: "：")."""
    return scope.get_by_label(re.compile(rf"^\s*{re.escape(label)}[:：]?\s*$"))


def click(page: Any, test_id: str) -> None:
    """Press a button that posts, and wait for the page the redirect leads to."""
    with page.expect_navigation():
        page.get_by_test_id(test_id).click()


def draft_a_record(
    page: Any,
    live_server: Any,
    *,
    title: str,
    number: str,
    columns: tuple[str, ...],
    body: str,
    attribute: str,
    needs_interpretation: bool = False,
) -> Record:
    """Fill 新建信息 as a drafter would and save; returns the new draft."""
    console(page, live_server)
    page.get_by_test_id("record-new").click()
    field(page, "标题").fill(title)
    field(page, "发文机关").fill("测试市民政局")
    field(page, "文号").fill(number)
    field(page, "成文日期").fill("2026-03-20")
    field(page, "主题分类").select_option("民政、扶贫、救灾\\社会福利")
    field(page, "体裁").select_option("通知")
    field(page, "关键词").fill("低保 提标")
    field(page, "内容概述").fill("调整2026年城乡最低生活保障标准。")
    for column in columns:
        field(page, column).check()
    field(page, "正文").fill(body)
    field(page, "公开属性").select_option(label=attribute)
    if needs_interpretation:
        field(page, "需解读").check()
    click(page, "record-save")
    expect(page.get_by_test_id("record-edit")).to_be_visible()
    return Record.objects.get(title=title)


def step_form(page: Any, step: str) -> Any:
    """The form of one workflow step on the record page (several share a 理由 field)."""
    return page.locator("form").filter(has=page.get_by_test_id(f"step-{step}"))


def meta_value(page: Any, heading: str) -> Any:
    """The value next to a heading of the portal's metadata table."""
    return page.locator("table.record-meta").locator(f"th:text-is('{heading}') + td")


def test_a_record_is_returned_fixed_reviewed_published_downloaded_and_revoked(
    page: Any, live_server: Any, cast: Any, columns: Any, tmp_path: Path
) -> None:
    uploaded = docx_bytes()
    (tmp_path / ATTACHMENT).write_bytes(uploaded)

    # The drafter drafts it 不公开 without a reason, and attaches the table.
    log_in(page, live_server.url, "drafter_a", PASSWORD)
    record = draft_a_record(
        page,
        live_server,
        title=TITLE,
        number="测民发[2026]12号",
        columns=("政策文件", "法定主动公开内容 / 社会救助"),
        body="<p>各县（区）民政局：现将2026年城乡<b>低保</b>标准调整如下……</p>",
        attribute="不公开",
    )
    field(page, "文件").set_input_files(tmp_path / ATTACHMENT)
    click(page, "attachment-upload")
    expect(page.get_by_test_id("attachments")).to_contain_text(ATTACHMENT)

    # 退文: submitted without the reason its attribute needs, it comes straight back.
    click(page, "step-submit")
    expect(page.get_by_test_id("returned-reason")).to_contain_text("退文")
    expect(page.get_by_test_id("returned-reason")).to_contain_text("理由")
    record.refresh_from_db()
    assert record.status == Record.Status.DRAFT

    page.get_by_test_id("record-edit").click()
    field(page, "公开属性").select_option(label="主动公开")
    click(page, "record-save")
    expect(page.get_by_test_id("attribute")).to_have_text("主动公开")
    click(page, "step-submit")
    expect(page.get_by_test_id("returned-reason")).to_have_count(0)
    expect(page.get_by_test_id("step-submit")).to_have_count(0)
    record.refresh_from_db()
    assert record.status == Record.Status.SUBMITTED
    log_out(page)

    log_in(page, live_server.url, "reviewer", PASSWORD)
    console(page, live_server, f"{record.pk}/")
    step_form(page, "pass-review").get_by_role("textbox").fill("无涉密内容，同意公开。")
    click(page, "step-pass-review")
    expect(page.get_by_test_id("step-pass-review")).to_have_count(0)
    expect(page.get_by_test_id("reviews")).to_contain_text("无涉密内容")
    log_out(page)

    log_in(page, live_server.url, "approver", PASSWORD)
    console(page, live_server, f"{record.pk}/")
    click(page, "step-approve")
    record.refresh_from_db()
    assert record.status == Record.Status.PUBLISHED
    assert record.index_number.startswith("TESTA/")
    expect(page.get_by_test_id("index-number")).to_have_text(record.index_number)
    log_out(page)

    # The public reads the metadata table and downloads the attachment.
    public_url = f"{live_server.url}/records/{record.pk}/"
    assert page.goto(public_url).status == 200
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(meta_value(page, "索引号")).to_have_text(record.index_number)
    expect(meta_value(page, "发文字号")).to_have_text("测民发〔2026〕12号")
    published_on = timezone.localtime(record.published_at).date().isoformat()
    expect(meta_value(page, "发布日期")).to_have_text(published_on)
    expect(meta_value(page, "成文日期")).to_have_text("2026-03-20")
    expect(page.locator(".record-body")).to_contain_text("低保")
    page.screenshot(path=tmp_path / "portal-record-zh-hans.png", full_page=True)

    link = page.get_by_role("link", name=ATTACHMENT)
    with page.expect_download() as downloading:
        link.click()
    download = downloading.value
    assert download.suggested_filename == ATTACHMENT
    assert Path(download.path()).read_bytes() == uploaded
    file_url = live_server.url + link.get_attribute("href")
    response = page.request.get(file_url)
    assert response.status == 200
    assert response.body() == uploaded

    # 撤回: the approver withdraws it, and the public URL answers 410 with the date.
    log_in(page, live_server.url, "approver", PASSWORD)
    console(page, live_server, f"{record.pk}/")
    field(step_form(page, "revoke"), "理由").fill("标准以省厅最新文件为准，撤回重发。")
    click(page, "step-revoke")
    expect(page.get_by_test_id("revoked-banner")).to_be_visible()
    record.refresh_from_db()
    assert record.status == Record.Status.REVOKED
    log_out(page)

    response = page.goto(public_url)
    assert response.status == 410
    revoked_on = timezone.localtime(record.revoked_at).date().isoformat()
    tombstone = page.locator(".tombstone")
    expect(tombstone.locator("time")).to_have_attribute("datetime", revoked_on)
    expect(tombstone).to_contain_text(revoked_on)
    expect(tombstone).to_contain_text(record.index_number)
    expect(tombstone).not_to_contain_text("省厅")
    expect(tombstone).not_to_contain_text(TITLE)
    expect(page.locator("table.record-meta")).to_have_count(0)
    assert page.request.get(file_url).status == 410


def test_a_policy_that_needs_an_interpretation_is_not_published_without_one(
    page: Any, live_server: Any, cast: Any, columns: Any
) -> None:
    log_in(page, live_server.url, "drafter_a", PASSWORD)
    record = draft_a_record(
        page,
        live_server,
        title="测试市最低生活保障实施细则",
        number="测民发[2026]13号",
        columns=("政策文件",),
        body="<p>为规范低保工作，制定本细则。</p>",
        attribute="主动公开",
        needs_interpretation=True,
    )
    click(page, "step-submit")
    expect(page.get_by_test_id("step-submit")).to_have_count(0)
    log_out(page)

    log_in(page, live_server.url, "reviewer", PASSWORD)
    console(page, live_server, f"{record.pk}/")
    click(page, "step-pass-review")
    expect(page.get_by_test_id("step-pass-review")).to_have_count(0)
    log_out(page)

    # A plain approval is refused with the service's reason, and nothing is published.
    log_in(page, live_server.url, "approver", PASSWORD)
    console(page, live_server, f"{record.pk}/")
    click(page, "step-approve")
    expect(page.locator(".errorlist.nonfield")).to_contain_text("解读")
    record.refresh_from_db()
    assert record.status == Record.Status.REVIEWED
    assert record.index_number == "" and record.published_at is None
    assert page.request.get(f"{live_server.url}/records/{record.pk}/").status == 404

    # With a written waiver it goes out alone, and the reason is on record.
    console(page, live_server, f"{record.pk}/")
    expect(page.get_by_test_id("index-number")).to_have_text("—")
    waiver = "细则仅作文字性调整，不另行解读。"
    step_form(page, "approve").get_by_role("textbox").fill(waiver)
    click(page, "step-approve")
    record.refresh_from_db()
    assert record.status == Record.Status.PUBLISHED
    assert record.interpretation_waiver == waiver
    expect(page.get_by_test_id("index-number")).to_have_text(record.index_number)
    expect(page.get_by_test_id("record-metadata")).to_contain_text(waiver)
    assert page.request.get(f"{live_server.url}/records/{record.pk}/").status == 200
