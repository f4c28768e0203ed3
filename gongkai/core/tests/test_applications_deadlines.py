"""The reply deadline of a case from its events (reference applications.md §§4–6, 10, 12).

Expected dates were counted by hand from the 2025 and 2026 notices (applications.md §12):
2025 春节 1/28–2/4 (1/26 Sun, 2/8 Sat worked), 清明 4/4–4/6, 劳动节 5/1–5/5 (4/27 Sun worked),
端午 5/31–6/2, 国庆·中秋 10/1–10/8 (9/28 Sun, 10/11 Sat worked); 2026 春节 2/15–2/23 (2/14,
2/28 Sat worked), 劳动节 5/1–5/5 (5/9 Sat worked), 端午 6/19–6/21, 中秋 9/25–9/27, 国庆
10/1–10/7 (9/20 Sun, 10/10 Sat worked). Where a case has only receipt, correction,
consultation and extension, the date is also checked against clock.reply_deadline (the
`gongkai deadline` command).
"""

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.applications import (
    Bucket,
    CaseDeadline,
    Event,
    Outcome,
    Step,
    Variant,
    bucket,
    case_bucket,
    case_deadline,
    consultation_period_end,
    correction_notice_due,
    correction_period_end,
    payment_due,
    reminder_days,
    reminder_on,
)
from gongkai.core.clock import Interval, reply_deadline
from gongkai.core.workcalendar import WorkCalendar

CALENDAR = WorkCalendar()
FEW = settings(max_examples=40, deadline=None)
D = date


def texts(deadline: CaseDeadline) -> list[str]:
    return [step.text for step in deadline.steps]


def opened(received: date, assigned: date | None = None) -> list[Event]:
    return [Event(Step.REGISTER, received), Event(Step.ASSIGN, assigned or received)]


def consulted(sent: date, answered: date | None, party: str = "第三方") -> list[Event]:
    events = [Event(Step.SEND_CONSULTATION, sent, party=party)]
    if answered is not None:
        events.append(Event(Step.RECEIVE_OPINION, answered, party=party))
    return events


def fee(notified: date, paid: date | None) -> list[Event]:
    events = [Event(Step.NOTIFY_FEE, notified)]
    if paid is not None:
        events.append(Event(Step.RECORD_PAYMENT, paid))
    return events


def corrected(requested: date, until: date, received: date) -> list[Event]:
    return [
        Event(Step.REQUEST_CORRECTION, requested, until=until),
        Event(Step.RECEIVE_CORRECTION, received),
    ]


# --- the periods around the reply ------------------------------------------------------


@pytest.mark.parametrize(
    ("received", "due"),
    [
        (D(2025, 3, 3), D(2025, 3, 12)),  # applications.md §6
        (D(2025, 1, 20), D(2025, 2, 5)),  # 1/26 Sun worked, 春节 1/28–2/4
        (D(2025, 9, 19), D(2025, 9, 29)),  # 9/28 Sun worked
        (D(2026, 2, 9), D(2026, 2, 25)),  # 2/14 Sat worked, 春节 2/15–2/23
    ],
)
def test_the_correction_notice_is_due_seven_working_days_after_receipt(
    received: date, due: date
) -> None:
    # 条例第30条
    assert correction_notice_due(CALENDAR, received) == due


def test_the_correction_period_is_counted_in_working_days_across_national_day() -> None:
    # 10 working days after 2025-09-26: 9/28, 9/29, 9/30, 10/9, 10/10, 10/11 (Sat), 10/13–10/16
    assert correction_period_end(CALENDAR, D(2025, 9, 26), 10) == D(2025, 10, 16)


def test_a_consultee_has_fifteen_working_days() -> None:
    # 条例第32条: 2025-10-15 → 11-05
    assert consultation_period_end(CALENDAR, D(2025, 10, 15)) == D(2025, 11, 5)


def test_payment_is_due_twenty_working_days_after_the_notice() -> None:
    # applications.md §10: notice received 2025-06-03 → last day 2025-07-01 (端午 before it)
    assert payment_due(CALENDAR, D(2025, 6, 3)) == D(2025, 7, 1)
    # across 劳动节 2025: 4/28 → 5/29
    assert payment_due(CALENDAR, D(2025, 4, 28)) == D(2025, 5, 29)


# --- the deadline from events -----------------------------------------------------------


def test_without_waits_the_case_deadline_is_the_reply_clock() -> None:
    deadline = case_deadline(opened(D(2025, 9, 26)), CALENDAR)
    assert deadline.due == D(2025, 10, 30) == reply_deadline(CALENDAR, received=D(2025, 9, 26)).due
    assert not deadline.paused
    assert texts(deadline) == [
        s.text for s in reply_deadline(CALENDAR, received=D(2025, 9, 26)).steps
    ]


def test_spring_festival_2025_with_correction_consultation_and_extension() -> None:
    # received Mon 1/20; correction asked 1/27 (the 6th working day, 1/26 Sun worked), received
    # 2/10 → 20 working days: 3/10; consultation 2/12 → 2/19 takes out 2/13, 2/14, 2/17–2/19 (5)
    # → 3/17; extension on 3/5 adds 20 across 清明 4/4 → 4/15
    events = opened(D(2025, 1, 20), D(2025, 1, 21))
    events += corrected(D(2025, 1, 27), until=D(2025, 2, 14), received=D(2025, 2, 10))
    assert case_deadline(events, CALENDAR).due == D(2025, 3, 10)
    events += consulted(D(2025, 2, 12), D(2025, 2, 19))
    assert case_deadline(events, CALENDAR).due == D(2025, 3, 17)
    events += [Event(Step.EXTEND, D(2025, 3, 5))]
    deadline = case_deadline(events, CALENDAR)
    assert deadline.due == D(2025, 4, 15)
    clock = reply_deadline(
        CALENDAR,
        received=D(2025, 1, 20),
        corrected=D(2025, 2, 10),
        paused=[Interval(D(2025, 2, 13), D(2025, 2, 19))],
        extended=True,
    )
    assert clock.due == deadline.due
    assert "跳过 2025-04-04 至 2025-04-06：清明节（法定节假日）" in texts(deadline)


def test_labour_day_2025_with_a_fee_paid() -> None:
    # received Fri 4/25 → 5/27 (4/27 Sun worked); fee notice 4/28, paid 5/8: 4/29, 4/30,
    # 5/6–5/8 taken out (5) → 5/28, 5/29, 5/30, (端午 5/31–6/2), 6/3, 6/4
    events = opened(D(2025, 4, 25)) + fee(D(2025, 4, 28), D(2025, 5, 8))
    deadline = case_deadline(events, CALENDAR)
    assert deadline.due == D(2025, 6, 4)
    assert (
        "2025-04-29 至 2025-05-08 收费通知至缴费期间不计入答复期限（国办函〔2020〕109号）："
        "其间 5 个工作日不计算" in texts(deadline)
    )
    assert not any("征求意见期间" in text for text in texts(deadline))


def test_the_fee_pause_can_be_switched_off() -> None:
    # applications.md §10 [U]: the pause is an agency setting
    events = opened(D(2025, 4, 25)) + fee(D(2025, 4, 28), D(2025, 5, 8))
    deadline = case_deadline(events, CALENDAR, fee_pause=False)
    assert deadline.due == D(2025, 5, 27)
    assert "按本机关设置，收费通知至缴费期间计入答复期限" in texts(deadline)


def test_an_unpaid_fee_is_projected_to_the_last_day_of_payment() -> None:
    # notice 4/28, not paid: the whole payment period 4/29–5/29 is out; counted: 4/27, 4/28,
    # 5/30, 6/3–6/6, 6/9–6/13, 6/16–6/20, 6/23–6/25 → 6/25
    events = opened(D(2025, 4, 25)) + fee(D(2025, 4, 28), None)
    deadline = case_deadline(events, CALENDAR)
    assert deadline.due == D(2025, 6, 25)
    assert deadline.paused
    assert deadline.waiting_until == D(2025, 5, 29)
    assert (
        "2025-04-28 收费通知送达，尚未缴费；缴费期限至 2025-05-29（20 个工作日），暂按该日缴费计算"
        in texts(deadline)
    )


def test_national_day_2025_with_correction_consultation_fee_and_extension() -> None:
    # received Fri 9/19; correction asked 9/26 until 10/16, received Mon 10/13 → 11/10;
    # consultation sent 10/15, answered late 11/7: counted up to its period end 11/5, 15
    # working days out → 12/1; fee notice 11/10 paid 11/12 (2 out) → 12/3;
    # extension 11/20 → 12/31
    events = opened(D(2025, 9, 19), D(2025, 9, 22))
    events += corrected(D(2025, 9, 26), until=D(2025, 10, 16), received=D(2025, 10, 13))
    events += consulted(D(2025, 10, 15), D(2025, 11, 7), party="第三方乙")
    events += fee(D(2025, 11, 10), D(2025, 11, 12))
    events += [Event(Step.EXTEND, D(2025, 11, 20))]
    deadline = case_deadline(events, CALENDAR)
    assert deadline.due == D(2025, 12, 31)
    assert not deadline.paused
    assert (
        "第三方乙的意见于 2025-11-07 收到，晚于其答复期限届满日 2025-11-05；"
        "不计入答复期限的期间截至 2025-11-05（条例第32条）" in texts(deadline)
    )
    without_fee = reply_deadline(
        CALENDAR,
        received=D(2025, 9, 19),
        corrected=D(2025, 10, 13),
        paused=[Interval(D(2025, 10, 16), D(2025, 11, 5))],
        extended=True,
    )
    assert without_fee.due == D(2025, 12, 29)  # two working days earlier: 12/30, 12/31


def test_spring_festival_2026_with_a_correction_still_awaited() -> None:
    # received Mon 2/9, correction asked 2/12 until 3/5, nothing yet: counted from 3/5 → 4/2
    events = opened(D(2026, 2, 9), D(2026, 2, 10))
    events += [Event(Step.REQUEST_CORRECTION, D(2026, 2, 12), until=D(2026, 3, 5))]
    deadline = case_deadline(events, CALENDAR)
    assert deadline.due == D(2026, 4, 2)
    assert deadline.paused
    assert texts(deadline)[0] == (
        "2026-02-12 告知补正，补正期限至 2026-03-05；尚未收到补正后的申请，暂按 2026-03-05 收到计算，"
        "收到后依条例第30条自收到之日重新起算 20 个工作日"
    )
    # the correction arrives on 2/27: counted afresh (2/28 Sat worked) → 3/26
    events += [Event(Step.RECEIVE_CORRECTION, D(2026, 2, 27))]
    assert case_deadline(events, CALENDAR).due == D(2026, 3, 26)
    assert reply_deadline(CALENDAR, received=D(2026, 2, 9), corrected=D(2026, 2, 27)).due == D(
        2026, 3, 26
    )


def test_labour_day_2026_extended_across_dragon_boat() -> None:
    # received Fri 4/24 → 5/26 (§12: 5/9 Sat worked); extended on 5/26 → 6/24 (端午 6/19–6/21)
    events = opened(D(2026, 4, 24)) + [Event(Step.EXTEND, D(2026, 5, 26))]
    deadline = case_deadline(events, CALENDAR)
    assert deadline.due == D(2026, 6, 24)
    assert deadline.due == reply_deadline(CALENDAR, received=D(2026, 4, 24), extended=True).due


def test_mid_autumn_and_national_day_2026_with_consultation_and_fee() -> None:
    # received Fri 9/18 → 10/22; consultation 9/21 → 9/30 takes out 9/22–9/24, 9/28–9/30 (6)
    # → 10/30; fee notice 10/12 paid 10/14 (10/13, 10/14 out) → 11/3
    events = opened(D(2026, 9, 18))
    events += consulted(D(2026, 9, 21), D(2026, 9, 30))
    assert case_deadline(events, CALENDAR).due == D(2026, 10, 30)
    events += fee(D(2026, 10, 12), D(2026, 10, 14))
    deadline = case_deadline(events, CALENDAR)
    assert deadline.due == D(2026, 11, 3)
    assert "2026-09-20（星期日）调休上班（国庆节），计为工作日" in texts(deadline)
    assert "2026-10-10（星期六）调休上班（国庆节），计为工作日" in texts(deadline)


def test_an_open_consultation_is_projected_to_the_end_of_the_consultees_period() -> None:
    # sent 2025-03-05, no answer: out until 3/26 (15 working days) → due moves 15 days: 4/22
    events = opened(D(2025, 3, 3)) + consulted(D(2025, 3, 5), None, party="甲公司")
    deadline = case_deadline(events, CALENDAR)
    assert deadline.paused
    assert deadline.waiting_until == D(2025, 3, 26)
    assert deadline.due == D(2025, 4, 22)
    assert (
        "2025-03-05 向甲公司发出征求意见函，尚未收到意见；"
        "暂按其答复期限届满日 2025-03-26 计算（条例第32条：15 个工作日）" in texts(deadline)
    )


def test_a_fee_paid_the_day_the_notice_arrived_pauses_nothing() -> None:
    events = opened(D(2025, 3, 3)) + fee(D(2025, 3, 5), D(2025, 3, 5))
    assert case_deadline(events, CALENDAR).due == D(2025, 3, 31)


def test_the_json_form_adds_the_pause_to_the_deadline_contract() -> None:
    payload = case_deadline(opened(D(2026, 3, 2)), CALENDAR).as_json()
    assert payload["due"] == "2026-03-30"
    assert (payload["working_days"], payload["provisional"], payload["paused"]) == (
        20,
        False,
        False,
    )


def test_a_deadline_reaching_into_2027_is_provisional() -> None:
    deadline = case_deadline(opened(D(2026, 12, 10)), CALENDAR)
    assert deadline.provisional
    assert deadline.due == D(2027, 1, 8)


# --- reminders and buckets ---------------------------------------------------------------


def test_reminders_fall_five_three_and_one_working_days_before_across_a_holiday() -> None:
    # due Thu 2025-10-09: 10/1–10/8 off, 9/28 Sun worked
    assert reminder_days(CALENDAR, D(2025, 10, 9)) == {
        D(2025, 9, 25): 5,
        D(2025, 9, 28): 3,
        D(2025, 9, 30): 1,
    }
    assert reminder_on(CALENDAR, D(2025, 10, 9), today=D(2025, 9, 30)) == 1
    assert reminder_on(CALENDAR, D(2025, 10, 9), today=D(2025, 9, 29)) is None


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2025, 10, 23), None),  # 5 working days left
        (D(2025, 10, 24), None),  # 4
        (D(2025, 10, 27), Bucket.DUE_SOON),  # 3
        (D(2025, 10, 29), Bucket.DUE_SOON),  # 1
        (D(2025, 10, 30), Bucket.DUE_TODAY),
        (D(2025, 10, 31), Bucket.OVERDUE),
    ],
)
def test_the_bucket_of_a_case_due_2025_10_30(today: date, expected: Bucket | None) -> None:
    deadline = case_deadline(opened(D(2025, 9, 26)), CALENDAR)
    assert bucket(CALENDAR, deadline, today=today) is expected
    assert case_bucket(opened(D(2025, 9, 26)), CALENDAR, today=today) is expected


def test_a_case_waiting_for_payment_is_paused_until_the_payment_period_ends() -> None:
    events = opened(D(2025, 4, 25)) + fee(D(2025, 4, 28), None)
    assert case_bucket(events, CALENDAR, today=D(2025, 5, 29)) is Bucket.PAUSED
    assert case_bucket(events, CALENDAR, today=D(2025, 5, 30)) is None  # counting again


def test_a_decided_case_is_in_no_bucket() -> None:
    events = opened(D(2025, 9, 26)) + [
        Event(Step.DECIDE, D(2025, 10, 9), outcome=Outcome.NOT_HELD, variant=Variant.DOES_NOT_EXIST)
    ]
    assert case_bucket(events, CALENDAR, today=D(2025, 12, 1)) is None


def test_buckets_have_chinese_labels() -> None:
    assert [b.label for b in Bucket] == ["今日到期", "3个工作日内到期", "已逾期", "暂停计时"]


# --- properties ---------------------------------------------------------------------------

RECEIPTS = st.dates(D(2025, 1, 1), D(2026, 6, 30))


@FEW
@given(RECEIPTS, st.integers(0, 25), st.integers(0, 40))
def test_a_fee_pause_never_makes_the_deadline_earlier(received: date, k: int, m: int) -> None:
    notice = received + timedelta(days=k)
    paid = min(notice + timedelta(days=m), payment_due(CALENDAR, notice))
    events = opened(received) + fee(notice, paid)
    with_pause = case_deadline(events, CALENDAR).due
    assert with_pause >= case_deadline(events, CALENDAR, fee_pause=False).due
    assert CALENDAR.is_working_day(with_pause)


@FEW
@given(RECEIPTS, st.integers(0, 25), st.integers(1, 40))
def test_an_answer_never_makes_the_deadline_later_than_the_projection(
    received: date, k: int, m: int
) -> None:
    sent = received + timedelta(days=k)
    waiting = case_deadline(opened(received) + consulted(sent, None), CALENDAR)
    answered = case_deadline(opened(received) + consulted(sent, sent + timedelta(days=m)), CALENDAR)
    assert answered.due <= waiting.due
    assert waiting.due >= case_deadline(opened(received), CALENDAR).due


@FEW
@given(RECEIPTS, st.integers(1, 25))
def test_the_extension_adds_exactly_twenty_working_days(received: date, k: int) -> None:
    plain = case_deadline(opened(received), CALENDAR).due
    extended = case_deadline(
        [*opened(received), Event(Step.EXTEND, received + timedelta(days=k))], CALENDAR
    ).due
    assert CALENDAR.working_days_between(plain, extended) == 20


def test_each_reminder_day_is_a_working_day_that_many_working_days_before() -> None:
    # Every working day of 2025 and 2026 as a deadline (a deadline always is a working day).
    due = D(2025, 1, 15)
    while due <= D(2026, 12, 31):
        if CALENDAR.is_working_day(due):
            reminders = reminder_days(CALENDAR, due)
            assert sorted(reminders.values()) == [1, 3, 5]
            for day, n in reminders.items():
                assert CALENDAR.is_working_day(day)
                assert CALENDAR.working_days_between(day, due) == n
        due += timedelta(days=1)
