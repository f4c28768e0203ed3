"""信息处理费 of 国办函〔2020〕109号 (reference applications.md §10, annual-report.md §9)."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.applications import FeeMethod, compute_fee, fee_report
from gongkai.core.workcalendar import MessageError

FEW = settings(max_examples=60, deadline=None)


@pytest.mark.parametrize(
    ("items", "amount"),
    [
        (10, 0),  # 第4条: 1–10 free
        (11, 100),
        (30, 2000),  # §10 worked total
        (31, 2200),  # 第4条: the 31st item is in the first band of 10, 100元 dearer
        (35, 3000),  # §10 worked total
        (40, 4000),
        (41, 4300),  # [I] 41–50 at 300元
        (45, 5500),  # §10 worked total
    ],
)
def test_per_item_fees_of_a_month(items: int, amount: int) -> None:
    assert compute_fee(FeeMethod.PER_ITEM, quantity=items).amount == Decimal(amount)


@pytest.mark.parametrize(
    ("pages", "amount"),
    [
        (30, 0),  # 第5条: 1–30 free
        (31, 10),
        (100, 700),  # §10 worked totals
        (150, 1700),
        (200, 2700),
        (201, 2740),
        (250, 4700),
    ],
)
def test_per_page_fees_of_an_application(pages: int, amount: int) -> None:
    assert compute_fee(FeeMethod.PER_PAGE, quantity=pages).amount == Decimal(amount)


def test_per_item_counting_continues_from_the_applicants_earlier_items_of_the_month() -> None:
    # 第4条: the same applicant, per natural month, cumulative
    fee = compute_fee(FeeMethod.PER_ITEM, quantity=5, earlier=28)
    assert fee.amount == Decimal(2 * 100 + 3 * 200)
    assert [step.text for step in fee.steps] == [
        "按件计收（国办函〔2020〕109号第4条）：申请人本自然月此前已申请 28 件，本次 5 件，"
        "按本月累计第 29 至 33 件计算",
        "第 29 至 30 件：2 件 × 100 元 = 200 元",
        "第 31 至 33 件：3 件 × 200 元 = 600 元",
        "合计 800 元",
    ]


def test_the_explanation_names_the_free_pages() -> None:
    fee = compute_fee(FeeMethod.PER_PAGE, quantity=150)
    assert [step.text for step in fee.steps][1:] == [
        "第 1 至 30 页免费",
        "第 31 至 100 页：70 页 × 10 元 = 700 元",
        "第 101 至 150 页：50 页 × 20 元 = 1000 元",
        "合计 1700 元",
    ]
    assert fee.steps[0].code == "fee.per_page"


def test_per_page_fees_do_not_add_up_over_the_month() -> None:
    # 第5条: per application
    with pytest.raises(MessageError, match="按量计收按每件申请计算"):
        compute_fee(FeeMethod.PER_PAGE, quantity=10, earlier=3)


def test_negative_counts_are_refused() -> None:
    with pytest.raises(MessageError, match="^数量不能为负数，实际为 -1$"):
        compute_fee(FeeMethod.PER_ITEM, quantity=-1)


def test_nothing_asked_costs_nothing() -> None:
    assert compute_fee(FeeMethod.PER_ITEM, quantity=0, earlier=40).amount == 0


def test_the_methods_have_their_chinese_names() -> None:
    assert [m.label for m in FeeMethod] == ["按件计收", "按量计收"]


def test_the_annual_report_sentence_on_fees() -> None:
    # annual-report.md §9
    assert fee_report(2025, [Decimal(380), Decimal(0)]).text == (
        "2025 年有 1 件政府信息公开申请收取信息处理费，共计 380 元"
    )
    assert fee_report(2025, []).text == "2025 年未收取信息处理费"


@FEW
@given(st.integers(0, 80), st.integers(0, 40), st.integers(0, 40))
def test_splitting_a_months_items_never_changes_the_total(earlier: int, a: int, b: int) -> None:
    # 超额累进 on the month's running count: one application of a+b items costs what two of a
    # and b cost one after the other
    whole = compute_fee(FeeMethod.PER_ITEM, quantity=a + b, earlier=earlier).amount
    first = compute_fee(FeeMethod.PER_ITEM, quantity=a, earlier=earlier).amount
    second = compute_fee(FeeMethod.PER_ITEM, quantity=b, earlier=earlier + a).amount
    assert whole == first + second


@FEW
@given(st.sampled_from(FeeMethod), st.integers(0, 400))
def test_one_more_unit_never_costs_less(method: FeeMethod, quantity: int) -> None:
    fewer = compute_fee(method, quantity=quantity).amount
    assert compute_fee(method, quantity=quantity + 1).amount >= fewer
