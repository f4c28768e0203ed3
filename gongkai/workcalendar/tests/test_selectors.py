"""Reads of the calendar: the November reminder, the year table, the export rows."""

from datetime import date

import pytest
from django.http import Http404
from django.utils import translation

from gongkai.core.workcalendar import CalendarRangeError, DayKind, dates_after
from gongkai.workcalendar import services
from gongkai.workcalendar.csvfile import CalendarRow, calendar_csv
from gongkai.workcalendar.selectors import (
    calendar_alerts,
    calendar_day_get,
    calendar_status,
    deadline_for,
    export_rows,
    work_calendar,
    year_table,
)

from .conftest import READERS


def alerts(user, today):
    with translation.override("en"):
        return calendar_alerts(user=user, today=today)


def enter_2027_as_official():
    services.calendar_day_set(actor=None, day=date(2027, 1, 1), kind="holiday", name="元旦")
    services.official_year_mark(actor=None, year=2027, notice="2027年通知")


def test_from_november_the_office_is_told_to_enter_next_years_notice(cast):
    [alert] = alerts(cast.office, date(2026, 11, 1))
    assert "holiday notice for 2027 is due" in alert


def test_before_november_nobody_is_reminded_of_next_year(cast):
    assert alerts(cast.office, date(2026, 10, 31)) == []


def test_the_reminder_stops_once_the_year_is_entered(cast):
    enter_2027_as_official()
    assert alerts(cast.office, date(2026, 12, 1)) == []


def test_a_provisional_current_year_is_always_reported(cast):
    [alert] = alerts(cast.office, date(2027, 3, 1))
    assert "No State Council holiday notice has been entered for 2027" in alert
    assert len(alerts(cast.office, date(2027, 11, 1))) == 2


@pytest.mark.parametrize("name", READERS)
def test_those_who_cannot_keep_the_calendar_get_no_reminder(cast, name):
    assert alerts(getattr(cast, name), date(2027, 11, 15)) == []


def test_the_system_administrator_is_reminded_too(cast):
    assert len(alerts(cast.sysadmin, date(2026, 11, 15))) == 1


def test_the_year_table_marks_holidays_and_weekend_working_days(db):
    table = year_table(year=2026)
    cells = {c.info.day: c for m in table.months for w in m.weeks for c in w if c is not None}
    assert len(cells) == 365
    assert not table.provisional and table.in_package
    assert cells[date(2026, 2, 14)].mark == "swap"  # 调休上班（春节）, a Saturday
    assert cells[date(2026, 2, 16)].mark == "holiday"  # 春节, a Monday
    assert cells[date(2026, 2, 21)].mark == "holiday"  # 春节 on a Saturday: named, not "周末"
    assert cells[date(2026, 3, 7)].mark == "weekend"
    assert cells[date(2026, 3, 9)].mark == "work"
    assert table.months[1].weeks[0][:6] == [None] * 6  # February 2026 starts on a Sunday


def test_the_year_table_of_a_year_without_notice_is_provisional(db):
    table = year_table(year=2028)
    assert table.provisional and not table.in_package and table.official is None
    first = table.months[0].weeks[0][5]  # 2028-01-01, a Saturday
    assert (first.info.reason.text, first.info.source, first.mark) == (
        "元旦",
        "provisional",
        "holiday",
    )


def test_the_year_table_lists_the_days_entered_for_that_year_only(cast):
    enter_2027_as_official()
    services.calendar_day_set(actor=None, day=date(2026, 5, 6), kind="holiday", name="泼水节")
    table = year_table(year=2027)
    assert [e.name for e in table.entries] == ["元旦"]
    assert table.official.notice == "2027年通知" and not table.provisional


def test_an_exported_year_is_the_weekday_rule_plus_its_rows(db):
    # What a year marked official computes from: Monday to Friday, the file's rows on top.
    rows = {row.day: row for row in export_rows(year=2026)}
    assert rows[date(2026, 2, 14)] == CalendarRow(
        date(2026, 2, 14), DayKind.WORKDAY, "春节", "国务院办公厅关于2026年部分节假日安排的通知"
    )
    calendar = work_calendar()
    for day in dates_after(date(2025, 12, 31), date(2026, 12, 31)):
        from_file = rows[day].kind == DayKind.WORKDAY if day in rows else day.weekday() < 5
        assert calendar.is_working_day(day) == from_file, day


def test_an_exported_year_imports_back_without_a_change(db):
    before = deadline_for(received=date(2026, 2, 12))
    exported = calendar_csv(export_rows(year=2026))
    services.calendar_import(actor=None, file=exported.encode())
    assert calendar_csv(export_rows(year=2026)) == exported
    assert deadline_for(received=date(2026, 2, 12)) == before
    assert before.due == date(2026, 3, 18)  # applications.md §6, across 春节


def test_an_export_of_a_provisional_year_says_so_in_each_row(db):
    rows = export_rows(year=2028)
    assert rows and all(r.note.startswith("暂行推算") and r.source == "" for r in rows)


def test_the_status_names_the_provisional_years_around_the_official_ones(cast):
    enter_2027_as_official()
    status = calendar_status()
    assert status.official_years == {2027: "2027年通知"}
    assert status.entered_days == {2027: 1}
    assert status.provisional_spans() == [(1901, 2003), (2028, 2099)]


@pytest.mark.parametrize("year", [0, 1900, 2100, 10000, 99999])
def test_a_year_the_calendar_does_not_cover_is_refused_before_any_date_is_made(db, year):
    # date(0, 1, 1) and date(10000, 1, 1) do not exist: the year is checked as a number.
    with pytest.raises(CalendarRangeError, match=f"年份 {year} 超出支持范围"):
        export_rows(year=year)
    with pytest.raises(CalendarRangeError):
        year_table(year=year)


@pytest.mark.parametrize("name", ["office", "other_office", "sysadmin"])
def test_those_who_keep_the_calendar_get_an_entered_day(cast, name):
    entry = services.calendar_day_set(actor=None, day=date(2027, 1, 1), kind="holiday", name="元旦")
    assert calendar_day_get(user=getattr(cast, name), pk=entry.pk) == entry


@pytest.mark.parametrize("name", READERS)
def test_an_entered_day_is_not_found_for_those_who_cannot_keep_the_calendar(cast, name):
    entry = services.calendar_day_set(actor=None, day=date(2027, 1, 1), kind="holiday", name="元旦")
    with pytest.raises(Http404):
        calendar_day_get(user=getattr(cast, name), pk=entry.pk)


def test_a_day_that_was_never_entered_is_not_found(cast):
    with pytest.raises(Http404):
        calendar_day_get(user=cast.office, pk=999)
