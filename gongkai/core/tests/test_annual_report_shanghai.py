"""The Shanghai 2019 report (reference annual-report.md §10.1): a ledger with its numbers
regenerates tables 三 and 四, every check passes, and one changed row fails a named check."""

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

import pytest

from gongkai.core.annual_report import (
    CaseFact,
    Check,
    Figures,
    RemedyFact,
    ReportFormat,
    Severity,
    Table,
    check_carry_over,
    check_narrative,
    check_table_four,
    check_table_three,
    entered_table,
    layout,
    remedy_key,
    table_four,
    table_three,
)
from gongkai.core.applications import ApplicantKind, Outcome, RemedyKind, RemedyResult

P, C, L, OT = (
    ApplicantKind.NATURAL_PERSON,
    ApplicantKind.COMMERCIAL,
    ApplicantKind.LEGAL_SERVICE,
    ApplicantKind.OTHER,
)
TRIAL = ReportFormat.TRIAL_2019

# §10.1 table 三: row → {column: figure}; rows and cells not listed are blank.
RESULTS: Mapping[Outcome, Mapping[ApplicantKind, int]] = {
    Outcome.DISCLOSED: {P: 258, C: 12, L: 1, OT: 1},
    Outcome.PARTLY_DISCLOSED: {P: 3},
    Outcome.STATE_SECRET: {P: 14},
    Outcome.INTERNAL_AFFAIRS: {P: 5},
    Outcome.PROCESS_INFORMATION: {P: 3, C: 1},
    Outcome.ADMINISTRATIVE_QUERY: {P: 10, C: 2},
    Outcome.NOT_HELD: {P: 252, C: 12, L: 1},
    Outcome.NEEDS_PRODUCING: {P: 44, C: 3},
    Outcome.STILL_UNCLEAR: {P: 25},
    Outcome.PETITION: {P: 148, C: 1},
    Outcome.REPEATED: {P: 5, C: 4},
}
NEW: Mapping[ApplicantKind, int] = {P: 821, C: 35, L: 2, OT: 1}
CARRIED_OVER: Mapping[ApplicantKind, int] = {P: 18}
RESULTS_TOTAL: Mapping[ApplicantKind, int] = {P: 767, C: 35, L: 2, OT: 1}
CARRIED_FORWARD: Mapping[ApplicantKind, int] = {P: 72}


def _published() -> Table:
    """Table 三 as published, blanks blank (the 总计 of every result row was left empty)."""
    raw: dict[tuple[str, str], object] = {}
    for row, figures, total in (
        ("new", NEW, 859),
        ("carried_over", CARRIED_OVER, 18),
        ("results_total", RESULTS_TOTAL, 805),
        ("carried_forward", CARRIED_FORWARD, 72),
    ):
        raw |= {(row, kind.value): n for kind, n in figures.items()}
        raw[(row, "total")] = total
    for outcome, figures in RESULTS.items():
        raw |= {(outcome.value, kind.value): n for kind, n in figures.items()}
    return entered_table(layout("三", TRIAL), raw)


def _ledger() -> list[CaseFact]:
    """Cases with those numbers: the 18 carried over come first in the 自然人 queue, and the
    72 the office carried forward are the last received; 2018 and 2020 cases count nowhere."""
    cases = [CaseFact(P, date(2018, 3, 1), Outcome.DISCLOSED, date(2018, 3, 20))]
    cases.append(CaseFact(C, date(2020, 1, 6)))
    for kind in (P, C, L, OT):
        queue = [date(2018, 12, 20)] * CARRIED_OVER.get(kind, 0)
        queue += [date(2019, 1 + i % 11, 1 + i % 28) for i in range(NEW[kind])]
        outcomes = [o for o, figures in RESULTS.items() for _ in range(figures.get(kind, 0))]
        for received, outcome in zip(queue, outcomes, strict=False):
            decided = max(received, date(2019, 1, 2)).replace(day=28)
            cases.append(CaseFact(kind, received, outcome, decided))
        cases += [CaseFact(kind, received) for received in queue[len(outcomes) :]]
    return cases


def _remedies() -> list[RemedyFact]:
    rows = [
        (RemedyKind.RECONSIDERATION, RemedyResult.UPHELD, 5),
        (RemedyKind.RECONSIDERATION, RemedyResult.PENDING, 2),
        (RemedyKind.DIRECT_LITIGATION, RemedyResult.UPHELD, 8),
        (RemedyKind.DIRECT_LITIGATION, RemedyResult.PENDING, 1),
    ]
    facts = [RemedyFact(kind, result, 2019) for kind, result, n in rows for _ in range(n)]
    return [*facts, RemedyFact(RemedyKind.RECONSIDERATION, RemedyResult.CORRECTED, 2018)]


def _last_year() -> Table:
    """What the 2018 report published as 结转下年度继续办理 (frozen, not recomputed)."""
    raw = {("carried_forward", P.value): 18, ("carried_forward", "total"): 18}
    return entered_table(layout("三", TRIAL), raw)


def test_the_ledger_regenerates_every_published_cell_with_blanks_as_zero_and_totals_filled() -> (
    None
):
    published, generated = _published(), table_three(_ledger(), 2019)
    assert generated.layout is published.layout
    for row, cell in generated.layout.cells():
        given = published.value(row.key, cell.column)
        if given is None and cell.column == "total":
            given = sum(published.number(row.key, k.value) for k in ApplicantKind)
        assert generated.value(row.key, cell.column) == (given or 0), (row.name, cell.column)
    assert generated.value(Outcome.DISCLOSED.value, "total") == 272
    assert generated.value(Outcome.NOT_HELD.value, "total") == 265


def test_the_regenerated_tables_pass_every_check() -> None:
    three = table_three(_ledger(), 2019)
    assert check_table_three(three) == []
    assert check_carry_over(three, _last_year()) == []
    assert check_table_four(table_four(_remedies(), 2019)) == []


def test_table_four_is_regenerated_from_the_remedies_of_the_year() -> None:
    four = table_four(_remedies(), 2019)
    expected = {
        (RemedyKind.RECONSIDERATION, RemedyResult.UPHELD): 5,
        (RemedyKind.RECONSIDERATION, RemedyResult.PENDING): 2,
        (RemedyKind.RECONSIDERATION, None): 7,
        (RemedyKind.DIRECT_LITIGATION, RemedyResult.UPHELD): 8,
        (RemedyKind.DIRECT_LITIGATION, RemedyResult.PENDING): 1,
        (RemedyKind.DIRECT_LITIGATION, None): 9,
    }
    for kind in RemedyKind:
        for result in (*RemedyResult, None):
            assert four.value("remedies", remedy_key(kind, result)) == expected.get(
                (kind, result), 0
            )


def test_the_published_table_passes_the_identities_and_warns_of_its_blank_totals() -> None:
    found = check_table_three(_published())
    assert {f.check for f in found} == {Check.BLANK_TOTAL}
    assert all(f.severity is Severity.WARNING for f in found)
    assert len(found) == len(RESULTS)
    first = found[0]
    assert (first.row, first.column, first.expected) == ("（一）予以公开", "总计", 272)
    assert "未填写" in first.message.text


def test_a_case_moved_into_the_year_breaks_the_carry_over_check_by_name() -> None:
    cases = _ledger()
    index = next(i for i, c in enumerate(cases) if c.received == date(2018, 12, 20))
    cases[index] = replace(cases[index], received=date(2019, 1, 3))
    three = table_three(cases, 2019)
    assert check_table_three(three) == []  # still balanced in itself
    found = check_carry_over(three, _last_year())
    assert [(f.check, f.table, f.column, f.expected, f.actual) for f in found] == [
        (Check.CARRY_OVER, "三", "自然人", 18, 17),
        (Check.CARRY_OVER, "三", "总计", 18, 17),
    ]
    assert found[0].row == "二、上年结转政府信息公开申请数量"
    assert found[0].message.text == "表三“自然人”列上年结转为 17，上年报告结转下年度继续办理为 18"


def test_a_changed_outcome_contradicts_the_narrative_written_from_the_old_figures() -> None:
    text = "全年共收到政府信息公开申请859件，上年结转18件；予以公开272件，结转下年度继续办理72件。"
    figures = Figures({"三": table_three(_ledger(), 2019)})
    assert check_narrative(text, figures) == []
    cases = _ledger()
    index = next(
        i for i, c in enumerate(cases) if c.outcome is Outcome.DISCLOSED and c.received.year == 2019
    )
    cases[index] = replace(cases[index], outcome=Outcome.REPEATED)
    [finding] = check_narrative(text, Figures({"三": table_three(cases, 2019)}))
    assert (finding.check, finding.row, finding.expected, finding.actual) == (
        Check.NARRATIVE,
        "（一）予以公开",
        271,
        272,
    )


@pytest.mark.parametrize("table", [_published, lambda: table_three(_ledger(), 2019)])
def test_the_published_narrative_contradicts_the_table(table: object) -> None:
    # §10.1: "予以公开及部分公开258件…无法提供265件"; the table says 275 and 337
    text = "本年度予以公开及部分公开258件，无法提供265件。"
    assert callable(table)
    found = check_narrative(text, Figures({"三": table()}))
    assert [(f.row, f.expected, f.actual) for f in found] == [
        ("（一）予以公开＋（二）部分公开", 275, 258),
        ("（四）无法提供", 337, 265),
    ]
    assert found[0].message.text == (
        "正文“予以公开及部分公开258件”与表三“（一）予以公开＋（二）部分公开”总计的 275 不一致"
    )
