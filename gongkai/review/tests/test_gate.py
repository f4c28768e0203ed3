"""The publication gate: a record is scanned when submitted, publication waits for every
blocking finding to be settled, and the reviewer's choices change what the public gets."""

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.documents import services as records
from gongkai.documents.columns import columns_install_standard
from gongkai.documents.models import Record
from gongkai.documents.tests.conftest import NOW, policy_data
from gongkai.review import services
from gongkai.review.models import Finding, ScanJob, SensitiveTerm

ID = "11010519491231002X"  # the standard's example: valid
MOBILE = "13812345678"


@pytest.fixture
def columns(cast):
    columns_install_standard(actor=None, agency=cast.agency)
    return {c.slug: c for c in cast.agency.columns.all()}


def draft(cast, columns, **data):
    return records.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data=policy_data(cast, **data),
        columns=[columns["zcwj"]],
        now=NOW,
    )


def submitted(cast, record):
    assert records.record_submit(actor=cast.drafter_a, record=record, now=NOW) == []
    return Record.objects.get(pk=record.pk)


def relief_list(hidden_id_column=True):
    """A 低保 list as bureaus publish it: the ID column hidden, IDs stored as numbers."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "低保名单"
    sheet.append(["序号", "姓名", "身份证号码", "所在村（社区）", "保障人数", "金额（元）"])
    sheet.append([1, "张三", 110105194912310021, "城关社区", 3, 1200])
    sheet.append([2, "李四", ID, "勐托村", 2, 800])
    sheet.append([3, "王五", "5301231980", "勐托村", 1, 500])  # mistyped: still a person
    if hidden_id_column:
        sheet.column_dimensions["C"].hidden = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def panel(response):
    """The privacy-review section of a record's staff page (staff see the body itself)."""
    page = response.content.decode()
    start = page.index('data-testid="privacy-review"')
    return page[start : page.index("</section>", start)]


def test_a_clean_record_passes_and_the_sign_off_names_the_scanner_version(cast, columns):
    record = submitted(cast, draft(cast, columns))
    assert not record.findings.exists()
    records.record_pass_review(actor=cast.reviewer, record=record, notes="", now=NOW)
    review = record.reviews.get()
    assert review.result == "passed" and review.reviewer == cast.reviewer
    assert review.scanner_version == services.SCANNER_VERSION


def test_an_identity_number_in_the_body_blocks_publication_until_settled(cast, columns):
    record = submitted(cast, draft(cast, columns, body=f"<p>申请人身份证号：{ID}</p>"))
    finding = record.findings.get(kind="cn_resident_id")
    assert finding.blocking and finding.state == "open" and finding.masked == "1101**********002X"
    with pytest.raises(ValidationError, match="阻止公开"):
        records.record_pass_review(actor=cast.reviewer, record=record, notes="", now=NOW)
    assert Record.objects.get(pk=record.pk).status == "submitted"


def test_no_raw_value_is_stored_with_a_finding_or_in_the_audit_trail(cast, columns):
    record = submitted(cast, draft(cast, columns, body=f"<p>身份证号：{ID}，电话{MOBILE}</p>"))
    assert record.findings.count() == 2
    for row in Finding.objects.values():
        assert ID not in str(row) and MOBILE not in str(row)
    for row in AuditEvent.objects.values("changes", "reason", "object_repr"):
        assert ID not in str(row) and MOBILE not in str(row)


def test_a_false_positive_needs_a_reason_and_is_audited(cast, columns):
    record = submitted(cast, draft(cast, columns, body=f"<p>身份证号：{ID}</p>"))
    finding = record.findings.get()
    with pytest.raises(ValidationError, match="理由"):
        services.finding_dismiss(actor=cast.reviewer, finding=finding, reason=" ", now=NOW)
    services.finding_dismiss(
        actor=cast.reviewer, finding=finding, reason="示例号码，非真实个人信息", now=NOW
    )
    finding.refresh_from_db()
    assert finding.state == "dismissed" and finding.resolved_by == cast.reviewer
    event = AuditEvent.objects.get(action="review.finding_dismissed")
    assert event.reason == "示例号码，非真实个人信息" and event.actor == cast.reviewer
    records.record_pass_review(actor=cast.reviewer, record=record, notes="", now=NOW)
    assert Record.objects.get(pk=record.pk).status == "reviewed"


def test_only_a_reviewer_of_the_agency_settles_findings_during_review(cast, columns):
    record = submitted(cast, draft(cast, columns, body=f"<p>身份证号：{ID}</p>"))
    finding = record.findings.get()
    for someone in (cast.drafter_a, cast.approver, cast.office, cast.other_office):
        with pytest.raises(PermissionDenied):
            services.finding_dismiss(actor=someone, finding=finding, reason="无", now=NOW)
    assert Finding.objects.get(pk=finding.pk).state == "open"


def test_the_redacted_body_is_published_and_the_record_becomes_redacted(cast, columns, client):
    body = f"<p>经审核，张三（身份证号：{ID}，电话：{MOBILE}）符合条件。</p>"
    record = submitted(cast, draft(cast, columns, body=body))
    services.body_redact(actor=cast.reviewer, record=record, now=NOW)
    record.refresh_from_db()
    assert record.attribute == "redacted" and record.ground == "third_party"
    assert ID not in record.redacted_body and MOBILE not in record.redacted_body
    assert "1101" in record.redacted_body and "138****5678" in record.redacted_body
    assert record.body == body  # the original is kept for the file
    assert set(record.findings.values_list("state", flat=True)) == {"redacted"}
    records.record_pass_review(actor=cast.reviewer, record=record, notes="", now=NOW)
    records.record_approve(actor=cast.approver, record=record, now=NOW)
    page = client.get(reverse("portal:record", args=[record.pk])).content.decode()
    assert "138****5678" in page and MOBILE not in page and ID not in page
    assert "删减后公开" in page


def test_a_relief_list_with_a_hidden_id_column_is_blocked_and_masked_by_column(cast, columns):
    record = draft(cast, columns, title="2026年3月城乡低保对象名单公示")
    records.attachment_add(
        actor=cast.drafter_a, record=record, name="低保名单.xlsx", data=relief_list()
    )
    record = submitted(cast, record)
    column = record.findings.get(kind="assistance_list_column")
    assert column.label == "身份证号码" and column.where["column"] == "C" and column.blocking
    assert record.findings.filter(kind="cn_resident_id").count() >= 2
    assert "阻止公开" in " ".join(services.gate_problems(record))

    attachment = record.attachments.get()
    services.attachment_redact(actor=cast.reviewer, attachment=attachment, now=NOW)
    attachment.refresh_from_db()
    assert attachment.is_redacted and attachment.redacted_sha256 != attachment.sha256
    book = openpyxl.load_workbook(io.BytesIO(attachment.redacted_file.read()))
    ids = [row[2].value for row in book["低保名单"].iter_rows(min_row=2)]
    assert all(isinstance(v, str) and "*" in v for v in ids), ids
    assert not any(ID in v or "194912310021" in v or "5301231980" in v for v in ids)
    assert [row[1].value for row in book["低保名单"].iter_rows(min_row=2)] == [
        "张三",
        "李四",
        "王五",
    ]
    assert ID not in attachment.text  # public search reads the redacted copy
    record.refresh_from_db()
    assert record.attribute == "redacted"
    assert not services.gate_problems(record)
    event = AuditEvent.objects.get(action="review.attachment_redacted")
    assert event.changes["masked_columns"] == [None, ["身份证号码"]]


def test_a_removed_file_takes_its_findings_with_it(cast, columns):
    record = draft(cast, columns, title="低保名单")
    records.attachment_add(
        actor=cast.drafter_a, record=record, name="名单.xlsx", data=relief_list()
    )
    record = submitted(cast, record)
    attachment = record.attachments.get()
    with pytest.raises(ValidationError):
        services.attachment_withdraw(actor=cast.reviewer, attachment=attachment, reason="", now=NOW)
    services.attachment_withdraw(
        actor=cast.reviewer, attachment=attachment, reason="含身份证号，不予公开", now=NOW
    )
    assert not record.attachments.exists()
    assert set(record.findings.values_list("state", flat=True)) == {"removed"}
    records.record_pass_review(actor=cast.reviewer, record=record, notes="", now=NOW)


def test_low_findings_are_left_as_acknowledged_at_sign_off(cast, columns):
    record = submitted(cast, draft(cast, columns, body="<p>咨询电话：0883-2123456</p>"))
    finding = record.findings.get()
    assert finding.severity == "low" and not finding.blocking
    records.record_pass_review(actor=cast.reviewer, record=record, notes="", now=NOW)
    finding.refresh_from_db()
    assert finding.state == "acknowledged" and finding.resolved_by == cast.reviewer


def test_a_sensitive_term_of_the_agency_is_found(cast, columns):
    SensitiveTerm.objects.create(agency=cast.agency, term="内部掌握", created_at=NOW)
    SensitiveTerm.objects.create(agency=cast.other_agency, term="城关", created_at=NOW)
    record = submitted(cast, draft(cast, columns, body="<p>此标准内部掌握，城关镇执行。</p>"))
    assert list(record.findings.values_list("kind", "masked")) == [
        ("sensitive_term", "内部掌握")
    ] or [f.kind for f in record.findings.all()] == ["sensitive_term"]


def test_a_large_record_is_scanned_in_the_background_and_blocks_until_done(
    cast, columns, monkeypatch, client
):
    monkeypatch.setattr(services, "SCAN_WHILE_WAITING", 10)
    record = draft(cast, columns, title="低保名单")
    records.attachment_add(
        actor=cast.drafter_a, record=record, name="名单.xlsx", data=relief_list()
    )
    record = submitted(cast, record)
    job = ScanJob.objects.get(record=record)
    assert job.state == "queued" and not record.findings.exists()
    with pytest.raises(ValidationError, match="仍在进行中"):
        records.record_pass_review(actor=cast.reviewer, record=record, notes="", now=NOW)
    client.force_login(cast.reviewer)
    status = client.get(reverse("review:scan_status", args=[record.pk])).json()
    assert status["state"] == "queued" and status["percent"] == 0
    page = client.get(reverse("documents:detail", args=[record.pk])).content.decode()
    assert 'data-testid="scan-progress"' in page

    assert services.run_queued_jobs(now=NOW) == 1
    job.refresh_from_db()
    assert job.state == "done" and job.parts_done == job.parts_total == 3 and job.percent == 100
    assert record.findings.filter(kind="assistance_list_column").exists()
    assert client.get(reverse("review:scan_status", args=[record.pk])).json()["state"] == "done"
    assert services.run_queued_jobs(now=NOW) == 0  # nothing twice


def test_a_new_submission_supersedes_the_findings_of_the_last_one(cast, columns):
    record = submitted(cast, draft(cast, columns, body=f"<p>身份证号：{ID}</p>"))
    records.record_return(actor=cast.reviewer, record=record, reason="请删除身份证号", now=NOW)
    record = Record.objects.get(pk=record.pk)
    records.record_update(
        actor=cast.drafter_a,
        record=record,
        version=record.version,
        data=policy_data(cast, body="<p>已删除。</p>"),
        columns=[columns["zcwj"]],
    )
    record = submitted(cast, Record.objects.get(pk=record.pk))
    assert list(record.findings.values_list("state", flat=True)) == ["superseded"]
    records.record_pass_review(actor=cast.reviewer, record=record, notes="", now=NOW)


def test_the_record_page_shows_findings_masked_and_buttons_only_to_the_reviewer(
    cast, columns, client
):
    record = submitted(cast, draft(cast, columns, body=f"<p>身份证号：{ID}</p>"))
    client.force_login(cast.reviewer)
    page = panel(client.get(reverse("documents:detail", args=[record.pk])))
    assert "1101**********002X" in page and ID not in page
    assert 'data-testid="gate-blocked"' in page and 'data-testid="dismiss"' in page
    client.force_login(cast.drafter_a)
    page = panel(client.get(reverse("documents:detail", args=[record.pk])))
    assert "1101**********002X" in page and 'data-testid="dismiss"' not in page
    finding = record.findings.get()
    answer = client.post(
        reverse("review:finding_dismiss", args=[finding.pk]), {"reason": "不是", "group": "1"}
    )
    assert answer.status_code == 403
    client.force_login(cast.other_office)
    answer = client.post(reverse("review:finding_dismiss", args=[finding.pk]), {"reason": "x"})
    assert answer.status_code == 404
    assert Finding.objects.get(pk=finding.pk).state == "open"


def test_the_reviewer_dismisses_a_whole_column_from_the_page(cast, columns, client):
    body = (
        "<table><tr><th>姓名</th><th>身份证号码</th></tr>"
        + "".join(f"<tr><td>张{i}</td><td>{ID}</td></tr>" for i in range(3))
        + "</table>"
    )
    record = submitted(cast, draft(cast, columns, body=body))
    first = record.findings.filter(kind="cn_resident_id").first()
    client.force_login(cast.reviewer)
    answer = client.post(
        reverse("review:finding_dismiss", args=[first.pk]),
        {"reason": "样表示例号码", "group": "1"},
    )
    assert answer.status_code == 302
    assert not record.findings.filter(kind="cn_resident_id", state="open").exists()


def test_withdraw_now_takes_a_leaking_record_off_the_portal(cast, columns, client):
    record = submitted(cast, draft(cast, columns, body=f"<p>身份证号：{ID}</p>"))
    services.finding_dismiss(
        actor=cast.reviewer, finding=record.findings.get(), reason="误判", now=NOW
    )
    records.record_pass_review(actor=cast.reviewer, record=record, notes="", now=NOW)
    records.record_approve(actor=cast.approver, record=record, now=NOW)
    Finding.objects.create(
        agency=cast.agency,
        record=record,
        source="body",
        origin="sweep",
        kind="cn_mobile",
        severity="high",
        blocking=True,
        rule="test",
        masked="138****5678",
        scanner_version="x",
        found_at=NOW,
    )
    client.force_login(cast.drafter_a)
    url = reverse("review:withdraw_now", args=[record.pk])
    assert client.post(url, {"reason": "泄露手机号"}).status_code == 403
    client.force_login(cast.office)
    assert client.post(url, {"reason": ""}).status_code == 302
    assert Record.objects.get(pk=record.pk).status == "published"  # a reason is required
    assert client.post(url, {"reason": "泄露手机号"}).status_code == 302
    record.refresh_from_db()
    assert record.status == "revoked"
    assert record.findings.get(origin="sweep").state == "withdrawn"
    assert client.get(reverse("portal:record", args=[record.pk])).status_code == 410


def test_the_portal_and_the_api_serve_the_redacted_copy_only(cast, columns, client):
    record = draft(cast, columns, title="2026年3月城乡低保对象名单公示")
    original = relief_list()
    records.attachment_add(actor=cast.drafter_a, record=record, name="名单.xlsx", data=original)
    record = submitted(cast, record)
    attachment = services.attachment_redact(
        actor=cast.reviewer, attachment=record.attachments.get(), now=NOW
    )
    records.record_pass_review(actor=cast.reviewer, record=record, notes="", now=NOW)
    records.record_approve(actor=cast.approver, record=record, now=NOW)
    url = reverse("portal:attachment", args=[record.pk, attachment.pk])
    served = b"".join(client.get(url).streaming_content)
    attachment.refresh_from_db()
    assert served == attachment.redacted_file.read() and served != original
    detail = client.get(reverse("api:record", args=[record.pk])).json()
    assert detail["attachments"][0]["redacted"] is True
    assert detail["attachments"][0]["size"] == len(served)
    # Staff still reach the original, and the copy, from the console.
    client.force_login(cast.reviewer)
    staff = reverse("documents:attachment_download", args=[record.pk, attachment.pk])
    assert b"".join(client.get(staff).streaming_content) == original
    assert b"".join(client.get(staff + "?copy=redacted").streaming_content) == served


def test_a_file_over_the_scan_budget_blocks_as_unreadable(cast, columns, settings):
    settings.GONGKAI_SCAN_SECONDS = 0.000001
    record = draft(cast, columns)
    records.attachment_add(
        actor=cast.drafter_a, record=record, name="名单.xlsx", data=relief_list()
    )
    record = submitted(cast, record)
    [finding] = record.findings.filter(source="attachment")
    assert finding.kind == "unreadable" and finding.blocking
    assert "time budget exceeded" in finding.masked
