"""The checks of annual-report.md §8, on entered tables: each failure names its cell."""

from decimal import Decimal

from gongkai.core.annual_report import (
    Check,
    Finding,
    RegistryCounts,
    ReportFormat,
    Severity,
    Table,
    check_table_four,
    check_table_three,
    check_table_two,
    entered_table,
    layout,
    table_two,
)
from gongkai.core.annual_report.layout import APPLICANT_COLUMNS

F2021 = ReportFormat.FORMAT_2021

# §10.3, the synthetic "测试市2025" fixture (not an official publication): 一, 二, (七), 四
SYNTHETIC = {
    "new": (13612, 252, 0, 45, 128, 32, 14069),
    "carried_over": (535, 6, 0, 1, 18, 0, 560),
    "results_total": (13364, 252, 0, 44, 121, 29, 13810),
    "carried_forward": (783, 6, 0, 2, 25, 3, 819),
}
SYNTHETIC_FOUR = {
    "reconsideration": (376, 97, 196, 121, 790),
    "direct_litigation": (16, 1, 12, 27, 56),
    "litigation_after_reconsideration": (74, 1, 30, 51, 156),
}
RESULT_KEYS = ("upheld", "corrected", "other", "pending", "total")


def _three(**changes: int) -> Table:
    raw: dict[tuple[str, str], object] = {}
    for row, figures in SYNTHETIC.items():
        for column, n in zip((*APPLICANT_COLUMNS, "total"), figures, strict=True):
            raw[(row, column)] = changes.get(f"{row}.{column}", n)
    return entered_table(layout("三", F2021), raw)


def _four(**changes: int) -> Table:
    raw: dict[tuple[str, str], object] = {}
    for kind, figures in SYNTHETIC_FOUR.items():
        for result, n in zip(RESULT_KEYS, figures, strict=True):
            key = f"{kind}.{result}"
            raw[("remedies", key)] = changes.get(key, n)
    return entered_table(layout("四", F2021), raw)


def _checks(found: list[Finding]) -> set[Check]:
    return {f.check for f in found}


def test_the_synthetic_fixture_balances() -> None:
    found = check_table_three(_three())
    assert Check.IDENTITY not in _checks(found)
    assert Check.APPLICANT_TOTAL not in _checks(found)
    assert check_table_four(_four()) == []


def test_a_wrong_applicant_cell_fails_the_identity_and_the_row_total_by_name() -> None:
    found = check_table_three(_three(**{"new.natural_person": 13613}))
    identity = [f for f in found if f.check is Check.IDENTITY]
    total = [f for f in found if f.check is Check.APPLICANT_TOTAL]
    assert [(f.table, f.column, f.expected, f.actual) for f in identity] == [
        ("三", "自然人", 14148, 14147)
    ]
    assert identity[0].message.text == (
        "表三“自然人”列勾稽关系不成立：第一项加第二项之和为 14148，第三项（七）总计加第四项之和为 14147"
    )
    assert [(f.row, f.column, f.expected, f.actual) for f in total] == [
        ("一、本年新收政府信息公开申请数量", "总计", 14070, 14069)
    ]
    assert total[0].severity is Severity.ERROR


def test_a_results_total_that_is_not_the_sum_of_its_rows_fails() -> None:
    table = entered_table(
        layout("三", F2021),
        {
            ("disclosed", "research"): 2,
            ("not_held", "research"): 1,
            ("results_total", "research"): 4,
        },
    )
    [finding] = [f for f in check_table_three(table) if f.check is Check.RESULTS_TOTAL]
    assert (finding.row, finding.column, finding.expected, finding.actual) == (
        "（七）总计",
        "科研机构",
        3,
        4,
    )
    assert finding.message.text == "表三“科研机构”列（七）总计为 4，各项办理结果之和为 3"


def test_a_table_four_total_that_is_not_its_four_results_fails() -> None:
    [finding] = check_table_four(_four(**{"direct_litigation.total": 55}))
    assert (finding.check, finding.column, finding.expected, finding.actual) == (
        Check.REMEDY_TOTAL,
        "行政诉讼/未经复议直接起诉/总计",
        56,
        55,
    )
    assert finding.message.text == "表四“行政诉讼/未经复议直接起诉/总计”为 55，四种结果之和为 56"


def test_a_blank_table_four_total_beside_figures_is_an_omission_warning() -> None:
    table = entered_table(layout("四", F2021), {("remedies", "reconsideration.upheld"): 5})
    [finding] = check_table_four(table)
    assert (finding.check, finding.severity, finding.expected) == (
        Check.BLANK_TOTAL,
        Severity.WARNING,
        5,
    )


def test_a_negative_or_fractional_count_built_in_code_is_caught() -> None:
    table = Table(layout("四", F2021), {("remedies", "reconsideration.upheld"): -1})
    assert Check.WHOLE_NUMBERS in _checks(check_table_four(table))
    table = Table(layout("三", F2021), {("new", "other"): Decimal("0.5")})
    assert Check.WHOLE_NUMBERS in _checks(check_table_three(table))


def _two(in_force: int, made: int = 2, repealed: int = 1) -> Table:
    counts = RegistryCounts(made, repealed, in_force)
    return table_two(rules=RegistryCounts(0, 0, 5), normative=counts, entered={})


def test_in_force_moves_with_made_and_repealed() -> None:
    assert check_table_two(_two(in_force=21), last_year=_two(in_force=20)) == []
    [finding] = check_table_two(_two(in_force=25), last_year=_two(in_force=20))
    assert (finding.check, finding.severity, finding.row, finding.expected, finding.actual) == (
        Check.IN_FORCE,
        Severity.WARNING,
        "行政规范性文件",
        21,
        25,
    )
    assert not finding.blocking


def test_in_force_is_not_checked_without_last_year_or_against_the_trial_format() -> None:
    assert check_table_two(_two(in_force=25)) == []
    trial = entered_table(layout("二", ReportFormat.TRIAL_2019), {("rules", "new_made"): 13})
    assert check_table_two(_two(in_force=25), last_year=trial) == []
    assert check_table_two(trial) == []


def test_a_blank_grand_total_beside_figures_is_reported_once() -> None:
    table = entered_table(
        layout("三", F2021), {("disclosed", "research"): 2, ("results_total", "research"): 2}
    )
    blank = [f for f in check_table_three(table) if f.check is Check.BLANK_TOTAL]
    assert [(f.row, f.column, f.expected) for f in blank] == [
        ("（七）总计", "总计", 2),
        ("（一）予以公开", "总计", 2),
    ]
