"""条例第35条 through the services and the console: asking the applicant for the reasons,
the （五）4 decision only after that, and the 延迟答复 period that becomes the deadline."""

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from gongkai.applications.models import Application
from gongkai.audit.models import AuditEvent

from .test_handling import PARTLY, TZ, register, step

TODAY = datetime(2026, 3, 5, 10, 0, tzinfo=TZ)  # the first case's deadline is 2026-03-30
REFUSED = ("drafter_a", "reviewer", "approver", "supervisor", "sysadmin", "other_office")
NOT_HANDLED = {
    "legal_basis": "条例第35条",
    "reasons": "数量明显超过合理范围",
    "remedies": "60日/6个月",
}


@pytest.fixture
def fixed_today(monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: TODAY)


def assigned(cast):
    return step("assign", cast, register(cast), date(2026, 3, 3), handler=cast.office)


def asked(cast, until=date(2026, 3, 10)):
    return step("ask_reasons", cast, assigned(cast), date(2026, 3, 4), until=until)


def test_asking_for_reasons_is_recorded_audited_and_does_not_pause_the_clock(cast):
    case = asked(cast)
    assert case.status == "assigned" and case.deadline == date(2026, 3, 30)
    assert not case.deadline_paused
    recorded = case.events.get(step="ask_reasons")
    assert (recorded.day, recorded.until) == (date(2026, 3, 4), date(2026, 3, 10))
    audit = AuditEvent.objects.get(action="application.ask_reasons")
    assert audit.actor == cast.office and audit.changes["until"] == [None, "2026-03-10"]
    assert audit.changes["step"] == [None, "ask_reasons"]


def test_reasons_may_be_asked_without_a_date_but_only_once(cast):
    case = step("ask_reasons", cast, assigned(cast), date(2026, 3, 4))
    assert case.events.get(step="ask_reasons").until is None
    with pytest.raises(ValidationError) as refused:
        step("ask_reasons", cast, case, date(2026, 3, 5))
    assert refused.value.messages == [
        "本申请已于 2026-03-04 要求申请人说明理由（条例第35条），不能再次要求"
    ]
    assert case.events.filter(step="ask_reasons").count() == 1


def test_the_excessive_row_is_refused_before_the_reasons_are_asked(cast):
    case = assigned(cast)
    with pytest.raises(ValidationError) as refused:
        step("decide", cast, case, date(2026, 3, 5), outcome="excessive", items=NOT_HANDLED)
    assert "未要求申请人说明理由" in refused.value.messages[0]
    assert Application.objects.get(pk=case.pk).status == "assigned"
    case = step("ask_reasons", cast, case, date(2026, 3, 5), until=date(2026, 3, 12))
    case = step("decide", cast, case, date(2026, 3, 13), outcome="excessive", items=NOT_HANDLED)
    assert (case.status, case.outcome) == ("decided", "excessive")


def test_a_longer_period_becomes_the_deadline_and_is_audited(cast):
    case = asked(cast)
    case = step(
        "set_longer_period",
        cast,
        case,
        date(2026, 3, 11),
        until=date(2026, 5, 29),
        reason="申请涉及近十年逐月数据，理由成立，需逐件检索",
    )
    assert case.status == "assigned" and case.deadline == date(2026, 5, 29)
    recorded = case.events.get(step="set_longer_period")
    assert recorded.until == date(2026, 5, 29) and recorded.reason.startswith("申请涉及")
    audit = AuditEvent.objects.get(action="application.set_longer_period")
    assert audit.changes["deadline"] == ["2026-03-30", "2026-05-29"]
    assert audit.reason.startswith("申请涉及")
    # the reasons were accepted: no （五）4 any more, no second period, no extension
    with pytest.raises(ValidationError) as refused:
        step("decide", cast, case, date(2026, 3, 12), outcome="excessive", items=NOT_HANDLED)
    assert "理由已被接受" in refused.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        step(
            "set_longer_period", cast, case, date(2026, 3, 12), until=date(2026, 6, 30), reason="x"
        )
    assert "不能再次确定" in refused.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        step("extend", cast, case, date(2026, 3, 12), reason="数据量大", approved_by="王主任")
    assert "不再延长答复期限" in refused.value.messages[0]
    case = step("decide", cast, case, date(2026, 4, 20), outcome="partly_disclosed", items=PARTLY)
    assert case.status == "decided"


def test_a_longer_period_is_refused_without_the_reasons_asked(cast):
    case = assigned(cast)
    with pytest.raises(ValidationError) as refused:
        step("set_longer_period", cast, case, date(2026, 3, 5), until=date(2026, 5, 29), reason="x")
    assert "须先要求申请人说明理由" in refused.value.messages[0]
    assert not case.events.filter(step="set_longer_period").exists()


def test_a_longer_period_must_end_after_the_deadline_be_set_before_it_and_say_why(cast):
    case = asked(cast)
    with pytest.raises(ValidationError) as refused:
        step(
            "set_longer_period", cast, case, date(2026, 3, 11), until=date(2026, 3, 30), reason="x"
        )
    assert refused.value.messages == [
        "延迟答复期限 2026-03-30 须晚于当前答复期限 2026-03-30，否则不必延迟答复（条例第35条）"
    ]
    with pytest.raises(ValidationError) as refused:
        step(
            "set_longer_period", cast, case, date(2026, 3, 31), until=date(2026, 5, 29), reason="x"
        )
    assert "2026-03-31 已逾期" in refused.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        step(
            "set_longer_period", cast, case, date(2026, 3, 11), until=date(2026, 5, 29), reason=" "
        )
    assert "reason" in refused.value.message_dict
    assert Application.objects.get(pk=case.pk).deadline == date(2026, 3, 30)
    assert not AuditEvent.objects.filter(action="application.set_longer_period").exists()


def test_only_the_agencys_disclosure_office_takes_the_two_steps(cast):
    case = assigned(cast)
    for name in REFUSED:
        with pytest.raises(PermissionDenied):
            step("ask_reasons", cast, case, date(2026, 3, 4), actor=getattr(cast, name))
    case = step("ask_reasons", cast, case, date(2026, 3, 4))
    for name in REFUSED:
        with pytest.raises(PermissionDenied):
            step(
                "set_longer_period",
                cast,
                case,
                date(2026, 3, 11),
                actor=getattr(cast, name),
                until=date(2026, 5, 29),
                reason="理由成立",
            )
    assert list(case.events.values_list("step", flat=True)) == [
        "register",
        "assign",
        "ask_reasons",
    ]
    assert AuditEvent.objects.filter(action__startswith="application.ask").count() == 1


# The console ----------------------------------------------------------------------------


def test_the_case_page_offers_to_ask_for_reasons_next_to_the_art35_warning(
    client, cast, fixed_today
):
    for _ in range(10):
        register(cast)
    case = step("assign", cast, register(cast), date(2026, 3, 3), handler=cast.office)
    client.force_login(cast.office)
    page = client.get(reverse("applications_console:detail", args=[case.pk])).content.decode()
    assert 'data-testid="excess-warning"' in page
    assert 'data-testid="ask-reasons-link"' in page and 'href="#step-ask_reasons"' in page
    assert 'id="step-ask_reasons"' in page and 'data-testid="step-ask_reasons"' in page
    assert 'data-testid="step-set_longer_period"' not in page  # not before the reasons


def test_no_ask_link_without_the_warning_or_for_an_unassigned_case(client, cast, fixed_today):
    case = register(cast)
    client.force_login(cast.office)
    page = client.get(reverse("applications_console:detail", args=[case.pk])).content.decode()
    assert 'data-testid="ask-reasons-link"' not in page
    assert 'data-testid="step-ask_reasons"' not in page  # registered: assign first


def test_both_steps_through_their_forms(client, cast, fixed_today):
    case = assigned(cast)
    client.force_login(cast.office)
    url = reverse("applications_console:step", args=[case.pk, "ask_reasons"])
    response = client.post(url, {"ask_reasons-day": "2026-03-04", "ask_reasons-until": ""})
    assert response.status_code == 302
    page = client.get(reverse("applications_console:detail", args=[case.pk])).content.decode()
    assert "要求申请人说明理由" in page and 'data-testid="step-set_longer_period"' in page
    url = reverse("applications_console:step", args=[case.pk, "set_longer_period"])
    response = client.post(
        url,
        {
            "set_longer_period-day": "2026-03-05",
            "set_longer_period-until": "2026-05-29",
            "set_longer_period-reason": "理由成立，数据量大",
        },
    )
    assert response.status_code == 302
    assert Application.objects.get(pk=case.pk).deadline == date(2026, 5, 29)
    page = client.get(reverse("applications_console:detail", args=[case.pk])).content.decode()
    assert "2026-05-29" in page and "确定延迟答复期限" in page


def test_a_refused_longer_period_shows_the_reason_on_the_form(client, cast, fixed_today):
    case = assigned(cast)
    client.force_login(cast.office)
    url = reverse("applications_console:step", args=[case.pk, "set_longer_period"])
    data = {
        "set_longer_period-day": "2026-03-05",
        "set_longer_period-until": "2026-05-29",
        "set_longer_period-reason": "理由成立",
    }
    response = client.post(url, data)
    assert response.status_code == 400
    assert "须先要求申请人说明理由" in response.content.decode()
    assert Application.objects.get(pk=case.pk).deadline == date(2026, 3, 30)


@pytest.mark.parametrize("who", REFUSED)
def test_others_cannot_post_the_steps(client, cast, fixed_today, who):
    case = assigned(cast)
    client.force_login(getattr(cast, who))
    url = reverse("applications_console:step", args=[case.pk, "ask_reasons"])
    assert client.post(url, {"ask_reasons-day": "2026-03-04"}).status_code == 404
    assert not case.events.filter(step="ask_reasons").exists()
