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

Each step of the reasoning is a Message (gongkai.core.workcalendar): the command line prints
its Chinese text, the web interface translates it by its code.
"""

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from gongkai.core.workcalendar import (
    ONE_DAY,
    STATUTORY_HOLIDAYS,
    SUPPORTED_YEARS,
    CalendarRangeError,
    CountBeyondRangeError,
    DayInfo,
    Message,
    MessageError,
    Param,
    WorkCalendar,
    dates_after,
    message,
)

REPLY_WORKING_DAYS = 20  # 条例第33条第1款
EXTENSION_WORKING_DAYS = 20  # 条例第33条第2款

WEEKDAYS = (
    "weekday.monday",
    "weekday.tuesday",
    "weekday.wednesday",
    "weekday.thursday",
    "weekday.friday",
    "weekday.saturday",
    "weekday.sunday",
)

# The Chinese of every sentence this module says, by code.
CHINESE: Mapping[str, str] = {
    **dict(
        zip(
            WEEKDAYS,
            ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
            strict=True,
        )
    ),
    "deadline.received": (
        "收到申请之日为 %(day)s（%(weekday)s），当日不计入，"
        "自次日起计算 %(count)s 个工作日（条例第33条第1款）"
    ),
    "deadline.corrected": (
        "%(received)s（%(received_weekday)s）收到申请，"
        "%(corrected)s（%(corrected_weekday)s）收到补正后的申请；"
        "依条例第30条自收到补正申请之日重新起算，当日不计入，"
        "自次日起计算 %(count)s 个工作日（条例第33条第1款）"
    ),
    "deadline.extended": (
        "经政府信息公开工作机构负责人同意并告知申请人，延长答复期限 %(extension)s 个工作日"
        "（条例第33条第2款），共计 %(total)s 个工作日"
    ),
    "deadline.weekend_worked": "%(day)s（%(weekday)s）%(reason)s，计为工作日",
    "deadline.skipped": "跳过 %(days)s：%(reasons)s",
    "deadline.days": "%(first)s 至 %(last)s",
    "deadline.statutory": "%(holidays)s（法定节假日）",
    "deadline.paused": (
        "%(first)s 至 %(last)s 征求意见期间不计入答复期限（条例第33条第3款）："
        "其间 %(excluded)s 个工作日不计算"
    ),
    "deadline.provisional": (
        "%(years)s 年尚无国务院放假安排，按《全国年节及纪念日放假办法》暂行推算；"
        "放假安排公布后须重新计算"
    ),
    "deadline.due": "第 %(count)s 个工作日为 %(day)s（%(weekday)s），即答复期限",
    "deadline.beyond_range": (
        "自 %(base)s 起计算 %(count)s 个工作日，答复期限将晚于 %(last_year)s 年，"
        "超出支持范围（%(first_year)s–%(last_year)s 年）"
    ),
    "deadline.corrected_too_early": (
        "补正后申请的收到日 %(corrected)s 早于原申请收到日 %(received)s"
    ),
    "interval.reversed": "区间结束日 %(end)s 早于开始日 %(start)s",
    "consultation.answered_too_early": "答复日 %(answered)s 须晚于征求意见函发出日 %(sent)s",
}

# A step and the day it is about, so the steps can be told in date order.
_Step = tuple[date, Message]


def _say(code: str, **params: Param) -> Message:
    return message(CHINESE, code, **params)


def weekday(day: date) -> Message:
    return _say(WEEKDAYS[day.weekday()])


@dataclass(frozen=True)
class Interval:
    """A span of days, both ends included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise MessageError(_say("interval.reversed", start=self.start, end=self.end))

    def includes(self, day: date) -> bool:
        return self.start <= day <= self.end


def consultation_interval(letter_sent: date, answered: date) -> Interval:
    """The days 条例第33条第3款 takes out of the reply period for one consultation.

    [I] The 条例 does not define the span: we take the day after the letter is sent up to and
    including the day the answer arrives. When no answer comes, pass the last day of the
    consultee's period (条例第32条, 第34条: 15 个工作日) as `answered`.
    """
    if answered <= letter_sent:
        raise MessageError(
            _say("consultation.answered_too_early", answered=answered, sent=letter_sent)
        )
    return Interval(letter_sent + ONE_DAY, answered)


@dataclass(frozen=True)
class Deadline:
    due: date
    working_days: int
    provisional: bool
    steps: tuple[Message, ...]

    def as_json(self) -> dict[str, object]:
        """The `gongkai deadline --json` object of DESIGN.md: the steps as Chinese sentences."""
        return {
            "due": self.due.isoformat(),
            "working_days": self.working_days,
            "provisional": self.provisional,
            "steps": [step.text for step in self.steps],
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
    due = _count(calendar, base, working_days, pauses)
    years = [y for y in range(base.year, due.year + 1) if calendar.is_provisional_year(y)]
    steps = [
        _base_step(received, corrected),
        *_extension_steps(extended, working_days),
        *_timeline_steps(calendar, base, due, pauses),
        *_provisional_steps(years),
        _say("deadline.due", count=working_days, day=due, weekday=weekday(due)),
    ]
    return Deadline(due, working_days, bool(years), tuple(steps))


def _base_day(received: date, corrected: date | None) -> date:
    if corrected is None:
        return received
    if corrected < received:
        raise MessageError(
            _say("deadline.corrected_too_early", corrected=corrected, received=received)
        )
    return corrected


def _count(calendar: WorkCalendar, base: date, n: int, pauses: Sequence[Interval]) -> date:
    try:
        return calendar.add_working_days(base, n, skip=lambda day: _paused(day, pauses))
    except CountBeyondRangeError:
        # Name the deadline, not the first unsupported day: nobody typed that date.
        last = SUPPORTED_YEARS.stop - 1
        raise CalendarRangeError(
            _say(
                "deadline.beyond_range",
                base=base,
                count=n,
                first_year=SUPPORTED_YEARS.start,
                last_year=last,
            )
        ) from None


def _paused(day: date, pauses: Iterable[Interval]) -> bool:
    return any(interval.includes(day) for interval in pauses)


def _base_step(received: date, corrected: date | None) -> Message:
    if corrected is None:
        return _say(
            "deadline.received",
            day=received,
            weekday=weekday(received),
            count=REPLY_WORKING_DAYS,
        )
    return _say(
        "deadline.corrected",
        received=received,
        received_weekday=weekday(received),
        corrected=corrected,
        corrected_weekday=weekday(corrected),
        count=REPLY_WORKING_DAYS,
    )


def _extension_steps(extended: bool, working_days: int) -> list[Message]:
    if not extended:
        return []
    return [_say("deadline.extended", extension=EXTENSION_WORKING_DAYS, total=working_days)]


def _timeline_steps(
    calendar: WorkCalendar, base: date, due: date, pauses: Sequence[Interval]
) -> list[Message]:
    steps = [*_pause_steps(calendar, base, due, pauses), *_day_steps(calendar, base, due, pauses)]
    return [step for _, step in sorted(steps, key=lambda step: step[0])]


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
            step = _say(
                "deadline.weekend_worked", day=day, weekday=weekday(day), reason=info.reason
            )
            yield day, step


def _skip_step(run: Sequence[DayInfo]) -> _Step:
    first, last = run[0].day, run[-1].day
    days: Param = first if first == last else _say("deadline.days", first=first, last=last)
    reasons = _reasons([info.reason for info in run])
    return first, _say("deadline.skipped", days=days, reasons=reasons)


def _reasons(reasons: Iterable[Message]) -> tuple[Message, ...]:
    """The distinct reasons, the statutory holidays among them grouped first."""
    distinct = list(dict.fromkeys(reasons))
    statutory = tuple(reason for reason in distinct if reason.code in STATUTORY_HOLIDAYS)
    others = tuple(reason for reason in distinct if reason.code not in STATUTORY_HOLIDAYS)
    group = (_say("deadline.statutory", holidays=statutory),) if statutory else ()
    return group + others


def _pause_steps(
    calendar: WorkCalendar, base: date, due: date, pauses: Sequence[Interval]
) -> Iterator[_Step]:
    for interval in pauses:
        after, until = max(base, interval.start - ONE_DAY), min(due, interval.end)
        excluded = calendar.working_days_between(after, until) if after < until else 0
        step = _say("deadline.paused", first=interval.start, last=interval.end, excluded=excluded)
        yield max(interval.start, base + ONE_DAY), step


def _provisional_steps(years: Sequence[int]) -> list[Message]:
    if not years:
        return []
    return [_say("deadline.provisional", years=tuple(years))]
