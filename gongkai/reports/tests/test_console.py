"""The console of the annual report: the office enters figures and prose (versions kept,
audited), sees the checks and the days left, downloads every format and publishes a frozen
version; blocking checks need an approver's override; the supervisor reads; drafters,
reviewers and the office of another agency are refused everything."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gongkai.applications.models import Application
from gongkai.audit.models import AuditEvent
from gongkai.reports import selectors, services
from gongkai.reports.models import (
    ChecksOverride,
    PublishedReport,
    ReportFigure,
    ReportText,
    ReportTextVersion,
)
from gongkai.reports.reminders import send_report_reminders
from gongkai.review.models import Notification

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=TZ)
REFUSED = ("drafter_a", "reviewer", "other_office")


def url(name, agency, year=2019, *more):
    return reverse(f"reports:{name}", args=[agency.code, year, *more])


def pages(agency):
    return [
        ("get", url("detail", agency)),
        ("get", url("download", agency, 2019, "json")),
        ("get", url("figures", agency)),
        ("get", url("text", agency, 2019, "一")),
        ("post", url("figures", agency)),
        ("post", url("text", agency, 2019, "一")),
        ("post", url("override", agency)),
        ("post", url("publish", agency)),
    ]


@pytest.mark.parametrize("name", REFUSED)
def test_drafters_reviewers_and_another_agencys_office_are_refused_every_page(client, cast, name):
    client.force_login(getattr(cast, name))
    assert client.get(reverse("reports:index")).status_code in (403, 404) or name == "other_office"
    for method, path in pages(cast.agency):
        response = getattr(client, method)(path, {"text": "x", "reason": "x", "note": "x"})
        assert response.status_code in (403, 404), (name, path)
    assert not PublishedReport.objects.exists()
    assert not ReportText.objects.exists() and not ChecksOverride.objects.exists()


def test_the_office_of_another_agency_sees_only_its_own_agency_in_the_list(client, cast):
    client.force_login(cast.other_office)
    response = client.get(reverse("reports:index"))
    assert response.status_code == 200
    assert cast.other_agency.name in response.content.decode()
    assert cast.agency.name not in response.content.decode()


def test_the_supervisor_reads_but_changes_nothing(client, cast, shanghai):
    client.force_login(cast.supervisor)
    assert client.get(url("detail", shanghai)).status_code == 200
    assert client.get(url("text", shanghai, 2019, "一")).status_code == 200
    for path in (url("figures", shanghai), url("publish", shanghai), url("override", shanghai)):
        assert client.post(path, {"note": "x", "reason": "x"}).status_code == 403
    assert client.post(url("text", shanghai, 2019, "一"), {"text": "x"}).status_code == 403
    assert not PublishedReport.objects.exists()


def test_the_office_sees_preview_checks_days_left_and_downloads(client, cast, shanghai):
    client.force_login(cast.office)
    client.cookies["django_language"] = "en"
    page = client.get(url("detail", shanghai)).content.decode()
    assert 'data-table="三"' in page and "No check blocks publication." in page
    assert 'data-testid="deadline"' in page
    for fmt in ("html", "json", "docx", "pdf", "xlsx"):
        response = client.get(url("download", shanghai, 2019, fmt))
        assert response.status_code == 200, fmt
        assert response.content
    assert client.get(url("download", shanghai, 2019, "exe")).status_code == 404
    assert client.get(url("detail", shanghai, 2007)).status_code == 404


def test_the_approver_sees_the_report(client, cast, shanghai):
    client.force_login(cast.approver)
    assert client.get(url("detail", shanghai)).status_code == 200


def test_the_office_enters_figures_audited(client, cast, shanghai):
    client.force_login(cast.office)
    data = {"licensing": "12", "penalty": "3", "coercion": "0", "charges": "1.2345"}
    response = client.post(url("figures", shanghai, 2021), data)
    assert response.status_code == 302
    stored = dict(ReportFigure.objects.filter(year=2021).values_list("key", "value"))
    assert stored == data
    event = AuditEvent.objects.get(action="reports.figures_saved")
    assert event.actor == cast.office and event.changes["penalty"] == [None, "3"]


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        ("penalty", "-1", "不能为负数"),
        ("penalty", "很多", "应为数字"),
        ("licensing", "1.5", "应为整数"),
        ("charges", "1.23456", "最多保留 4 位小数"),
    ],
)
def test_a_refused_figure_names_its_cell_in_chinese(client, cast, field, value, words):
    client.force_login(cast.office)
    response = client.post(url("figures", cast.agency, 2021), {field: value})
    assert response.status_code == 200
    page = response.content.decode()
    assert "表二“" in page and words in page
    assert not ReportFigure.objects.exists()


def test_each_save_of_a_section_keeps_a_version_and_is_audited(client, cast):
    client.force_login(cast.office)
    for text in ("第一稿。", "第二稿。", "第二稿。"):
        assert client.post(url("text", cast.agency, 2019, "五"), {"text": text}).status_code == 302
    versions = ReportTextVersion.objects.filter(section="五").order_by("version")
    assert [(v.version, v.text) for v in versions] == [(1, "第一稿。"), (2, "第二稿。")]
    assert ReportText.objects.get(section="五").text == "第二稿。"
    assert AuditEvent.objects.filter(action="reports.text_saved").count() == 2
    page = client.get(url("text", cast.agency, 2019, "五")).content.decode()
    assert "第一稿。" in page and "第二稿。" in page


def test_publication_freezes_the_report_against_later_changes(client, cast, shanghai):
    client.force_login(cast.office)
    assert client.post(url("publish", shanghai)).status_code == 302
    frozen = PublishedReport.objects.get()
    assert (frozen.version, frozen.published_by, frozen.override_reason) == (1, cast.office, "")
    assert AuditEvent.objects.filter(action="reports.published").count() == 1
    html, snapshot = frozen.html, frozen.snapshot
    Application.objects.filter(agency=shanghai, received_on__year=2019).update(
        received_on=date(2019, 3, 1)
    )
    ReportFigure.objects.create(agency=shanghai, year=2019, key="penalty", value="99")
    frozen.refresh_from_db()
    assert (frozen.html, frozen.snapshot) == (html, snapshot)
    got = client.get(url("published", shanghai, 2019, 1, "html"))
    assert got.content.decode() == html
    assert "99" not in html.split("行政处罚")[1][:200]


def test_a_correction_needs_a_note_and_becomes_version_two(cast, shanghai):
    services.report_publish(
        actor=cast.office, agency=shanghai, year=2019, now=NOW, today=NOW.date()
    )
    with pytest.raises(ValidationError) as refused:
        services.report_publish(
            actor=cast.office, agency=shanghai, year=2019, now=NOW, today=NOW.date()
        )
    assert "note" in refused.value.error_dict
    second = services.report_publish(
        actor=cast.office, agency=shanghai, year=2019, note="更正表二", now=NOW, today=NOW.date()
    )
    assert (second.version, second.note) == (2, "更正表二")


def test_blocking_checks_refuse_publication_until_an_approver_overrides(client, cast, shanghai):
    ReportText.objects.filter(agency=shanghai, year=2019, section="五").delete()  # S1
    client.force_login(cast.office)
    client.post(url("publish", shanghai))
    assert not PublishedReport.objects.exists()
    assert client.post(url("override", shanghai), {"reason": "x"}).status_code == 403
    client.force_login(cast.approver)
    assert client.post(url("override", shanghai), {"reason": ""}).status_code == 302
    assert not ChecksOverride.objects.exists()
    client.post(url("override", shanghai), {"reason": "第五部分另行公开"})
    event = AuditEvent.objects.get(action="reports.checks_overridden")
    assert event.actor == cast.approver and event.reason == "第五部分另行公开"
    assert client.post(url("publish", shanghai)).status_code == 403
    client.force_login(cast.office)
    client.post(url("publish", shanghai))
    frozen = PublishedReport.objects.get()
    assert (frozen.override_by, frozen.override_reason) == (cast.approver, "第五部分另行公开")
    # The override is used up: a correction with a blocking finding needs a new one.
    client.post(url("publish", shanghai), {"note": "更正"})
    assert PublishedReport.objects.count() == 1


def test_the_carry_over_check_uses_last_years_published_version(cast, shanghai):
    # one of the 72 applications received in late 2019 and still open at its end
    moved = Application.objects.filter(agency=shanghai, received_on__gte=date(2019, 12, 20)).first()
    services.report_publish(
        actor=cast.office, agency=shanghai, year=2019, now=NOW, today=NOW.date()
    )
    checked = selectors.checked_report(shanghai, 2020)
    assert checked.last_year_published is not None
    assert not [f for f in checked.findings if f.check == "X1"]
    Application.objects.filter(pk=moved.pk).update(received_on=date(2020, 1, 2))
    assert [f for f in selectors.checked_report(shanghai, 2020).findings if f.check == "X1"]
    PublishedReport.objects.all().delete()  # recomputed: both years move alike
    assert not [f for f in selectors.checked_report(shanghai, 2020).findings if f.check == "X1"]


def test_reminders_from_1_december_once_a_day_until_published(cast):
    assert send_report_reminders(today=date(2026, 11, 30), now=NOW) == 0
    first = datetime(2026, 12, 1, 9, 0, tzinfo=TZ)
    assert send_report_reminders(today=date(2026, 12, 1), now=first) == 2  # office, other_office
    assert send_report_reminders(today=date(2026, 12, 1), now=first) == 0
    notice = Notification.objects.get(recipient=cast.office)
    assert notice.agency == cast.agency and "2026" in notice.subject
    assert Notification.objects.filter(recipient=cast.drafter_a).count() == 0
    PublishedReport.objects.create(
        agency=cast.agency, year=2026, version=1, snapshot={}, html="", published_at=first
    )
    second = datetime(2027, 1, 5, 9, 0, tzinfo=TZ)
    assert send_report_reminders(today=date(2027, 1, 5), now=second) == 1  # other agency only
    assert Notification.objects.filter(recipient=cast.office).count() == 1
