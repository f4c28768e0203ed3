"""Handling a case: the transition table and the rules of time and number of the 条例
(reference applications.md §§4–7, 10)."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.applications import (
    TRANSITIONS,
    Event,
    Outcome,
    Status,
    Step,
    StepRefused,
    Variant,
    allowed_steps,
    case_deadline,
    check_step,
    refusal,
    replay,
)
from gongkai.core.workcalendar import WorkCalendar

CALENDAR = WorkCalendar()

RECEIVED = date(2025, 3, 3)  # Monday; applications.md §6: correction notice due 2025-03-12
OPENED = [Event(Step.REGISTER, RECEIVED), Event(Step.ASSIGN, date(2025, 3, 4))]


def take(events: list[Event], event: Event, today: date | None = None) -> list[Event]:
    """The events after a step the rules allow."""
    check_step(events, event, CALENDAR, today=today)
    return [*events, event]


def refused(events: list[Event], event: Event) -> str:
    with pytest.raises(StepRefused) as error:
        check_step(events, event, CALENDAR)
    return str(error.value)


def correction(day: date, until: date) -> Event:
    return Event(Step.REQUEST_CORRECTION, day, until=until)


def decide(day: date, outcome: Outcome, variant: Variant | None = None) -> Event:
    return Event(Step.DECIDE, day, outcome=outcome, variant=variant)


def test_the_plain_path_from_registration_to_archive() -> None:
    events = OPENED
    for event in [
        decide(date(2025, 3, 20), Outcome.DISCLOSED, Variant.PROVIDED),
        Event(Step.ISSUE_LETTER, date(2025, 3, 21)),
        Event(Step.DELIVER, date(2025, 3, 24)),
        Event(Step.CLOSE, date(2025, 3, 24)),
        Event(Step.ARCHIVE, date(2025, 12, 31)),
    ]:
        events = take(events, event)
    facts = replay(events)
    assert facts.status is Status.ARCHIVED
    assert (facts.outcome, facts.variant) == (Outcome.DISCLOSED, Variant.PROVIDED)


def test_every_status_has_its_chinese_label() -> None:
    assert [s.label for s in Status] == [
        "已登记",
        "办理中",
        "待补正",
        "征求意见中",
        "待缴费",
        "已决定",
        "已出具答复书",
        "已送达",
        "已办结",
        "已归档",
    ]


def test_nothing_leaves_an_archived_case() -> None:
    assert not [step for (status, step) in TRANSITIONS if status is Status.ARCHIVED]


def test_a_case_starts_with_its_registration() -> None:
    with pytest.raises(StepRefused, match="^案件须先登记，第一步不能是“分办”$"):
        replay([Event(Step.ASSIGN, RECEIVED)])
    with pytest.raises(StepRefused, match="须先登记"):
        replay([])


def test_a_step_in_the_wrong_status_is_refused_in_chinese() -> None:
    assert refused(OPENED, Event(Step.DELIVER, date(2025, 3, 5))) == (
        "当前状态“办理中”下不能“送达”"
    )


def test_a_step_dated_before_the_previous_one_is_refused() -> None:
    assert refused(OPENED, decide(date(2025, 3, 3), Outcome.REPEATED)) == (
        "“作出答复决定”的日期 2025-03-03 早于上一步的日期 2025-03-04"
    )


def test_a_step_in_the_future_is_refused() -> None:
    event = decide(date(2025, 3, 20), Outcome.REPEATED)
    with pytest.raises(StepRefused, match="^“作出答复决定”的日期 2025-03-20 晚于今天 2025-03-19$"):
        check_step(OPENED, event, CALENDAR, today=date(2025, 3, 19))


# 条例第30条: correction
def test_a_correction_notice_on_the_seventh_working_day_is_allowed() -> None:
    events = take(OPENED, correction(date(2025, 3, 12), until=date(2025, 3, 26)))
    assert replay(events).status is Status.AWAITING_CORRECTION


def test_a_correction_notice_after_seven_working_days_is_refused() -> None:
    assert refused(OPENED, correction(date(2025, 3, 13), until=date(2025, 3, 27))) == (
        "补正告知应自收到申请之日起 7 个工作日内发出（条例第30条）：本申请 2025-03-03 收到，"
        "告知期限至 2025-03-12，2025-03-13 已逾期"
    )


def test_the_seven_working_days_skip_the_spring_festival() -> None:
    # 2026: received Monday 02-09; 02-14 (Sat) worked, 02-15–02-23 off → due 02-25
    opened = [Event(Step.REGISTER, date(2026, 2, 9)), Event(Step.ASSIGN, date(2026, 2, 10))]
    take(opened, correction(date(2026, 2, 25), until=date(2026, 3, 11)))
    assert "告知期限至 2026-02-25" in refused(
        opened, correction(date(2026, 2, 26), until=date(2026, 3, 12))
    )


def test_a_second_correction_notice_is_refused() -> None:
    events = take(OPENED, correction(date(2025, 3, 5), until=date(2025, 3, 19)))
    events = take(events, Event(Step.RECEIVE_CORRECTION, date(2025, 3, 10)))
    assert refused(events, correction(date(2025, 3, 11), until=date(2025, 3, 25))) == (
        "补正应一次性告知（条例第30条）：本申请已于 2025-03-05 告知补正，不能再次告知"
    )


def test_a_correction_notice_needs_a_period_after_its_day() -> None:
    assert "合理补正期限" in refused(OPENED, Event(Step.REQUEST_CORRECTION, date(2025, 3, 5)))
    assert "合理补正期限" in refused(OPENED, correction(date(2025, 3, 5), until=date(2025, 3, 5)))


def test_a_late_correction_needs_the_applicants_good_reason() -> None:
    events = take(OPENED, correction(date(2025, 3, 5), until=date(2025, 3, 19)))
    late = Event(Step.RECEIVE_CORRECTION, date(2025, 3, 20))
    assert refused(events, late) == (
        "补正期限已于 2025-03-19 届满；逾期补正的，须记录申请人的正当理由（条例第30条）"
    )
    take(events, Event(Step.RECEIVE_CORRECTION, date(2025, 3, 20), reason="邮寄延误"))


def test_no_correction_in_time_is_deemed_abandoned_only_after_the_period() -> None:
    events = take(OPENED, correction(date(2025, 3, 5), until=date(2025, 3, 19)))
    assert refused(events, Event(Step.CORRECTION_LAPSED, date(2025, 3, 19))) == (
        "补正期限至 2025-03-19，期满前不能视为放弃申请"
    )
    events = take(events, Event(Step.CORRECTION_LAPSED, date(2025, 3, 20)))
    facts = replay(events)
    assert (facts.status, facts.outcome) == (Status.DECIDED, Outcome.NOT_CORRECTED)  # （六）1


def test_no_decision_while_the_applicant_is_correcting() -> None:
    events = take(OPENED, correction(date(2025, 3, 5), until=date(2025, 3, 19)))
    assert refused(events, decide(date(2025, 3, 10), Outcome.REPEATED)) == (
        "申请人正在补正（补正期限至 2025-03-19），收到补正或期满前不能作出答复决定"
    )


def test_still_unclear_after_correction_needs_a_correction() -> None:
    # （四）3 补正后申请内容仍不明确
    assert "未收到补正后的申请" in refused(OPENED, decide(date(2025, 3, 5), Outcome.STILL_UNCLEAR))
    events = take(OPENED, correction(date(2025, 3, 5), until=date(2025, 3, 19)))
    events = take(events, Event(Step.RECEIVE_CORRECTION, date(2025, 3, 10)))
    take(events, decide(date(2025, 3, 11), Outcome.STILL_UNCLEAR))


# 条例第32条、第33条第3款: consultation
def test_consultations_may_run_side_by_side_and_end_one_by_one() -> None:
    events = take(OPENED, Event(Step.SEND_CONSULTATION, date(2025, 3, 5), party="甲公司"))
    events = take(events, Event(Step.SEND_CONSULTATION, date(2025, 3, 6), party="市财政局"))
    events = take(events, Event(Step.RECEIVE_OPINION, date(2025, 3, 10), party="市财政局"))
    assert replay(events).status is Status.CONSULTING
    events = take(events, Event(Step.RECEIVE_OPINION, date(2025, 3, 12), party="甲公司"))
    assert replay(events).status is Status.ASSIGNED


def test_an_opinion_from_nobody_consulted_is_refused() -> None:
    events = take(OPENED, Event(Step.SEND_CONSULTATION, date(2025, 3, 5), party="甲公司"))
    assert refused(events, Event(Step.RECEIVE_OPINION, date(2025, 3, 6), party="乙公司")) == (
        "没有向“乙公司”发出且尚未答复的征求意见函"
    )
    assert "须晚于征求意见函发出日" in refused(
        events, Event(Step.RECEIVE_OPINION, date(2025, 3, 5), party="甲公司")
    )


def test_a_consultation_names_whom_it_asks() -> None:
    assert "征求意见的对象" in refused(OPENED, Event(Step.SEND_CONSULTATION, date(2025, 3, 5)))


def test_no_decision_while_a_consultee_still_has_time_to_answer() -> None:
    # letter 2025-03-05: 15 working days end 2025-03-26 (条例第32条)
    events = take(OPENED, Event(Step.SEND_CONSULTATION, date(2025, 3, 5), party="甲公司"))
    assert refused(events, decide(date(2025, 3, 26), Outcome.THIRD_PARTY)) == (
        "征求甲公司意见的答复期限至 2025-03-26（条例第32条），期满前未收到意见不能作出决定"
    )
    take(events, decide(date(2025, 3, 27), Outcome.DISCLOSED, Variant.PROVIDED))


# 条例第33条第2款: extension
def test_an_extension_on_the_last_day_is_allowed_but_not_after() -> None:
    # received 2025-03-03 → due 2025-03-31
    take(OPENED, Event(Step.EXTEND, date(2025, 3, 31)))
    assert refused(OPENED, Event(Step.EXTEND, date(2025, 4, 1))) == (
        "延长答复期限须在答复期限 2025-03-31 届满前经政府信息公开工作机构负责人同意并告知申请人"
        "（条例第33条第2款），2025-04-01 已逾期"
    )


def test_a_second_extension_is_refused() -> None:
    events = take(OPENED, Event(Step.EXTEND, date(2025, 3, 20)))
    assert refused(events, Event(Step.EXTEND, date(2025, 3, 21))) == (
        "答复期限只能延长一次（条例第33条第2款），本申请已于 2025-03-20 延长"
    )


def test_the_extension_deadline_counts_the_consultation_pause() -> None:
    # a consultation 2025-03-05 → 03-12 takes 5 working days out: due 2025-04-08, not 03-31
    events = take(OPENED, Event(Step.SEND_CONSULTATION, date(2025, 3, 5), party="甲公司"))
    events = take(events, Event(Step.RECEIVE_OPINION, date(2025, 3, 12), party="甲公司"))
    take(events, Event(Step.EXTEND, date(2025, 4, 8)))
    assert "答复期限 2025-04-08 届满前" in refused(events, Event(Step.EXTEND, date(2025, 4, 9)))


# 国办函〔2020〕109号: fees (applications.md §10)
FEE_NOTICE = Event(Step.NOTIFY_FEE, date(2025, 6, 3))  # §10: pay by 2025-07-01


def test_no_decision_while_a_fee_is_unpaid() -> None:
    events = take(OPENED, FEE_NOTICE)
    assert refused(events, decide(date(2025, 6, 10), Outcome.DISCLOSED, Variant.PROVIDED)) == (
        "申请人尚未缴纳 2025-06-03 收费通知所列费用（缴费期限至 2025-07-01），不能作出答复决定"
    )


def test_payment_is_recorded_within_twenty_working_days_and_then_the_case_goes_on() -> None:
    events = take(OPENED, FEE_NOTICE)
    events = take(events, Event(Step.RECORD_PAYMENT, date(2025, 7, 1)))
    assert replay(events).status is Status.ASSIGNED
    take(events, decide(date(2025, 7, 2), Outcome.DISCLOSED, Variant.PROVIDED))


def test_a_payment_after_the_period_is_refused_and_the_case_lapses() -> None:
    events = take(OPENED, FEE_NOTICE)
    assert "缴费期限已于 2025-07-01 届满" in refused(
        events, Event(Step.RECORD_PAYMENT, date(2025, 7, 2))
    )
    assert refused(events, Event(Step.FEE_LAPSED, date(2025, 7, 1))) == (
        "缴费期限至 2025-07-01，期满前不能视为放弃申请"
    )
    facts = replay(take(events, Event(Step.FEE_LAPSED, date(2025, 7, 2))))
    assert (facts.status, facts.outcome) == (Status.DECIDED, Outcome.FEE_NOT_PAID)  # （六）2


def test_a_second_fee_notice_is_refused() -> None:
    events = take(take(OPENED, FEE_NOTICE), Event(Step.RECORD_PAYMENT, date(2025, 6, 5)))
    assert refused(events, Event(Step.NOTIFY_FEE, date(2025, 6, 6))) == (
        "本申请已于 2025-06-03 发出收费通知，不能再次发出"
    )


# decisions and closing
def test_the_rows_of_a_lapse_come_only_from_their_step() -> None:
    assert refused(OPENED, decide(date(2025, 3, 5), Outcome.FEE_NOT_PAID)) == (
        "办理结果“（六）2”只能由“逾期未缴费，视为放弃申请”产生，不能直接选择"
    )


def test_a_decision_names_its_outcome_and_reply_type() -> None:
    assert "须选择办理结果" in refused(OPENED, Event(Step.DECIDE, date(2025, 3, 5)))
    assert "哪一种答复情形" in refused(OPENED, decide(date(2025, 3, 5), Outcome.NOT_HELD))


def test_a_withdrawal_ends_an_open_case_as_other() -> None:
    events = take(OPENED, Event(Step.SEND_CONSULTATION, date(2025, 3, 5), party="甲公司"))
    events = take(events, Event(Step.WITHDRAW, date(2025, 3, 6)))
    facts = replay(events)
    assert (facts.status, facts.outcome) == (Status.DECIDED, Outcome.OTHER)  # （六）3
    take(events, Event(Step.CLOSE, date(2025, 3, 6)))


def test_a_decision_on_the_merits_closes_only_after_delivery() -> None:
    events = take(OPENED, decide(date(2025, 3, 5), Outcome.REPEATED))
    assert refused(events, Event(Step.CLOSE, date(2025, 3, 6))) == (
        "办理结果“（五）2”须出具答复书并送达后才能办结（条例第36条）"
    )


def test_the_allowed_steps_follow_the_state_and_the_time() -> None:
    on = date(2025, 3, 5)
    assert allowed_steps(OPENED, CALENDAR, on=on) == [
        Step.ASSIGN,
        Step.REQUEST_CORRECTION,
        Step.SEND_CONSULTATION,
        Step.EXTEND,
        Step.ASK_REASONS,
        Step.NOTIFY_FEE,
        Step.WITHDRAW,
        Step.DECIDE,
    ]
    # after the seventh working day no correction, after the deadline no extension
    late = allowed_steps(OPENED, CALENDAR, on=date(2025, 4, 1))
    assert Step.REQUEST_CORRECTION not in late
    assert Step.EXTEND not in late
    assert Step.DECIDE in late


def test_the_allowed_steps_of_a_case_awaiting_payment() -> None:
    events = take(OPENED, FEE_NOTICE)
    assert allowed_steps(events, CALENDAR, on=date(2025, 6, 10)) == [
        Step.RECORD_PAYMENT,
        Step.WITHDRAW,
    ]
    assert allowed_steps(events, CALENDAR, on=date(2025, 7, 2)) == [
        Step.FEE_LAPSED,
        Step.WITHDRAW,
    ]
    reason = refusal(events, Step.DECIDE, CALENDAR, on=date(2025, 6, 10))
    assert reason is not None
    assert reason.code == "fee.unpaid"


# A random walk through the allowed steps, each given the content it needs, is never refused.
def _event_for(step: Step, day: date, events: list[Event]) -> Event:
    facts = replay(events)
    if step is Step.REQUEST_CORRECTION:
        return correction(day, until=date.fromordinal(day.toordinal() + 14))
    if step is Step.RECEIVE_CORRECTION:
        return Event(step, day, reason="正当理由")
    if step is Step.SEND_CONSULTATION:
        return Event(step, day, party=f"第三方{len(facts.consultations)}")
    if step is Step.RECEIVE_OPINION:
        return Event(step, day, party=facts.open_consultations[0].party)
    if step is Step.DECIDE:
        return decide(day, Outcome.PARTLY_DISCLOSED)
    if step is Step.SET_LONGER_PERIOD:
        due = case_deadline(events, CALENDAR).due
        return Event(step, day, until=date.fromordinal(due.toordinal() + 30))
    return Event(step, day)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 12), st.integers(0, 30)), max_size=15))
def test_a_walk_through_the_allowed_steps_is_never_refused(moves: list[tuple[int, int]]) -> None:
    events = list(OPENED)
    for gap, pick in moves:
        day = date.fromordinal(events[-1].day.toordinal() + gap)
        steps = allowed_steps(events, CALENDAR, on=day)
        if not steps:
            break
        events = take(events, _event_for(steps[pick % len(steps)], day, events))
    assert replay(events).status in Status
