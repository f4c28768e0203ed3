"""The work calendar: which days count as 工作日 (reference/applications.md §12)."""

from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lunardate import LunarDate

from gongkai.core.workcalendar import (
    CHINESE,
    PACKAGE_YEARS,
    SUPPORTED_YEARS,
    CalendarEntry,
    CalendarRangeError,
    CountBeyondRangeError,
    DayKind,
    Message,
    MessageError,
    WorkCalendar,
    check_year,
    holiday,
    message,
)

CALENDAR = WorkCalendar()
FEW = settings(max_examples=40, deadline=None)

PROVISIONAL_YEARS = st.integers(SUPPORTED_YEARS.start, SUPPORTED_YEARS.stop - 1).filter(
    lambda year: year not in PACKAGE_YEARS
)
SUPPORTED_DATES = st.dates(date(1901, 1, 1), date(2099, 12, 31))


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


# fmt: off
HAND_CHECKED_DAYS = [
    # (day, working, reason) — reference §12 table of the 2025 and 2026 notices
    (date(2025, 1, 1), False, "元旦"),               # §12 2025: 元旦 1/1
    (date(2025, 1, 26), True, "调休上班（春节）"),    # §12 2025: 1/26 (Sun) worked
    (date(2025, 1, 28), False, "春节"),               # §12 2025: 春节 1/28–2/4
    (date(2025, 2, 4), False, "春节"),                # §12 2025: 春节 1/28–2/4
    (date(2025, 2, 5), True, "工作日"),               # §12 2025: first day after 春节
    (date(2025, 2, 8), True, "调休上班（春节）"),     # §12 2025: 2/8 (Sat) worked
    (date(2025, 4, 4), False, "清明节"),              # §12 2025: 清明 4/4–4/6
    (date(2025, 4, 27), True, "调休上班（劳动节）"),  # §12 2025: 4/27 (Sun) worked
    (date(2025, 5, 5), False, "劳动节"),              # §12 2025: 劳动节 5/1–5/5
    (date(2025, 6, 2), False, "端午节"),              # §12 2025: 端午 5/31–6/2
    (date(2025, 9, 28), True, "调休上班（国庆节）"),  # §12 2025 and §6: 9/28 (Sun) worked
    (date(2025, 10, 6), False, "中秋节"),             # §12 2025: 国庆·中秋 10/1–10/8
    (date(2025, 10, 8), False, "国庆节"),             # §6: 10-01 to 10-08 are not working days
    (date(2025, 10, 11), True, "调休上班（国庆节）"), # §12 2025 and §6: 10/11 (Sat) worked
    (date(2025, 10, 12), False, "周末"),              # 国务院令第146号第7条: an ordinary Sunday
    (date(2026, 1, 2), False, "元旦"),                # §12 2026: 元旦 1/1–1/3
    (date(2026, 1, 4), True, "调休上班（元旦）"),     # §12 2026: 1/4 (Sun) worked
    (date(2026, 2, 14), True, "调休上班（春节）"),    # §12 2026: 2/14 (Sat) worked
    (date(2026, 2, 15), False, "春节"),               # §12 2026: 春节 2/15–2/23
    (date(2026, 2, 23), False, "春节"),               # §12 2026: 春节 2/15–2/23
    (date(2026, 2, 24), True, "工作日"),              # §12 2026: first day after 春节
    (date(2026, 2, 28), True, "调休上班（春节）"),    # §12 2026: 2/28 (Sat) worked
    (date(2026, 5, 9), True, "调休上班（劳动节）"),   # §12 2026: 5/9 (Sat) worked
    (date(2026, 9, 20), True, "调休上班（国庆节）"),  # §12 2026: 9/20 (Sun) worked
    (date(2026, 9, 25), False, "中秋节"),             # §12 2026: 中秋 9/25–9/27
    (date(2026, 10, 7), False, "国庆节"),             # §12 2026: 国庆 10/1–10/7
    (date(2026, 10, 10), True, "调休上班（国庆节）"), # §12 2026: 10/10 (Sat) worked
]

HOLIDAY_SPANS = [
    # (first, last) — every day off; reference §12 table
    (date(2025, 1, 28), date(2025, 2, 4)),    # 2025 春节
    (date(2025, 5, 1), date(2025, 5, 5)),     # 2025 劳动节
    (date(2025, 10, 1), date(2025, 10, 8)),   # 2025 国庆·中秋
    (date(2026, 2, 15), date(2026, 2, 23)),   # 2026 春节
    (date(2026, 5, 1), date(2026, 5, 5)),     # 2026 劳动节
    (date(2026, 10, 1), date(2026, 10, 7)),   # 2026 国庆
]

PROVISIONAL_2027 = [
    # (day, working, reason) — 放假办法第2条 and 第6条 applied to 2027 (module docstring [I]);
    # 2027 正月初一 is 2-06, 端午 6-09, 中秋 9-15, 清明 4-05
    (date(2027, 1, 1), False, "元旦"),            # Friday
    (date(2027, 2, 5), False, "春节"),            # 除夕, Friday
    (date(2027, 2, 6), False, "春节"),            # 正月初一, Saturday
    (date(2027, 2, 8), False, "春节"),            # 正月初三, Monday
    (date(2027, 2, 9), False, "补休（春节）"),     # for Saturday 2-06
    (date(2027, 2, 10), False, "补休（春节）"),    # for Sunday 2-07
    (date(2027, 2, 11), True, "工作日"),        # 春节 is over, no 调休 guessed
    (date(2027, 4, 5), False, "清明节"),          # the 清明 solar term, Monday
    (date(2027, 5, 3), False, "补休（劳动节）"),   # 5-01 and 5-02 are a weekend
    (date(2027, 5, 4), False, "补休（劳动节）"),
    (date(2027, 6, 9), False, "端午节"),          # 农历五月初五, Wednesday
    (date(2027, 9, 15), False, "中秋节"),         # 农历八月十五, Wednesday
    (date(2027, 10, 4), False, "补休（国庆节）"),  # 10-02 and 10-03 are a weekend
    (date(2027, 10, 5), False, "补休（国庆节）"),
    (date(2027, 10, 6), True, "工作日"),          # 国庆 and its make-up days are over
    (date(2027, 10, 9), False, "周末"),           # no 调休 weekend is ever guessed
]
# fmt: on


@pytest.mark.parametrize(("day", "working", "reason"), HAND_CHECKED_DAYS)
def test_the_package_follows_the_state_council_notices(
    day: date, working: bool, reason: str
) -> None:
    info = CALENDAR.day(day)
    assert (info.working, info.reason.text, info.source) == (working, reason, "package")
    assert CALENDAR.is_working_day(day) is working
    assert not info.provisional


@pytest.mark.parametrize(("first", "last"), HOLIDAY_SPANS)
def test_every_day_of_a_holiday_break_is_off(first: date, last: date) -> None:
    assert not any(CALENDAR.is_working_day(day) for day in days(first, last))


def test_package_years_are_read_from_the_package() -> None:
    # reference §12: chinesecalendar 1.11.0 covers 2004–2026
    assert range(2004, 2027) == PACKAGE_YEARS
    assert not CALENDAR.is_provisional_year(2004)
    assert not CALENDAR.is_provisional_year(2026)
    assert CALENDAR.is_provisional_year(2027)
    assert CALENDAR.is_provisional_year(2003)


def test_the_package_names_holidays_as_the_law_does() -> None:
    # the 2015-09-03 one-off break (国办发明电〔2015〕3号) and 清明节 (放假办法第2条)
    assert CALENDAR.day(date(2015, 9, 3)).reason.text == "抗战胜利纪念日"
    assert CALENDAR.day(date(2024, 4, 4)).reason.text == "清明节"


@pytest.mark.parametrize(("day", "working", "reason"), PROVISIONAL_2027)
def test_a_year_without_a_notice_is_estimated_from_the_holiday_law(
    day: date, working: bool, reason: str
) -> None:
    info = CALENDAR.day(day)
    assert (info.working, info.reason.text, info.source) == (working, reason, "provisional")
    assert info.provisional


def test_a_holiday_shared_by_two_festivals_is_made_up() -> None:
    # 2028: 中秋 falls on 10-03 (Tuesday); 10-01 is a Sunday. [I] as the 2020 notice did.
    off = [day for day in days(date(2028, 9, 30), date(2028, 10, 8)) if day.weekday() < 5]
    reasons = [CALENDAR.day(day).reason.text for day in off if not CALENDAR.is_working_day(day)]
    assert reasons == ["国庆节", "国庆节", "补休（国庆节）", "补休（中秋节）"]


def statutory_days(year: int) -> list[date]:
    """放假办法第2条 computed here independently of the calendar module."""
    new_year = LunarDate(year, 1, 1).to_solar_date()
    qingming = chinese_calendar.get_solar_terms(date(year, 4, 4), date(year, 4, 6))[0][0]
    return [
        date(year, 1, 1),
        *[new_year + timedelta(days=k) for k in (-1, 0, 1, 2)],
        qingming,
        date(year, 5, 1),
        date(year, 5, 2),
        LunarDate(year, 5, 5).to_solar_date(),
        LunarDate(year, 8, 15).to_solar_date(),
        date(year, 10, 1),
        date(year, 10, 2),
        date(year, 10, 3),
    ]


@FEW
@given(PROVISIONAL_YEARS)
def test_every_statutory_holiday_of_a_provisional_year_is_off(year: int) -> None:
    assert not any(CALENDAR.is_working_day(day) for day in statutory_days(year))


@FEW
@given(PROVISIONAL_YEARS)
def test_a_provisional_year_takes_exactly_13_weekdays_off(year: int) -> None:
    # 放假办法第2条 gives 13 days and 第6条 makes up those on a weekend
    weekdays_off = [
        day
        for day in days(date(year, 1, 1), date(year, 12, 31))
        if day.weekday() < 5 and not CALENDAR.is_working_day(day)
    ]
    assert len(weekdays_off) == 13


@FEW
@given(PROVISIONAL_YEARS)
def test_a_provisional_year_works_no_weekend(year: int) -> None:
    weekend = [day for day in days(date(year, 1, 1), date(year, 12, 31)) if day.weekday() >= 5]
    assert not any(CALENDAR.is_working_day(day) for day in weekend)


def test_an_entered_day_off_overrides_the_package() -> None:
    # 放假办法第4条: a local ethnic holiday set by the local government
    calendar = WorkCalendar([CalendarEntry(date(2026, 3, 2), DayKind.HOLIDAY, "火把节")])
    info = calendar.day(date(2026, 3, 2))
    assert (info.working, info.reason.text, info.source) == (False, "火把节", "entered")


def test_an_entered_working_day_overrides_a_package_holiday() -> None:
    # a mid-year amendment of the notice, as on 2019-03-22 (reference §12)
    calendar = WorkCalendar(
        [
            CalendarEntry(date(2026, 10, 7), DayKind.WORKDAY),
            CalendarEntry(date(2026, 10, 10), DayKind.HOLIDAY),
        ]
    )
    assert calendar.day(date(2026, 10, 7)).working
    assert calendar.day(date(2026, 10, 10)).reason.text == "放假"


def test_entries_override_the_provisional_estimate_but_the_year_stays_provisional() -> None:
    calendar = WorkCalendar(
        [
            CalendarEntry(date(2027, 2, 9), DayKind.WORKDAY),
            CalendarEntry(date(2027, 2, 20), DayKind.WORKDAY, "春节"),
        ]
    )
    assert calendar.day(date(2027, 2, 9)).working
    saturday = calendar.day(date(2027, 2, 20))
    assert (saturday.working, saturday.reason.text, saturday.provisional) == (
        True,
        "调休上班（春节）",
        True,
    )


def test_an_official_year_beyond_the_package_is_not_provisional() -> None:
    # the office entered the whole 2027 notice: only the entered days differ from Mon–Fri
    calendar = WorkCalendar(
        [
            CalendarEntry(date(2027, 2, 5), DayKind.HOLIDAY, "春节"),
            CalendarEntry(date(2027, 2, 20), DayKind.WORKDAY, "春节"),
        ],
        official_years=[2027],
    )
    assert not calendar.is_provisional_year(2027)
    assert calendar.day(date(2027, 2, 9)).source == "weekday-rule"
    assert calendar.is_working_day(date(2027, 2, 9))
    assert calendar.day(date(2027, 2, 5)).reason.text == "春节"
    assert calendar.is_working_day(date(2027, 2, 20))
    assert not calendar.is_working_day(date(2027, 2, 21))
    assert not calendar.day(date(2027, 2, 20)).provisional


@FEW
@given(SUPPORTED_DATES, st.sampled_from(DayKind))
def test_entries_always_win(day: date, kind: DayKind) -> None:
    info = WorkCalendar([CalendarEntry(day, kind)]).day(day)
    assert info.working is (kind == DayKind.WORKDAY)
    assert info.source == "entered"


def test_the_start_day_is_never_counted() -> None:
    # §6: find_workday(20, date(2025, 9, 26)) == date(2025, 10, 30)
    assert CALENDAR.add_working_days(date(2025, 9, 26), 20) == date(2025, 10, 30)
    assert CALENDAR.add_working_days(date(2025, 9, 26), 1) == date(2025, 9, 28)


def test_skipped_working_days_are_not_counted() -> None:
    def thursday(day: date) -> bool:
        return day.weekday() == 3

    assert CALENDAR.add_working_days(date(2026, 3, 2), 3, skip=thursday) == date(2026, 3, 6)


def test_working_days_between_excludes_the_first_day_and_includes_the_last() -> None:
    assert CALENDAR.working_days_between(date(2025, 9, 26), date(2025, 10, 30)) == 20
    assert CALENDAR.working_days_between(date(2026, 3, 2), date(2026, 3, 2)) == 0
    assert CALENDAR.working_days_between(date(2026, 3, 2), date(2026, 2, 2)) == 0


@FEW
@given(
    st.dates(date(1901, 1, 1), date(2099, 8, 31)),  # 60 working days stay inside 2099
    st.integers(1, 60),
)
def test_working_days_between_undoes_add_working_days(start: date, n: int) -> None:
    due = CALENDAR.add_working_days(start, n)
    assert CALENDAR.is_working_day(due)
    assert CALENDAR.working_days_between(start, due) == n


def test_a_count_of_less_than_one_day_is_refused() -> None:
    with pytest.raises(MessageError, match="至少为 1") as error:
        CALENDAR.add_working_days(date(2026, 3, 2), 0)
    assert (error.value.message.code, error.value.message.params) == (
        "count.too_small",
        {"count": 0},
    )


@pytest.mark.parametrize("day", [date(1900, 12, 31), date(2100, 1, 1)])
def test_dates_outside_the_supported_years_are_refused(day: date) -> None:
    with pytest.raises(CalendarRangeError, match=f"日期 {day.isoformat()} 超出支持范围"):
        CALENDAR.day(day)


def test_the_range_error_names_the_supported_years() -> None:
    with pytest.raises(ValueError, match="^日期 1899-12-31 超出支持范围（1901–2099 年）$") as error:
        CALENDAR.is_working_day(date(1899, 12, 31))
    assert isinstance(error.value, CalendarRangeError)
    assert error.value.message == Message(
        "range.day",
        {"day": date(1899, 12, 31), "first_year": 1901, "last_year": 2099},
        "日期 1899-12-31 超出支持范围（1901–2099 年）",
    )


def test_a_count_that_walks_out_of_range_names_the_count_not_a_day_nobody_typed() -> None:
    with pytest.raises(CountBeyondRangeError) as error:
        CALENDAR.add_working_days(date(2099, 12, 28), 20)
    assert str(error.value) == (
        "自 2099-12-28 起第 20 个工作日将晚于 2099 年，超出支持范围（1901–2099 年）"
    )
    assert "2100-01-01" not in str(error.value)


def test_the_last_supported_day_can_still_be_reached() -> None:
    assert CALENDAR.add_working_days(date(2099, 12, 28), 1) == date(2099, 12, 29)


@pytest.mark.parametrize("year", [0, 1900, 2100, 10000, 99999])
def test_a_year_outside_the_range_is_refused_before_any_date_is_made(year: int) -> None:
    with pytest.raises(CalendarRangeError, match=f"^年份 {year} 超出支持范围（1901–2099 年）$"):
        check_year(year)


def test_years_and_entries_outside_the_range_are_refused() -> None:
    assert check_year(2099) == 2099
    with pytest.raises(CalendarRangeError):
        CALENDAR.is_provisional_year(2100)
    with pytest.raises(CalendarRangeError):
        WorkCalendar(official_years=[1900])
    with pytest.raises(CalendarRangeError):
        WorkCalendar([CalendarEntry(date(2100, 1, 1), DayKind.HOLIDAY)])


# Reasons are messages: a code and its parameters for the web interface to translate, and the
# Chinese sentence for the command line.


def test_a_reason_names_its_holiday_by_code() -> None:
    reason = CALENDAR.day(date(2026, 2, 14)).reason  # §12 2026: 2/14 (Sat) worked
    assert reason.code == "reason.swap_workday"
    assert reason.params["holiday"] == holiday("春节")
    assert holiday("春节").code == "holiday.spring_festival"
    assert str(reason) == "调休上班（春节）"


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (date(2025, 1, 1), "holiday.new_year"),
        (date(2025, 1, 28), "holiday.spring_festival"),
        (date(2025, 4, 4), "holiday.qingming"),
        (date(2025, 5, 1), "holiday.labour_day"),
        (date(2025, 6, 2), "holiday.dragon_boat"),
        (date(2025, 10, 6), "holiday.mid_autumn"),
        (date(2025, 10, 1), "holiday.national_day"),
        (date(2015, 9, 3), "holiday.victory_day"),  # 国办发明电〔2015〕3号
        (date(2025, 10, 12), "reason.weekend"),
        (date(2025, 2, 5), "reason.workday"),
        (date(2027, 2, 9), "reason.made_up_day_off"),  # provisional: 放假办法第6条
    ],
)
def test_every_kind_of_day_has_a_stable_code(day: date, code: str) -> None:
    assert CALENDAR.day(day).reason.code == code


def test_a_name_typed_by_the_office_stays_as_typed_unless_it_is_a_known_holiday() -> None:
    calendar = WorkCalendar(
        [
            CalendarEntry(date(2026, 3, 2), DayKind.HOLIDAY, "火把节"),
            CalendarEntry(date(2026, 3, 3), DayKind.HOLIDAY, "春节"),
            CalendarEntry(date(2026, 3, 7), DayKind.WORKDAY, "火把节"),
            CalendarEntry(date(2026, 3, 9), DayKind.WORKDAY, "火把节"),
        ]
    )
    typed = calendar.day(date(2026, 3, 2)).reason
    assert (typed.code, typed.params, typed.text) == ("name.verbatim", {"name": "火把节"}, "火把节")
    assert calendar.day(date(2026, 3, 3)).reason == holiday("春节")
    saturday = calendar.day(date(2026, 3, 7)).reason
    assert (saturday.code, saturday.text) == ("reason.swap_workday", "调休上班（火把节）")
    monday = calendar.day(date(2026, 3, 9)).reason
    assert (monday.code, monday.text) == ("reason.workday_named", "工作日（火把节）")


@pytest.mark.parametrize(
    ("entry", "code", "text"),
    [
        (CalendarEntry(date(2026, 3, 2), DayKind.HOLIDAY), "reason.day_off", "放假"),
        (
            CalendarEntry(date(2026, 3, 7), DayKind.WORKDAY),
            "reason.swap_workday_unnamed",
            "调休上班",
        ),
        (CalendarEntry(date(2026, 3, 9), DayKind.WORKDAY), "reason.workday", "工作日"),
    ],
)
def test_an_entry_without_a_name_says_what_kind_of_day_it_is(
    entry: CalendarEntry, code: str, text: str
) -> None:
    reason = WorkCalendar([entry]).day(entry.day).reason
    assert (reason.code, reason.text) == (code, text)


def test_a_message_is_its_chinese_sentence_with_dates_and_lists_spelled_out() -> None:
    templates = {"t": "%(day)s：%(names)s，%(count)s 天"}
    said = message(templates, "t", day=date(2027, 1, 1), names=(holiday("元旦"), "x"), count=3)
    assert said.text == str(said) == "2027-01-01：元旦、x，3 天"
    assert said.params["day"] == date(2027, 1, 1)


@FEW
@given(SUPPORTED_DATES)
def test_every_reason_is_one_of_the_known_sentences(day: date) -> None:
    reason = CALENDAR.day(day).reason
    assert reason.code in CHINESE
    assert isinstance(hash(reason), int)
