"""The whole report: its six sections (2021 format, annual-report.md §3), all its checks, and
its JSON rendering (`gongkai annual-report --format json`, shape in docs/annual-report.md).

Sections 一, 五 and 六 are prose the office drafts and edits; 二, 三 and 四 are the tables.
Section 六 always states the 信息处理费 collected, or that none was (§9, [I]).
"""

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from gongkai.core.annual_report.checks import (
    Check,
    Finding,
    Severity,
    check_carry_over,
    check_table_four,
    check_table_three,
    check_table_two,
)
from gongkai.core.annual_report.deadline import DeadlineStatus
from gongkai.core.annual_report.layout import Cell, ReportFormat, Role, Row
from gongkai.core.annual_report.narrative import FEE_AMOUNT, Figures, check_narrative
from gongkai.core.annual_report.tables import Table, Value
from gongkai.core.applications.fees import fee_report
from gongkai.core.workcalendar import Message, Param, message

JSON_SCHEMA = "gongkai.annual-report/1"

HEADINGS: Mapping[str, str] = {
    "一": "一、总体情况",
    "二": "二、主动公开政府信息情况",
    "三": "三、收到和处理政府信息公开申请情况",
    "四": "四、政府信息公开行政复议、行政诉讼情况",
    "五": "五、存在的主要问题及改进情况",
    "六": "六、其他需要报告的事项",
}
PROSE_SECTIONS = ("一", "五", "六")
# A drafted sentence the office must complete (drafting.py); S2 refuses it in a report.
PROMPT_OPEN, PROMPT_CLOSE = "【请填写：", "】"
_PROMPT = re.compile(f"{PROMPT_OPEN}[^{PROMPT_CLOSE}]*{PROMPT_CLOSE}?")
TABLE_SECTIONS = ("二", "三", "四")

CHINESE: Mapping[str, str] = {
    "report.title": "%(agency)s%(year)s年政府信息公开工作年度报告",
    "report.missing_section": "缺少“%(section)s”的内容",
    "report.prompt_left": "“%(section)s”仍有未填写的提示：%(quote)s",
    "report.empty": "%(year)s年没有可统计的记录，各表均为 0，请核实后再公开",
}


def _say(code: str, **params: Param) -> Message:
    return message(CHINESE, code, **params)


@dataclass(frozen=True)
class FeeFact:
    """One case's 信息处理费 as collected: the amount in 元 and the day it was paid."""

    amount: Decimal
    paid: date


@dataclass(frozen=True)
class FeeSummary:
    year: int
    cases: int
    amount: Decimal  # 元
    sentence: Message  # the sentence of section 六


def fees_of_year(fees: Iterable[FeeFact], year: int) -> FeeSummary:
    """[I] A fee counts in the year it was paid; waived (0) fees are not collected."""
    amounts = [fee.amount for fee in fees if fee.paid.year == year and fee.amount > 0]
    return FeeSummary(year, len(amounts), sum(amounts, Decimal(0)), fee_report(year, amounts))


@dataclass(frozen=True)
class Section:
    number: str  # 一 … 六
    heading: str
    paragraphs: tuple[str, ...] = ()
    table: Table | None = None


@dataclass(frozen=True)
class AnnualReport:
    agency: str  # the agency's name as printed in the title
    year: int
    format: ReportFormat
    sections: tuple[Section, ...]
    fees: FeeSummary
    published: int | None = None  # 主动公开政府信息条数, when the registry knows it

    @property
    def title(self) -> str:
        return _say("report.title", agency=self.agency, year=self.year).text

    def section(self, number: str) -> Section:
        return next(section for section in self.sections if section.number == number)

    def table(self, number: str) -> Table:
        table = self.section(number).table
        if table is None:
            raise KeyError(number)
        return table

    @property
    def empty(self) -> bool:
        """No figure at all: the report is valid but says so (the issue's bad-input rule)."""
        tables = (self.table(number) for number in TABLE_SECTIONS)
        return not any(any(t.values.values()) for t in tables) and not self.fees.cases

    @property
    def notices(self) -> tuple[Message, ...]:
        return (_say("report.empty", year=self.year),) if self.empty else ()

    def figures(self) -> Figures:
        extra: dict[str, Value] = {FEE_AMOUNT: self.fees.amount}
        if self.published is not None:
            extra["published"] = self.published
        return Figures({n: self.table(n) for n in TABLE_SECTIONS}, extra)


def assemble(
    *,
    agency: str,
    year: int,
    overview: Sequence[str],
    table_two: Table,
    table_three: Table,
    table_four: Table,
    problems: Sequence[str],
    other: Sequence[str],
    fees: FeeSummary,
    published: int | None = None,
) -> AnnualReport:
    """The report on `year`; section 六 gets the fee sentence after the office's paragraphs."""
    fmt = table_three.layout.format
    sections = (
        Section("一", HEADINGS["一"], tuple(overview)),
        Section("二", HEADINGS["二"], (), table_two),
        Section("三", HEADINGS["三"], (), table_three),
        Section("四", HEADINGS["四"], (), table_four),
        Section("五", HEADINGS["五"], tuple(problems)),
        Section("六", HEADINGS["六"], (*other, fees.sentence.text)),
    )
    return AnnualReport(agency, year, fmt, sections, fees, published)


def _missing_sections(report: AnnualReport) -> list[Finding]:
    found = []
    for number in PROSE_SECTIONS:
        section = report.section(number)
        if not any(paragraph.strip() for paragraph in section.paragraphs):
            words = _say("report.missing_section", section=section.heading)
            found.append(
                Finding(Check.MISSING_SECTION, Severity.ERROR, "", section.heading, "", 1, 0, words)
            )
    return found


def _prompts_left(report: AnnualReport) -> list[Finding]:
    found = []
    for number in PROSE_SECTIONS:
        section = report.section(number)
        for paragraph in section.paragraphs:
            for match in _PROMPT.finditer(paragraph):
                words = _say("report.prompt_left", section=section.heading, quote=match[0])
                found.append(
                    Finding(Check.PROMPT_LEFT, Severity.ERROR, "", section.heading, "", 0, 1, words)
                )
    return found


def check_report(report: AnnualReport, last_year: AnnualReport | None = None) -> list[Finding]:
    """Every check of §8 on `report`; X1 and X2 need `last_year`."""
    found = _missing_sections(report) + _prompts_left(report)
    previous = {n: last_year.table(n) for n in TABLE_SECTIONS} if last_year else {}
    found += check_table_two(report.table("二"), previous.get("二"))
    found += check_table_three(report.table("三"))
    if "三" in previous:
        found += check_carry_over(report.table("三"), previous["三"])
    found += check_table_four(report.table("四"))
    for number in PROSE_SECTIONS:
        text = "\n".join(report.section(number).paragraphs)
        found += check_narrative(text, report.figures())
    return found


# JSON -----------------------------------------------------------------------------------------


def _json_value(value: Value | None) -> int | str | None:
    """Counts as JSON numbers; amounts (万元, 元) as decimal strings, so nothing is rounded."""
    return value if value is None or isinstance(value, int) else str(value)


def _cell_json(table: Table, row: Row, cell: Cell) -> dict[str, object]:
    out: dict[str, object] = {
        "role": cell.role.value,
        "text": cell.text,
        "rowspan": cell.rowspan,
        "colspan": cell.colspan,
    }
    if cell.role is Role.VALUE:
        out["column"] = cell.column
        out["value"] = _json_value(table.value(row.key, cell.column))
    return out


def _row_json(table: Table, row: Row) -> dict[str, object]:
    return {
        "key": row.key or None,
        "ref": row.ref or None,
        "name": row.name or None,
        "cells": [_cell_json(table, row, cell) for cell in row.cells],
    }


def table_json(table: Table) -> dict[str, object]:
    """A table's grid (head and body rows of cells with spans) and its values by key."""
    lay = table.layout
    return {
        "number": lay.number,
        "format": lay.format.value,
        "width": lay.width,
        "head": [_row_json(table, row) for row in lay.head],
        "body": [_row_json(table, row) for row in lay.body],
        "columns": dict(lay.column_labels),
        "values": {
            row.key: {c.column: _json_value(table.value(row.key, c.column)) for c in row.values}
            for row in lay.data_rows
        },
    }


def finding_json(finding: Finding) -> dict[str, object]:
    return {
        "check": finding.check.value,
        "name": finding.check.label,
        "severity": finding.severity.value,
        "table": finding.table or None,
        "row": finding.row,
        "column": finding.column or None,
        "expected": _json_value(finding.expected),
        "actual": _json_value(finding.actual),
        "code": finding.message.code,
        "message": finding.message.text,
    }


def report_json(
    report: AnnualReport,
    *,
    agency_code: str,
    findings: Sequence[Finding] = (),
    deadline: DeadlineStatus | None = None,
) -> dict[str, object]:
    """The report as one JSON object (docs/annual-report.md); key order is stable."""
    sections = []
    for section in report.sections:
        sections.append(
            {
                "number": section.number,
                "heading": section.heading,
                "paragraphs": list(section.paragraphs),
                "table": table_json(section.table) if section.table else None,
            }
        )
    out: dict[str, object] = {
        "schema": JSON_SCHEMA,
        "agency": {"code": agency_code, "name": report.agency},
        "year": report.year,
        "format": report.format.value,
        "title": report.title,
        "sections": sections,
        "fees": {
            "cases": report.fees.cases,
            "amount": str(report.fees.amount),
            "sentence": report.fees.sentence.text,
        },
        "checks": {
            "passed": not any(f.blocking for f in findings),
            "findings": [finding_json(f) for f in findings],
        },
        "notices": [notice.text for notice in report.notices],
    }
    if deadline is not None:
        out["deadline"] = {
            "due": deadline.due.isoformat(),
            "days_left": deadline.days_left,
            "remind": deadline.remind,
            "overdue": deadline.overdue,
            "message": deadline.message.text,
        }
    return out
