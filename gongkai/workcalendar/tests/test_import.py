"""Loading a calendar file: all rows or none, and loading it again changes nothing."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEvent
from gongkai.workcalendar import services
from gongkai.workcalendar.models import CalendarDay, OfficialYear
from gongkai.workcalendar.selectors import work_calendar

from .conftest import READERS

NOTICE_2027 = (
    "\ufeffdate,kind,name,source\n"
    "2027-01-01,放假,元旦,2027年通知\n"
    "2027-02-05,放假,春节,2027年通知\n"
    "2027-02-06,休息,春节,2027年通知\n"
    "2027-02-07,调休上班,春节,2027年通知\n"
).encode()


def test_the_office_imports_a_notice_and_each_new_day_is_audited(cast):
    result = services.calendar_import(actor=cast.office, file=NOTICE_2027, filename="2027.csv")
    assert (result.created, result.updated, result.unchanged) == (4, 0, 0)
    assert result.official_year is None
    assert CalendarDay.objects.count() == 4
    day = work_calendar().day(date(2027, 2, 7))
    assert (day.working, day.reason.text) == (True, "调休上班（春节）")
    audited = AuditEvent.objects.filter(action="calendar_day.create")
    assert audited.count() == 4
    assert {e.reason for e in audited} == {"导入日历文件 2027.csv"}
    assert {e.agency for e in audited} == {None}  # the calendar is every agency's


def test_importing_the_same_file_again_changes_and_audits_nothing(cast):
    services.calendar_import(actor=cast.office, file=NOTICE_2027, official_year=2027)
    count = AuditEvent.objects.count()
    again = services.calendar_import(actor=cast.office, file=NOTICE_2027, official_year=2027)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert AuditEvent.objects.count() == count


def test_a_corrected_file_audits_only_the_day_that_changed(cast):
    services.calendar_import(actor=cast.office, file=NOTICE_2027)
    corrected = NOTICE_2027.replace("2027-02-07,调休上班".encode(), "2027-02-07,放假".encode())
    result = services.calendar_import(actor=cast.office, file=corrected)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 3)
    [event] = AuditEvent.objects.filter(action="calendar_day.update")
    assert event.changes == {"kind": ["workday", "holiday"]}


def test_one_bad_row_and_nothing_is_imported(cast):
    bad = NOTICE_2027 + "2027-02-30,放假,春节\n2027-02-08,下班,春节\n".encode()
    with pytest.raises(ValidationError) as error:
        services.calendar_import(actor=cast.office, file=bad)
    assert error.value.messages[0].startswith("第 6 行：")
    assert error.value.messages[1].startswith("第 7 行：")
    assert not CalendarDay.objects.exists()
    assert not AuditEvent.objects.exists()


def test_the_complete_notice_marks_its_year_official(cast):
    result = services.calendar_import(actor=cast.office, file=NOTICE_2027, official_year=2027)
    official = OfficialYear.objects.get()
    assert result.official_year == official
    assert (official.year, official.notice) == (2027, "国务院办公厅关于2027年部分节假日安排的通知")
    assert not work_calendar().is_provisional_year(2027)


def test_a_file_without_a_day_of_the_year_is_not_that_years_notice(cast):
    with pytest.raises(ValidationError) as error:
        services.calendar_import(actor=cast.office, file=NOTICE_2027, official_year=2028)
    assert error.value.messages == ["文件中没有 2028 年的日期，不能作为该年的国务院通知导入"]
    assert error.value.error_list[0].message.code == "import.year_missing"
    assert not CalendarDay.objects.exists()


def test_an_open_file_is_read_like_bytes(cast, tmp_path):
    path = tmp_path / "2027.csv"
    path.write_bytes(NOTICE_2027)
    with path.open("rb") as handle:
        assert services.calendar_import(actor=cast.office, file=handle).created == 4


@pytest.mark.parametrize("name", READERS)
def test_only_those_who_keep_the_calendar_may_import(cast, name):
    with pytest.raises(PermissionDenied):
        services.calendar_import(actor=getattr(cast, name), file=NOTICE_2027)
    assert not CalendarDay.objects.exists()
