"""The reply deadline of a case, from its recorded events, and what it means today.

``case_deadline`` composes ``gongkai.core.clock.reply_deadline`` (receipt, the corrected
application, consultation pauses, extension: 条例第30条、第33条) with what the clock alone does
not know:

- the fee pause: [U]/[I] the days from the fee notice to payment are not counted (applications.md
  §10), switchable by ``fee_pause``; the pause runs from the day after the notice reached the
  applicant up to and including the day of payment, as a consultation does (clock.py);
- consultations end with the answer, but [I] no later than the last day of the consultee's
  15 working days (条例第32条、第34条), counted from the day the letter was sent because the day
  it arrives is not recorded; after that day the agency decides without the answer;
- an open wait (correction, consultation, payment) is projected to its latest possible end:
  the end of the correction period, of the consultee's period, of the payment period. The
  deadline is then marked ``paused`` and must be recomputed when the next event comes;
- 条例第35条: [I] asking the applicant for reasons does not pause the clock (the 条例 says
  nothing of it; the conservative reading); once a 延迟答复 period is fixed, its last day is
  the deadline, not a count, and [I] steps recorded afterwards do not move it.

Reminders fall 5, 3 and 1 working days before the deadline; a case is due today, due soon
(within 3 working days), overdue, or paused for a given ``today``.
"""

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from gongkai.core.applications.workflow import (
    OPEN_STATUSES,
    CaseFacts,
    Consultation,
    Event,
    replay,
)
from gongkai.core.clock import (
    REPLY_WORKING_DAYS,
    Interval,
    consultation_interval,
    reply_deadline,
)
from gongkai.core.workcalendar import ONE_DAY, Message, Param, WorkCalendar, check_day, message

CORRECTION_NOTICE_WORKING_DAYS = 7  # 条例第30条
CONSULTATION_WORKING_DAYS = 15  # 条例第32条、第34条
PAYMENT_WORKING_DAYS = (
    20  # 国办函〔2020〕109号, as restated by 川财综〔2021〕 (applications.md §10)
)
REMINDER_WORKING_DAYS = (5, 3, 1)
DUE_SOON_WORKING_DAYS = 3

CHINESE: Mapping[str, str] = {
    "case.correction_open": (
        "%(requested)s 告知补正，补正期限至 %(until)s；尚未收到补正后的申请，"
        "暂按 %(until)s 收到计算，收到后依条例第30条自收到之日重新起算 %(count)s 个工作日"
    ),
    "case.consultation_open": (
        "%(sent)s 向%(party)s发出征求意见函，尚未收到意见；"
        "暂按其答复期限届满日 %(period_end)s 计算（条例第32条：15 个工作日）"
    ),
    "case.consultation_late": (
        "%(party)s的意见于 %(answered)s 收到，晚于其答复期限届满日 %(period_end)s；"
        "不计入答复期限的期间截至 %(period_end)s（条例第32条）"
    ),
    "case.fee_paused": (
        "%(first)s 至 %(last)s 收费通知至缴费期间不计入答复期限"
        "（国办函〔2020〕109号）：其间 %(excluded)s 个工作日不计算"
    ),
    "case.fee_open": (
        "%(notified)s 收费通知送达，尚未缴费；缴费期限至 %(due)s（%(count)s 个工作日），"
        "暂按该日缴费计算"
    ),
    "case.fee_counted": "按本机关设置，收费通知至缴费期间计入答复期限",
    "case.reasons_asked": (
        "%(day)s 要求申请人说明理由（条例第35条）；说明理由期间照常计算答复期限"
    ),
    "case.reasons_asked_until": (
        "%(day)s 要求申请人于 %(until)s 前说明理由（条例第35条）；说明理由期间照常计算答复期限"
    ),
    "case.longer_period": (
        "%(day)s 确定延迟答复期限至 %(until)s 并告知申请人（条例第35条）：答复期限为 %(until)s，"
        "不再按上述工作日计算"
    ),
    "case.before": "日期 %(day)s 之前第 %(count)s 个工作日超出支持范围",
}


def _say(code: str, **params: Param) -> Message:
    return message(CHINESE, code, **params)


def correction_notice_due(calendar: WorkCalendar, received: date) -> date:
    """The last day to send the single correction notice (条例第30条: 7 个工作日 of receipt)."""
    return calendar.add_working_days(received, CORRECTION_NOTICE_WORKING_DAYS)


def correction_period_end(calendar: WorkCalendar, notified: date, working_days: int) -> date:
    """The end of the applicant's 合理的补正期限, an agency setting printed in the notice.

    [I] The 条例 fixes no length; counted in working days after the notice day, as the
    agency's other periods.
    """
    return calendar.add_working_days(notified, working_days)


def consultation_period_end(calendar: WorkCalendar, sent: date) -> date:
    """The consultee's last day to answer (条例第32条、第34条); [I] counted from the sending day."""
    return calendar.add_working_days(sent, CONSULTATION_WORKING_DAYS)


def payment_due(calendar: WorkCalendar, notified: date) -> date:
    """The last day to pay: 20 working days from the day after the notice reached the applicant."""
    return calendar.add_working_days(notified, PAYMENT_WORKING_DAYS)


@dataclass(frozen=True)
class CaseDeadline:
    due: date
    working_days: int
    provisional: bool  # the count touches a year without the State Council's notice
    paused: bool  # an open wait was projected to its latest end: recompute on the next event
    waiting_until: date | None  # the latest end of the open waits, when paused
    steps: tuple[Message, ...]

    def as_json(self) -> dict[str, object]:
        """The `gongkai deadline --json` shape, with the pause besides."""
        return {
            "due": self.due.isoformat(),
            "working_days": self.working_days,
            "provisional": self.provisional,
            "paused": self.paused,
            "steps": [step.text for step in self.steps],
        }


def case_deadline(
    events: Sequence[Event], calendar: WorkCalendar, *, fee_pause: bool = True
) -> CaseDeadline:
    """The reply deadline of the case the events describe, with the reasoning."""
    return deadline_of(replay(events), calendar, fee_pause=fee_pause)


def deadline_of(
    facts: CaseFacts, calendar: WorkCalendar, *, fee_pause: bool = True
) -> CaseDeadline:
    waits: list[date] = []
    notes: list[Message] = []
    corrected = _corrected(facts, waits)
    consultations = [_consultation(calendar, c, waits, notes) for c in facts.consultations]
    fee = _fee_interval(calendar, facts, waits, notes) if fee_pause else None
    if facts.fee_notified is not None and not fee_pause:
        notes.append(_say("case.fee_counted"))
    base = reply_deadline(
        calendar,
        received=facts.received,
        corrected=corrected,
        paused=[*consultations, *([fee] if fee else [])],
        extended=facts.extended is not None,
    )
    head = _head(facts, base.steps[0])
    rest = [_relabel(step, fee) for step in base.steps[1:]]
    notes.extend(_reasons_note(facts))
    if facts.longer_period_set is not None and facts.longer_period_until is not None:
        until = facts.longer_period_until
        fixed = _say("case.longer_period", day=facts.longer_period_set, until=until)
        return CaseDeadline(
            due=until,
            working_days=base.working_days,
            provisional=False,  # a date fixed and notified, not a count of working days
            paused=False,
            waiting_until=None,
            steps=(head, *notes, *rest, fixed),
        )
    return CaseDeadline(
        due=base.due,
        working_days=base.working_days,
        provisional=base.provisional,
        paused=bool(waits),
        waiting_until=max(waits) if waits else None,
        steps=(head, *notes, *rest),
    )


def _reasons_note(facts: CaseFacts) -> list[Message]:
    if facts.reasons_asked is None:
        return []
    if facts.reasons_until is None:
        return [_say("case.reasons_asked", day=facts.reasons_asked)]
    return [_say("case.reasons_asked_until", day=facts.reasons_asked, until=facts.reasons_until)]


def _correction_open(facts: CaseFacts) -> bool:
    return facts.correction_requested is not None and facts.corrected is None


def _corrected(facts: CaseFacts, waits: list[date]) -> date | None:
    if not _correction_open(facts):
        return facts.corrected
    until = facts.correction_until or facts.last_day
    if facts.outcome is None:
        waits.append(until)
    return until


def _head(facts: CaseFacts, base_step: Message) -> Message:
    if not _correction_open(facts) or facts.correction_requested is None:
        return base_step
    return _say(
        "case.correction_open",
        requested=facts.correction_requested,
        until=facts.correction_until or facts.last_day,
        count=REPLY_WORKING_DAYS,
    )


def _consultation(
    calendar: WorkCalendar, consultation: Consultation, waits: list[date], notes: list[Message]
) -> Interval:
    period_end = consultation_period_end(calendar, consultation.sent)
    party = consultation.party
    if consultation.answered is None:
        waits.append(period_end)
        notes.append(
            _say(
                "case.consultation_open",
                sent=consultation.sent,
                party=party,
                period_end=period_end,
            )
        )
        return consultation_interval(consultation.sent, period_end)
    if consultation.answered > period_end:
        notes.append(
            _say(
                "case.consultation_late",
                party=party,
                answered=consultation.answered,
                period_end=period_end,
            )
        )
        return consultation_interval(consultation.sent, period_end)
    return consultation_interval(consultation.sent, consultation.answered)


def _fee_interval(
    calendar: WorkCalendar, facts: CaseFacts, waits: list[date], notes: list[Message]
) -> Interval | None:
    notified = facts.fee_notified
    if notified is None:
        return None
    end = facts.paid
    if end is None:
        end = payment_due(calendar, notified)
        if facts.outcome is None:
            waits.append(end)
            notes.append(
                _say("case.fee_open", notified=notified, due=end, count=PAYMENT_WORKING_DAYS)
            )
    if end <= notified:  # paid the day the notice arrived: nothing to take out
        return None
    return Interval(notified + ONE_DAY, end)


def _relabel(step: Message, fee: Interval | None) -> Message:
    """The clock calls every pause a consultation; the fee pause is named as what it is."""
    if fee is None or step.code != "deadline.paused":
        return step
    if (step.params["first"], step.params["last"]) != (fee.start, fee.end):
        return step
    return _say("case.fee_paused", first=fee.start, last=fee.end, excluded=step.params["excluded"])


def working_day_before(calendar: WorkCalendar, day: date, n: int) -> date:
    """The n-th working day before `day` (`day` itself not counted)."""
    counted = 0
    while counted < n:
        day = check_day(day - ONE_DAY)
        if calendar.is_working_day(day):
            counted += 1
    return day


def reminder_days(calendar: WorkCalendar, due: date) -> dict[date, int]:
    """The days a reminder is due, each with how many working days remain (5, 3, 1)."""
    return {working_day_before(calendar, due, n): n for n in REMINDER_WORKING_DAYS}


def reminder_on(calendar: WorkCalendar, due: date, *, today: date) -> int | None:
    """5, 3 or 1 when `today` is a reminder day of the deadline `due`, else None."""
    return reminder_days(calendar, due).get(today)


class Bucket(enum.StrEnum):
    """The console's views of open cases."""

    DUE_TODAY = "due_today"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    PAUSED = "paused"

    @property
    def label(self) -> str:
        return BUCKET_LABELS[self]


BUCKET_LABELS: Mapping[Bucket, str] = {
    Bucket.DUE_TODAY: "今日到期",
    Bucket.DUE_SOON: "3个工作日内到期",
    Bucket.OVERDUE: "已逾期",
    Bucket.PAUSED: "暂停计时",
}


def bucket(calendar: WorkCalendar, deadline: CaseDeadline, *, today: date) -> Bucket | None:
    """Where an open case's deadline stands on `today`; None when it is simply on time.

    A wait counts as a pause only until its latest end: a correction period or payment period
    that ran out without the lapse being recorded leaves the case counting again.
    """
    if deadline.waiting_until is not None and today <= deadline.waiting_until:
        return Bucket.PAUSED
    if today > deadline.due:
        return Bucket.OVERDUE
    if today == deadline.due:
        return Bucket.DUE_TODAY
    if calendar.working_days_between(today, deadline.due) <= DUE_SOON_WORKING_DAYS:
        return Bucket.DUE_SOON
    return None


def case_bucket(
    events: Sequence[Event], calendar: WorkCalendar, *, today: date, fee_pause: bool = True
) -> Bucket | None:
    """The bucket of a case on `today`; None for a case already decided or on time."""
    facts = replay(events)
    if facts.status not in OPEN_STATUSES:
        return None
    return bucket(calendar, deadline_of(facts, calendar, fee_pause=fee_pause), today=today)
