"""Registering an application: numbers, the receipt date, encrypted identity, one per form."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.applications import crypto
from gongkai.applications.intake import ApplicationData, application_register, tracking_hash
from gongkai.applications.models import Application
from gongkai.audit.models import AuditEvent

NOW = datetime(2026, 3, 2, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # a Monday
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
        "address": "临沧市临翔区某路1号",
    }
    return ApplicationData(**(values | changes))


def test_an_online_application_gets_the_first_number_of_the_year_and_its_deadline(cast):
    application, code = application_register(
        agency=cast.agency, data=data(), channel="online", now=NOW
    )
    assert application.number == "2026-0001" and len(code) == 12
    assert application.tracking_hash == tracking_hash(code)
    assert application.received_on == date(2026, 3, 2) and application.status == "registered"
    assert application.deadline == date(2026, 3, 30)  # 20 working days after 3月2日
    event = AuditEvent.objects.get(action="application.register")
    assert event.agency == cast.agency and event.actor is None


def test_the_identity_number_is_encrypted_and_masked(cast):
    application, _code = application_register(
        agency=cast.agency, data=data(), channel="online", now=NOW
    )
    row = Application.objects.filter(pk=application.pk).values().get()
    assert ID not in str(row)
    assert crypto.decrypt(application.id_number_encrypted) == ID
    assert application.id_number_masked == "1101**********002X"


def test_a_wrong_identity_number_is_refused_with_a_chinese_reason_and_nothing_is_saved(cast):
    with pytest.raises(ValidationError) as refused:
        application_register(
            agency=cast.agency, data=data(id_number="110105194912310021"), channel="online", now=NOW
        )
    assert "校验" in str(refused.value) or "号码" in str(refused.value)
    assert not Application.objects.exists()


def test_numbers_follow_each_other_per_agency(cast):
    numbers = [
        application_register(agency=cast.agency, data=data(), channel="online", now=NOW)[0].number
        for _ in range(3)
    ]
    other, _ = application_register(
        agency=cast.other_agency, data=data(), channel="online", now=NOW
    )
    assert numbers == ["2026-0001", "2026-0002", "2026-0003"] and other.number == "2026-0001"


def test_the_same_form_submitted_twice_registers_one_application(cast):
    first, code = application_register(
        agency=cast.agency, data=data(), channel="online", now=NOW, submission_key="k1"
    )
    again, again_code = application_register(
        agency=cast.agency, data=data(), channel="online", now=NOW, submission_key="k1"
    )
    assert again.pk == first.pk and code and again_code == ""
    assert Application.objects.count() == 1


def test_staff_register_a_letter_on_the_day_it_was_signed_for(cast):
    application, _ = application_register(
        agency=cast.agency,
        data=data(dated_on=date(2026, 2, 20)),
        channel="letter",
        now=NOW,
        actor=cast.office,
        arrived=date(2026, 2, 26),
        signed_for=True,
    )
    assert application.received_on == date(2026, 2, 26)
    assert application.events.get().note  # the rule of 条例第31条 that gave the day


def test_only_the_disclosure_office_registers_paper_applications(cast):
    for someone in (cast.drafter_a, cast.reviewer, cast.approver, cast.other_office):
        with pytest.raises(PermissionDenied):
            application_register(
                agency=cast.agency, data=data(), channel="in_person", now=NOW, actor=someone
            )
    assert not Application.objects.exists()


def test_a_receipt_date_in_the_future_is_refused(cast):
    with pytest.raises(ValidationError):
        application_register(
            agency=cast.agency,
            data=data(),
            channel="in_person",
            now=NOW,
            actor=cast.office,
            arrived=date(2026, 3, 9),
        )
