"""N1: figures written in the prose against the tables (annual-report.md §8, §10.1)."""

from datetime import date
from decimal import Decimal

import pytest

from gongkai.core.annual_report import (
    FEE_AMOUNT,
    PUBLISHED,
    CaseFact,
    Check,
    Figures,
    RemedyFact,
    Value,
    check_narrative,
    table_four,
    table_three,
)
from gongkai.core.applications import ApplicantKind, Outcome, RemedyKind, RemedyResult

P = ApplicantKind.NATURAL_PERSON


def _figures() -> Figures:
    """15 applications received in 2024, 9 disclosed, 2 withheld, 4 still open; 3
    reconsiderations and 1 lawsuit; 1400 items published; 400元 of fees."""
    day = date(2024, 5, 6)
    cases = [CaseFact(P, day, Outcome.DISCLOSED, day)] * 9
    cases += [
        CaseFact(P, day, Outcome.STATE_SECRET, day),
        CaseFact(P, day, Outcome.THIRD_PARTY, day),
    ]
    cases += [CaseFact(P, day)] * 4
    remedies = [RemedyFact(RemedyKind.RECONSIDERATION, RemedyResult.UPHELD, 2024)] * 3
    remedies.append(RemedyFact(RemedyKind.DIRECT_LITIGATION, RemedyResult.PENDING, 2024))
    extra: dict[str, Value] = {PUBLISHED: 1400, FEE_AMOUNT: Decimal(400)}
    return Figures({"三": table_three(cases, 2024), "四": table_four(remedies, 2024)}, extra)


CONSISTENT = (
    "2024年，本局主动公开政府信息1,400条。共收到申请15件，予以公开9件，不予公开2件，"
    "结转下年度继续办理4件。被申请行政复议3件，被提起行政诉讼1件。"
    "依据《政府信息公开信息处理费管理办法》规定，全年实际收取信息处理费共计400元。"
)


def test_figures_that_agree_with_the_tables_pass() -> None:
    assert check_narrative(CONSISTENT, _figures()) == []


@pytest.mark.parametrize(
    ("text", "table", "row", "expected", "actual"),
    [
        ("共收到申请16件", "三", "一、本年新收政府信息公开申请数量", 15, 16),
        ("全年共收到政府信息公开申请共计14件", "三", "一、本年新收政府信息公开申请数量", 15, 14),
        ("予以公开10件", "三", "（一）予以公开", 9, 10),
        ("不予公开3件", "三", "（三）不予公开", 2, 3),
        ("结转下年度5件", "三", "四、结转下年度继续办理", 4, 5),
        ("办结12件", "三", "（七）总计", 11, 12),
        ("行政复议 2 件", "四", "行政复议", 3, 2),
        ("行政诉讼案件2起", "四", "行政诉讼", 1, 2),
        ("主动公开信息1399条", "", "主动公开政府信息", 1400, 1399),
    ],
)
def test_a_figure_that_contradicts_its_cell_is_named(
    text: str, table: str, row: str, expected: int, actual: int
) -> None:
    [finding] = check_narrative(text, _figures())
    assert finding.check is Check.NARRATIVE
    assert (finding.table, finding.row, finding.expected, finding.actual) == (
        table,
        row,
        expected,
        actual,
    )
    quote = finding.message.params["quote"]
    assert isinstance(quote, str) and text.endswith(quote)
    assert f"正文“{quote}”" in finding.message.text


def test_the_fee_sentence_is_compared_in_yuan() -> None:
    [finding] = check_narrative("收取信息处理费380元", _figures())
    assert finding.message.text == "正文“收取信息处理费380元”与记录统计的信息处理费 400 不一致"
    assert check_narrative("本年度未收取信息处理费。", _figures()) == []


def test_figures_of_a_table_the_report_lacks_and_unknown_phrases_are_not_checked() -> None:
    assert check_narrative("行政许可585件，接待群众300余人次", _figures()) == []


def test_a_year_or_a_date_is_not_read_as_a_figure() -> None:
    assert check_narrative("上年结转2023年12月的申请", _figures()) == []
