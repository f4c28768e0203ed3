"""Taking an application in: receipt date (条例第31条), counts (条例第35条), registration
numbers (reference applications.md §§3, 7; the issue's default template)."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.applications import (
    DEFAULT_REGISTRATION_TEMPLATE,
    Channel,
    application_counts,
    check_registration_template,
    receipt_date,
    registration_number,
)
from gongkai.core.workcalendar import MessageError

TODAY = date(2026, 3, 10)
ARRIVED = date(2026, 3, 2)
CONFIRMED = date(2026, 3, 3)


@pytest.mark.parametrize(
    ("channel", "signed_for", "day", "paragraph"),
    [
        (Channel.IN_PERSON, False, ARRIVED, "第（一）项"),  # 当面提交: the day it is handed in
        (Channel.LETTER, True, ARRIVED, "第（二）项"),  # signed post: the signing day
        (Channel.LETTER, False, CONFIRMED, "第（二）项"),  # unsigned post: the confirmation day
        (Channel.ONLINE, False, CONFIRMED, "第（三）项"),  # internet: 双方确认之日
        (Channel.FAX, False, CONFIRMED, "第（三）项"),
        (Channel.EMAIL, False, CONFIRMED, "第（三）项"),  # [I] e-mail is an internet channel
    ],
)
def test_the_receipt_date_follows_article_31(
    channel: Channel, signed_for: bool, day: date, paragraph: str
) -> None:
    receipt = receipt_date(
        channel, arrived=ARRIVED, confirmed=CONFIRMED, signed_for=signed_for, today=TODAY
    )
    assert receipt.day == day
    assert f"条例第31条{paragraph}" in receipt.rule.text


def test_an_online_application_without_confirmation_has_no_receipt_date() -> None:
    with pytest.raises(MessageError, match="^网上申请须记录与申请人确认的日期（条例第31条）$"):
        receipt_date(Channel.ONLINE, arrived=ARRIVED, today=TODAY)


def test_only_a_letter_is_signed_for() -> None:
    with pytest.raises(MessageError, match="只有信函申请才有签收"):
        receipt_date(Channel.FAX, arrived=ARRIVED, signed_for=True, today=TODAY)


def test_a_confirmation_before_arrival_is_refused() -> None:
    with pytest.raises(MessageError, match="^确认日期 2026-03-01 早于申请到达日 2026-03-02$"):
        receipt_date(Channel.FAX, arrived=ARRIVED, confirmed=date(2026, 3, 1), today=TODAY)


def test_a_receipt_before_the_applications_own_date_is_refused() -> None:
    with pytest.raises(
        MessageError, match="^收到申请之日 2026-03-02 早于申请书所署日期 2026-03-05$"
    ):
        receipt_date(Channel.IN_PERSON, arrived=ARRIVED, dated=date(2026, 3, 5), today=TODAY)


def test_a_receipt_in_the_future_is_refused() -> None:
    with pytest.raises(MessageError, match="^收到申请之日 2026-03-11 晚于今天 2026-03-10$"):
        receipt_date(Channel.IN_PERSON, arrived=date(2026, 3, 11), today=TODAY)


def test_the_same_day_is_fine_everywhere() -> None:
    receipt = receipt_date(Channel.IN_PERSON, arrived=TODAY, dated=TODAY, today=TODAY)
    assert receipt.day == TODAY


# 条例第35条
def test_counts_are_per_natural_month_and_year_up_to_the_day() -> None:
    dates = [date(2025, 12, 30), date(2026, 1, 5), date(2026, 3, 1), date(2026, 3, 9), TODAY]
    counts = application_counts([*dates, date(2026, 3, 20)], on=TODAY)
    assert (counts.month, counts.year, counts.warning) == (3, 4, None)


def test_the_warning_appears_past_the_monthly_limit() -> None:
    dates = [date(2026, 3, day) for day in range(1, 12)]  # 11 in March
    counts = application_counts(dates, on=date(2026, 3, 11))
    assert counts.warning is not None
    assert counts.warning.text == (
        "该申请人本月已提出 11 件、本年已提出 11 件政府信息公开申请，"
        "可能明显超过合理范围：可以要求其说明理由（条例第35条）"
    )
    assert application_counts(dates[:10], on=date(2026, 3, 11)).warning is None


def test_the_limits_are_settings() -> None:
    dates = [date(2026, 1, 5), date(2026, 2, 5), date(2026, 3, 5)]
    assert application_counts(dates, on=TODAY, yearly_limit=2).warning is not None
    assert application_counts(dates, on=TODAY, monthly_limit=0).warning is not None


# registration numbers
def test_the_default_registration_number() -> None:
    assert DEFAULT_REGISTRATION_TEMPLATE == "{year}-{seq:04d}"
    assert registration_number(DEFAULT_REGISTRATION_TEMPLATE, year=2026, seq=3) == "2026-0003"


def test_a_template_may_use_the_agency_code_and_month() -> None:
    number = registration_number(
        "{agency_code}申〔{year}〕{month:02d}-{seq}号",
        year=2026,
        month=3,
        seq=12,
        agency_code="LCMZJ",
    )
    assert number == "LCMZJ申〔2026〕03-12号"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        (
            "{year}-{serial}",
            "^登记号模板含有未知字段：serial（可用字段：agency_code、month、seq、year）$",
        ),
        ("{year}-{}", "未知字段：{}"),
        ("{year}-{seq.real}", "未知字段：seq.real"),
        ("{year}", "须包含流水号"),
        ("{seq:04d}", "须包含年份"),
        ("{year}-{seq", "无法解析"),
        ("{year}-{seq:04x!}", "格式说明有误"),
    ],
)
def test_a_bad_template_is_refused_in_chinese(template: str, message: str) -> None:
    with pytest.raises(MessageError, match=message):
        check_registration_template(template)


def test_sequence_numbers_start_at_one() -> None:
    with pytest.raises(MessageError, match="^流水号须从 1 开始，实际为 0$"):
        registration_number(DEFAULT_REGISTRATION_TEMPLATE, year=2026, seq=0)


@settings(max_examples=40, deadline=None)
@given(st.integers(2000, 2099), st.integers(1, 99_999), st.integers(1, 99_999))
def test_distinct_sequence_numbers_give_distinct_registration_numbers(
    year: int, a: int, b: int
) -> None:
    first = registration_number(DEFAULT_REGISTRATION_TEMPLATE, year=year, seq=a)
    assert (first == registration_number(DEFAULT_REGISTRATION_TEMPLATE, year=year, seq=b)) is (
        a == b
    )
