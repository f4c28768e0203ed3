"""Handling a case through the services: every step checked by the core rules, audited, and
refused with the Chinese reason when the case may not take it."""

import json
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.applications import services
from gongkai.applications.intake import ApplicationData, application_register
from gongkai.applications.models import Application
from gongkai.audit.models import AuditEvent
from gongkai.workcalendar.selectors import work_calendar

TZ = ZoneInfo("Asia/Shanghai")
REGISTERED = datetime(2026, 3, 2, 10, 0, tzinfo=TZ)  # a Monday
LATER = datetime(2026, 4, 30, 10, 0, tzinfo=TZ)  # "now" for the steps: after all their days
ID = "11010519491231002X"


def data(**changes):
    values = {
        "applicant_kind": "natural_person",
        "name": "张三",
        "id_document": "resident_id",
        "id_number": ID,
        "phone": "13812345678",
        "description": "2025年临翔区城乡低保资金发放总额",
        "provision_form": "paper",
        "delivery": "post",
    }
    return ApplicationData(**(values | changes))


def register(cast, agency=None, now=REGISTERED, **changes):
    agency = agency or cast.agency
    application, _code = application_register(
        agency=agency,
        data=data(**changes),
        channel="in_person",
        now=now,
        actor=cast.office if agency == cast.agency else cast.other_office,
        arrived=now.date(),
    )
    return application


def step(name, cast, application, day, actor=None, **kwargs):
    service = getattr(services, f"application_{name}")
    return service(
        actor=actor or cast.office, application=application, day=day, now=LATER, **kwargs
    )


PARTLY = {
    "provision": "提供2025年低保资金发放总额统计表1份",
    "withheld_parts": "统计表中个人身份信息不予公开，理由：涉及个人隐私（条例第15条）",
    "legal_basis": "《中华人民共和国政府信息公开条例》第三十七条",
    "remedies": "可于60日内申请行政复议，或6个月内提起行政诉讼",
}


def test_a_full_case_from_registration_to_archive(cast):
    calendar = work_calendar()
    case = register(cast)
    assert case.deadline == date(2026, 3, 30)

    case = step("assign", cast, case, date(2026, 3, 3), handler=cast.office, unit=cast.unit_b)
    assert case.status == "assigned" and case.handler == cast.office and case.unit == cast.unit_b

    case = step("request_correction", cast, case, date(2026, 3, 4), until=date(2026, 3, 11))
    assert case.status == "awaiting_correction" and case.deadline_paused

    case = step("receive_correction", cast, case, date(2026, 3, 9))
    # The clock restarts: 20 working days from the day the corrected application arrived.
    assert case.status == "assigned" and not case.deadline_paused
    assert case.deadline == calendar.add_working_days(date(2026, 3, 9), 20)

    case = step("send_consultation", cast, case, date(2026, 3, 10), party="某物业公司")
    assert case.status == "consulting" and case.deadline_paused
    case = step("receive_opinion", cast, case, date(2026, 3, 17), party="某物业公司")
    assert case.status == "assigned"
    after_consultation = case.deadline
    assert after_consultation > calendar.add_working_days(date(2026, 3, 9), 20)

    case = step(
        "extend",
        cast,
        case,
        date(2026, 3, 18),
        reason="需要汇总多个科室的数据",
        approved_by="王主任",
    )
    assert case.extended and case.deadline == calendar.add_working_days(after_consultation, 20)
    assert case.events.get(step="extend").details == {"approved_by": "王主任"}

    case = step("notify_fee", cast, case, date(2026, 3, 19), method="per_page", quantity=50)
    assert case.status == "awaiting_payment" and case.fee_amount == Decimal(200)  # 20 × 10元
    case = step("record_payment", cast, case, date(2026, 3, 23))
    assert case.status == "assigned"

    case = step("decide", cast, case, date(2026, 3, 24), outcome="partly_disclosed", items=PARTLY)
    assert case.status == "decided" and case.outcome == "partly_disclosed"
    assert case.replied_on == date(2026, 3, 24)
    decision = case.events.get(step="decide")
    assert decision.details["reply"]["withheld_parts"].startswith("统计表中个人身份信息")

    case = step("issue_letter", cast, case, date(2026, 3, 25))
    case = step("deliver", cast, case, date(2026, 3, 26), note="EMS 1234567890")
    case = step("close", cast, case, date(2026, 3, 27))
    case = step("archive", cast, case, date(2026, 3, 27))
    assert case.status == "archived"
    assert list(case.events.values_list("step", flat=True)) == [
        "register", "assign", "request_correction", "receive_correction", "send_consultation",
        "receive_opinion", "extend", "notify_fee", "record_payment", "decide", "issue_letter",
        "deliver", "close", "archive",
    ]  # fmt: skip
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"application.decide", "application.extend", "application.archive"} <= actions
    decided = AuditEvent.objects.get(action="application.decide")
    assert decided.changes["status"] == ["assigned", "decided"]
    assert decided.agency == cast.agency and decided.actor == cast.office


def test_a_second_correction_notice_is_refused_with_the_article(cast):
    case = step("assign", cast, register(cast), date(2026, 3, 3), handler=cast.office)
    case = step("request_correction", cast, case, date(2026, 3, 4), until=date(2026, 3, 11))
    case = step("receive_correction", cast, case, date(2026, 3, 9))
    with pytest.raises(ValidationError) as refused:
        step("request_correction", cast, case, date(2026, 3, 10), until=date(2026, 3, 17))
    assert "一次性告知" in refused.value.messages[0] and "条例第30条" in refused.value.messages[0]
    assert case.events.count() == 4


def test_a_correction_notice_after_seven_working_days_is_refused(cast):
    case = step("assign", cast, register(cast), date(2026, 3, 3), handler=cast.office)
    with pytest.raises(ValidationError) as refused:
        step("request_correction", cast, case, date(2026, 3, 12), until=date(2026, 3, 20))
    assert "7 个工作日" in refused.value.messages[0]


def test_the_reply_period_is_extended_once_only(cast):
    case = step("assign", cast, register(cast), date(2026, 3, 3), handler=cast.office)
    case = step("extend", cast, case, date(2026, 3, 20), reason="数据量大", approved_by="王主任")
    with pytest.raises(ValidationError) as refused:
        step("extend", cast, case, date(2026, 3, 23), reason="再次延长", approved_by="王主任")
    assert "只能延长一次" in refused.value.messages[0]


def test_an_extension_needs_a_reason_an_approver_and_must_come_before_the_deadline(cast):
    case = step("assign", cast, register(cast), date(2026, 3, 3), handler=cast.office)
    with pytest.raises(ValidationError):
        step("extend", cast, case, date(2026, 3, 20), reason=" ", approved_by="王主任")
    with pytest.raises(ValidationError) as unapproved:
        step("extend", cast, case, date(2026, 3, 20), reason="数据量大", approved_by=" ")
    assert "approved_by" in unapproved.value.message_dict
    with pytest.raises(ValidationError) as refused:
        step(
            "extend", cast, case, date(2026, 3, 31), reason="数据量大", approved_by="王主任"
        )  # deadline 3月30日
    assert "届满前" in refused.value.messages[0]
    assert not Application.objects.get(pk=case.pk).extended


def test_no_decision_while_the_fee_is_unpaid(cast):
    case = step("assign", cast, register(cast), date(2026, 3, 3), handler=cast.office)
    case = step("notify_fee", cast, case, date(2026, 3, 4), method="per_page", quantity=120)
    assert case.fee_amount == Decimal(10 * 70 + 20 * 20)
    with pytest.raises(ValidationError) as refused:
        step("decide", cast, case, date(2026, 3, 5), outcome="partly_disclosed", items=PARTLY)
    assert "尚未缴纳" in refused.value.messages[0]
    assert Application.objects.get(pk=case.pk).status == "awaiting_payment"


def test_a_fee_of_nothing_is_not_notified(cast):
    case = step("assign", cast, register(cast), date(2026, 3, 3), handler=cast.office)
    with pytest.raises(ValidationError):
        step("notify_fee", cast, case, date(2026, 3, 4), method="per_page", quantity=30)


def test_a_decision_without_the_items_its_reply_must_state_is_refused(cast):
    case = step("assign", cast, register(cast), date(2026, 3, 3), handler=cast.office)
    items = {k: v for k, v in PARTLY.items() if k != "withheld_parts"}
    with pytest.raises(ValidationError) as refused:
        step("decide", cast, case, date(2026, 3, 5), outcome="partly_disclosed", items=items)
    assert refused.value.messages == ["答复书缺少：不予公开的部分及其理由（条例第37条）"]


def test_a_row_with_two_reply_types_needs_the_type_and_its_items(cast):
    case = step("assign", cast, register(cast), date(2026, 3, 3), handler=cast.office)
    basis = {"legal_basis": "条例第36条第（五）项", "remedies": "60日/6个月"}
    with pytest.raises(ValidationError):
        step("decide", cast, case, date(2026, 3, 5), outcome="not_held", items=basis)
    with pytest.raises(ValidationError) as refused:
        step(
            "decide",
            cast,
            case,
            date(2026, 3, 5),
            outcome="not_held",
            variant="not_this_agency",
            items=basis | {"reasons": "不属于本机关职责"},
        )
    assert "能够确定负责公开该政府信息的行政机关" in refused.value.messages[0]
    case = step(
        "decide",
        cast,
        case,
        date(2026, 3, 5),
        outcome="not_held",
        variant="not_this_agency",
        items=basis | {"reasons": "不属于本机关职责", "competent_agency": "临沧市人社局 0883-1"},
    )
    assert case.outcome == "not_held"


def test_a_step_dated_in_the_future_is_refused(cast):
    case = register(cast)
    with pytest.raises(ValidationError):
        services.application_assign(
            actor=cast.office,
            application=case,
            day=date(2026, 3, 5),
            now=datetime(2026, 3, 4, 9, 0, tzinfo=TZ),
            handler=cast.office,
        )


def test_withdrawal_closes_without_a_letter(cast):
    case = step("assign", cast, register(cast), date(2026, 3, 3), handler=cast.office)
    case = step("withdraw", cast, case, date(2026, 3, 4), reason="申请人电话撤回")
    assert case.status == "decided" and case.outcome == "other"
    case = step("close", cast, case, date(2026, 3, 4))
    assert case.status == "closed"


def test_a_decision_on_the_merits_is_not_closed_before_delivery(cast):
    case = step("assign", cast, register(cast), date(2026, 3, 3), handler=cast.office)
    case = step("decide", cast, case, date(2026, 3, 5), outcome="partly_disclosed", items=PARTLY)
    with pytest.raises(ValidationError) as refused:
        step("close", cast, case, date(2026, 3, 6))
    assert "送达后才能办结" in refused.value.messages[0]


def test_the_handler_must_belong_to_the_agencys_office(cast):
    case = register(cast)
    for someone in (cast.drafter_a, cast.other_office):
        with pytest.raises(ValidationError):
            step("assign", cast, case, date(2026, 3, 3), handler=someone)
    with pytest.raises(ValidationError):
        step("assign", cast, case, date(2026, 3, 3))


def test_only_the_agencys_disclosure_office_handles_cases(cast):
    case = register(cast)
    refused = (
        cast.drafter_a,
        cast.reviewer,
        cast.approver,
        cast.supervisor,
        cast.sysadmin,
        cast.other_office,
    )
    for someone in refused:
        with pytest.raises(PermissionDenied):
            step("assign", cast, case, date(2026, 3, 3), actor=someone, handler=cast.office)
    assert case.events.count() == 1
    assert not AuditEvent.objects.filter(action="application.assign").exists()


def test_showing_the_full_identity_number_is_audited(cast):
    case = register(cast)
    number = services.application_reveal_identity(actor=cast.office, application=case, now=LATER)
    assert number == ID
    event = AuditEvent.objects.get(action="application.identity_revealed")
    assert event.actor == cast.office and ID not in json.dumps(event.changes)
    with pytest.raises(PermissionDenied):
        services.application_reveal_identity(actor=cast.other_office, application=case, now=LATER)
