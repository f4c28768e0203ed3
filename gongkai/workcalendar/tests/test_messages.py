"""The calendar's sentences in the console: English msgids whose zh-hans translations are
core's Chinese, so the Chinese console says exactly what `gongkai deadline` says."""

import re
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from gongkai.core import clock, workcalendar
from gongkai.core.clock import Interval, reply_deadline
from gongkai.core.workcalendar import (
    NAME_VERBATIM,
    ONE_DAY,
    CalendarEntry,
    DayKind,
    Message,
    MessageError,
    WorkCalendar,
    dates_after,
    message,
)
from gongkai.workcalendar import csvfile, dates, services
from gongkai.workcalendar.messages import TEMPLATES, render, translated

from .conftest import has_chinese

CHINESE = {
    **workcalendar.CHINESE,
    **clock.CHINESE,
    **csvfile.CHINESE,
    **dates.CHINESE,
    **services.CHINESE,
}
PLACEHOLDER = re.compile(r"%\((\w+)\)s")

ENTRIES = [
    CalendarEntry(date(2026, 3, 2), DayKind.HOLIDAY, "火把节"),  # 放假办法第4条: local
    CalendarEntry(date(2026, 3, 3), DayKind.HOLIDAY),
    CalendarEntry(date(2026, 3, 7), DayKind.WORKDAY),
    CalendarEntry(date(2026, 3, 8), DayKind.WORKDAY, "春节"),
    CalendarEntry(date(2026, 3, 9), DayKind.WORKDAY, "火把节"),
]
CALENDAR = WorkCalendar(ENTRIES)


def reasons() -> list[Message]:
    """The reason of every day of a year from each source, and of every kind of entry."""
    years = [(date(2015, 1, 1), date(2015, 12, 31)), (date(2026, 1, 1), date(2027, 12, 31))]
    days = [day for first, last in years for day in dates_after(first - ONE_DAY, last)]
    return [CALENDAR.day(day).reason for day in days]


def steps() -> list[Message]:
    deadlines = [
        reply_deadline(CALENDAR, received=date(2026, 2, 12)),
        reply_deadline(CALENDAR, received=date(2025, 9, 26)),  # a Friday
        reply_deadline(CALENDAR, received=date(2026, 2, 25)),  # across the entered days
        reply_deadline(CALENDAR, received=date(2026, 12, 10), extended=True),  # provisional
        reply_deadline(
            CALENDAR,
            received=date(2025, 3, 3),
            corrected=date(2025, 3, 20),
            paused=[Interval(date(2025, 4, 4), date(2025, 4, 18))],
        ),
    ]
    return [step for deadline in deadlines for step in deadline.steps]


def refusals() -> list[Message]:
    said = []
    for refuse in [
        lambda: CALENDAR.day(date(2100, 1, 1)),
        lambda: CALENDAR.is_provisional_year(1900),
        lambda: CALENDAR.add_working_days(date(2099, 12, 28), 20),
        lambda: CALENDAR.add_working_days(date(2026, 1, 1), 0),
        lambda: reply_deadline(CALENDAR, received=date(2099, 12, 20)),
        lambda: reply_deadline(CALENDAR, received=date(2025, 3, 3), corrected=date(2025, 3, 1)),
        lambda: Interval(date(2025, 4, 4), date(2025, 4, 3)),
        lambda: clock.consultation_interval(date(2025, 4, 3), date(2025, 4, 3)),
        lambda: dates.parse_day("2025-02-29"),
    ]:
        with pytest.raises(MessageError) as error:
            refuse()
        said.append(error.value.message)
    return said


def file_errors() -> list[Message]:
    files = [
        b"",
        b"\xff",
        b"day,kind,name\n",
        b"date,kind,name\n",
        b"date,kind,name\n" + b"x" * csvfile.MAX_BYTES,
        (
            "date,kind,name,source,note\n2027-01-01,rest,,,\n1900-01-01,holiday,x,,,\n"
            f"2027-01-02,holiday,{'x' * 51},{'x' * 201},{'x' * 201}\n2027-01-03,holiday,\x00\n"
            '2027-01-04,holiday,x,,\n2027-01-04,holiday,x,,\n2027-01-05,holiday,"x\n'
        ).encode(),
    ]
    said = []
    for data in files:
        with pytest.raises(ValidationError) as error:
            csvfile.parse_calendar_csv(data)
        said += [e.message for e in error.value.error_list]
    return said


def everything() -> list[Message]:
    # What services.calendar_import says of a file without a day of the year it is for.
    not_that_year = message(services.CHINESE, "import.year_missing", year=2028)
    return [*reasons(), *steps(), *refusals(), *file_errors(), not_that_year]


def codes(messages: list[Message]) -> set[str]:
    """The codes of `messages` and of the messages inside them."""
    found = set()
    for said in messages:
        found.add(said.code)
        for value in said.params.values():
            items = value if isinstance(value, tuple) else (value,)
            found |= codes([item for item in items if isinstance(item, Message)])
    return found


def test_every_sentence_has_an_english_msgid_with_the_same_placeholders():
    assert set(TEMPLATES) == set(CHINESE) - {NAME_VERBATIM}
    with translation.override("en"):
        for code, template in TEMPLATES.items():
            assert set(PLACEHOLDER.findall(str(template))) == set(
                PLACEHOLDER.findall(CHINESE[code])
            ), code


def test_the_samples_say_every_sentence_there_is():
    assert codes(everything()) == set(CHINESE)


def test_the_chinese_console_says_exactly_what_the_command_line_says():
    with translation.override("zh-hans"):
        differing = [(m.text, render(m)) for m in everything() if render(m) != m.text]
    assert differing == []


def test_the_english_console_says_it_in_english():
    # Except a name typed in by the office, and the words of the notices a file may use.
    quoting = {NAME_VERBATIM, "csv.kind_unknown"}
    with translation.override("en"):
        chinese = [
            render(m) for m in everything() if not codes([m]) & quoting and has_chinese(render(m))
        ]
    assert chinese == []


def test_holiday_names_are_english_in_the_english_console():
    with translation.override("en"):
        names = [render(CALENDAR.day(day).reason) for day in [date(2026, 1, 1), date(2026, 10, 1)]]
        assert names == ["New Year's Day", "National Day"]
        assert render(CALENDAR.day(date(2015, 9, 3)).reason) == "War of Resistance Victory Day"
        assert render(CALENDAR.day(date(2026, 3, 8)).reason) == (
            "make-up working day (Spring Festival)"
        )
        assert render(CALENDAR.day(date(2026, 3, 2)).reason) == "火把节"  # as typed


def test_lists_are_joined_in_the_language_of_the_reader():
    [skipped] = [
        step
        for step in reply_deadline(CALENDAR, received=date(2025, 9, 26)).steps
        if step.text == "跳过 2025-10-01 至 2025-10-08：国庆节、中秋节（法定节假日）"
    ]
    with translation.override("en"):
        assert render(skipped) == (
            "Skipped 2025-10-01 to 2025-10-08: National Day, Mid-Autumn Festival "
            "(statutory holiday)."
        )


def test_a_validation_error_carrying_messages_is_translated_and_other_errors_are_kept():
    with pytest.raises(MessageError) as error:
        dates.parse_day("2025-13-01")
    mixed = ValidationError([error.value.message, "plain text"])
    with translation.override("en"):
        assert translated(mixed).messages == [
            "The date “2025-13-01” is not valid: write it as YYYY-MM-DD.",
            "plain text",
        ]
    assert mixed.messages == ["日期“2025-13-01”无效，应为 YYYY-MM-DD 格式", "plain text"]
    by_field = ValidationError({"day": [error.value.message]})
    with translation.override("en"):
        assert translated(by_field).message_dict == {
            "day": ["The date “2025-13-01” is not valid: write it as YYYY-MM-DD."]
        }
