"""The reply clock of 条例第33条: by which day a disclosure application must be answered.

A deadline is derived from recorded events (receipt, corrected application, consultation,
extension) and the work calendar; it is never a stored counter. The rule, as in the
``gongkai deadline`` contract of DESIGN.md:

- the base day is the receipt of the corrected application when there is one (条例第30条:
  the count restarts), else the receipt of the application (条例第31条);
- the base day is not counted ([I] after 《民法典》第201条: 开始的当日不计入);
- 20 working days are counted (条例第33条第1款), 40 with an extension (第33条第2款);
- working days inside a paused interval, both ends included, are not counted (第33条第3款:
  time spent consulting third parties and other agencies).
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from gongkai.core.workcalendar import (
    ONE_DAY,
    STATUTORY_HOLIDAYS,
    DayInfo,
    WorkCalendar,
    dates_after,
)

REPLY_WORKING_DAYS = 20  # 条例第33条第1款
EXTENSION_WORKING_DAYS = 20  # 条例第33条第2款

_WEEKDAYS = ("星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日")

# A step and the day it is about, so the steps can be told in date order.
_Step = tuple[date, str]


@dataclass(frozen=True)
class Interval:
    """A span of days, both ends included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(
                f"区间结束日 {self.end.isoformat()} 早于开始日 {self.start.isoformat()}"
            )

    def includes(self, day: date) -> bool:
        return self.start <= day <= self.end


def consultation_interval(letter_sent: date, answered: date) -> Interval:
    """The days 条例第33条第3款 takes out of the reply period for one consultation.

    [I] The 条例 does not define the span: we take the day after the letter is sent up to and
    including the day the answer arrives. When no answer comes, pass the last day of the
    consultee's period (条例第32条, 第34条: 15 个工作日) as `answered`.
    """
    if answered <= letter_sent:
        raise ValueError(
            f"答复日 {answered.isoformat()} 须晚于征求意见函发出日 {letter_sent.isoformat()}"
        )
    return Interval(letter_sent + ONE_DAY, answered)


@dataclass(frozen=True)
class Deadline:
    due: date
    working_days: int
    provisional: bool
    steps: tuple[str, ...]

    def as_json(self) -> dict[str, object]:
        return {
            "due": self.due.isoformat(),
            "working_days": self.working_days,
            "provisional": self.provisional,
            "steps": list(self.steps),
        }


def reply_deadline(
    calendar: WorkCalendar,
    *,
    received: date,
    corrected: date | None = None,
    paused: Sequence[Interval] = (),
    extended: bool = False,
) -> Deadline:
    base = _base_day(received, corrected)
    working_days = REPLY_WORKING_DAYS + (EXTENSION_WORKING_DAYS if extended else 0)
    pauses = sorted(paused, key=lambda interval: (interval.start, interval.end))
    due = calendar.add_working_days(base, working_days, skip=lambda day: _paused(day, pauses))
    years = [y for y in range(base.year, due.year + 1) if calendar.is_provisional_year(y)]
    steps = [
        _base_step(received, corrected),
        *_extension_steps(extended, working_days),
        *_timeline_steps(calendar, base, due, pauses),
        *_provisional_steps(years),
        f"第 {working_days} 个工作日为 {_day_text(due)}，即答复期限",
    ]
    return Deadline(due, working_days, bool(years), tuple(steps))


def _base_day(received: date, corrected: date | None) -> date:
    if corrected is None:
        return received
    if corrected < received:
        raise ValueError(
            f"补正后申请的收到日 {corrected.isoformat()} 早于原申请收到日 {received.isoformat()}"
        )
    return corrected


def _paused(day: date, pauses: Iterable[Interval]) -> bool:
    return any(interval.includes(day) for interval in pauses)


def _day_text(day: date) -> str:
    return f"{day.isoformat()}（{_WEEKDAYS[day.weekday()]}）"


def _base_step(received: date, corrected: date | None) -> str:
    count = f"自次日起计算 {REPLY_WORKING_DAYS} 个工作日（条例第33条第1款）"
    if corrected is None:
        return f"收到申请之日为 {_day_text(received)}，当日不计入，{count}"
    return (
        f"{_day_text(received)}收到申请，{_day_text(corrected)}收到补正后的申请；"
        f"依条例第30条自收到补正申请之日重新起算，当日不计入，{count}"
    )


def _extension_steps(extended: bool, working_days: int) -> list[str]:
    if not extended:
        return []
    return [
        f"经政府信息公开工作机构负责人同意并告知申请人，延长答复期限 {EXTENSION_WORKING_DAYS} "
        f"个工作日（条例第33条第2款），共计 {working_days} 个工作日"
    ]


def _timeline_steps(
    calendar: WorkCalendar, base: date, due: date, pauses: Sequence[Interval]
) -> list[str]:
    steps = [*_pause_steps(calendar, base, due, pauses), *_day_steps(calendar, base, due, pauses)]
    return [text for _, text in sorted(steps, key=lambda step: step[0])]


def _day_steps(
    calendar: WorkCalendar, base: date, due: date, pauses: Sequence[Interval]
) -> Iterator[_Step]:
    """Runs of skipped days off, and each 调休 weekend day that was counted."""
    run: list[DayInfo] = []
    for day in dates_after(base, due):
        info = calendar.day(day)
        if not info.working:
            run.append(info)
            continue
        # `due` is a working day, so every run of days off ends here.
        if run:
            yield _skip_step(run)
            run = []
        if day.weekday() >= 5 and not _paused(day, pauses):
            yield day, f"{_day_text(day)}{info.reason}，计为工作日"


def _skip_step(run: Sequence[DayInfo]) -> _Step:
    first, last = run[0].day, run[-1].day
    span = first.isoformat() if first == last else f"{first.isoformat()} 至 {last.isoformat()}"
    return first, f"跳过 {span}：{_reasons_text([info.reason for info in run])}"


def _reasons_text(reasons: Iterable[str]) -> str:
    distinct = list(dict.fromkeys(reasons))
    statutory = [reason for reason in distinct if reason in STATUTORY_HOLIDAYS]
    others = [reason for reason in distinct if reason not in STATUTORY_HOLIDAYS]
    parts = [f"{'、'.join(statutory)}（法定节假日）"] if statutory else []
    return "、".join([*parts, *others])


def _pause_steps(
    calendar: WorkCalendar, base: date, due: date, pauses: Sequence[Interval]
) -> Iterator[_Step]:
    for interval in pauses:
        after, until = max(base, interval.start - ONE_DAY), min(due, interval.end)
        excluded = calendar.working_days_between(after, until) if after < until else 0
        span = f"{interval.start.isoformat()} 至 {interval.end.isoformat()}"
        yield (
            max(interval.start, base + ONE_DAY),
            (
                f"{span} 征求意见期间不计入答复期限（条例第33条第3款）：其间 {excluded} 个工作日不计算"
            ),
        )


def _provisional_steps(years: Sequence[int]) -> list[str]:
    if not years:
        return []
    named = "、".join(str(year) for year in years)
    return [
        f"{named} 年尚无国务院放假安排，按《全国年节及纪念日放假办法》暂行推算；"
        "放假安排公布后须重新计算"
    ]
