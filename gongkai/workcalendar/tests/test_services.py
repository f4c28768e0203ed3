"""Keeping the calendar: every change checks permission, changes, and is audited."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEvent
from gongkai.workcalendar import services
from gongkai.workcalendar.models import CalendarDay, OfficialYear
from gongkai.workcalendar.selectors import deadline_for, work_calendar

from .conftest import READERS

NATIONAL_DAY_2027 = {"day": date(2027, 10, 4), "kind": "holiday", "name": "国庆节"}


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("seq"))


def test_the_office_enters_a_day_and_the_audit_has_its_values(cast):
    entry = services.calendar_day_set(actor=cast.office, **NATIONAL_DAY_2027, source="通知")
    assert CalendarDay.objects.get() == entry
    [event] = events("calendar_day.create")
    assert event.actor == cast.office
    assert event.object_id == str(entry.pk)
    assert event.changes == {
        "day": [None, "2027-10-04"],
        "kind": [None, "holiday"],
        "name": [None, "国庆节"],
        "source": [None, "通知"],
        "note": [None, ""],
    }


def test_changing_a_day_audits_before_and_after_of_what_changed(cast):
    services.calendar_day_set(actor=cast.office, **NATIONAL_DAY_2027)
    services.calendar_day_set(actor=cast.sysadmin, **NATIONAL_DAY_2027 | {"kind": "workday"})
    assert CalendarDay.objects.get().kind == "workday"
    [event] = events("calendar_day.update")
    assert event.actor == cast.sysadmin
    assert event.changes == {"kind": ["holiday", "workday"]}


def test_entering_the_same_values_again_changes_nothing_and_audits_nothing(cast):
    services.calendar_day_set(actor=cast.office, **NATIONAL_DAY_2027)
    count = AuditEvent.objects.count()
    services.calendar_day_set(actor=cast.office, **NATIONAL_DAY_2027)
    assert AuditEvent.objects.count() == count


@pytest.mark.parametrize("name", READERS)
def test_only_those_who_keep_the_calendar_may_enter_days(cast, name):
    with pytest.raises(PermissionDenied):
        services.calendar_day_set(actor=getattr(cast, name), **NATIONAL_DAY_2027)
    assert not CalendarDay.objects.exists()
    assert not AuditEvent.objects.exists()


def test_the_command_line_acts_as_the_system(cast):
    services.calendar_day_set(actor=None, **NATIONAL_DAY_2027)
    [event] = events("calendar_day.create")
    assert event.actor is None and event.actor_label == "system"


@pytest.mark.parametrize(
    "values, field",
    [
        ({"day": date(1900, 12, 31)}, "__all__"),
        ({"kind": "rest"}, "kind"),
        ({"name": ""}, "name"),
    ],
)
def test_an_invalid_day_is_refused_and_nothing_is_saved(cast, values, field):
    with pytest.raises(ValidationError) as error:
        services.calendar_day_set(actor=cast.office, **NATIONAL_DAY_2027 | values)
    assert field in error.value.message_dict
    assert not CalendarDay.objects.exists()


def test_an_entered_day_overrides_the_package(db):
    # 2026-05-06 (Wed) is an ordinary working day in the 2026 notice; a local holiday
    # (《全国年节及纪念日放假办法》第4条) entered for it takes it out of every count.
    assert work_calendar().is_working_day(date(2026, 5, 6))
    before = deadline_for(received=date(2026, 4, 30)).due
    services.calendar_day_set(actor=None, day=date(2026, 5, 6), kind="holiday", name="泼水节")
    info = work_calendar().day(date(2026, 5, 6))
    assert (info.working, info.reason.text, info.source) == (False, "泼水节", "entered")
    assert deadline_for(received=date(2026, 4, 30)).due > before


def test_deleting_a_day_needs_a_reason_and_audits_what_was_there(cast):
    entry = services.calendar_day_set(actor=cast.office, **NATIONAL_DAY_2027)
    with pytest.raises(ValidationError):
        services.calendar_day_delete(actor=cast.office, entry=entry, reason="  ")
    services.calendar_day_delete(actor=cast.office, entry=entry, reason="录入错误")
    assert not CalendarDay.objects.exists()
    [event] = events("calendar_day.delete")
    assert event.reason == "录入错误"
    assert event.changes["name"] == ["国庆节", None]


@pytest.mark.parametrize("name", READERS)
def test_only_those_who_keep_the_calendar_may_delete_days(cast, name):
    entry = services.calendar_day_set(actor=cast.office, **NATIONAL_DAY_2027)
    with pytest.raises(PermissionDenied):
        services.calendar_day_delete(actor=getattr(cast, name), entry=entry, reason="x")
    assert CalendarDay.objects.exists()


def test_marking_2027_official_makes_deadlines_into_2027_final(cast):
    assert deadline_for(received=date(2026, 12, 10)).provisional
    services.calendar_day_set(actor=cast.office, day=date(2027, 1, 1), kind="holiday", name="元旦")
    official = services.official_year_mark(actor=cast.office, year=2027, notice="2027年通知")
    assert (official.recorded_by, official.notice) == (cast.office, "2027年通知")
    result = deadline_for(received=date(2026, 12, 10))
    assert not result.provisional
    assert result.due == date(2027, 1, 8)
    [event] = events("official_year.mark")
    assert event.changes == {
        "notice": [None, "2027年通知"],
        "year": [None, 2027],
        "recorded_by": [None, str(cast.office.pk)],
    }


def test_a_year_without_any_entered_day_cannot_be_marked_official(cast):
    # It would follow the weekday rule without a single holiday, and without a warning.
    with pytest.raises(ValidationError):
        services.official_year_mark(actor=cast.office, year=2027, notice="2027年通知")
    assert not OfficialYear.objects.exists()


def test_marking_again_with_the_same_notice_changes_nothing(cast):
    services.calendar_day_set(actor=None, day=date(2027, 1, 1), kind="holiday", name="元旦")
    services.official_year_mark(actor=None, year=2027, notice="通知")
    services.official_year_mark(actor=None, year=2027, notice="通知")
    services.official_year_mark(actor=None, year=2027, notice="更正后的通知")
    assert [e.changes for e in events("official_year.mark")] == [
        {"notice": [None, "通知"], "year": [None, 2027]},
        {"notice": ["通知", "更正后的通知"]},
    ]


def test_who_marked_a_year_official_is_audited_when_it_changes(cast):
    services.calendar_day_set(actor=None, day=date(2027, 1, 1), kind="holiday", name="元旦")
    services.official_year_mark(actor=None, year=2027, notice="通知")
    services.official_year_mark(actor=cast.office, year=2027, notice="更正后的通知")
    services.official_year_mark(actor=cast.other_office, year=2027, notice="再次更正的通知")
    assert OfficialYear.objects.get().recorded_by == cast.other_office
    office, other = str(cast.office.pk), str(cast.other_office.pk)
    assert [e.changes for e in events("official_year.mark")][1:] == [
        {"notice": ["通知", "更正后的通知"], "recorded_by": [None, office]},
        {"notice": ["更正后的通知", "再次更正的通知"], "recorded_by": [office, other]},
    ]


def test_the_recording_date_follows_the_last_marking(cast):
    services.calendar_day_set(actor=None, day=date(2027, 1, 1), kind="holiday", name="元旦")
    first = services.official_year_mark(actor=None, year=2027, notice="通知").recorded_at
    again = services.official_year_mark(actor=cast.office, year=2027, notice="更正后的通知")
    assert again.recorded_at > first


def test_calendar_events_belong_to_no_agency_whoever_makes_them(cast):
    # The calendar is installation-wide: every disclosure office sees its changes.
    assert cast.office.agency is not None
    entry = services.calendar_day_set(actor=cast.office, **NATIONAL_DAY_2027)
    services.calendar_day_set(actor=cast.other_office, **NATIONAL_DAY_2027 | {"name": "国庆"})
    services.official_year_mark(actor=cast.office, year=2027, notice="通知")
    services.calendar_day_delete(actor=cast.office, entry=entry, reason="录入错误")
    actions = {
        "calendar_day.create",
        "calendar_day.update",
        "official_year.mark",
        "calendar_day.delete",
    }
    assert set(AuditEvent.objects.values_list("action", flat=True)) == actions
    assert not AuditEvent.objects.exclude(agency=None).exists()


@pytest.mark.parametrize("name", READERS)
def test_only_those_who_keep_the_calendar_may_mark_a_year_official(cast, name):
    with pytest.raises(PermissionDenied):
        services.official_year_mark(actor=getattr(cast, name), year=2025, notice="x")
    assert not OfficialYear.objects.exists()
