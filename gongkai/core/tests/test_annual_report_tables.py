"""Filling tables 二, 三 and 四 from facts and from entered figures (annual-report.md §§4–8)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.core.annual_report import (
    CaseFact,
    RegistryCounts,
    RemedyFact,
    ReportFormat,
    Value,
    ValueKind,
    check_carry_over,
    check_table_three,
    entered_table,
    layout,
    parse_value,
    table_four,
    table_three,
    table_two,
)
from gongkai.core.applications import ApplicantKind, Outcome, RemedyKind, RemedyResult
from gongkai.core.workcalendar import MessageError

P, C = ApplicantKind.NATURAL_PERSON, ApplicantKind.COMMERCIAL
FEW = settings(max_examples=150, deadline=None)


def _total(cases: list[CaseFact], year: int, row: str) -> Value:
    return table_three(cases, year).number(row, "total")


@pytest.mark.parametrize(
    ("case", "rows"),
    [
        # received in the year, decided in the year: 一 and its result row
        (CaseFact(P, date(2024, 3, 1), Outcome.DISCLOSED, date(2024, 3, 20)), {"new", "disclosed"}),
        # received in the year, still open: 一 and 四
        (CaseFact(P, date(2024, 12, 20)), {"new", "carried_forward"}),
        # received in the year, decided the next year: 一 and 四
        (
            CaseFact(P, date(2024, 12, 20), Outcome.REPEATED, date(2025, 1, 10)),
            {"new", "carried_forward"},
        ),
        # received earlier, decided in the year: 二 and its result row
        (
            CaseFact(P, date(2023, 12, 20), Outcome.NOT_HELD, date(2024, 1, 10)),
            {"carried_over", "not_held"},
        ),
        # received earlier, still open: 二 and 四
        (CaseFact(P, date(2023, 12, 20)), {"carried_over", "carried_forward"}),
        # received and decided in an earlier year, or received later: nowhere
        (CaseFact(P, date(2023, 5, 1), Outcome.DISCLOSED, date(2023, 5, 2)), set()),
        (CaseFact(P, date(2025, 1, 2)), set()),
    ],
)
def test_a_case_counts_in_the_rows_of_its_dates(case: CaseFact, rows: set[str]) -> None:
    table = table_three([case], 2024)
    counted = {key for (key, column), n in table.values.items() if n and column == "natural_person"}
    assert counted - {"results_total"} == rows


def test_the_trial_format_counts_the_three_other_outcomes_in_its_one_row() -> None:
    cases = [
        CaseFact(C, date(2020, 2, 1), outcome, date(2020, 2, 20))
        for outcome in (Outcome.NOT_CORRECTED, Outcome.FEE_NOT_PAID, Outcome.OTHER)
    ]
    assert table_three(cases, 2020).value("other_handling", "commercial") == 3
    assert table_three(cases, 2020).value("other_handling", "total") == 3
    assert table_three(cases, 2020, ReportFormat.FORMAT_2021).value("fee_not_paid", "total") == 1


def test_a_computed_table_fills_every_cell_with_zeros_and_totals() -> None:
    table = table_three([], 2024)
    assert len(table.values) == 25 * 7
    assert set(table.values.values()) == {0}


def test_a_case_with_an_outcome_but_no_date_is_refused() -> None:
    with pytest.raises(MessageError, match="没有办结日期"):
        table_three([CaseFact(P, date(2024, 1, 2), Outcome.DISCLOSED)], 2024)
    with pytest.raises(MessageError, match="早于收到日期"):
        table_three([CaseFact(P, date(2024, 1, 2), Outcome.DISCLOSED, date(2024, 1, 1))], 2024)


dates = st.dates(min_value=date(2017, 1, 1), max_value=date(2022, 12, 31))


@st.composite
def cases(draw: st.DrawFn) -> CaseFact:
    received = draw(dates)
    outcome = draw(st.none() | st.sampled_from(Outcome))
    decided = None
    if outcome is not None:
        decided = draw(st.dates(min_value=received, max_value=date(2023, 6, 30)))
    return CaseFact(draw(st.sampled_from(ApplicantKind)), received, outcome, decided)


@FEW
@given(st.lists(cases(), max_size=60), st.integers(min_value=2018, max_value=2022))
def test_any_ledger_satisfies_every_identity_of_table_three(
    ledger: list[CaseFact], year: int
) -> None:
    this_year, last_year = table_three(ledger, year), table_three(ledger, year - 1)
    assert check_table_three(this_year) == []
    assert check_carry_over(this_year, last_year) == []  # across formats, too (2020 → 2021)


@FEW
@given(st.lists(cases(), max_size=60))
def test_every_case_is_new_once_and_decided_once(ledger: list[CaseFact]) -> None:
    years = range(2017, 2024)
    assert sum(_total(ledger, y, "new") for y in years) == len(ledger)
    decided = sum(1 for case in ledger if case.decided)
    assert sum(_total(ledger, y, "results_total") for y in years) == decided


def test_table_four_counts_the_remedies_of_its_year_in_their_block() -> None:
    remedies = [
        RemedyFact(RemedyKind.LITIGATION_AFTER_RECONSIDERATION, RemedyResult.CORRECTED, 2024),
        RemedyFact(RemedyKind.LITIGATION_AFTER_RECONSIDERATION, RemedyResult.OTHER, 2024),
        RemedyFact(RemedyKind.RECONSIDERATION, RemedyResult.UPHELD, 2023),
    ]
    table = table_four(remedies, 2024)
    assert table.value("remedies", "litigation_after_reconsideration.total") == 2
    assert table.value("remedies", "litigation_after_reconsideration.corrected") == 1
    assert table.value("remedies", "reconsideration.total") == 0
    assert len(table.values) == 15


def test_table_two_takes_the_registry_and_the_entered_figures() -> None:
    table = table_two(
        rules=RegistryCounts(0, 0, 0),
        normative=RegistryCounts(made=2, repealed=1, in_force=20),
        entered={"licensing": "585", "penalty": 1, "charges": "1.2345"},
    )
    assert table.value("normative_documents", "in_force") == 20
    assert table.value("licensing", "decisions") == 585
    assert table.value("coercion", "decisions") == 0
    assert table.value("charges", "amount") == Decimal("1.2345")
    assert len(table.values) == 10


@pytest.mark.parametrize(
    ("entered", "words"),
    [
        ({"penalty": "-1"}, "表二“行政处罚”行“本年处理决定数量”列不能为负数，实际为 -1"),
        ({"licensing": "十二"}, "表二“行政许可”行“本年处理决定数量”列应为数字，实际为“十二”"),
        ({"coercion": "2.5"}, "表二“行政强制”行“本年处理决定数量”列应为整数，实际为 2.5"),
        (
            {"charges": "0.12345"},
            "表二“行政事业性收费”行“本年收费金额（单位：万元）”列最多保留 4 位小数",
        ),
        ({"charges": "-0.5"}, "表二“行政事业性收费”行“本年收费金额（单位：万元）”列不能为负数"),
        ({"procurement": "1"}, "表二没有单元格“procurement”"),
    ],
)
def test_bad_entered_figures_are_refused_with_their_cell_named(
    entered: dict[str, object], words: str
) -> None:
    with pytest.raises(MessageError) as refused:
        table_two(rules=RegistryCounts(0, 0, 0), normative=RegistryCounts(0, 0, 0), entered=entered)
    assert str(refused.value).startswith(words)


@pytest.mark.parametrize(
    ("raw", "kind", "value"),
    [
        (None, ValueKind.COUNT, None),
        ("  ", ValueKind.COUNT, None),
        ("1,400", ValueKind.COUNT, 1400),
        (3, ValueKind.COUNT, 3),
        ("-2", ValueKind.CHANGE, -2),
        ("0.5", ValueKind.AMOUNT, Decimal("0.5")),
    ],
)
def test_figures_are_read_as_typed(raw: object, kind: ValueKind, value: object) -> None:
    assert parse_value(raw, kind, "某单元格") == value


@pytest.mark.parametrize("raw", [True, "NaN", "1e400x", object()])
def test_anything_but_a_number_is_refused(raw: object) -> None:
    with pytest.raises(MessageError, match="应为数字"):
        parse_value(raw, ValueKind.COUNT, "某单元格")


def test_an_imported_table_names_the_cell_it_refuses() -> None:
    with pytest.raises(MessageError) as refused:
        entered_table(layout("三", ReportFormat.FORMAT_2021), {("not_held", "research"): "x"})
    assert str(refused.value) == (
        "表三“（四）无法提供 1.本机关不掌握相关政府信息”行“科研机构”列应为数字，实际为“x”"
    )


@pytest.mark.parametrize("typed", ["1e5000", "1000000001", "1,000,000,001"])
def test_a_figure_beyond_a_billion_is_refused_as_a_typing_error(typed: str) -> None:
    cell = "表二“行政处罚”行“本年处理决定数量”列"
    with pytest.raises(MessageError) as refused:
        parse_value(typed, ValueKind.COUNT, cell)
    assert refused.value.message.code == "figure.too_large"
    assert refused.value.message.text.startswith(cell + "数值过大")
    assert parse_value("1000000000", ValueKind.COUNT, cell) == 10**9
