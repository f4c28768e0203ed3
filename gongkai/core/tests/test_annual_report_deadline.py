"""条例第49条第1款: the report on a year is published by 1月31日 of the next; reminders from
1 December (issue 6)."""

from datetime import date

import pytest

from gongkai.core.annual_report import deadline_status, reminders_from, report_due


def test_the_report_on_a_year_is_due_on_31_january_of_the_next() -> None:
    assert report_due(2024) == date(2025, 1, 31)
    assert reminders_from(2024) == date(2024, 12, 1)


@pytest.mark.parametrize(
    ("today", "days_left", "remind", "overdue", "words"),
    [
        (
            date(2024, 11, 30),
            62,
            False,
            False,
            "2024年政府信息公开工作年度报告应于 2025-01-31 前公开，自 2024-12-01 起提醒",
        ),
        (
            date(2024, 12, 1),
            61,
            True,
            False,
            "2024年政府信息公开工作年度报告应于 2025-01-31 前公开，还剩 61 天",
        ),
        (date(2025, 1, 30), 1, True, False, "还剩 1 天"),
        (
            date(2025, 1, 31),
            0,
            True,
            False,
            "2024年政府信息公开工作年度报告今天（2025-01-31）必须公开",
        ),
        (date(2025, 2, 3), -3, True, True, "已逾期 3 天"),
    ],
)
def test_days_left_and_reminders(
    today: date, days_left: int, remind: bool, overdue: bool, words: str
) -> None:
    status = deadline_status(2024, today)
    assert (status.days_left, status.remind, status.overdue) == (days_left, remind, overdue)
    assert words in status.message.text


def test_an_earlier_internal_date_of_the_agency_counts_instead() -> None:
    status = deadline_status(2021, date(2022, 1, 27), due=date(2022, 1, 28))
    assert (status.due, status.days_left, status.overdue) == (date(2022, 1, 28), 1, False)


def test_a_published_report_needs_no_reminder() -> None:
    status = deadline_status(2024, date(2025, 1, 20), published=date(2025, 1, 15))
    assert (status.remind, status.overdue) == (False, False)
    assert status.message.text == "2024年政府信息公开工作年度报告已于 2025-01-15 公开"
    assert deadline_status(2024, date(2025, 3, 1), published=date(2025, 2, 2)).overdue
