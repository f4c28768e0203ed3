"""The reply clock of 条例第33条 (reference/applications.md §5, §6, §12)."""

import json
from datetime import date, timedelta

import chinese_calendar
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from gongkai.core.clock import (
    EXTENSION_WORKING_DAYS,
    REPLY_WORKING_DAYS,
    Deadline,
    Interval,
    consultation_interval,
    reply_deadline,
    weekday,
)
from gongkai.core.workcalendar import (
    CalendarEntry,
    CalendarRangeError,
    DayKind,
    Message,
    MessageError,
    WorkCalendar,
    holiday,
)

CALENDAR = WorkCalendar()
FEW = settings(max_examples=40, deadline=None)

RECEIPTS = st.dates(date(2004, 1, 1), date(2030, 12, 31))
THIRD_PARTY_2025 = Interval(date(2025, 4, 4), date(2025, 4, 18))


def texts(deadline: Deadline) -> list[str]:
    """The steps as the command line prints them."""
    return [step.text for step in deadline.steps]


@st.composite
def pauses(draw: st.DrawFn, received: date) -> list[Interval]:
    intervals = []
    for _ in range(draw(st.integers(0, 3))):
        start = received + timedelta(days=draw(st.integers(-5, 60)))
        intervals.append(Interval(start, start + timedelta(days=draw(st.integers(0, 30)))))
    return intervals


# fmt: off
HAND_CHECKED = [
    # (received, corrected, paused, extended, due); the rows after §6's were counted by hand
    # from the §12 table of the notices
    (date(2026, 3, 2), None, (), False, date(2026, 3, 30)),             # brief; 2026 notice (§12)
    (date(2025, 9, 26), None, (), False, date(2025, 10, 30)),           # §6: across 国庆·中秋, 9/28 and 10/11 worked
    (date(2025, 9, 26), None, (), True, date(2025, 11, 27)),            # §6: extended by 20 (条例第33条第2款)
    (date(2025, 3, 3), date(2025, 3, 20), (), False, date(2025, 4, 18)),  # §6: correction restarts the count (条例第30条)
    (date(2025, 4, 1), None, (), False, date(2025, 4, 29)),             # §6: across 清明, 4/27 worked
    (date(2025, 4, 1), None, (THIRD_PARTY_2025,), False, date(2025, 5, 16)),  # §6: consultation not counted (第33条第3款)
    (date(2026, 2, 12), None, (), False, date(2026, 3, 18)),            # §6: across 春节, 2/14 and 2/28 worked
    (date(2025, 1, 20), None, (), False, date(2025, 2, 21)),            # §12 2025: 春节 1/28–2/4, 1/26 and 2/8 worked
    (date(2025, 4, 25), None, (), False, date(2025, 5, 27)),            # §12 2025: 劳动节 5/1–5/5, 端午 5/31–6/2 later
    (date(2026, 4, 24), None, (), False, date(2026, 5, 26)),            # §12 2026: 劳动节 5/1–5/5, 5/9 worked
    (date(2026, 9, 18), None, (), False, date(2026, 10, 22)),           # §12 2026: 中秋 9/25–9/27, 国庆 10/1–10/7, 9/20 and 10/10 worked
]
# fmt: on


@pytest.mark.parametrize(("received", "corrected", "paused", "extended", "due"), HAND_CHECKED)
def test_hand_checked_deadlines(
    received: date,
    corrected: date | None,
    paused: tuple[Interval, ...],
    extended: bool,
    due: date,
) -> None:
    deadline = reply_deadline(
        CALENDAR, received=received, corrected=corrected, paused=paused, extended=extended
    )
    assert deadline.due == due
    assert not deadline.provisional


def test_the_receipt_day_is_not_counted() -> None:
    # reference §12 [I], after 《民法典》第201条: Monday 2026-03-02 is day 0, not day 1
    deadline = reply_deadline(CALENDAR, received=date(2026, 3, 2))
    assert CALENDAR.working_days_between(date(2026, 3, 2), deadline.due) == 20
    assert "当日不计入" in texts(deadline)[0]


def test_twenty_working_days_are_counted() -> None:
    # 条例第33条第1款 and 第2款
    assert (REPLY_WORKING_DAYS, EXTENSION_WORKING_DAYS) == (20, 20)
    assert reply_deadline(CALENDAR, received=date(2026, 3, 2)).working_days == 20
    assert reply_deadline(CALENDAR, received=date(2026, 3, 2), extended=True).working_days == 40


def test_a_correction_restarts_the_count() -> None:
    # 条例第30条: the period runs from receipt of the corrected application
    deadline = reply_deadline(CALENDAR, received=date(2025, 3, 3), corrected=date(2025, 3, 20))
    assert deadline.due == reply_deadline(CALENDAR, received=date(2025, 3, 20)).due
    assert "条例第30条" in texts(deadline)[0]


def test_a_correction_on_the_receipt_day_changes_nothing() -> None:
    received = date(2025, 3, 3)
    same_day = reply_deadline(CALENDAR, received=received, corrected=received)
    assert same_day.due == reply_deadline(CALENDAR, received=received).due


def test_a_correction_before_the_receipt_is_refused() -> None:
    with pytest.raises(
        ValueError, match="补正后申请的收到日 2025-03-01 早于原申请收到日 2025-03-03"
    ):
        reply_deadline(CALENDAR, received=date(2025, 3, 3), corrected=date(2025, 3, 1))


def test_consultation_runs_from_the_day_after_the_letter_to_the_answer() -> None:
    # reference §5 [I]
    assert consultation_interval(date(2025, 4, 3), date(2025, 4, 18)) == THIRD_PARTY_2025


def test_an_answer_not_after_the_letter_is_refused() -> None:
    with pytest.raises(ValueError, match="须晚于征求意见函发出日"):
        consultation_interval(date(2025, 4, 3), date(2025, 4, 3))


def test_an_interval_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="^区间结束日 2025-04-03 早于开始日 2025-04-04$"):
        Interval(date(2025, 4, 4), date(2025, 4, 3))


def test_a_one_day_interval_includes_its_day() -> None:
    assert Interval(date(2025, 4, 4), date(2025, 4, 4)).includes(date(2025, 4, 4))


def test_consultation_days_are_explained_with_their_count() -> None:
    # §6: 10 working days excluded between 2025-04-04 and 2025-04-18
    deadline = reply_deadline(CALENDAR, received=date(2025, 4, 1), paused=[THIRD_PARTY_2025])
    assert (
        "2025-04-04 至 2025-04-18 征求意见期间不计入答复期限（条例第33条第3款）："
        "其间 10 个工作日不计算" in texts(deadline)
    )


def test_a_pause_outside_the_count_excludes_nothing() -> None:
    later = Interval(date(2025, 6, 2), date(2025, 6, 6))
    deadline = reply_deadline(CALENDAR, received=date(2025, 4, 1), paused=[later])
    assert deadline.due == date(2025, 4, 29)
    assert any("其间 0 个工作日不计算" in step for step in texts(deadline))


def test_the_steps_explain_the_count() -> None:
    deadline = reply_deadline(CALENDAR, received=date(2026, 2, 12))
    assert texts(deadline)[0].startswith("收到申请之日为 2026-02-12（星期四），当日不计入")
    assert "2026-02-14（星期六）调休上班（春节），计为工作日" in texts(deadline)
    assert "跳过 2026-02-15 至 2026-02-23：春节（法定节假日）" in texts(deadline)
    assert "2026-02-28（星期六）调休上班（春节），计为工作日" in texts(deadline)
    assert "跳过 2026-03-07 至 2026-03-08：周末" in texts(deadline)
    assert texts(deadline)[-1] == "第 20 个工作日为 2026-03-18（星期三），即答复期限"


def test_the_last_step_names_the_due_day() -> None:
    deadline = reply_deadline(CALENDAR, received=date(2026, 3, 2))
    assert texts(deadline)[-1] == "第 20 个工作日为 2026-03-30（星期一），即答复期限"


def test_a_holiday_break_spanning_two_festivals_is_one_step() -> None:
    # §12 2025: 国庆·中秋 10/1–10/8
    deadline = reply_deadline(CALENDAR, received=date(2025, 9, 26))
    assert "跳过 2025-10-01 至 2025-10-08：国庆节、中秋节（法定节假日）" in texts(deadline)


def test_the_extension_is_explained() -> None:
    deadline = reply_deadline(CALENDAR, received=date(2025, 9, 26), extended=True)
    assert any("条例第33条第2款" in step and "共计 40 个工作日" in step for step in texts(deadline))
    assert texts(deadline)[-1] == "第 40 个工作日为 2025-11-27（星期四），即答复期限"


def test_the_steps_stay_short() -> None:
    # runs are grouped: no step per counted working day
    deadline = reply_deadline(CALENDAR, received=date(2025, 9, 26), extended=True)
    assert len(deadline.steps) < 20


def test_a_count_into_a_year_without_a_notice_is_provisional() -> None:
    # reference §12: the package ends with 2026; a 20-day count breaks from 2026-12-04 on
    deadline = reply_deadline(CALENDAR, received=date(2026, 12, 10))
    assert deadline.provisional
    assert CALENDAR.is_working_day(deadline.due)
    assert deadline.due == date(2027, 1, 8)
    assert any(
        step.startswith("2027 年尚无国务院放假安排，按《全国年节及纪念日放假办法》暂行推算")
        for step in texts(deadline)
    )


def test_a_count_within_the_package_is_not_provisional() -> None:
    deadline = reply_deadline(CALENDAR, received=date(2026, 11, 2))
    assert not deadline.provisional
    assert not any("暂行推算" in step for step in texts(deadline))


def test_an_extension_can_make_a_deadline_provisional() -> None:
    # reference §12: a 40-day count breaks from 2026-11-06 on
    assert not reply_deadline(CALENDAR, received=date(2026, 11, 5), extended=True).provisional
    assert reply_deadline(CALENDAR, received=date(2026, 11, 6), extended=True).provisional


def test_an_entered_notice_makes_the_year_official() -> None:
    # a made-up 2027 notice giving 1/1–1/4 off: entries win over the Mon–Fri rule
    calendar = WorkCalendar(
        [
            CalendarEntry(date(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
            CalendarEntry(date(2027, 1, 4), DayKind.HOLIDAY, "元旦"),
        ],
        official_years=[2027],
    )
    deadline = reply_deadline(calendar, received=date(2026, 12, 10))
    assert not deadline.provisional
    assert deadline.due == date(2027, 1, 11)
    assert "跳过 2027-01-01 至 2027-01-04：元旦（法定节假日）、周末" in texts(deadline)


def test_the_json_form_follows_the_deadline_contract() -> None:
    # DESIGN.md: {"due": "YYYY-MM-DD", "working_days": int, "provisional": bool, "steps": [...]}
    payload = reply_deadline(CALENDAR, received=date(2026, 3, 2)).as_json()
    assert payload["due"] == "2026-03-30"
    assert payload["working_days"] == 20
    assert payload["provisional"] is False
    assert payload["steps"] == texts(reply_deadline(CALENDAR, received=date(2026, 3, 2)))
    assert all(isinstance(step, str) for step in payload["steps"])  # Chinese sentences
    assert json.loads(json.dumps(payload, ensure_ascii=False)) == payload


def test_a_count_beyond_the_supported_years_names_the_deadline_and_the_last_year() -> None:
    # The first day past 2099 is a date the user never typed: don't name it.
    with pytest.raises(CalendarRangeError) as error:
        reply_deadline(CALENDAR, received=date(2099, 12, 20))
    assert str(error.value) == (
        "自 2099-12-20 起计算 20 个工作日，答复期限将晚于 2099 年，超出支持范围（1901–2099 年）"
    )
    assert error.value.message.code == "deadline.beyond_range"
    assert error.value.message.params["last_year"] == 2099


def test_each_step_has_a_code_and_the_parameters_of_its_sentence() -> None:
    deadline = reply_deadline(CALENDAR, received=date(2026, 2, 12))
    first, swap, skipped = deadline.steps[:3]
    assert first.code == "deadline.received"
    assert first.params["day"] == date(2026, 2, 12)
    assert first.params["weekday"] == weekday(date(2026, 2, 12))
    assert weekday(date(2026, 2, 12)).code == "weekday.thursday"
    assert first.params["count"] == 20
    assert (swap.code, swap.params["day"]) == ("deadline.weekend_worked", date(2026, 2, 14))
    assert skipped.code == "deadline.skipped"
    reasons = skipped.params["reasons"]
    assert isinstance(reasons, tuple)
    [statutory] = reasons
    assert isinstance(statutory, Message)
    assert statutory.code == "deadline.statutory"
    assert statutory.params["holidays"] == (holiday("春节"),)
    assert deadline.steps[-1].code == "deadline.due"


def test_a_single_day_off_is_named_by_its_date_a_run_by_its_first_and_last() -> None:
    # 2027 is provisional: 端午 农历五月初五 is Wednesday 2027-06-09 (放假办法第2条)
    deadline = reply_deadline(CALENDAR, received=date(2027, 6, 1))
    assert "跳过 2027-06-09：端午节（法定节假日）" in texts(deadline)
    assert "跳过 2027-06-12 至 2027-06-13：周末" in texts(deadline)
    [single] = [step for step in deadline.steps if step.params.get("days") == date(2027, 6, 9)]
    assert single.code == "deadline.skipped"


def test_refusals_carry_their_code() -> None:
    with pytest.raises(MessageError) as reversed_interval:
        Interval(date(2025, 4, 4), date(2025, 4, 3))
    with pytest.raises(MessageError) as early_correction:
        reply_deadline(CALENDAR, received=date(2025, 3, 3), corrected=date(2025, 3, 1))
    with pytest.raises(MessageError) as early_answer:
        consultation_interval(date(2025, 4, 3), date(2025, 4, 3))
    assert [
        reversed_interval.value.message.code,
        early_correction.value.message.code,
        early_answer.value.message.code,
    ] == ["interval.reversed", "deadline.corrected_too_early", "consultation.answered_too_early"]


@FEW
@given(RECEIPTS, st.booleans(), st.data())
def test_the_due_day_is_always_a_working_day(
    received: date, extended: bool, data: st.DataObject
) -> None:
    paused = data.draw(pauses(received))
    deadline = reply_deadline(CALENDAR, received=received, paused=paused, extended=extended)
    assert CALENDAR.is_working_day(deadline.due)
    assert not any(interval.includes(deadline.due) for interval in paused)


@FEW
@given(RECEIPTS, st.data())
def test_pauses_never_bring_the_due_day_forward(received: date, data: st.DataObject) -> None:
    paused = data.draw(pauses(received))
    plain = reply_deadline(CALENDAR, received=received)
    assert reply_deadline(CALENDAR, received=received, paused=paused).due >= plain.due


@FEW
@given(RECEIPTS)
def test_an_extension_always_moves_the_due_day_later(received: date) -> None:
    plain = reply_deadline(CALENDAR, received=received)
    extended = reply_deadline(CALENDAR, received=received, extended=True)
    assert extended.due > plain.due
    assert CALENDAR.working_days_between(plain.due, extended.due) == 20


@FEW
@given(RECEIPTS, st.data())
def test_exactly_the_unpaused_working_days_are_counted(received: date, data: st.DataObject) -> None:
    paused = data.draw(pauses(received))
    due = reply_deadline(CALENDAR, received=received, paused=paused).due
    counted = [
        received + timedelta(days=k)
        for k in range(1, (due - received).days + 1)
        if CALENDAR.is_working_day(received + timedelta(days=k))
        and not any(i.includes(received + timedelta(days=k)) for i in paused)
    ]
    assert len(counted) == 20


@FEW
@given(RECEIPTS)
def test_a_deadline_is_provisional_exactly_when_it_reaches_beyond_the_package(
    received: date,
) -> None:
    deadline = reply_deadline(CALENDAR, received=received)
    assert deadline.provisional is (deadline.due.year > 2026)


@FEW
@given(st.dates(date(2004, 1, 1), date(2026, 11, 1)))
def test_within_the_package_the_due_day_agrees_with_chinesecalendar(received: date) -> None:
    # reference §12: find_workday(n, day) is the n-th working day after `day` when `day` is
    # itself a working day (from a day off it first moves to the next working day)
    assume(CALENDAR.is_working_day(received))
    due = reply_deadline(CALENDAR, received=received).due
    assert due == chinese_calendar.find_workday(20, received)
