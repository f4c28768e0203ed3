"""The applicant corrects through /track/: recorded as RECEIVE_CORRECTION by the system, the
file kept, the clock restarted; late corrections refused with a message; rate-limited; and
released provided files and the case's letters are listed."""

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai.applications import services
from gongkai.applications.intake import application_register
from gongkai.applications.models import Application, ApplicationFile, CaseEvent
from gongkai.applications.tests.test_intake import data
from gongkai.applications.tests.test_provided import CLEAN, WITH_ID
from gongkai.audit.models import AuditEvent
from gongkai.workcalendar.selectors import work_calendar

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)
CORRECT = "/track/case/correct/"


@pytest.fixture
def site(cast: Any, settings: Any, tmp_path: Any) -> Any:
    settings.GONGKAI_SITE_AGENCY = cast.agency.code
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
    yield cast
    cache.clear()


@pytest.fixture
def awaiting(site: Any) -> tuple[Application, str]:
    application, code = application_register(
        agency=site.agency, data=data(), channel="online", now=NOW
    )
    application = services.application_assign(
        actor=site.office,
        application=application,
        day=date(2026, 3, 2),
        handler=site.office,
        now=NOW,
    )
    application = services.application_request_correction(
        actor=site.office,
        application=application,
        day=date(2026, 3, 3),
        until=date(2026, 3, 13),
        now=NOW.replace(day=3),
    )
    return application, code


def tracked(code: str) -> Client:
    client = Client()
    response = client.post("/track/", {"code": code, "phone": "13812345678", "id_last4": ""})
    assert response.status_code == 302
    return client


def on(monkeypatch: Any, day: date) -> None:
    moment = datetime(day.year, day.month, day.day, 11, 0, tzinfo=TZ)
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)


def test_the_case_page_offers_the_correction_with_its_period(awaiting, monkeypatch):
    on(monkeypatch, date(2026, 3, 9))
    page = tracked(awaiting[1]).get("/track/case/")
    html = page.content.decode()
    assert page.context["correction_form"] is not None and "2026-03-13" in html


def test_a_correction_restarts_the_clock_and_keeps_the_file(awaiting, monkeypatch):
    application, code = awaiting
    on(monkeypatch, date(2026, 3, 9))
    client = tracked(code)
    upload = SimpleUploadedFile("补正.xlsx", CLEAN)
    response = client.post(CORRECT, {"text": "我申请的是2025年全年的总额", "file": upload})
    assert response.status_code == 302
    application = Application.objects.get(pk=application.pk)
    assert application.status == "assigned" and not application.deadline_paused
    assert application.deadline == work_calendar().add_working_days(date(2026, 3, 9), 20)
    event = CaseEvent.objects.get(application=application, step="receive_correction")
    assert event.actor is None and event.day == date(2026, 3, 9)
    assert event.note == "我申请的是2025年全年的总额" and event.details["channel"] == "track"
    stored = ApplicationFile.objects.get(application=application, kind="correction")
    assert stored.original_name == "补正.xlsx"
    assert AuditEvent.objects.filter(action="application.correction_submitted").exists()
    assert AuditEvent.objects.get(action="application.receive_correction").actor is None
    page = client.get("/track/case/")
    assert page.context["corrected"] and page.context["correction_period"] is None


def test_a_late_correction_is_refused_with_a_message_to_contact_the_office(awaiting, monkeypatch):
    application, code = awaiting
    on(monkeypatch, date(2026, 3, 16))
    client = tracked(code)
    page = client.get("/track/case/")
    assert page.context["correction_form"] is None and page.context["correction_late"]
    response = client.post(CORRECT, {"text": "迟到的补正"})
    assert response.status_code == 400
    assert not CaseEvent.objects.filter(step="receive_correction").exists()


def test_an_empty_correction_is_refused(awaiting, monkeypatch):
    on(monkeypatch, date(2026, 3, 9))
    response = tracked(awaiting[1]).post(CORRECT, {"text": "  "})
    assert response.status_code == 400
    assert not CaseEvent.objects.filter(step="receive_correction").exists()


def test_without_the_look_up_nothing_is_recorded(awaiting, monkeypatch):
    on(monkeypatch, date(2026, 3, 9))
    response = Client().post(CORRECT, {"text": "冒充"})
    assert response.status_code == 302 and response["Location"].endswith("/track/")
    assert not CaseEvent.objects.filter(step="receive_correction").exists()


def test_a_case_not_awaiting_a_correction_is_refused(site, monkeypatch):
    _application, code = application_register(
        agency=site.agency, data=data(), channel="online", now=NOW
    )
    on(monkeypatch, date(2026, 3, 9))
    client = tracked(code)
    assert client.get("/track/case/").context["correction_period"] is None
    assert client.post(CORRECT, {"text": "补正"}).status_code == 400


def test_corrections_are_rate_limited(awaiting, monkeypatch, settings):
    settings.GONGKAI_ABUSE_LIMITS = {"correct_case": (2, 3600)}
    on(monkeypatch, date(2026, 3, 16))  # late: refused, but counted
    client = tracked(awaiting[1])
    assert client.post(CORRECT, {"text": "a"}).status_code == 400
    assert client.post(CORRECT, {"text": "b"}).status_code == 400
    assert client.post(CORRECT, {"text": "c"}).status_code == 429


def test_only_released_provided_files_are_listed_and_downloaded(awaiting, monkeypatch):
    from gongkai.applications import provided

    application, code = awaiting
    blocked = provided.provided_upload(
        actor=_office(application),
        application=application,
        name="名单.xlsx",
        data=WITH_ID,
        now=NOW,
    )
    client = tracked(code)
    assert list(client.get("/track/case/").context["files"]) == []
    assert client.get(f"/track/case/files/{blocked.pk}/").status_code == 404
    provided.provided_redact(actor=_office(application), item=blocked, now=NOW)
    assert [f.pk for f in client.get("/track/case/").context["files"]] == [blocked.pk]
    download = client.get(f"/track/case/files/{blocked.pk}/")
    assert download.status_code == 200
    assert b"11010519491231002X" not in b"".join(download.streaming_content)


def _office(application: Application) -> Any:
    from gongkai.accounts.models import User

    return User.objects.get(username="office")
