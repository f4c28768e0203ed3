"""The handling of one application as recorded events and a transition table.

A case is its list of events in date order; its status is the table replayed over them
(``replay``). Which step may come next, with the time rules of the 条例 (a single correction
within 7 working days, one extension before the deadline, no decision while a fee is unpaid),
is decided in ``handling.py``; this module is the table alone, so replaying stored events
never depends on the calendar of the day.
"""

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date

from gongkai.core.applications.vocabulary import Outcome, Variant
from gongkai.core.workcalendar import Message, MessageError, Param, message


class Status(enum.StrEnum):
    REGISTERED = "registered"
    ASSIGNED = "assigned"
    AWAITING_CORRECTION = "awaiting_correction"
    CONSULTING = "consulting"
    AWAITING_PAYMENT = "awaiting_payment"
    DECIDED = "decided"
    LETTER_ISSUED = "letter_issued"
    DELIVERED = "delivered"
    CLOSED = "closed"
    ARCHIVED = "archived"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: Mapping[Status, str] = {
    Status.REGISTERED: "已登记",
    Status.ASSIGNED: "办理中",
    Status.AWAITING_CORRECTION: "待补正",
    Status.CONSULTING: "征求意见中",
    Status.AWAITING_PAYMENT: "待缴费",
    Status.DECIDED: "已决定",
    Status.LETTER_ISSUED: "已出具答复书",
    Status.DELIVERED: "已送达",
    Status.CLOSED: "已办结",
    Status.ARCHIVED: "已归档",
}
# The reply is still owed (the deadline matters) in these.
OPEN_STATUSES = frozenset(
    {
        Status.REGISTERED,
        Status.ASSIGNED,
        Status.AWAITING_CORRECTION,
        Status.CONSULTING,
        Status.AWAITING_PAYMENT,
    }
)


class Step(enum.StrEnum):
    REGISTER = "register"
    ASSIGN = "assign"
    REQUEST_CORRECTION = "request_correction"
    RECEIVE_CORRECTION = "receive_correction"
    CORRECTION_LAPSED = "correction_lapsed"
    SEND_CONSULTATION = "send_consultation"
    RECEIVE_OPINION = "receive_opinion"
    EXTEND = "extend"
    ASK_REASONS = "ask_reasons"
    SET_LONGER_PERIOD = "set_longer_period"
    NOTIFY_FEE = "notify_fee"
    RECORD_PAYMENT = "record_payment"
    FEE_LAPSED = "fee_lapsed"
    WITHDRAW = "withdraw"
    DECIDE = "decide"
    ISSUE_LETTER = "issue_letter"
    DELIVER = "deliver"
    CLOSE = "close"
    ARCHIVE = "archive"

    @property
    def label(self) -> str:
        return STEP_LABELS[self]


STEP_LABELS: Mapping[Step, str] = {
    Step.REGISTER: "登记",
    Step.ASSIGN: "分办",
    Step.REQUEST_CORRECTION: "告知补正",
    Step.RECEIVE_CORRECTION: "收到补正",
    Step.CORRECTION_LAPSED: "逾期未补正，视为放弃申请",
    Step.SEND_CONSULTATION: "发出征求意见函",
    Step.RECEIVE_OPINION: "收到征求意见答复",
    Step.EXTEND: "延长答复期限",
    Step.ASK_REASONS: "要求申请人说明理由",
    Step.SET_LONGER_PERIOD: "确定延迟答复期限",
    Step.NOTIFY_FEE: "发出收费通知",
    Step.RECORD_PAYMENT: "登记缴费",
    Step.FEE_LAPSED: "逾期未缴费，视为放弃申请",
    Step.WITHDRAW: "申请人撤回申请",
    Step.DECIDE: "作出答复决定",
    Step.ISSUE_LETTER: "出具答复书",
    Step.DELIVER: "送达",
    Step.CLOSE: "办结",
    Step.ARCHIVE: "归档",
}

_WAITING = (Status.AWAITING_CORRECTION, Status.CONSULTING, Status.AWAITING_PAYMENT)

TRANSITIONS: Mapping[tuple[Status, Step], Status] = {
    (Status.REGISTERED, Step.ASSIGN): Status.ASSIGNED,
    (Status.ASSIGNED, Step.ASSIGN): Status.ASSIGNED,  # [I] reassignment to another handler
    (Status.ASSIGNED, Step.REQUEST_CORRECTION): Status.AWAITING_CORRECTION,
    (Status.AWAITING_CORRECTION, Step.RECEIVE_CORRECTION): Status.ASSIGNED,
    (Status.AWAITING_CORRECTION, Step.CORRECTION_LAPSED): Status.DECIDED,  # （六）1
    (Status.ASSIGNED, Step.SEND_CONSULTATION): Status.CONSULTING,
    (Status.CONSULTING, Step.SEND_CONSULTATION): Status.CONSULTING,
    # back to CONSULTING while another consultation is still open (see replay)
    (Status.CONSULTING, Step.RECEIVE_OPINION): Status.ASSIGNED,
    (Status.ASSIGNED, Step.EXTEND): Status.ASSIGNED,
    (Status.CONSULTING, Step.EXTEND): Status.CONSULTING,
    # 条例第35条: asking for the reasons, then, reasons accepted, a longer period; the case
    # stays where it is (handling.py: the order and the once-only rules)
    (Status.ASSIGNED, Step.ASK_REASONS): Status.ASSIGNED,
    (Status.CONSULTING, Step.ASK_REASONS): Status.CONSULTING,
    (Status.ASSIGNED, Step.SET_LONGER_PERIOD): Status.ASSIGNED,
    (Status.CONSULTING, Step.SET_LONGER_PERIOD): Status.CONSULTING,
    (Status.ASSIGNED, Step.NOTIFY_FEE): Status.AWAITING_PAYMENT,
    (Status.AWAITING_PAYMENT, Step.RECORD_PAYMENT): Status.ASSIGNED,
    (Status.AWAITING_PAYMENT, Step.FEE_LAPSED): Status.DECIDED,  # （六）2
    (Status.ASSIGNED, Step.DECIDE): Status.DECIDED,
    (Status.CONSULTING, Step.DECIDE): Status.DECIDED,  # once the consultees' periods ran out
    **{(status, Step.WITHDRAW): Status.DECIDED for status in OPEN_STATUSES},  # （六）3
    (Status.DECIDED, Step.ISSUE_LETTER): Status.LETTER_ISSUED,
    (Status.LETTER_ISSUED, Step.DELIVER): Status.DELIVERED,
    (Status.DELIVERED, Step.CLOSE): Status.CLOSED,
    (Status.DECIDED, Step.CLOSE): Status.CLOSED,  # lapses and withdrawals only (handling.py)
    (Status.CLOSED, Step.ARCHIVE): Status.ARCHIVED,
}

# The outcome a step gives the case by itself.
STEP_OUTCOMES: Mapping[Step, Outcome] = {
    Step.CORRECTION_LAPSED: Outcome.NOT_CORRECTED,
    Step.FEE_LAPSED: Outcome.FEE_NOT_PAID,
    Step.WITHDRAW: Outcome.OTHER,
}


@dataclass(frozen=True)
class Event:
    """One recorded step of a case, on the day it happened.

    `day` is, for REGISTER, the receipt date of 条例第31条 (intake.receipt_date); for
    NOTIFY_FEE, [I] the day the applicant received the notice (the payment period runs from
    the next day); for SEND_CONSULTATION, the day the letter was sent.
    """

    step: Step
    day: date
    outcome: Outcome | None = None  # DECIDE
    variant: Variant | None = None  # DECIDE, for the rows that cover two reply types
    # REQUEST_CORRECTION: the last day of the correction period; ASK_REASONS: optionally, the
    # day the applicant is asked to answer by; SET_LONGER_PERIOD: the 延迟答复 deadline
    until: date | None = None
    party: str = ""  # SEND_CONSULTATION, RECEIVE_OPINION: who is consulted
    # RECEIVE_CORRECTION after its period: the applicant's 正当理由; EXTEND, SET_LONGER_PERIOD:
    # why the reply needs longer
    reason: str = ""


@dataclass(frozen=True)
class Consultation:
    party: str
    sent: date
    answered: date | None


@dataclass(frozen=True)
class CaseFacts:
    """What the events of a case add up to."""

    status: Status
    received: date
    last_day: date
    last_step: Step = Step.REGISTER
    correction_requested: date | None = None
    correction_until: date | None = None
    corrected: date | None = None
    consultations: tuple[Consultation, ...] = ()
    extended: date | None = None
    reasons_asked: date | None = None  # 条例第35条
    reasons_until: date | None = None
    longer_period_set: date | None = None  # the day the 延迟答复 period was fixed
    longer_period_until: date | None = None  # its last day: the case deadline
    fee_notified: date | None = None
    paid: date | None = None
    outcome: Outcome | None = None
    variant: Variant | None = None

    @property
    def open_consultations(self) -> tuple[Consultation, ...]:
        return tuple(c for c in self.consultations if c.answered is None)


CHINESE: Mapping[str, str] = {
    "case.empty": "案件没有任何记录，须先登记",
    "case.register_first": "案件须先登记，第一步不能是“%(step)s”",
    "case.registered_twice": "案件已于 %(day)s 登记，不能再次登记",
    "case.out_of_order": (
        "“%(step)s”的日期 %(day)s 早于上一步“%(previous)s”的日期 %(previous_day)s"
    ),
    "case.wrong_status": "当前状态“%(status)s”下不能“%(step)s”",
    "consultation.unknown": "没有向“%(party)s”发出且尚未答复的征求意见函",
    "consultation.answered_same_day": "收到意见的日期 %(answered)s 须晚于征求意见函发出日 %(sent)s",
}


def say(code: str, **params: Param) -> Message:
    return message(CHINESE, code, **params)


class StepRefused(MessageError):
    """A step the case cannot take now; str() is the Chinese reason."""


def replay(events: Sequence[Event]) -> CaseFacts:
    """The facts of a case from its events; StepRefused if the table forbids one of them."""
    if not events:
        raise StepRefused(say("case.empty"))
    first = events[0]
    if first.step is not Step.REGISTER:
        raise StepRefused(say("case.register_first", step=first.step.label))
    facts = CaseFacts(Status.REGISTERED, first.day, first.day)
    for event in events[1:]:
        facts = apply(facts, event)
    return facts


def apply(facts: CaseFacts, event: Event) -> CaseFacts:
    """The facts after one more event, by the table alone."""
    if event.step is Step.REGISTER:
        raise StepRefused(say("case.registered_twice", day=facts.received))
    if event.day < facts.last_day:
        raise StepRefused(
            say(
                "case.out_of_order",
                step=event.step.label,
                day=event.day,
                previous=facts.last_step.label,
                previous_day=facts.last_day,
            )
        )
    status = TRANSITIONS.get((facts.status, event.step))
    if status is None:
        raise StepRefused(
            say("case.wrong_status", status=facts.status.label, step=event.step.label)
        )
    return _record(facts, event, status)


def _record(facts: CaseFacts, event: Event, status: Status) -> CaseFacts:
    day, step = event.day, event.step
    facts = replace(facts, status=status, last_day=day, last_step=step)
    if step is Step.REQUEST_CORRECTION:
        return replace(facts, correction_requested=day, correction_until=event.until)
    if step is Step.RECEIVE_CORRECTION:
        return replace(facts, corrected=day)
    if step is Step.SEND_CONSULTATION:
        sent = Consultation(event.party, day, None)
        return replace(facts, consultations=(*facts.consultations, sent))
    if step is Step.RECEIVE_OPINION:
        consultations = _answer(facts.consultations, event)
        still_open = any(c.answered is None for c in consultations)
        return replace(
            facts,
            consultations=consultations,
            status=Status.CONSULTING if still_open else status,
        )
    if step is Step.EXTEND:
        return replace(facts, extended=day)
    if step is Step.ASK_REASONS:
        return replace(facts, reasons_asked=day, reasons_until=event.until)
    if step is Step.SET_LONGER_PERIOD:
        return replace(facts, longer_period_set=day, longer_period_until=event.until)
    if step is Step.NOTIFY_FEE:
        return replace(facts, fee_notified=day)
    if step is Step.RECORD_PAYMENT:
        return replace(facts, paid=day)
    if step is Step.DECIDE:
        return replace(facts, outcome=event.outcome, variant=event.variant)
    if step in STEP_OUTCOMES:
        return replace(facts, outcome=STEP_OUTCOMES[step])
    return facts


def _answer(consultations: tuple[Consultation, ...], event: Event) -> tuple[Consultation, ...]:
    """The consultations with the earliest open one to `event.party` answered."""
    for k, consultation in enumerate(consultations):
        if consultation.answered is None and consultation.party == event.party:
            if event.day <= consultation.sent:
                raise StepRefused(
                    say(
                        "consultation.answered_same_day",
                        answered=event.day,
                        sent=consultation.sent,
                    )
                )
            answered = Consultation(consultation.party, consultation.sent, event.day)
            return (*consultations[:k], answered, *consultations[k + 1 :])
    raise StepRefused(say("consultation.unknown", party=event.party))
