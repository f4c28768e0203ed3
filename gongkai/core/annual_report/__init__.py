"""The annual report on government information disclosure (政府信息公开工作年度报告), as rules.

Reference annual-report.md; docs/annual-report.md describes the API and the JSON shape.

- ``layout``: tables 二, 三 and 四 as data, cell by cell with their spans, in the 2019 trial
  format and the 2021 format, chosen by the report year;
- ``tables``: the filled tables: 三 from case facts, 四 from remedies, 二 from the registry and
  entered figures, or any table from typed-in/imported figures, validated cell by cell;
- ``checks``: the identities of §8 (A1–A7, X1, X2), each failure named with its cell;
- ``narrative``: N1, the figures of the prose against the tables;
- ``deadline``: 条例第49条's 1月31日, days left, reminders from 1 December;
- ``report``: the six sections, section 六's fees, all checks at once, the JSON rendering.
"""

from gongkai.core.annual_report.checks import (
    Check,
    Finding,
    Severity,
    check_carry_over,
    check_table_four,
    check_table_three,
    check_table_two,
)
from gongkai.core.annual_report.deadline import (
    DeadlineStatus,
    deadline_status,
    reminders_from,
    report_due,
)
from gongkai.core.annual_report.drafting import DisclosureFacts, Draft, LastYear, draft
from gongkai.core.annual_report.layout import (
    LAYOUTS,
    Cell,
    Layout,
    ReportFormat,
    Role,
    Row,
    ValueKind,
    format_for_year,
    layout,
    outcome_row,
    remedy_key,
)
from gongkai.core.annual_report.narrative import FEE_AMOUNT, PUBLISHED, Figures, check_narrative
from gongkai.core.annual_report.report import (
    HEADINGS,
    AnnualReport,
    FeeFact,
    FeeSummary,
    Section,
    assemble,
    check_report,
    fees_of_year,
    report_json,
    table_json,
)
from gongkai.core.annual_report.tables import (
    CaseFact,
    RegistryCounts,
    RemedyFact,
    Table,
    Value,
    entered_table,
    parse_value,
    table_four,
    table_three,
    table_two,
)

__all__ = [
    "FEE_AMOUNT",
    "HEADINGS",
    "LAYOUTS",
    "PUBLISHED",
    "AnnualReport",
    "CaseFact",
    "Cell",
    "Check",
    "DeadlineStatus",
    "DisclosureFacts",
    "Draft",
    "FeeFact",
    "FeeSummary",
    "Figures",
    "Finding",
    "LastYear",
    "Layout",
    "RegistryCounts",
    "RemedyFact",
    "ReportFormat",
    "Role",
    "Row",
    "Section",
    "Severity",
    "Table",
    "Value",
    "ValueKind",
    "assemble",
    "check_carry_over",
    "check_narrative",
    "check_report",
    "check_table_four",
    "check_table_three",
    "check_table_two",
    "deadline_status",
    "draft",
    "entered_table",
    "fees_of_year",
    "format_for_year",
    "layout",
    "outcome_row",
    "parse_value",
    "reminders_from",
    "remedy_key",
    "report_due",
    "report_json",
    "table_four",
    "table_json",
    "table_three",
    "table_two",
]
