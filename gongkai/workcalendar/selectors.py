"""Reads of the working-day calendar: the entered days and official years in the
database, on top of gongkai.core.workcalendar."""

import calendar as stdlib_calendar
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.accounts.permissions import Action, can
from gongkai.core.clock import Deadline, Interval, reply_deadline
from gongkai.core.workcalendar import (
    PACKAGE_YEARS,
    REASON_WEEKEND,
    REASON_WORKDAY,
    SOURCE_ENTERED,
    SOURCE_PACKAGE,
    SOURCE_PROVISIONAL,
    SOURCE_WEEKDAY_RULE,
    SUPPORTED_YEARS,
    CalendarEntry,
    DayInfo,
    DayKind,
    Message,
    WorkCalendar,
    check_day,
    check_year,
    dates_after,
)
from gongkai.workcalendar.csvfile import CalendarRow
from gongkai.workcalendar.messages import render
from gongkai.workcalendar.models import CalendarDay, OfficialYear, notice_title

SOURCE_LABELS = {
    SOURCE_ENTERED: gettext_lazy("entered by the disclosure office"),
    SOURCE_PACKAGE: gettext_lazy("State Council notice (bundled data)"),
    SOURCE_WEEKDAY_RULE: gettext_lazy("official year: Monday to Friday"),
    SOURCE_PROVISIONAL: gettext_lazy("provisional estimate"),
}

PACKAGE_ONLY_NOTE = (
    "注意：无法读取数据库中的日历（尚未迁移或无法连接），仅按随软件提供的国务院放假安排计算 "
    "(note: calendar tables unavailable, using the bundled holiday data only)"
)


def _calendar_from(rows: Iterable[CalendarDay], official_years: Iterable[int]) -> WorkCalendar:
    entries = (CalendarEntry(row.day, DayKind(row.kind), row.name) for row in rows)
    return WorkCalendar(entries, official_years=official_years)


def work_calendar() -> WorkCalendar:
    """The calendar every deadline is computed with: entered days over the package data."""
    years = OfficialYear.objects.values_list("year", flat=True)
    return _calendar_from(CalendarDay.objects.only("day", "kind", "name"), years)


def work_calendar_or_package() -> tuple[WorkCalendar, str]:
    """For the command line: the package calendar and a note when the database can't be read.

    `gongkai deadline` must answer on a machine whose database was never migrated.
    """
    try:
        return work_calendar(), ""
    except DatabaseError:
        return WorkCalendar(), PACKAGE_ONLY_NOTE


def deadline_for(
    *,
    received: date,
    corrected: date | None = None,
    paused: Iterable[Interval] = (),
    extended: bool = False,
    calendar: WorkCalendar | None = None,
) -> Deadline:
    """条例第33条's reply deadline; a MessageError (a ValueError) for dates the calendar can't
    handle, a deadline past 2099 included."""
    pauses = list(paused)
    for day in [received, corrected, *(d for p in pauses for d in (p.start, p.end))]:
        if day is not None:
            check_day(day)
    return reply_deadline(
        calendar or work_calendar(),
        received=received,
        corrected=corrected,
        paused=pauses,
        extended=extended,
    )


def calendar_alerts(*, user: Any, today: date | None = None) -> list[str]:
    """Warnings for those who keep the calendar: a year whose notice is missing.

    The notice for a year appears between October and December of the year before; from
    GONGKAI_CALENDAR_ALERT_MONTH on, the office is reminded to enter it (applications.md §12).
    """
    if not can(user, Action.MANAGE_CALENDAR):
        return []
    today = today or timezone.localdate()
    calendar = WorkCalendar(official_years=OfficialYear.objects.values_list("year", flat=True))
    alerts = []
    if _provisional(calendar, today.year):
        alerts.append(_this_year_alert(today.year))
    next_year = today.year + 1
    if today.month >= settings.GONGKAI_CALENDAR_ALERT_MONTH and _provisional(calendar, next_year):
        alerts.append(_next_year_alert(next_year))
    return alerts


def _this_year_alert(year: int) -> str:
    return _(
        "No State Council holiday notice has been entered for %(year)s: deadlines "
        "in %(year)s are provisional. Enter the notice in the working-day calendar."
    ) % {"year": year}


def _next_year_alert(year: int) -> str:
    return _(
        "The State Council holiday notice for %(year)s is due. Enter it in the "
        "working-day calendar as soon as it is published: until then deadlines "
        "reaching into %(year)s are provisional."
    ) % {"year": year}


def _provisional(calendar: WorkCalendar, year: int) -> bool:
    return year in SUPPORTED_YEARS and calendar.is_provisional_year(year)


@dataclass(frozen=True)
class Cell:
    info: DayInfo
    mark: str  # "work", "weekend", "holiday" (a day off that is not a plain weekend), "swap"

    @property
    def reason(self) -> str:
        return render(self.info.reason)

    @property
    def source_label(self) -> str:
        return str(SOURCE_LABELS[self.info.source])


@dataclass(frozen=True)
class Month:
    first: date
    weeks: list[list[Cell | None]]


@dataclass(frozen=True)
class YearTable:
    year: int
    provisional: bool
    in_package: bool
    official: OfficialYear | None
    months: list[Month]
    entries: list[CalendarDay]


def _mark(info: DayInfo) -> str:
    weekend = info.day.weekday() >= 5
    if info.working:
        return "swap" if weekend else "work"
    return "weekend" if weekend and info.reason.code == REASON_WEEKEND else "holiday"


def _cell(calendar: WorkCalendar, day: date, month: int) -> Cell | None:
    if day.month != month:
        return None
    info = calendar.day(day)
    return Cell(info, _mark(info))


def _month(calendar: WorkCalendar, year: int, month: int) -> Month:
    weeks = stdlib_calendar.Calendar().monthdatescalendar(year, month)
    return Month(date(year, month, 1), [[_cell(calendar, d, month) for d in w] for w in weeks])


def year_table(*, year: int) -> YearTable:
    """Every day of `year` as the calendar sees it, with the days entered for it."""
    check_year(year)
    rows = list(CalendarDay.objects.all())
    officials = {o.year: o for o in OfficialYear.objects.select_related("recorded_by")}
    calendar = _calendar_from(rows, officials)
    return YearTable(
        year=year,
        provisional=calendar.is_provisional_year(year),
        in_package=year in PACKAGE_YEARS,
        official=officials.get(year),
        months=[_month(calendar, year, month) for month in range(1, 13)],
        entries=[row for row in rows if row.day.year == year],
    )


def calendar_day_get(*, user: Any, pk: int) -> CalendarDay:
    """The entered day `pk`, for one who keeps the calendar; Http404 for anyone else."""
    entry = CalendarDay.objects.filter(pk=pk).first()
    if entry is None or not can(user, Action.MANAGE_CALENDAR):
        raise Http404
    return entry


def calendar_day_initial(*, day: date | None) -> dict[str, Any]:
    """What the "add or change a day" form starts with: the entered row if there is one."""
    if day is None:
        return {}
    entry = CalendarDay.objects.filter(day=day).first()
    if entry is None:
        return {"day": day}
    return {f: getattr(entry, f) for f in ("day", "kind", "name", "source", "note")}


def export_rows(*, year: int) -> list[CalendarRow]:
    """The days of `year` that differ from a plain Monday-to-Friday week, as an import file.

    Loading the file for a year beyond the package and marking the year official gives the
    same working days: the weekday rule covers the rest. CalendarRangeError for a year the
    calendar does not cover (checked before any date of it is made: year 0 has none).
    """
    check_year(year)
    calendar = work_calendar()
    entered = {row.day: row for row in CalendarDay.objects.filter(day__year=year)}
    rows = []
    for day in dates_after(date(year - 1, 12, 31), date(year, 12, 31)):
        info = calendar.day(day)
        if day in entered:
            rows.append(_entered_row(entered[day]))
        elif info.reason.code not in (REASON_WEEKEND, REASON_WORKDAY):
            rows.append(_derived_row(info))
    return rows


def _entered_row(row: CalendarDay) -> CalendarRow:
    return CalendarRow(row.day, DayKind(row.kind), row.name, row.source, row.note)


def _derived_row(info: DayInfo) -> CalendarRow:
    kind = DayKind.WORKDAY if info.working else DayKind.HOLIDAY
    # "调休上班（春节）" is rebuilt from the name 春节 when the row is loaded again.
    holiday = info.reason.params.get("holiday") if info.working else None
    name = holiday.text if isinstance(holiday, Message) else info.reason.text
    if info.source == SOURCE_PROVISIONAL:
        return CalendarRow(info.day, kind, name, "", "暂行推算，须按国务院通知核对")
    notice = notice_title(info.day.year) if info.source == SOURCE_PACKAGE else ""
    return CalendarRow(info.day, kind, name, notice)


@dataclass(frozen=True)
class CalendarStatus:
    package_years: range
    official_years: dict[int, str]
    entered_days: dict[int, int]

    def is_provisional(self, year: int) -> bool:
        return WorkCalendar(official_years=self.official_years).is_provisional_year(year)

    def provisional_spans(self) -> list[tuple[int, int]]:
        """Runs of years with neither package data nor an official notice."""
        spans: list[tuple[int, int]] = []
        for year in filter(self.is_provisional, SUPPORTED_YEARS):
            if spans and spans[-1][1] == year - 1:
                spans[-1] = (spans[-1][0], year)
            else:
                spans.append((year, year))
        return spans


def calendar_status() -> CalendarStatus:
    days = CalendarDay.objects.values_list("day", flat=True)
    return CalendarStatus(
        package_years=PACKAGE_YEARS,
        official_years=dict(OfficialYear.objects.values_list("year", "notice")),
        entered_days=dict(sorted(Counter(d.year for d in days).items())),
    )


def package_status() -> CalendarStatus:
    return CalendarStatus(package_years=PACKAGE_YEARS, official_years={}, entered_days={})
