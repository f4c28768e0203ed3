"""The arithmetic a report must satisfy before publication (reference annual-report.md §8).

Each check returns ``Finding``s: which check, the table, row and column, the number the rule
derives (``expected``) and the number the report shows (``actual``), and the Chinese sentence.
An ``ERROR`` blocks publication (unless an approver overrides it with a reason); a
``WARNING`` is shown and does not block.
"""

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from gongkai.core.annual_report.layout import (
    APPLICANT_COLUMNS,
    CARRIED_FORWARD,
    CARRIED_OVER,
    IN_FORCE,
    MADE,
    NEW,
    NORMATIVE,
    REMEDIES,
    REPEALED,
    RESULTS_TOTAL,
    RULES,
    THREE_COLUMNS,
    TOTAL,
    ReportFormat,
    Row,
    ValueKind,
    remedy_columns,
    result_rows,
)
from gongkai.core.annual_report.tables import Table, Value, cell_name
from gongkai.core.applications.vocabulary import RemedyKind
from gongkai.core.workcalendar import Message, Param, message


class Check(enum.StrEnum):
    IDENTITY = "A1"
    RESULTS_TOTAL = "A2"
    APPLICANT_TOTAL = "A3"
    REMEDY_TOTAL = "A4"
    WHOLE_NUMBERS = "A6"
    BLANK_TOTAL = "A7"
    CARRY_OVER = "X1"
    IN_FORCE = "X2"
    NARRATIVE = "N1"
    MISSING_SECTION = "S1"
    PROMPT_LEFT = "S2"

    @property
    def label(self) -> str:
        return CHECK_LABELS[self]


CHECK_LABELS: Mapping[Check, str] = {
    Check.IDENTITY: "勾稽关系（第一项加第二项之和等于第三项加第四项之和）",
    Check.RESULTS_TOTAL: "（七）总计等于各项办理结果之和",
    Check.APPLICANT_TOTAL: "总计列等于各类申请人之和",
    Check.REMEDY_TOTAL: "表四总计等于四种结果之和",
    Check.WHOLE_NUMBERS: "数字为非负整数",
    Check.BLANK_TOTAL: "总计未填写",
    Check.CARRY_OVER: "上年结转等于上年报告结转下年度继续办理",
    Check.IN_FORCE: "现行有效件数与制发、废止件数相符",
    Check.NARRATIVE: "正文数字与表格一致",
    Check.MISSING_SECTION: "章节齐全",
    Check.PROMPT_LEFT: "正文无未填写的提示",
}


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


CHINESE: Mapping[str, str] = {
    "check.identity": (
        "表三“%(column)s”列勾稽关系不成立：第一项加第二项之和为 %(expected)s，"
        "第三项（七）总计加第四项之和为 %(actual)s"
    ),
    "check.results_total": "表三“%(column)s”列（七）总计为 %(actual)s，各项办理结果之和为 %(expected)s",
    "check.applicant_total": "表三“%(row)s”行总计为 %(actual)s，各类申请人之和为 %(expected)s",
    "check.remedy_total": "表四“%(column)s”为 %(actual)s，四种结果之和为 %(expected)s",
    "check.whole_number": "%(cell)s应为非负整数，实际为 %(actual)s",
    "check.blank_total": "表%(table)s“%(row)s”行“%(column)s”未填写，按各项之和应为 %(expected)s",
    "check.carry_over": (
        "表三“%(column)s”列上年结转为 %(actual)s，上年报告结转下年度继续办理为 %(expected)s"
    ),
    "check.in_force": (
        "表二“%(row)s”现行有效件数为 %(actual)s，按上年现行有效件数加本年制发减本年废止"
        "应为 %(expected)s（规章、规范性文件修订而未废止时可能不一致）"
    ),
    "check.missing_section": "缺少“%(section)s”的内容",
}


def _say(code: str, **params: Param) -> Message:
    return message(CHINESE, code, **params)


def number_param(value: Value) -> Param:
    """A figure as a message parameter: whole numbers stay int, amounts become text."""
    return value if isinstance(value, int) else str(value)


@dataclass(frozen=True)
class Finding:
    check: Check
    severity: Severity
    table: str  # 二, 三, 四; "" for a section
    row: str  # the row as a reader names it
    column: str
    expected: Value  # what the rule derives
    actual: Value  # what the report shows (for N1: the figure in the text)
    message: Message

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERROR


def _finding(
    check: Check, table: Table, row: Row, column: str, expected: Value, actual: Value, code: str
) -> Finding:
    label = table.layout.column_labels[column]
    severity = Severity.WARNING if check in WARNINGS else Severity.ERROR
    text = _say(
        code,
        table=table.layout.number,
        row=row.name,
        column=label,
        expected=number_param(expected),
        actual=number_param(actual),
    )
    return Finding(check, severity, table.layout.number, row.name, label, expected, actual, text)


WARNINGS = frozenset({Check.BLANK_TOTAL, Check.IN_FORCE})


def check_whole_numbers(table: Table) -> list[Finding]:
    """A6: every count is a whole number ≥ 0 (a table built in code may bypass parse_value)."""
    found = []
    for row, cell in table.layout.cells():
        value = table.value(row.key, cell.column)
        if value is None or cell.kind is not ValueKind.COUNT:
            continue
        if value < 0 or value != int(value):
            name = cell_name(table.layout, row, cell.column)
            words = _say("check.whole_number", cell=name, actual=number_param(value))
            column = table.layout.column_labels[cell.column]
            expected = max(int(value), 0)
            found.append(
                Finding(
                    Check.WHOLE_NUMBERS,
                    Severity.ERROR,
                    table.layout.number,
                    row.name,
                    column,
                    expected,
                    value,
                    words,
                )
            )
    return found


def _sum(values: Iterable[Value]) -> Value:
    return sum(values, 0)


def _blank_total(table: Table, row: Row, column: str, parts: Iterable[tuple[str, str]]) -> bool:
    """A7: a blank total next to non-blank figures."""
    return table.value(row.key, column) is None and any(
        table.value(r, c) is not None for r, c in parts
    )


def _addend(table: Table, row: str, column: str) -> Value:
    """A cell as A2 adds it up: a blank 总计 (reported by A7) is its row's sum."""
    value = table.value(row, column)
    if value is None and column == TOTAL:
        return _sum(table.number(row, c) for c in APPLICANT_COLUMNS)
    return table.number(row, column)


def _results_totals(table: Table) -> list[Finding]:
    """A2 per column, or A7 where （七）总计 is blank beside figures."""
    found = []
    row = table.layout.row(RESULTS_TOTAL)
    results = [r.key for r in result_rows(table.layout.format)]
    for column in THREE_COLUMNS:
        columns = THREE_COLUMNS if column == TOTAL else (column,)
        expected = _sum(_addend(table, r, column) for r in results)
        actual = table.number(RESULTS_TOTAL, column)
        if _blank_total(table, row, column, [(r, c) for r in results for c in columns]):
            code, check, actual = "check.blank_total", Check.BLANK_TOTAL, 0
        elif actual != expected:
            code, check = "check.results_total", Check.RESULTS_TOTAL
        else:
            continue
        found.append(_finding(check, table, row, column, expected, actual, code))
    return found


def _identity(table: Table) -> list[Finding]:
    """A1 per column: 一 + 二 = 三（七） + 四."""
    found = []
    row = table.layout.row(NEW)
    for column in THREE_COLUMNS:
        left = table.number(NEW, column) + table.number(CARRIED_OVER, column)
        right = table.number(RESULTS_TOTAL, column) + table.number(CARRIED_FORWARD, column)
        if left != right:
            found.append(
                _finding(Check.IDENTITY, table, row, column, left, right, "check.identity")
            )
    return found


def _applicant_totals(table: Table, reported: set[tuple[str, str]]) -> list[Finding]:
    """A3 per row, or A7 where 总计 is blank beside figures (unless `reported` already)."""
    found = []
    for row in table.layout.data_rows:
        parts = [(row.key, column) for column in APPLICANT_COLUMNS]
        expected = _sum(table.number(r, c) for r, c in parts)
        actual = table.number(row.key, TOTAL)
        if _blank_total(table, row, TOTAL, parts):
            if (row.key, TOTAL) in reported:
                continue
            code, check, actual = "check.blank_total", Check.BLANK_TOTAL, 0
        elif actual != expected:
            code, check = "check.applicant_total", Check.APPLICANT_TOTAL
        else:
            continue
        found.append(_finding(check, table, row, TOTAL, expected, actual, code))
    return found


def check_table_three(table: Table) -> list[Finding]:
    """A1, A2, A3, A6, A7 on table 三."""
    results = _results_totals(table)
    total_label = table.layout.column_labels[TOTAL]
    blank = any(f.check is Check.BLANK_TOTAL and f.column == total_label for f in results)
    reported = {(RESULTS_TOTAL, TOTAL)} if blank else set()
    return [
        *check_whole_numbers(table),
        *_identity(table),
        *results,
        *_applicant_totals(table, reported),
    ]


def check_table_four(table: Table) -> list[Finding]:
    """A4, A6, A7 on table 四."""
    found = check_whole_numbers(table)
    row = table.layout.row(REMEDIES)
    for kind in RemedyKind:
        *results, total = remedy_columns(kind)
        parts = [(REMEDIES, column) for column in results]
        expected = _sum(table.number(r, c) for r, c in parts)
        if _blank_total(table, row, total, parts):
            found.append(
                _finding(Check.BLANK_TOTAL, table, row, total, expected, 0, "check.blank_total")
            )
        elif table.number(REMEDIES, total) != expected:
            actual = table.number(REMEDIES, total)
            found.append(
                _finding(
                    Check.REMEDY_TOTAL, table, row, total, expected, actual, "check.remedy_total"
                )
            )
    return found


def check_table_two(table: Table, last_year: Table | None = None) -> list[Finding]:
    """A6 on table 二; X2 (a warning) when last year's 2021-format table is given."""
    found = check_whole_numbers(table)
    if last_year is None or ReportFormat.TRIAL_2019 in (
        table.layout.format,
        last_year.layout.format,
    ):
        return found  # the trial format has no 现行有效 column
    for key in (RULES, NORMATIVE):
        row = table.layout.row(key)
        expected = (
            last_year.number(key, IN_FORCE) + table.number(key, MADE) - table.number(key, REPEALED)
        )
        actual = table.number(key, IN_FORCE)
        if actual != expected:
            found.append(
                _finding(Check.IN_FORCE, table, row, IN_FORCE, expected, actual, "check.in_force")
            )
    return found


def check_carry_over(table: Table, last_year: Table) -> list[Finding]:
    """X1: this year's 二 equals last year's 四, per column (either format)."""
    found = []
    row = table.layout.row(CARRIED_OVER)
    for column in THREE_COLUMNS:
        expected = last_year.number(CARRIED_FORWARD, column)
        actual = table.number(CARRIED_OVER, column)
        if actual != expected:
            found.append(
                _finding(Check.CARRY_OVER, table, row, column, expected, actual, "check.carry_over")
            )
    return found
