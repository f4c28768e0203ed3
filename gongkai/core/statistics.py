"""The figures of the statistics dashboard as plain data (docs/statistics.md).

- months: every series is laid out over the 12 months of one year (``month_grid``);
- outcome groups: the six groups of table 三 of the annual report (``OutcomeGroup``), so the
  dashboard and the report count concluded applications alike;
- handling time: working days from the receipt date (条例第31条) to the reply, the receipt
  day itself not counted, as the statutory count (条例第33条) counts (``handling_days``);
- summaries: the median is the usual middle value (``statistics.median``: the mean of the
  two middle values for an even count); the 95th percentile is by nearest rank — the
  ⌈0.95·n⌉-th smallest value, the least value that at least 95 % of the cases do not exceed —
  so it is always a handling time some case really took;
- overdue: a year's overdue cases are looked at on one day, ``overdue_moment``: today for
  the current year, the year's last day for a past one.
"""

import enum
import math
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from gongkai.core.applications.vocabulary import OUTCOMES, Outcome
from gongkai.core.workcalendar import WorkCalendar

MONTHS = tuple(range(1, 13))
P95 = 0.95


class OutcomeGroup(enum.StrEnum):
    """The six groups of results of table 三 (annual-report.md §5.2)."""

    DISCLOSED = "disclosed"  # （一）
    PARTLY_DISCLOSED = "partly_disclosed"  # （二）
    WITHHELD = "withheld"  # （三）
    UNABLE = "unable"  # （四）
    NOT_HANDLED = "not_handled"  # （五）
    OTHER = "other"  # （六）

    @property
    def label(self) -> str:
        return GROUP_LABELS[self]


GROUP_LABELS: Mapping[OutcomeGroup, str] = {
    OutcomeGroup.DISCLOSED: "予以公开",
    OutcomeGroup.PARTLY_DISCLOSED: "部分公开",
    OutcomeGroup.WITHHELD: "不予公开",
    OutcomeGroup.UNABLE: "无法提供",
    OutcomeGroup.NOT_HANDLED: "不予处理",
    OutcomeGroup.OTHER: "其他处理",
}
_GROUP_OF_REF: Mapping[str, OutcomeGroup] = dict(
    zip(("（一）", "（二）", "（三）", "（四）", "（五）", "（六）"), OutcomeGroup, strict=True)
)


def outcome_group(outcome: Outcome) -> OutcomeGroup:
    """The group of table 三 a row belongs to: （三）1 属于国家秘密 → 不予公开."""
    return _GROUP_OF_REF[OUTCOMES[outcome].ref[:3]]


Grid = tuple[tuple[int, ...], ...]


def month_grid(counts: Iterable[tuple[int, str, int]], keys: Sequence[str]) -> Grid:
    """Counts (month, key, n) as 12 rows (January first) of one value per key; counts of
    the same month and key add up, keys not listed are left out."""
    where = {key: k for k, key in enumerate(keys)}
    cells = [[0] * len(keys) for _ in MONTHS]
    for month, key, n in counts:
        if key in where:
            cells[month - 1][where[key]] += n
    return tuple(tuple(row) for row in cells)


def column_totals(grid: Grid) -> tuple[int, ...]:
    return tuple(sum(column) for column in zip(*grid, strict=True)) if grid else ()


def handling_days(calendar: WorkCalendar, *, received: date, replied: date) -> int:
    """Working days after the receipt day up to and including the reply day."""
    return calendar.working_days_between(received, replied)


def nearest_rank(values: Sequence[float], share: float) -> float:
    """The ⌈share·n⌉-th smallest of `values` (not empty), share in (0, 1]."""
    if not values or not 0 < share <= 1:
        raise ValueError("nearest_rank needs values and 0 < share <= 1")
    ordered = sorted(values)
    return ordered[max(1, math.ceil(share * len(ordered) - 1e-9)) - 1]


@dataclass(frozen=True)
class Summary:
    count: int
    median: float | None
    p95: float | None


def summarise(values: Sequence[float]) -> Summary:
    if not values:
        return Summary(0, None, None)
    return Summary(len(values), statistics.median(values), nearest_rank(values, P95))


def monthly_summaries(values: Iterable[tuple[int, float]]) -> tuple[Summary, ...]:
    """One summary per month from (month, value) pairs, January first."""
    by_month: dict[int, list[float]] = {month: [] for month in MONTHS}
    for month, value in values:
        by_month[month].append(value)
    return tuple(summarise(by_month[month]) for month in MONTHS)


def overdue_moment(year: int, today: date) -> date:
    """The day a year's open cases are looked at: today within it, else its last day."""
    if year > today.year:
        raise ValueError(f"{year} is after {today}")
    return today if year == today.year else date(year, 12, 31)


def share(part: int, whole: int) -> float | None:
    """part/whole as a percentage rounded to one decimal; None when whole is 0."""
    return round(100 * part / whole, 1) if whole else None
