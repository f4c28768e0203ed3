"""Filled tables: the numbers of tables 二, 三 and 四, computed from plain facts or entered.

- Table 三 from the cases (reference annual-report.md §5): a case counts in 一 in the year it
  was received, in 二 in every later year it is still open at the start of, in its result row
  in the year its outcome falls, and in 四 at the end of every year it is still open. Each case
  that is open at some time of the year therefore counts once on each side of the identity
  一 + 二 = 三（七） + 四 (A1).
- Table 四 from the remedies: one per reconsideration or lawsuit, counted in its year.
- Table 二 from the registry (规章, 行政规范性文件) and from figures the office enters.

Computed tables fill every cell, zeros and totals included; a table entered or imported from
a published report may leave cells blank (``None``), which the checks read as 0 (A7).
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from gongkai.core.annual_report.layout import (
    AMOUNT,
    APPLICANT_COLUMNS,
    CARRIED_FORWARD,
    CARRIED_OVER,
    CHARGES,
    COERCION,
    DECISIONS,
    IN_FORCE,
    LICENSING,
    MADE,
    NEW,
    NORMATIVE,
    PENALTY,
    REMEDIES,
    REPEALED,
    RESULTS_TOTAL,
    RULES,
    TOTAL,
    Layout,
    ReportFormat,
    Row,
    ValueKind,
    format_for_year,
    layout,
    outcome_row,
    remedy_columns,
    remedy_key,
    result_rows,
)
from gongkai.core.applications.vocabulary import ApplicantKind, Outcome, RemedyKind, RemedyResult
from gongkai.core.workcalendar import Message, MessageError, Param, message

Value = int | Decimal
CellKey = tuple[str, str]  # (row key, column key)

# [I] 万元 amounts are kept to 4 decimal places, i.e. to the 元 (the reference gives no precision).
AMOUNT_PLACES = 4

CHINESE: Mapping[str, str] = {
    "figure.not_a_number": "%(cell)s应为数字，实际为“%(value)s”",
    "figure.negative": "%(cell)s不能为负数，实际为 %(value)s",
    "figure.not_whole": "%(cell)s应为整数，实际为 %(value)s",
    "figure.too_precise": "%(cell)s最多保留 %(places)s 位小数，实际为 %(value)s",
    "figure.too_large": "%(cell)s数值过大（不能超过 %(limit)s），实际为 %(value)s",
    "figure.unknown_cell": "表%(table)s没有单元格“%(cell)s”",
    "case.outcome_without_date": "申请（%(received)s 收到）有办理结果但没有办结日期，或有办结日期但没有办理结果",
    "case.decided_before_received": "申请（%(received)s 收到）的办结日期 %(decided)s 早于收到日期",
}


def _say(code: str, **params: Param) -> Message:
    return message(CHINESE, code, **params)


@dataclass(frozen=True)
class Table:
    """A table's layout and its numbers; a cell missing from ``values`` is blank."""

    layout: Layout
    values: Mapping[CellKey, Value]

    def value(self, row: str, column: str) -> Value | None:
        return self.values.get((row, column))

    def number(self, row: str, column: str) -> Value:
        """The cell as the checks read it: blank is 0 (annual-report.md §8, A7)."""
        return self.values.get((row, column), 0)


def cell_name(table: Layout, row: Row, column: str) -> str:
    """How the reader finds a cell: 表三“一、本年新收政府信息公开申请数量”行“自然人”列."""
    return f"表{table.number}“{row.name}”行“{table.column_labels[column]}”列"


# No count or 万元 amount of a report comes near a billion; a larger figure is a typing error
# (and "1e5000" would otherwise become a 5001-digit number no page can print).
LARGEST = 10**9


def parse_value(raw: object, kind: ValueKind, cell: str) -> Value | None:
    """A figure typed in or imported: blank (None, "") stays blank; anything else must be a
    number of the cell's kind, else MessageError naming `cell`."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    number = _number(raw, cell)
    if number < 0 and kind is not ValueKind.CHANGE:
        raise MessageError(_say("figure.negative", cell=cell, value=str(raw)))
    if kind is ValueKind.AMOUNT:
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -AMOUNT_PLACES:
            raise MessageError(
                _say("figure.too_precise", cell=cell, places=AMOUNT_PLACES, value=str(raw))
            )
        return number
    if number != number.to_integral_value():
        raise MessageError(_say("figure.not_whole", cell=cell, value=str(raw)))
    return int(number)


def _number(raw: object, cell: str) -> Decimal:
    if isinstance(raw, bool) or not isinstance(raw, int | Decimal | float | str):
        raise MessageError(_say("figure.not_a_number", cell=cell, value=str(raw)))
    text = str(raw).strip().replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise MessageError(_say("figure.not_a_number", cell=cell, value=str(raw))) from None
    if not number.is_finite():
        raise MessageError(_say("figure.not_a_number", cell=cell, value=str(raw)))
    if abs(number) > LARGEST:
        raise MessageError(_say("figure.too_large", cell=cell, limit=str(LARGEST), value=str(raw)))
    return number


def entered_table(table: Layout, raw: Mapping[CellKey, object]) -> Table:
    """A table from figures typed in or imported (a year kept outside Gongkai), validated
    cell by cell; the first bad cell raises MessageError naming it."""
    known = {(row.key, cell.column): (row, cell) for row, cell in table.cells()}
    values: dict[CellKey, Value] = {}
    for key, given in raw.items():
        if key not in known:
            name = f"{key[0]}/{key[1]}"
            raise MessageError(_say("figure.unknown_cell", table=table.number, cell=name))
        row, cell = known[key]
        value = parse_value(given, cell.kind, cell_name(table, row, cell.column))
        if value is not None:
            values[key] = value
    return Table(table, values)


# Table 三 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CaseFact:
    """What table 三 needs of one application."""

    applicant: ApplicantKind
    received: date
    outcome: Outcome | None = None  # None while the case is open
    decided: date | None = None  # the day of the outcome

    def check(self) -> None:
        if (self.outcome is None) != (self.decided is None):
            raise MessageError(_say("case.outcome_without_date", received=self.received))
        if self.decided is not None and self.decided < self.received:
            raise MessageError(
                _say("case.decided_before_received", received=self.received, decided=self.decided)
            )


def _rows_of(case: CaseFact, year: int, fmt: ReportFormat) -> list[str]:
    """The rows of table 三 of `year` that `case` counts in."""
    if case.received.year > year or (case.decided and case.decided.year < year):
        return []
    rows = [NEW if case.received.year == year else CARRIED_OVER]
    if case.outcome is not None and case.decided is not None and case.decided.year == year:
        rows += [outcome_row(fmt, case.outcome), RESULTS_TOTAL]
    else:
        rows.append(CARRIED_FORWARD)
    return rows


def table_three(cases: Iterable[CaseFact], year: int, fmt: ReportFormat | None = None) -> Table:
    """Table 三 of `year` from every case of the agency (any year; others count nowhere)."""
    fmt = fmt or format_for_year(year)
    counts: Counter[CellKey] = Counter()
    for case in cases:
        case.check()
        for row in _rows_of(case, year, fmt):
            counts[(row, case.applicant.value)] += 1
    rows = (NEW, CARRIED_OVER, *(r.key for r in result_rows(fmt)), RESULTS_TOTAL, CARRIED_FORWARD)
    values: dict[CellKey, Value] = {}
    for row in rows:
        for column in APPLICANT_COLUMNS:
            values[(row, column)] = counts[(row, column)]
        values[(row, TOTAL)] = sum(counts[(row, column)] for column in APPLICANT_COLUMNS)
    return Table(layout("三", fmt), values)


# Table 四 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RemedyFact:
    """One administrative reconsideration or lawsuit about an application, in its year."""

    kind: RemedyKind
    result: RemedyResult
    year: int


def table_four(remedies: Iterable[RemedyFact], year: int, fmt: ReportFormat | None = None) -> Table:
    counts = Counter(remedy_key(r.kind, r.result) for r in remedies if r.year == year)
    values: dict[CellKey, Value] = {}
    for kind in RemedyKind:
        *results, total = remedy_columns(kind)
        for column in results:
            values[(REMEDIES, column)] = counts[column]
        values[(REMEDIES, total)] = sum(counts[column] for column in results)
    return Table(layout("四", fmt or format_for_year(year)), values)


# Table 二 ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegistryCounts:
    """规章 or 行政规范性文件 of the records registry for one year (2021 format, 第（一）项)."""

    made: int  # 本年制发件数
    repealed: int  # 本年废止件数
    in_force: int  # 现行有效件数 at the end of the year


# The figures the office enters for the 2021 table 二: key → (row, column).
ENTERED_2021: Mapping[str, CellKey] = {
    LICENSING: (LICENSING, DECISIONS),
    PENALTY: (PENALTY, DECISIONS),
    COERCION: (COERCION, DECISIONS),
    CHARGES: (CHARGES, AMOUNT),
}


def table_two(
    *, rules: RegistryCounts, normative: RegistryCounts, entered: Mapping[str, object]
) -> Table:
    """Table 二 of the 2021 format. `entered` holds the office's figures by the keys of
    ENTERED_2021 (行政许可, 行政处罚, 行政强制: 本年处理决定数量; 行政事业性收费: 万元) as typed
    or imported; each is validated and a missing one is 0."""
    raw: dict[CellKey, object] = {}
    for row, counts in ((RULES, rules), (NORMATIVE, normative)):
        raw |= {(row, MADE): counts.made, (row, REPEALED): counts.repealed}
        raw[(row, IN_FORCE)] = counts.in_force
    for key, cell in ENTERED_2021.items():
        given = entered.get(key)
        raw[cell] = 0 if given is None or given == "" else given
    unknown = set(entered) - set(ENTERED_2021)
    if unknown:
        name = "、".join(sorted(unknown))
        raise MessageError(_say("figure.unknown_cell", table="二", cell=name))
    return entered_table(layout("二", ReportFormat.FORMAT_2021), raw)
