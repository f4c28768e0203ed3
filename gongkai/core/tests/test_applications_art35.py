"""条例第35条: asking the applicant for the reasons of requests clearly beyond a reasonable
range, the （五）4 decision that may follow, and the 延迟答复 period when the reasons are
accepted (reference applications.md §§6–7)."""

from datetime import date

import pytest

from gongkai.core.applications import (
    Event,
    Outcome,
    Status,
    Step,
    StepRefused,
    allowed_steps,
    case_bucket,
    case_deadline,
    check_step,
    refusal,
    replay,
)
from gongkai.core.workcalendar import WorkCalendar

CALENDAR = WorkCalendar()

RECEIVED = date(2025, 3, 3)  # Monday; 20 working days → 2025-03-31
DUE = date(2025, 3, 31)
OPENED = [Event(Step.REGISTER, RECEIVED), Event(Step.ASSIGN, date(2025, 3, 4))]
ASKED = Event(Step.ASK_REASONS, date(2025, 3, 5), until=date(2025, 3, 12))


def take(events: list[Event], event: Event) -> list[Event]:
    check_step(events, event, CALENDAR)
    return [*events, event]


def refused(events: list[Event], event: Event) -> str:
    with pytest.raises(StepRefused) as error:
        check_step(events, event, CALENDAR)
    return str(error.value)


def longer(day: date, until: date | None) -> Event:
    return Event(Step.SET_LONGER_PERIOD, day, until=until, reason="申请数量大，需逐件检索")


def excessive(day: date) -> Event:
    return Event(Step.DECIDE, day, outcome=Outcome.EXCESSIVE)


def test_the_two_steps_have_their_chinese_labels() -> None:
    assert Step.ASK_REASONS.label == "要求申请人说明理由"
    assert Step.SET_LONGER_PERIOD.label == "确定延迟答复期限"


def test_asking_for_reasons_keeps_the_case_where_it_is_and_records_the_dates() -> None:
    facts = replay(take(OPENED, ASKED))
    assert facts.status is Status.ASSIGNED
    assert (facts.reasons_asked, facts.reasons_until) == (date(2025, 3, 5), date(2025, 3, 12))
    consulting = take(OPENED, Event(Step.SEND_CONSULTATION, date(2025, 3, 5), party="某公司"))
    asked = Event(Step.ASK_REASONS, date(2025, 3, 6))
    assert replay(take(consulting, asked)).status is Status.CONSULTING


def test_asking_for_reasons_does_not_pause_the_clock() -> None:
    before = case_deadline(OPENED, CALENDAR)
    after = case_deadline(take(OPENED, ASKED), CALENDAR)
    assert before.due == after.due == DUE
    assert not after.paused and after.waiting_until is None
    assert (
        "2025-03-05 要求申请人于 2025-03-12 前说明理由（条例第35条）；说明理由期间照常计算答复期限"
        in [step.text for step in after.steps]
    )
    without_date = case_deadline(take(OPENED, Event(Step.ASK_REASONS, date(2025, 3, 5))), CALENDAR)
    assert without_date.steps[1].code == "case.reasons_asked"
    assert case_bucket(take(OPENED, ASKED), CALENDAR, today=date(2025, 3, 10)) is None


def test_the_reasons_are_asked_once_and_the_answer_date_follows_the_request() -> None:
    events = take(OPENED, ASKED)
    assert refused(events, Event(Step.ASK_REASONS, date(2025, 3, 6))) == (
        "本申请已于 2025-03-05 要求申请人说明理由（条例第35条），不能再次要求"
    )
    assert refused(OPENED, Event(Step.ASK_REASONS, date(2025, 3, 5), until=date(2025, 3, 5))) == (
        "说明理由的期限 2025-03-05 须晚于要求之日 2025-03-05"
    )
    assert Step.ASK_REASONS not in allowed_steps(events, CALENDAR, on=date(2025, 3, 6))


def test_reasons_cannot_be_asked_before_assignment_or_after_the_decision() -> None:
    registered = [Event(Step.REGISTER, RECEIVED)]
    assert refused(registered, Event(Step.ASK_REASONS, RECEIVED)) == (
        "当前状态“已登记”下不能“要求申请人说明理由”"
    )
    decided = take(OPENED, Event(Step.DECIDE, date(2025, 3, 5), outcome=Outcome.REPEATED))
    assert "当前状态“已决定”下不能" in refused(decided, Event(Step.ASK_REASONS, date(2025, 3, 6)))


# （五）4 无正当理由大量反复申请
def test_the_excessive_row_needs_the_reasons_asked_first() -> None:
    assert refused(OPENED, excessive(date(2025, 3, 5))) == (
        "未要求申请人说明理由，不能以“无正当理由大量反复申请”不予处理（条例第35条）"
    )
    facts = replay(take(take(OPENED, ASKED), excessive(date(2025, 3, 13))))
    assert (facts.status, facts.outcome) == (Status.DECIDED, Outcome.EXCESSIVE)


def test_the_excessive_row_is_refused_once_the_reasons_were_accepted() -> None:
    events = take(take(OPENED, ASKED), longer(date(2025, 3, 13), date(2025, 5, 30)))
    assert refused(events, excessive(date(2025, 3, 14))) == (
        "申请人的理由已被接受（2025-03-13 确定延迟答复期限），"
        "不能再以“无正当理由大量反复申请”不予处理（条例第35条）"
    )
    # other rows remain possible
    take(events, Event(Step.DECIDE, date(2025, 3, 14), outcome=Outcome.REPEATED))


# 延迟答复 (reasons accepted, the periods of 条例第33条 cannot be met)
def test_a_longer_period_becomes_the_deadline() -> None:
    events = take(take(OPENED, ASKED), longer(date(2025, 3, 13), date(2025, 5, 30)))
    facts = replay(events)
    assert facts.status is Status.ASSIGNED
    assert (facts.longer_period_set, facts.longer_period_until) == (
        date(2025, 3, 13),
        date(2025, 5, 30),
    )
    deadline = case_deadline(events, CALENDAR)
    assert deadline.due == date(2025, 5, 30)
    assert not deadline.paused and not deadline.provisional
    assert deadline.steps[-1].text == (
        "2025-03-13 确定延迟答复期限至 2025-05-30 并告知申请人（条例第35条）："
        "答复期限为 2025-05-30，不再按上述工作日计算"
    )
    assert case_bucket(events, CALENDAR, today=date(2025, 4, 1)) is None  # not overdue
    assert case_bucket(events, CALENDAR, today=date(2025, 6, 3)) is not None


def test_a_longer_period_needs_the_reasons_asked_first() -> None:
    assert refused(OPENED, longer(date(2025, 3, 13), date(2025, 5, 30))) == (
        "须先要求申请人说明理由（条例第35条），理由成立的，才能确定延迟答复的合理期限"
    )
    assert Step.SET_LONGER_PERIOD not in allowed_steps(OPENED, CALENDAR, on=date(2025, 3, 13))
    asked = take(OPENED, ASKED)
    assert Step.SET_LONGER_PERIOD in allowed_steps(asked, CALENDAR, on=date(2025, 3, 13))


def test_a_longer_period_must_end_after_the_current_deadline() -> None:
    asked = take(OPENED, ASKED)
    assert refused(asked, longer(date(2025, 3, 13), DUE)) == (
        "延迟答复期限 2025-03-31 须晚于当前答复期限 2025-03-31，否则不必延迟答复（条例第35条）"
    )
    assert refused(asked, longer(date(2025, 3, 13), None)) == "须写明延迟答复的期限（条例第35条）"
    take(asked, longer(date(2025, 3, 13), date(2025, 4, 1)))


def test_a_longer_period_is_fixed_before_the_deadline_passes() -> None:
    asked = take(OPENED, ASKED)
    take(asked, longer(DUE, date(2025, 5, 30)))
    assert refused(asked, longer(date(2025, 4, 1), date(2025, 5, 30))) == (
        "延迟答复期限须在答复期限 2025-03-31 届满前确定并告知申请人（条例第35条），"
        "2025-04-01 已逾期"
    )
    reason = refusal(asked, Step.SET_LONGER_PERIOD, CALENDAR, on=date(2025, 4, 1))
    assert reason is not None and reason.code == "longer.late"


def test_a_longer_period_is_fixed_once_and_then_no_extension() -> None:
    events = take(take(OPENED, ASKED), longer(date(2025, 3, 13), date(2025, 5, 30)))
    assert refused(events, longer(date(2025, 3, 14), date(2025, 6, 30))) == (
        "延迟答复期限已于 2025-03-13 确定至 2025-05-30（条例第35条），不能再次确定"
    )
    assert refused(events, Event(Step.EXTEND, date(2025, 3, 14), reason="数据量大")) == (
        "本申请已于 2025-03-13 确定延迟答复期限至 2025-05-30（条例第35条），不再延长答复期限"
    )
    steps = allowed_steps(events, CALENDAR, on=date(2025, 3, 14))
    assert Step.SET_LONGER_PERIOD not in steps and Step.EXTEND not in steps


def test_a_longer_period_after_an_extension_must_end_after_the_extended_deadline() -> None:
    extended = take(OPENED, Event(Step.EXTEND, date(2025, 3, 5), reason="数据量大"))
    asked = take(extended, Event(Step.ASK_REASONS, date(2025, 3, 6)))
    due = case_deadline(asked, CALENDAR).due
    assert due > DUE
    assert "须晚于当前答复期限" in refused(asked, longer(date(2025, 3, 13), DUE + (due - DUE) // 2))
    assert case_deadline(
        take(asked, longer(date(2025, 3, 13), date(2025, 6, 30))), CALENDAR
    ).due == (date(2025, 6, 30))


def test_the_steps_after_a_longer_period_do_not_move_it() -> None:
    events = take(take(OPENED, ASKED), longer(date(2025, 3, 13), date(2025, 5, 30)))
    events = take(events, Event(Step.SEND_CONSULTATION, date(2025, 3, 14), party="某公司"))
    deadline = case_deadline(events, CALENDAR)
    assert deadline.due == date(2025, 5, 30) and not deadline.paused
