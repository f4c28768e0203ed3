"""The applications console: who sees which page, the case page with its deadline and
steps, a step through a form, staff registration, and the supervisors' overdue view."""

from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.audit.models import AuditEvent

from .test_handling import ID, TZ, register

NOW = datetime(2026, 3, 31, 10, 0, tzinfo=TZ)  # the day after the first case's deadline


@pytest.fixture
def fixed_today(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: NOW)


def test_the_office_lists_its_agencys_cases_only(client, cast, fixed_today):
    ours = register(cast)
    theirs = register(cast, agency=cast.other_agency, name="李四")
    client.force_login(cast.office)
    page = client.get(reverse("applications_console:list")).content.decode()
    assert ours.number in page and "张三" in page and "李四" not in page
    overdue = client.get(reverse("applications_console:list") + "?tab=overdue").content.decode()
    assert ours.number in overdue
    assert client.get(reverse("applications_console:detail", args=[theirs.pk])).status_code == 404


@pytest.mark.parametrize("who", ["drafter_a", "reviewer", "approver", "supervisor", "sysadmin"])
def test_staff_without_the_office_role_are_refused_the_cases(client, cast, who):
    case = register(cast)
    client.force_login(getattr(cast, who))
    assert client.get(reverse("applications_console:list")).status_code == 403
    assert client.get(reverse("applications_console:detail", args=[case.pk])).status_code == 404
    assert client.get(reverse("applications_console:new")).status_code == 403
    step = reverse("applications_console:step", args=[case.pk, "assign"])
    assert client.post(step, {"assign-day": "2026-03-03"}).status_code == 404
    reveal = reverse("applications_console:identity", args=[case.pk])
    assert client.post(reveal).status_code == 404
    assert Application.objects.get(pk=case.pk).status == "registered"


def test_the_office_of_another_agency_cannot_open_or_move_a_case(client, cast):
    case = register(cast)
    client.force_login(cast.other_office)
    assert client.get(reverse("applications_console:detail", args=[case.pk])).status_code == 404
    step = reverse("applications_console:step", args=[case.pk, "withdraw"])
    assert client.post(step, {"withdraw-day": "2026-03-03"}).status_code == 404
    assert Application.objects.get(pk=case.pk).status == "registered"


def test_the_public_is_sent_to_the_login(client, cast):
    case = register(cast)
    assert client.get(reverse("applications_console:detail", args=[case.pk])).status_code == 302


def test_the_case_page_shows_the_masked_number_the_deadline_and_the_steps(
    client, cast, fixed_today
):
    case = register(cast)
    client.force_login(cast.office)
    response = client.get(reverse("applications_console:detail", args=[case.pk]))
    page = response.content.decode()
    assert "1101**********002X" in page and ID not in page
    assert "2026-03-30" in page and 'data-testid="bucket"' in page
    assert 'data-testid="step-assign"' in page and 'data-testid="step-withdraw"' in page
    assert 'data-testid="step-decide"' not in page  # not before it is assigned
    assert "低保资金" in page


def test_showing_the_full_number_is_a_post_and_is_audited(client, cast, fixed_today):
    case = register(cast)
    client.force_login(cast.office)
    assert client.get(reverse("applications_console:identity", args=[case.pk])).status_code == 405
    page = client.post(reverse("applications_console:identity", args=[case.pk])).content.decode()
    assert ID in page
    assert AuditEvent.objects.filter(action="application.identity_revealed").count() == 1


def test_a_step_through_its_form(client, cast, fixed_today):
    case = register(cast)
    client.force_login(cast.office)
    url = reverse("applications_console:step", args=[case.pk, "assign"])
    response = client.post(url, {"assign-day": "2026-03-03", "assign-handler": cast.office.pk})
    assert response.status_code == 302
    case = Application.objects.get(pk=case.pk)
    assert case.status == "assigned" and case.handler == cast.office
    page = client.get(reverse("applications_console:detail", args=[case.pk])).content.decode()
    assert "分办" in page and "2026-03-03" in page


def test_a_refused_step_shows_the_reason_on_the_form(client, cast, fixed_today):
    case = register(cast)
    client.force_login(cast.office)
    client.post(
        reverse("applications_console:step", args=[case.pk, "assign"]),
        {"assign-day": "2026-03-03", "assign-handler": cast.office.pk},
    )
    url = reverse("applications_console:step", args=[case.pk, "extend"])
    response = client.post(
        url,
        {"extend-day": "2026-03-31", "extend-reason": "数据量大", "extend-approved_by": "王主任"},
    )
    assert response.status_code == 400
    assert "2026-03-30" in response.content.decode()  # the deadline it came too late for
    assert not Application.objects.get(pk=case.pk).extended


def test_a_decision_form_names_what_the_reply_lacks(client, cast, fixed_today):
    case = register(cast)
    client.force_login(cast.office)
    client.post(
        reverse("applications_console:step", args=[case.pk, "assign"]),
        {"assign-day": "2026-03-03", "assign-handler": cast.office.pk},
    )
    url = reverse("applications_console:step", args=[case.pk, "decide"])
    response = client.post(
        url,
        {
            "decide-day": "2026-03-05",
            "decide-outcome": "partly_disclosed",
            "decide-item_provision": "提供统计表",
            "decide-item_legal_basis": "条例第37条",
            "decide-item_remedies": "60日 / 6个月",
        },
    )
    assert response.status_code == 400
    assert "不予公开的部分及其理由" in response.content.decode()
    assert Application.objects.get(pk=case.pk).status == "assigned"


def test_the_office_registers_a_letter_signed_for(client, cast, fixed_today):
    client.force_login(cast.office)
    assert client.get(reverse("applications_console:new")).status_code == 200
    response = client.post(
        reverse("applications_console:new"),
        {
            "channel": "letter",
            "arrived": "2026-03-30",
            "signed_for": "on",
            "applicant_kind": "natural_person",
            "name": "王五",
            "id_document": "resident_id",
            "id_number": ID,
            "phone": "13800000000",
            "description": "某项目环评批复",
            "provision_form": "paper",
            "delivery": "post",
        },
    )
    assert response.status_code == 200
    case = Application.objects.get(name="王五")
    assert case.received_on == date(2026, 3, 30) and case.created_by == cast.office
    page = response.content.decode()
    assert case.number in page and 'data-testid="tracking-code"' in page


def test_a_registration_in_the_future_is_refused_on_the_form(client, cast, fixed_today):
    client.force_login(cast.office)
    response = client.post(
        reverse("applications_console:new"),
        {
            "channel": "in_person",
            "arrived": "2026-04-02",
            "applicant_kind": "natural_person",
            "name": "王五",
            "id_document": "resident_id",
            "id_number": ID,
            "phone": "13800000000",
            "description": "某项目环评批复",
            "provision_form": "paper",
            "delivery": "post",
        },
    )
    assert response.status_code == 200 and "晚于今天" in response.content.decode()
    assert not Application.objects.exists()


def test_the_supervisor_sees_the_overdue_view_without_personal_data(client, cast, fixed_today):
    ours = register(cast)
    theirs = register(cast, agency=cast.other_agency, name="李四")
    client.force_login(cast.supervisor)
    response = client.get(reverse("applications_console:overdue"))
    page = response.content.decode()
    assert response.status_code == 200
    assert ours.number in page and cast.other_agency.name in page and theirs.number in page
    for personal in ("张三", "李四", "13812345678", "002X", "低保"):
        assert personal not in page


@pytest.mark.parametrize("who", ["drafter_a", "reviewer", "approver"])
def test_staff_without_queue_rights_are_refused_the_overdue_view(client, cast, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("applications_console:overdue")).status_code == 403


def test_the_list_takes_a_bounded_number_of_queries(
    client, cast, fixed_today, django_assert_max_num_queries
):
    for _ in range(12):
        register(cast)
    client.force_login(cast.office)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("applications_console:list") + "?tab=overdue")
    assert response.status_code == 200
