"""Information provided: attached from the registry or uploaded, scanned at once, settled by
redaction or a reasoned dismissal, released on /track/ only after that; no reply letter or
delivery while a provided file awaits the review."""

import io
from datetime import date
from typing import Any

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from gongkai.applications import provided
from gongkai.applications.models import ApplicationFile
from gongkai.applications.tests.test_handling import ID, LATER, PARTLY, register, step
from gongkai.audit.models import AuditEvent
from gongkai.documents.models import Record


def xlsx(rows: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


WITH_ID = xlsx([["姓名", "身份证号码", "金额"], ["张三", ID, "500"]])
CLEAN = xlsx([["年份", "金额"], ["2025", "1200000"]])


@pytest.fixture
def media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def case(cast: Any, media: None) -> Any:
    return step("assign", cast, register(cast), date(2026, 3, 3), handler=cast.office)


def upload(cast: Any, case: Any, data: bytes = WITH_ID, name: str = "发放表.xlsx") -> Any:
    return provided.provided_upload(
        actor=cast.office, application=case, name=name, data=data, now=LATER
    )


def test_an_uploaded_file_with_an_identity_number_is_blocked_with_masked_findings(cast, case):
    item = upload(cast, case)
    assert item.kind == "provided" and item.privacy == "blocked"
    assert item.findings and all(ID not in str(f) for f in item.findings)
    first = next(f for f in item.findings if f["blocking"])
    assert first["kind"] and first["severity"] == "high" and "*" in first["masked"]
    assert not provided.is_released(item)
    audit = AuditEvent.objects.get(action="application.provided_attached")
    assert audit.changes["privacy"] == [None, "blocked"] and ID not in str(audit.changes)


def test_a_clean_file_is_released_at_once(cast, case):
    item = upload(cast, case, CLEAN, "统计表.xlsx")
    assert item.privacy == "clear" and provided.is_released(item)


def test_a_refused_upload_is_not_stored(cast, case):
    with pytest.raises(ValidationError):
        upload(cast, case, b"MZ\x90\x00 not a document", "virus.exe")
    assert not case.files.filter(kind="provided").exists()


def test_the_redacted_copy_is_what_the_applicant_gets(cast, case):
    item = provided.provided_redact(actor=cast.office, item=upload(cast, case), now=LATER)
    assert item.privacy == "redacted" and item.redacted_file
    with provided.public_file(item).open("rb") as handle:
        book = openpyxl.load_workbook(io.BytesIO(handle.read()))
    values = [c.value for row in book.active.iter_rows() for c in row]
    assert ID not in values and any("*" in str(v) for v in values)
    assert AuditEvent.objects.filter(action="application.provided_redacted").exists()


def test_a_dismissal_needs_a_reason_and_releases_the_file(cast, case):
    item = upload(cast, case)
    with pytest.raises(ValidationError):
        provided.provided_dismiss(actor=cast.office, item=item, reason=" ", now=LATER)
    item = provided.provided_dismiss(
        actor=cast.office, item=item, reason="申请人本人的信息", now=LATER
    )
    assert item.privacy == "cleared" and item.privacy_note == "申请人本人的信息"
    assert AuditEvent.objects.get(action="application.provided_dismissed").reason


def test_a_registry_record_body_sets_the_source_record(cast, case):
    record = Record.objects.create(
        agency=cast.agency,
        title="依申请公开的统计",
        body=f"<p>张三 {ID}</p>",
        attribute="on_request",
    )
    item = provided.provided_from_record(
        actor=cast.office, application=case, record=record, now=LATER
    )
    assert item.source_record == record and item.privacy == "blocked"
    item = provided.provided_redact(actor=cast.office, item=item, now=LATER)
    with item.redacted_file.open("rb") as handle:
        assert ID.encode() not in handle.read()


def test_a_record_of_another_agency_is_refused(cast, case):
    record = Record.objects.create(agency=cast.other_agency, title="外机关", body="<p>x</p>")
    with pytest.raises(ValidationError):
        provided.provided_from_record(actor=cast.office, application=case, record=record, now=LATER)


@pytest.mark.parametrize("who", ["other_office", "drafter_a", "reviewer", "supervisor"])
def test_only_the_agency_office_provides(cast, case, who):
    with pytest.raises(PermissionDenied):
        provided.provided_upload(
            actor=getattr(cast, who), application=case, name="a.xlsx", data=CLEAN, now=LATER
        )


def test_no_letter_or_delivery_while_a_provided_file_is_blocked(cast, case):
    case = step("decide", cast, case, date(2026, 3, 10), outcome="partly_disclosed", items=PARTLY)
    item = upload(cast, case)
    with pytest.raises(ValidationError) as refused:
        step("issue_letter", cast, case, date(2026, 3, 11))
    assert "发放表.xlsx" in refused.value.messages[0]
    provided.provided_redact(actor=cast.office, item=item, now=LATER)
    case = step("issue_letter", cast, case, date(2026, 3, 11))
    assert case.status == "letter_issued"


def console(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_console_uploads_and_redacts(cast, case):
    office = console(cast.office)
    url = f"/console/applications/{case.pk}/provided/upload/"
    data = {"provided-file": io.BytesIO(WITH_ID)}
    data["provided-file"].name = "发放表.xlsx"
    assert office.post(url, data).status_code == 302
    item = ApplicationFile.objects.get(kind="provided")
    page = office.get(f"/console/applications/{case.pk}/")
    assert ID not in page.content.decode() and item.findings[0]["masked"] in page.content.decode()
    office.post(f"/console/applications/{case.pk}/provided/{item.pk}/redact/")
    assert ApplicationFile.objects.get(pk=item.pk).privacy == "redacted"


@pytest.mark.parametrize("who, status", [("other_office", 404), ("drafter_a", 404)])
def test_the_console_refuses_others(cast, case, who, status):
    item = upload(cast, case)
    client = console(getattr(cast, who))
    url = f"/console/applications/{case.pk}/provided/{item.pk}/redact/"
    assert client.post(url).status_code == status
    assert ApplicationFile.objects.get(pk=item.pk).privacy == "blocked"
