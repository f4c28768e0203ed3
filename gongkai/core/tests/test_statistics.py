"""The dashboard's definitions: months, table 三 groups, handling time in working days,
median and 95th percentile (nearest rank), the day overdue cases are looked at."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.applications.vocabulary import Outcome
from gongkai.core.statistics import (
    OutcomeGroup,
    Summary,
    column_totals,
    handling_days,
    month_grid,
    monthly_summaries,
    nearest_rank,
    outcome_group,
    overdue_moment,
    share,
    summarise,
)
from gongkai.core.workcalendar import WorkCalendar


@pytest.mark.parametrize(
    ("outcome", "group", "label"),
    [
        (Outcome.DISCLOSED, OutcomeGroup.DISCLOSED, "予以公开"),  # 表三（一）
        (Outcome.PARTLY_DISCLOSED, OutcomeGroup.PARTLY_DISCLOSED, "部分公开"),  # （二）
        (Outcome.STATE_SECRET, OutcomeGroup.WITHHELD, "不予公开"),  # （三）1
        (Outcome.ADMINISTRATIVE_QUERY, OutcomeGroup.WITHHELD, "不予公开"),  # （三）8
        (Outcome.NOT_HELD, OutcomeGroup.UNABLE, "无法提供"),  # （四）1
        (Outcome.STILL_UNCLEAR, OutcomeGroup.UNABLE, "无法提供"),  # （四）3
        (Outcome.PETITION, OutcomeGroup.NOT_HANDLED, "不予处理"),  # （五）1
        (Outcome.CONFIRMATION, OutcomeGroup.NOT_HANDLED, "不予处理"),  # （五）5
        (Outcome.NOT_CORRECTED, OutcomeGroup.OTHER, "其他处理"),  # （六）1
        (Outcome.OTHER, OutcomeGroup.OTHER, "其他处理"),  # （六）3
    ],
)
def test_each_row_of_table_three_falls_in_its_group(
    outcome: Outcome, group: OutcomeGroup, label: str
) -> None:
    assert outcome_group(outcome) is group and group.label == label


def test_every_outcome_has_a_group() -> None:
    assert {outcome_group(o) for o in Outcome} == set(OutcomeGroup)


def test_the_month_grid_adds_counts_by_month_and_key() -> None:
    grid = month_grid(
        [(1, "website", 2), (1, "website", 1), (12, "wechat", 4), (3, "x", 9)],
        ["website", "wechat"],
    )
    assert len(grid) == 12
    assert grid[0] == (3, 0) and grid[11] == (0, 4) and grid[2] == (0, 0)
    assert column_totals(grid) == (3, 4)


def test_handling_time_counts_working_days_after_the_receipt_day() -> None:
    calendar = WorkCalendar()
    # 2026-03-02 is a Monday: replied the same day, the next day, the next Monday
    assert handling_days(calendar, received=date(2026, 3, 2), replied=date(2026, 3, 2)) == 0
    assert handling_days(calendar, received=date(2026, 3, 2), replied=date(2026, 3, 3)) == 1
    assert handling_days(calendar, received=date(2026, 3, 6), replied=date(2026, 3, 9)) == 1
    # 国庆 2025: 10-01 … 10-08 off, 09-28 and 10-11 are 调休 working days
    assert handling_days(calendar, received=date(2025, 9, 30), replied=date(2025, 10, 9)) == 1


@pytest.mark.parametrize(
    ("values", "median", "p95"),
    [
        ([5], 5, 5),
        ([1, 2, 3, 4], 2.5, 4),
        ([3, 1, 2], 2, 3),
        (list(range(1, 21)), 10.5, 19),  # ⌈0.95 × 20⌉ = 19th
        (list(range(1, 101)), 50.5, 95),
        ([1] * 99 + [40], 1, 1),  # one case in a hundred took long: not the 95th
    ],
)
def test_median_and_95th_percentile(values: list[int], median: float, p95: float) -> None:
    assert summarise(values) == Summary(len(values), median, p95)


def test_no_cases_no_figures() -> None:
    assert summarise([]) == Summary(0, None, None)
    with pytest.raises(ValueError):
        nearest_rank([], 0.95)


@given(st.lists(st.integers(min_value=0, max_value=200), min_size=1))
def test_the_95th_percentile_is_a_value_that_at_least_95_percent_do_not_exceed(
    values: list[int],
) -> None:
    p95 = nearest_rank(values, 0.95)
    assert p95 in values
    assert sum(v <= p95 for v in values) >= 0.95 * len(values)
    assert sum(v < p95 for v in values) < 0.95 * len(values)  # and the least such value


def test_monthly_summaries() -> None:
    found = monthly_summaries([(1, 4), (1, 6), (3, 20)])
    assert found[0] == Summary(2, 5, 6) and found[2] == Summary(1, 20, 20)
    assert found[1] == Summary(0, None, None) and len(found) == 12


def test_overdue_cases_are_looked_at_today_or_on_the_last_day_of_a_past_year() -> None:
    today = date(2026, 3, 30)
    assert overdue_moment(2026, today) == today
    assert overdue_moment(2025, today) == date(2025, 12, 31)
    with pytest.raises(ValueError):
        overdue_moment(2027, today)


def test_share() -> None:
    assert share(1, 3) == 33.3 and share(0, 0) is None
