"""The work calendar: which days are 工作日 for statutory periods.

条例 counts its periods in 工作日 without defining them. A working day is Monday to Friday
(国务院令第146号第7条: 星期六和星期日为周休息日), minus the holidays and bridge days of the State
Council's yearly notice 《国务院办公厅关于YYYY年部分节假日安排的通知》, plus the weekend days it
names as 调休上班. The calendar is data, so each day is looked up in the first source that has it:

1. ``entered`` — rows the disclosure office typed in: a new yearly notice, a mid-year amendment
   (2015, 2019 and 2020 had them), a local ethnic holiday (《全国年节及纪念日放假办法》第4条).
   They override everything below.
2. ``package`` — chinesecalendar's copy of the notices, for ``PACKAGE_YEARS``.
3. ``weekday-rule`` — a year beyond the package for which the office declared that it entered
   the complete notice (``official_years``): Monday to Friday work, Saturday and Sunday rest,
   the entered rows on top.
4. ``provisional`` — any other year.

[I] Provisional years. Until the notice is published (October to December of the year before)
nobody knows a year's working days, yet a deadline may already reach into it. We then estimate
from 《全国年节及纪念日放假办法》 as revised by 国务院决定 of 2024-11-10:

- 第2条: the 13 statutory days off — 元旦 1月1日; 春节 农历除夕 and 正月初一至初三; 清明节 the
  清明 solar-term day; 劳动节 5月1日、2日; 端午节 农历五月初五; 中秋节 农历八月十五; 国庆节
  10月1日至3日 (lunar dates from lunardate, 清明 from chinesecalendar's solar terms);
- 第6条: each of those days falling on a Saturday or Sunday is made up by the next Monday-to-
  Friday day that is not already off, its reason "补休（<节日>）";
- two holidays on the same day (中秋 on 10月1日, as in 2020) are treated the same way, so the
  year keeps its 13 days off — the 2020 notice did give the extra day;
- no 调休 weekend working days are guessed: those are decided only by the notice (第7条).

Every day of such a year is marked provisional, and so is any deadline that touches it; it
must be recomputed once the notice is entered.

Each day's reason and each refusal is a ``Message``: a stable code and its parameters, for
the web interface to translate, and the Chinese sentence, for the command line.
"""

import enum
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeAlias

import chinese_calendar
from chinese_calendar import constants as package_data
from lunardate import LunarDate

ONE_DAY = timedelta(days=1)

SOURCE_ENTERED = "entered"
SOURCE_PACKAGE = "package"
SOURCE_PROVISIONAL = "provisional"
SOURCE_WEEKDAY_RULE = "weekday-rule"


@dataclass(frozen=True)
class Message:
    """A sentence for people, kept twice: as a stable `code` with its `params`, from which the
    web interface builds it in the reader's language, and as `text`, the Chinese sentence the
    command line prints and the zh-hans interface shows."""

    code: str
    params: Mapping[str, "Param"] = field(hash=False)
    text: str

    def __str__(self) -> str:
        return self.text


# What a sentence can be about: a number or a word, a date, another sentence, or a list.
Param: TypeAlias = "str | int | date | Message | tuple[Param, ...]"


def chinese(value: Param) -> str:
    """A parameter as it reads in a Chinese sentence: dates YYYY-MM-DD, lists joined by 、."""
    if isinstance(value, Message):
        return value.text
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return "、".join(chinese(item) for item in value)
    return str(value)


def message(templates: Mapping[str, str], code: str, **params: Param) -> Message:
    """The sentence `code` of `templates` (Chinese, with %(name)s placeholders) about `params`."""
    text = templates[code] % {name: chinese(value) for name, value in params.items()}
    return Message(code, params, text)


class MessageError(ValueError):
    """Bad input, explained by a Message; str() is its Chinese text."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.text)
        self.message = message


REASON_WEEKEND = "reason.weekend"
REASON_WORKDAY = "reason.workday"
# A holiday name shown as it is: typed in by the office, or unknown to this version.
NAME_VERBATIM = "name.verbatim"

# 《全国年节及纪念日放假办法》第2条, in the spelling the calendar uses for reasons.
_STATUTORY_NAMES = {
    "holiday.new_year": "元旦",
    "holiday.spring_festival": "春节",
    "holiday.qingming": "清明节",
    "holiday.labour_day": "劳动节",
    "holiday.dragon_boat": "端午节",
    "holiday.mid_autumn": "中秋节",
    "holiday.national_day": "国庆节",
}
STATUTORY_HOLIDAYS = frozenset(_STATUTORY_NAMES)  # their codes
_HOLIDAY_NAMES = {
    **_STATUTORY_NAMES,
    # The one-off day off of 2015-09-03 (国办发明电〔2015〕3号).
    "holiday.victory_day": "抗战胜利纪念日",
}

# The Chinese of every sentence this module says, by code.
CHINESE: Mapping[str, str] = {
    **_HOLIDAY_NAMES,
    NAME_VERBATIM: "%(name)s",
    REASON_WEEKEND: "周末",
    REASON_WORKDAY: "工作日",
    "reason.day_off": "放假",
    "reason.swap_workday": "调休上班（%(holiday)s）",
    "reason.swap_workday_unnamed": "调休上班",
    "reason.workday_named": "工作日（%(holiday)s）",
    "reason.made_up_day_off": "补休（%(holiday)s）",
    "range.day": "日期 %(day)s 超出支持范围（%(first_year)s–%(last_year)s 年）",
    "range.year": "年份 %(year)s 超出支持范围（%(first_year)s–%(last_year)s 年）",
    "range.count": (
        "自 %(start)s 起第 %(count)s 个工作日将晚于 %(last_year)s 年，"
        "超出支持范围（%(first_year)s–%(last_year)s 年）"
    ),
    "count.too_small": "工作日数须至少为 1，实际为 %(count)s",
}


def _say(code: str, **params: Param) -> Message:
    return message(CHINESE, code, **params)


# chinesecalendar's Holiday member names; its own Chinese labels ("清明", "端午", the 2015
# one-off's full title) differ from the names used in the 放假办法.
_PACKAGE_HOLIDAYS = {
    "new_years_day": "holiday.new_year",
    "spring_festival": "holiday.spring_festival",
    "tomb_sweeping_day": "holiday.qingming",
    "labour_day": "holiday.labour_day",
    "dragon_boat_festival": "holiday.dragon_boat",
    "mid_autumn_festival": "holiday.mid_autumn",
    "national_day": "holiday.national_day",
    "anti_fascist_70th_day": "holiday.victory_day",
}
_HOLIDAY_BY_NAME = {name: code for code, name in _HOLIDAY_NAMES.items()}


def holiday(name: str) -> Message:
    """The holiday called `name`: one the calendar knows, else the name as it was typed.

    A known name is recognised so that a notice the office typed in (every year after the
    package's) reads, and translates, like the package's own years.
    """
    code = _HOLIDAY_BY_NAME.get(name)
    return _say(code) if code else _say(NAME_VERBATIM, name=name)


class DayKind(enum.StrEnum):
    WORKDAY = "workday"  # 调休上班
    HOLIDAY = "holiday"  # 放假


@dataclass(frozen=True)
class CalendarEntry:
    """One day the disclosure office entered; it overrides the package and the estimate."""

    day: date
    kind: DayKind
    name: str = ""


class CalendarRangeError(MessageError):
    """A date the calendar can say nothing about."""


class CountBeyondRangeError(CalendarRangeError):
    """A count of working days that would end after the last supported year."""


# lunardate's table starts on 1900-01-31 (so 1900 is not covered whole) and ends with lunar
# year 2099; chinesecalendar's solar terms reach 2100.
SUPPORTED_YEARS = range(1901, 2100)
_RANGE = {"first_year": SUPPORTED_YEARS.start, "last_year": SUPPORTED_YEARS.stop - 1}
_LAST_DAY = date(SUPPORTED_YEARS.stop - 1, 12, 31)


def _package_years() -> range:
    known: list[date] = [*package_data.holidays, *package_data.workdays]
    return range(min(known).year, max(known).year + 1)


PACKAGE_YEARS = _package_years()


@dataclass(frozen=True)
class DayInfo:
    day: date
    working: bool
    reason: Message
    source: str
    provisional: bool


def check_year(year: int) -> int:
    """`year`, if the calendar covers it; CalendarRangeError otherwise."""
    if year not in SUPPORTED_YEARS:
        raise CalendarRangeError(_say("range.year", year=year, **_RANGE))
    return year


def check_day(day: date) -> date:
    """`day`, if the calendar covers it; CalendarRangeError otherwise."""
    if day.year not in SUPPORTED_YEARS:
        raise CalendarRangeError(_say("range.day", day=day, **_RANGE))
    return day


def _is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def _days_of(year: int) -> Iterator[date]:
    day = date(year, 1, 1)
    while day.year == year:
        yield day
        day += ONE_DAY


def _plain_day(day: date, source: str, provisional: bool) -> DayInfo:
    if _is_weekend(day):
        return DayInfo(day, False, _say(REASON_WEEKEND), source, provisional)
    return DayInfo(day, True, _say(REASON_WORKDAY), source, provisional)


def _package_holiday(value: str) -> Message:
    member = package_data.Holiday(value)
    code = _PACKAGE_HOLIDAYS.get(member.name)
    return _say(code) if code else _say(NAME_VERBATIM, name=str(member.chinese))


def _package_day(day: date) -> DayInfo:
    if day in package_data.workdays and _is_weekend(day):
        name = _package_holiday(package_data.workdays[day])
        reason = _say("reason.swap_workday", holiday=name)
        return DayInfo(day, True, reason, SOURCE_PACKAGE, False)
    if day in package_data.holidays:
        name = _package_holiday(package_data.holidays[day])
        return DayInfo(day, False, name, SOURCE_PACKAGE, False)
    return _plain_day(day, SOURCE_PACKAGE, False)


def _lunar(year: int, month: int, day: int) -> date:
    solar: date = LunarDate(year, month, day).to_solar_date()
    return solar


def _qingming(year: int) -> date:
    terms: list[tuple[date, str]] = chinese_calendar.get_solar_terms(
        date(year, 4, 1), date(year, 4, 30)
    )
    return next(day for day, name in terms if name == "清明")


def _statutory_holidays(year: int) -> list[tuple[date, str]]:
    """《全国年节及纪念日放假办法》第2条 (2024 revision): the 13 days off of `year`, with the
    code of their holiday."""
    new_year = _lunar(year, 1, 1)
    days = [
        (date(year, 1, 1), "holiday.new_year"),
        *[(new_year + k * ONE_DAY, "holiday.spring_festival") for k in (-1, 0, 1, 2)],
        (_qingming(year), "holiday.qingming"),
        (date(year, 5, 1), "holiday.labour_day"),
        (date(year, 5, 2), "holiday.labour_day"),
        (_lunar(year, 5, 5), "holiday.dragon_boat"),
        *[(date(year, 10, k), "holiday.national_day") for k in (1, 2, 3)],
        (_lunar(year, 8, 15), "holiday.mid_autumn"),
    ]
    # A stable sort: when 中秋 falls on 10月1日至3日 the day keeps the name 国庆节 and 中秋节
    # is the one made up.
    return sorted(days, key=lambda pair: pair[0])


def _next_free_weekday(after: date, off: Mapping[date, Message]) -> date:
    day = after + ONE_DAY
    while _is_weekend(day) or day in off:
        day += ONE_DAY
    return day


def _provisional_days_off(year: int) -> dict[date, Message]:
    off: dict[date, Message] = {}
    owed: list[tuple[date, Message]] = []
    for day, code in _statutory_holidays(year):
        name = _say(code)
        if _is_weekend(day) or day in off:
            owed.append((day, name))
        off.setdefault(day, name)
    # 放假办法第6条: made up on working days, in date order so none is given twice.
    for day, name in owed:
        off[_next_free_weekday(day, off)] = _say("reason.made_up_day_off", holiday=name)
    return off


@functools.cache
def _package_year(year: int) -> Mapping[date, DayInfo]:
    return {day: _package_day(day) for day in _days_of(year)}


@functools.cache
def _weekday_rule_year(year: int) -> Mapping[date, DayInfo]:
    return {day: _plain_day(day, SOURCE_WEEKDAY_RULE, False) for day in _days_of(year)}


@functools.cache
def _provisional_year(year: int) -> Mapping[date, DayInfo]:
    off = _provisional_days_off(year)
    return {
        day: DayInfo(day, False, off[day], SOURCE_PROVISIONAL, True)
        if day in off
        else _plain_day(day, SOURCE_PROVISIONAL, True)
        for day in _days_of(year)
    }


def _entered_reason(entry: CalendarEntry) -> Message:
    if entry.kind == DayKind.HOLIDAY:
        return holiday(entry.name) if entry.name else _say("reason.day_off")
    weekend = _is_weekend(entry.day)
    if not entry.name:
        return _say("reason.swap_workday_unnamed" if weekend else REASON_WORKDAY)
    code = "reason.swap_workday" if weekend else "reason.workday_named"
    return _say(code, holiday=holiday(entry.name))


def _entered_day(entry: CalendarEntry, provisional: bool) -> DayInfo:
    working = entry.kind == DayKind.WORKDAY
    return DayInfo(entry.day, working, _entered_reason(entry), SOURCE_ENTERED, provisional)


class WorkCalendar:
    """Working days from entered rows, the package, or the provisional estimate (see module)."""

    def __init__(
        self, entries: Iterable[CalendarEntry] = (), official_years: Iterable[int] = ()
    ) -> None:
        self._entries: dict[int, dict[date, CalendarEntry]] = {}
        for entry in entries:
            check_day(entry.day)
            self._entries.setdefault(entry.day.year, {})[entry.day] = entry
        self._official_years = frozenset(official_years)
        for year in self._official_years:
            check_year(year)
        self._years: dict[int, Mapping[date, DayInfo]] = {}

    def day(self, d: date) -> DayInfo:
        check_day(d)
        table = self._years.get(d.year)
        if table is None:
            table = self._years[d.year] = self._build_year(d.year)
        return table[d]

    def is_working_day(self, d: date) -> bool:
        return self.day(d).working

    def is_provisional_year(self, year: int) -> bool:
        check_year(year)
        return year not in PACKAGE_YEARS and year not in self._official_years

    def add_working_days(
        self, start: date, n: int, *, skip: Callable[[date], bool] | None = None
    ) -> date:
        """The n-th working day after `start`; `start` itself is never counted."""
        if n < 1:
            raise MessageError(_say("count.too_small", count=n))
        check_day(start)
        day, counted = start, 0
        while counted < n:
            if day == _LAST_DAY:
                raise CountBeyondRangeError(_say("range.count", start=start, count=n, **_RANGE))
            day += ONE_DAY
            if self.is_working_day(day) and not (skip is not None and skip(day)):
                counted += 1
        return day

    def working_days_between(self, after: date, until: date) -> int:
        """How many working days d satisfy after < d <= until."""
        check_day(after)
        check_day(until)
        return sum(1 for day in dates_after(after, until) if self.is_working_day(day))

    def _build_year(self, year: int) -> Mapping[date, DayInfo]:
        base = self._base_year(year)
        entered = self._entries.get(year)
        if not entered:
            return base
        provisional = self.is_provisional_year(year)
        return {**base, **{d: _entered_day(e, provisional) for d, e in entered.items()}}

    def _base_year(self, year: int) -> Mapping[date, DayInfo]:
        if year in PACKAGE_YEARS:
            return _package_year(year)
        if year in self._official_years:
            return _weekday_rule_year(year)
        return _provisional_year(year)


def dates_after(after: date, until: date) -> Iterator[date]:
    """The dates d with after < d <= until, in order."""
    day = after + ONE_DAY
    while day <= until:
        yield day
        day += ONE_DAY
