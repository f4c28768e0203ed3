"""The queues of open cases for a fixed `today`, the supervisors' overdue view without
personal data, the count of 条例第35条, and the deadline reminders of `gongkai tick`."""

import dataclasses
from datetime import date, datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from gongkai.applications import selectors, services
from gongkai.applications.reminders import send_reminders
from gongkai.core.applications import Bucket
from gongkai.review.models import Notification

from .test_handling import LATER, TZ, register

# Registered 2026-03-02 in person: reply due 2026-03-30; reminders 3-23 (5), 3-25 (3), 3-27 (1).
DUE = date(2026, 3, 30)


def numbers(found):
    return {bucket: [a.number for a in cases] for bucket, cases in found.items() if cases}


def test_the_buckets_of_a_case_as_its_deadline_comes_and_goes(cast):
    case = register(cast)
    assert case.deadline == DUE
    for today, expected in [
        (date(2026, 3, 20), {}),
        (date(2026, 3, 25), {Bucket.DUE_SOON: [case.number]}),
        (date(2026, 3, 30), {Bucket.DUE_TODAY: [case.number]}),
        (date(2026, 3, 31), {Bucket.OVERDUE: [case.number]}),
    ]:
        assert numbers(selectors.queue_for(user=cast.office, today=today)) == expected, today


def test_a_case_waiting_for_its_correction_is_paused_until_the_period_ends(cast):
    case = services.application_assign(
        actor=cast.office, application=register(cast), day=date(2026, 3, 3), now=LATER,
        handler=cast.office,
    )  # fmt: skip
    services.application_request_correction(
        actor=cast.office, application=case, day=date(2026, 3, 4), until=date(2026, 3, 11),
        now=LATER,
    )  # fmt: skip
    paused = selectors.queue_for(user=cast.office, today=date(2026, 3, 11))
    assert numbers(paused) == {Bucket.PAUSED: [case.number]}
    assert numbers(selectors.queue_for(user=cast.office, today=date(2026, 3, 12))) == {}


def test_a_handlers_queue_holds_only_their_cases(cast):
    mine = services.application_assign(
        actor=cast.office, application=register(cast), day=date(2026, 3, 2), now=LATER,
        handler=cast.office,
    )  # fmt: skip
    register(cast)  # unassigned: the agency's queue only
    today = date(2026, 3, 31)
    assert numbers(selectors.queue_for(user=cast.office, today=today, handler=cast.office)) == {
        Bucket.OVERDUE: [mine.number]
    }
    assert len(selectors.queue_for(user=cast.office, today=today)[Bucket.OVERDUE]) == 2


def test_decided_cases_are_in_no_queue(cast):
    case = services.application_assign(
        actor=cast.office, application=register(cast), day=date(2026, 3, 2), now=LATER,
        handler=cast.office,
    )  # fmt: skip
    services.application_withdraw(
        actor=cast.office, application=case, day=date(2026, 3, 3), now=LATER
    )
    assert numbers(selectors.queue_for(user=cast.office, today=date(2026, 3, 31))) == {}


def test_the_supervisor_sees_overdue_cases_of_every_agency_without_personal_data(cast):
    ours = register(cast)
    theirs = register(cast, agency=cast.other_agency, name="李四")
    rows, per_agency = selectors.oversight_for(user=cast.supervisor, today=date(2026, 3, 31))
    assert {(r.number, r.agency) for r in rows} == {
        (ours.number, cast.agency.name),
        (theirs.number, cast.other_agency.name),
    }
    fields = {f.name for f in dataclasses.fields(rows[0])}
    assert fields == {"number", "agency", "received_on", "deadline", "status", "bucket"}
    assert "张三" not in repr(rows) and "138" not in repr(rows)
    assert {a.agency: a.counts for a in per_agency}[cast.agency.name] == {"overdue": 1}


def test_the_office_oversees_its_own_agency_only_and_drafters_not_at_all(cast):
    register(cast)
    register(cast, agency=cast.other_agency)
    rows, _per_agency = selectors.oversight_for(user=cast.office, today=date(2026, 3, 31))
    assert {r.agency for r in rows} == {cast.agency.name}
    for someone in (cast.drafter_a, cast.reviewer, cast.approver):
        with pytest.raises(PermissionDenied):
            selectors.oversight_for(user=someone, today=date(2026, 3, 31))


def test_the_supervisor_cannot_read_the_cases_themselves(cast):
    with pytest.raises(PermissionDenied):
        selectors.applications_for(user=cast.supervisor)


def test_the_applicants_applications_this_month_and_year_are_counted(cast):
    for month in (1, 3, 3):
        last = register(cast, now=datetime(2026, month, 2, 10, 0, tzinfo=TZ))
    register(cast, phone="13900000000")  # another applicant of the same name
    counts = selectors.applicant_counts(last)
    assert (counts.month, counts.year) == (2, 3) and counts.warning is None
    for _ in range(9):
        last = register(cast)
    warned = selectors.applicant_counts(last)
    assert warned.month == 11 and "条例第35条" in warned.warning.text


def test_reminders_go_to_the_office_of_an_unassigned_case_once_a_day(
    cast, django_capture_on_commit_callbacks
):
    cast.office.email = "office@example.cn"
    cast.office.save()
    case = register(cast)
    now = datetime(2026, 3, 27, 7, 0, tzinfo=TZ)
    with django_capture_on_commit_callbacks(execute=True):
        assert send_reminders(today=date(2026, 3, 27), now=now) == 1
        assert send_reminders(today=date(2026, 3, 27), now=now) == 0  # tick runs again
    notice = Notification.objects.get()
    assert notice.recipient == cast.office and notice.agency == cast.agency
    assert case.number in notice.subject and "2026-03-30" in notice.subject
    assert "张三" not in notice.text
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["office@example.cn"]


def test_reminders_fall_five_three_and_one_working_days_before_the_deadline(cast):
    services.application_assign(
        actor=cast.office, application=register(cast), day=date(2026, 3, 2), now=LATER,
        handler=cast.office,
    )  # fmt: skip
    sent = {
        day: send_reminders(today=day, now=datetime.combine(day, datetime.min.time(), TZ))
        for day in (date(2026, 3, d) for d in range(20, 31))
    }
    assert [day.day for day, n in sent.items() if n] == [23, 25, 27]
    assert Notification.objects.filter(recipient=cast.office).count() == 3


def test_a_paused_case_gets_no_reminder(cast):
    case = services.application_assign(
        actor=cast.office, application=register(cast), day=date(2026, 3, 2), now=LATER,
        handler=cast.office,
    )  # fmt: skip
    services.application_notify_fee(
        actor=cast.office, application=case, day=date(2026, 3, 3), method="per_page",
        quantity=40, now=LATER,
    )  # fmt: skip
    for d in range(3, 31):
        day = date(2026, 3, d)
        assert send_reminders(today=day, now=datetime.combine(day, datetime.min.time(), TZ)) == 0
