"""Which step a case may take next, and the Chinese reason when it may not.

The transition table (workflow.py) says which steps a status allows; the 条例 adds rules
of time and number that need the events and the calendar:

- 条例第30条: one correction notice (一次性告知), sent within 7 working days of receipt, with a
  period for the applicant; 视为放弃 only after that period; [I] a correction arriving after
  its period is accepted only with the applicant's 正当理由 recorded;
- 条例第33条第2款: one extension, decided and told to the applicant before the deadline;
- 国办函〔2020〕109号 (applications.md §10): [I] one fee notice; no decision while the fee
  is unpaid; payment within 20 working days, 视为放弃 only after them;
- 条例第32条: [I] no decision while a consultee's 15 working days are still running
  without an answer;
- the decision is one row of table 三; the rows of a lapse come only from their step, and
  （四）3 补正后申请内容仍不明确 only after a correction was received;
- [I] a decision on the merits is closed only after its letter was delivered;
- 条例第35条: the applicant may be asked once for the reasons of requests clearly beyond a
  reasonable range; [I] the clock does not pause meanwhile. （五）4 无正当理由大量反复申请 only
  after that request and not once reasons were accepted; reasons accepted, one 延迟答复 period
  ending after the current deadline, [I] fixed before that deadline passes, and then no
  extension under 条例第33条.
"""

from collections.abc import Mapping, Sequence
from datetime import date

from gongkai.core.applications.deadlines import (
    consultation_period_end,
    correction_notice_due,
    deadline_of,
    payment_due,
)
from gongkai.core.applications.vocabulary import LAPSE_OUTCOMES, Outcome, reply_items
from gongkai.core.applications.workflow import (
    TRANSITIONS,
    CaseFacts,
    Event,
    Status,
    Step,
    StepRefused,
    apply,
    replay,
)
from gongkai.core.workcalendar import Message, MessageError, Param, WorkCalendar, message

CHINESE: Mapping[str, str] = {
    "step.future": "“%(step)s”的日期 %(day)s 晚于今天 %(today)s",
    "step.out_of_order": "“%(step)s”的日期 %(day)s 早于上一步的日期 %(previous_day)s",
    "step.wrong_status": "当前状态“%(status)s”下不能“%(step)s”",
    "correction.second": (
        "补正应一次性告知（条例第30条）：本申请已于 %(day)s 告知补正，不能再次告知"
    ),
    "correction.late": (
        "补正告知应自收到申请之日起 7 个工作日内发出（条例第30条）：本申请 %(received)s 收到，"
        "告知期限至 %(due)s，%(day)s 已逾期"
    ),
    "correction.no_period": "补正告知须载明晚于告知日 %(day)s 的合理补正期限（条例第30条）",
    "correction.after_period": (
        "补正期限已于 %(until)s 届满；逾期补正的，须记录申请人的正当理由（条例第30条）"
    ),
    "correction.not_lapsed": "补正期限至 %(until)s，期满前不能视为放弃申请",
    "correction.pending": "申请人正在补正（补正期限至 %(until)s），收到补正或期满前不能作出答复决定",
    "extension.second": "答复期限只能延长一次（条例第33条第2款），本申请已于 %(day)s 延长",
    "extension.late": (
        "延长答复期限须在答复期限 %(due)s 届满前经政府信息公开工作机构负责人同意并告知申请人"
        "（条例第33条第2款），%(day)s 已逾期"
    ),
    "fee.second": "本申请已于 %(day)s 发出收费通知，不能再次发出",
    "fee.unpaid": (
        "申请人尚未缴纳 %(notified)s 收费通知所列费用（缴费期限至 %(due)s），不能作出答复决定"
    ),
    "fee.late_payment": (
        "缴费期限已于 %(due)s 届满，应视为放弃申请（国办函〔2020〕109号），不能再登记缴费"
    ),
    "fee.not_lapsed": "缴费期限至 %(due)s，期满前不能视为放弃申请",
    "consultation.no_party": "须写明征求意见的对象（第三方或其他机关）",
    "consultation.pending": (
        "征求%(party)s意见的答复期限至 %(until)s（条例第32条），期满前未收到意见不能作出决定"
    ),
    "decision.no_outcome": "作出答复决定须选择办理结果（年度报告表三的一行）",
    "decision.lapse_outcome": "办理结果“%(outcome)s”只能由“%(step)s”产生，不能直接选择",
    "decision.not_corrected": "未收到补正后的申请，不能以“补正后申请内容仍不明确”答复（条例第30条）",
    "close.needs_letter": "办理结果“%(outcome)s”须出具答复书并送达后才能办结（条例第36条）",
    "reasons.second": "本申请已于 %(day)s 要求申请人说明理由（条例第35条），不能再次要求",
    "reasons.no_period": "说明理由的期限 %(until)s 须晚于要求之日 %(day)s",
    "longer.not_asked": (
        "须先要求申请人说明理由（条例第35条），理由成立的，才能确定延迟答复的合理期限"
    ),
    "longer.second": ("延迟答复期限已于 %(day)s 确定至 %(until)s（条例第35条），不能再次确定"),
    "longer.no_date": "须写明延迟答复的期限（条例第35条）",
    "longer.not_later": (
        "延迟答复期限 %(until)s 须晚于当前答复期限 %(due)s，否则不必延迟答复（条例第35条）"
    ),
    "longer.late": (
        "延迟答复期限须在答复期限 %(due)s 届满前确定并告知申请人（条例第35条），%(day)s 已逾期"
    ),
    "extension.after_longer": (
        "本申请已于 %(day)s 确定延迟答复期限至 %(until)s（条例第35条），不再延长答复期限"
    ),
    "decision.excessive_not_asked": (
        "未要求申请人说明理由，不能以“无正当理由大量反复申请”不予处理（条例第35条）"
    ),
    "decision.excessive_accepted": (
        "申请人的理由已被接受（%(day)s 确定延迟答复期限），不能再以“无正当理由大量反复申请”"
        "不予处理（条例第35条）"
    ),
}


def _say(code: str, **params: Param) -> Message:
    return message(CHINESE, code, **params)


_LAPSE_STEPS = {
    Outcome.NOT_CORRECTED: Step.CORRECTION_LAPSED,
    Outcome.FEE_NOT_PAID: Step.FEE_LAPSED,
}


def check_step(
    events: Sequence[Event],
    event: Event,
    calendar: WorkCalendar,
    *,
    today: date | None = None,
    fee_pause: bool = True,
) -> CaseFacts:
    """The facts of the case after `event`, if it may take it; StepRefused otherwise."""
    facts = replay(events)
    if today is not None and event.day > today:
        raise StepRefused(_say("step.future", step=event.step.label, day=event.day, today=today))
    refusal = _refusal(facts, event.step, event.day, calendar, fee_pause)
    refusal = refusal or _content_refusal(facts, event, calendar, fee_pause)
    if refusal is not None:
        raise StepRefused(refusal)
    return apply(facts, event)


def allowed_steps(
    events: Sequence[Event], calendar: WorkCalendar, *, on: date, fee_pause: bool = True
) -> list[Step]:
    """The steps the case may take on day `on`, for the buttons of the console."""
    facts = replay(events)
    return [
        step
        for step in Step
        if step is not Step.REGISTER and _refusal(facts, step, on, calendar, fee_pause) is None
    ]


def refusal(
    events: Sequence[Event], step: Step, calendar: WorkCalendar, *, on: date, fee_pause: bool = True
) -> Message | None:
    """Why the case may not take `step` on `on`, or None (the content is not checked)."""
    return _refusal(replay(events), step, on, calendar, fee_pause)


def _refusal(
    facts: CaseFacts, step: Step, day: date, calendar: WorkCalendar, fee_pause: bool
) -> Message | None:
    if day < facts.last_day:
        return _say("step.out_of_order", step=step.label, day=day, previous_day=facts.last_day)
    return (
        _repeat_refusal(facts, step)
        or _waiting_refusal(facts, step, calendar)
        or _status_refusal(facts, step)
        or _time_refusal(facts, step, day, calendar, fee_pause)
    )


def _repeat_refusal(facts: CaseFacts, step: Step) -> Message | None:
    if step is Step.REQUEST_CORRECTION and facts.correction_requested is not None:
        return _say("correction.second", day=facts.correction_requested)
    if step is Step.EXTEND and facts.extended is not None:
        return _say("extension.second", day=facts.extended)
    if step is Step.NOTIFY_FEE and facts.fee_notified is not None:
        return _say("fee.second", day=facts.fee_notified)
    if step is Step.ASK_REASONS and facts.reasons_asked is not None:
        return _say("reasons.second", day=facts.reasons_asked)
    if step in (Step.SET_LONGER_PERIOD, Step.EXTEND) and facts.longer_period_set is not None:
        code = "longer.second" if step is Step.SET_LONGER_PERIOD else "extension.after_longer"
        return _say(code, day=facts.longer_period_set, until=facts.longer_period_until or "")
    if step is Step.SET_LONGER_PERIOD and facts.reasons_asked is None:
        return _say("longer.not_asked")
    return None


def _waiting_refusal(facts: CaseFacts, step: Step, calendar: WorkCalendar) -> Message | None:
    """A decision while the applicant still owes a correction or a payment."""
    if step is not Step.DECIDE:
        return None
    if facts.status is Status.AWAITING_PAYMENT and facts.fee_notified is not None:
        due = payment_due(calendar, facts.fee_notified)
        return _say("fee.unpaid", notified=facts.fee_notified, due=due)
    if facts.status is Status.AWAITING_CORRECTION:
        return _say("correction.pending", until=facts.correction_until or facts.last_day)
    return None


def _status_refusal(facts: CaseFacts, step: Step) -> Message | None:
    if (facts.status, step) in TRANSITIONS:
        return None
    return _say("step.wrong_status", status=facts.status.label, step=step.label)


def _time_refusal(
    facts: CaseFacts, step: Step, day: date, calendar: WorkCalendar, fee_pause: bool
) -> Message | None:
    if step is Step.REQUEST_CORRECTION:
        due = correction_notice_due(calendar, facts.received)
        return (
            _say("correction.late", received=facts.received, due=due, day=day)
            if day > due
            else None
        )
    if step is Step.CORRECTION_LAPSED:
        until = facts.correction_until
        if until is None or day > until:
            return None
        return _say("correction.not_lapsed", until=until)
    if step in (Step.EXTEND, Step.SET_LONGER_PERIOD):
        due = deadline_of(facts, calendar, fee_pause=fee_pause).due
        code = "extension.late" if step is Step.EXTEND else "longer.late"
        return _say(code, due=due, day=day) if day > due else None
    if step in (Step.RECORD_PAYMENT, Step.FEE_LAPSED) and facts.fee_notified is not None:
        return _payment_refusal(step, day, payment_due(calendar, facts.fee_notified))
    if step is Step.DECIDE:
        return _consultation_refusal(facts, day, calendar)
    if step is Step.CLOSE:
        return _close_refusal(facts)
    return None


def _close_refusal(facts: CaseFacts) -> Message | None:
    outcome = facts.outcome
    if facts.status is not Status.DECIDED or outcome is None or outcome in LAPSE_OUTCOMES:
        return None
    return _say("close.needs_letter", outcome=outcome.info.ref)


def _payment_refusal(step: Step, day: date, due: date) -> Message | None:
    if step is Step.RECORD_PAYMENT and day > due:
        return _say("fee.late_payment", due=due)
    if step is Step.FEE_LAPSED and day <= due:
        return _say("fee.not_lapsed", due=due)
    return None


def _consultation_refusal(facts: CaseFacts, day: date, calendar: WorkCalendar) -> Message | None:
    for consultation in facts.open_consultations:
        until = consultation_period_end(calendar, consultation.sent)
        if day <= until:
            return _say("consultation.pending", party=consultation.party, until=until)
    return None


def _content_refusal(
    facts: CaseFacts, event: Event, calendar: WorkCalendar, fee_pause: bool
) -> Message | None:
    """What the event itself must carry."""
    step, day = event.step, event.day
    if step is Step.ASK_REASONS and event.until is not None and event.until <= day:
        return _say("reasons.no_period", until=event.until, day=day)
    if step is Step.SET_LONGER_PERIOD:
        return _longer_period_refusal(facts, event, calendar, fee_pause)
    if step is Step.REQUEST_CORRECTION and (event.until is None or event.until <= day):
        return _say("correction.no_period", day=day)
    until = facts.correction_until
    late = until is not None and day > until
    if step is Step.RECEIVE_CORRECTION and late and not event.reason.strip():
        return _say("correction.after_period", until=until or day)
    if step is Step.SEND_CONSULTATION and not event.party.strip():
        return _say("consultation.no_party")
    if step is Step.DECIDE:
        return _decision_refusal(facts, event)
    return None


def _longer_period_refusal(
    facts: CaseFacts, event: Event, calendar: WorkCalendar, fee_pause: bool
) -> Message | None:
    if event.until is None:
        return _say("longer.no_date")
    due = deadline_of(facts, calendar, fee_pause=fee_pause).due
    if event.until <= due:
        return _say("longer.not_later", until=event.until, due=due)
    return None


def _decision_refusal(facts: CaseFacts, event: Event) -> Message | None:
    outcome = event.outcome
    if outcome is None:
        return _say("decision.no_outcome")
    if outcome in _LAPSE_STEPS:
        return _say(
            "decision.lapse_outcome", outcome=outcome.info.ref, step=_LAPSE_STEPS[outcome].label
        )
    if outcome is Outcome.STILL_UNCLEAR and facts.corrected is None:
        return _say("decision.not_corrected")
    if outcome is Outcome.EXCESSIVE and facts.reasons_asked is None:
        return _say("decision.excessive_not_asked")
    if outcome is Outcome.EXCESSIVE and facts.longer_period_set is not None:
        return _say("decision.excessive_accepted", day=facts.longer_period_set)
    try:
        reply_items(outcome, event.variant)
    except MessageError as error:
        return error.message
    return None
