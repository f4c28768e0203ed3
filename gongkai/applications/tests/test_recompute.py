"""A calendar change moves open deadlines after it commits, and the case history says so."""

from datetime import date

import pytest
from django.db import transaction

from gongkai.applications import recompute
from gongkai.applications.models import Application
from gongkai.applications.tests.test_handling import PARTLY, register, step
from gongkai.audit.models import AuditEvent
from gongkai.workcalendar.models import CalendarDay


def holiday(day: date) -> CalendarDay:
    return CalendarDay.objects.create(day=day, kind="holiday", name="临时放假")


def test_a_holiday_added_later_moves_open_deadlines_and_says_so(
    cast, django_capture_on_commit_callbacks
):
    case = register(cast)
    assert case.deadline == date(2026, 3, 30)
    with django_capture_on_commit_callbacks(execute=True):
        holiday(date(2026, 3, 10))
    case = Application.objects.get(pk=case.pk)
    assert case.deadline == date(2026, 3, 31)
    moved = AuditEvent.objects.get(action=recompute.ACTION)
    assert moved.changes["deadline"] == ["2026-03-30", "2026-03-31"] and moved.actor is None
    assert recompute.deadline_moves(case)[0]["new"] == "2026-03-31"


def test_removing_the_day_moves_it_back(cast, django_capture_on_commit_callbacks):
    case = register(cast)
    with django_capture_on_commit_callbacks(execute=True):
        day = holiday(date(2026, 3, 10))
    with django_capture_on_commit_callbacks(execute=True):
        day.delete()
    assert Application.objects.get(pk=case.pk).deadline == date(2026, 3, 30)
    assert AuditEvent.objects.filter(action=recompute.ACTION).count() == 2


def test_decided_cases_and_unaffected_ones_are_left_alone(cast, django_capture_on_commit_callbacks):
    decided = step("assign", cast, register(cast), date(2026, 3, 3), handler=cast.office)
    decided = step(
        "decide", cast, decided, date(2026, 3, 5), outcome="partly_disclosed", items=PARTLY
    )
    before = decided.deadline
    with django_capture_on_commit_callbacks(execute=True):
        holiday(date(2026, 8, 10))  # after every deadline
        holiday(date(2026, 3, 10))
    assert Application.objects.get(pk=decided.pk).deadline == before
    assert not AuditEvent.objects.filter(action=recompute.ACTION).exists()


def test_several_changes_in_one_transaction_recompute_once(
    cast, django_capture_on_commit_callbacks
):
    register(cast)
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        holiday(date(2026, 3, 10))
        holiday(date(2026, 3, 11))
    assert len(callbacks) == 1


def test_nothing_runs_before_the_change_commits(cast, django_capture_on_commit_callbacks):
    case = register(cast)
    with django_capture_on_commit_callbacks(execute=False):
        holiday(date(2026, 3, 10))
    assert Application.objects.get(pk=case.pk).deadline == date(2026, 3, 30)


@pytest.mark.django_db
def test_the_function_for_a_command_reports_the_moves(cast):
    case = register(cast)
    CalendarDay.objects.bulk_create([CalendarDay(day=date(2026, 3, 10), kind="holiday", name="x")])
    moved = recompute.recompute_open_deadlines()
    assert [(m.application_id, m.old, m.new) for m in moved] == [
        (case.pk, date(2026, 3, 30), date(2026, 3, 31))
    ]


def test_the_case_page_shows_the_move(client, cast, django_capture_on_commit_callbacks):
    case = register(cast)
    with django_capture_on_commit_callbacks(execute=True):
        holiday(date(2026, 3, 10))
    client.force_login(cast.office)
    page = client.get(f"/console/applications/{case.pk}/")
    assert page.status_code == 200 and "2026-03-31" in page.content.decode()
    assert page.context["deadline_moves"]
