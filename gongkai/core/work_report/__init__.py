"""The yearly work report (工作报告 / 自查报告) as rules, issue 6 §5; docs/work-report.md.

- ``figures``: the table of figures (key → Chinese label, unit, kind, supplying module), the
  parsing of the office's entries, the rule that decides between computed and entered
  figures (`resolve`), reply rates;
- ``checks``: the consistency checks of the figures and the prose, as named findings;
- ``report``: the report in the reference bureau's structure and its JSON shape.
"""

from gongkai.core.work_report.checks import CHECK_LABELS, Check, Finding, Severity
from gongkai.core.work_report.figures import (
    APPLICATIONS,
    BY_KEY,
    CHANNEL_KEYS,
    DOCUMENTS,
    FIGURES,
    Figure,
    FigureDef,
    Kind,
    ModuleFigures,
    Source,
    Value,
    clean_entered,
    parse_entered,
    percent_shown,
    rate,
    resolve,
)
from gongkai.core.work_report.report import (
    HEADINGS,
    JSON_SCHEMA,
    PROSE_KEYS,
    PROSE_LABELS,
    TASK_COLUMNS,
    Section,
    TaskRow,
    WorkReport,
    assemble,
    finding_line,
    report_json,
)

__all__ = [
    "APPLICATIONS",
    "BY_KEY",
    "CHANNEL_KEYS",
    "CHECK_LABELS",
    "DOCUMENTS",
    "FIGURES",
    "HEADINGS",
    "JSON_SCHEMA",
    "PROSE_KEYS",
    "PROSE_LABELS",
    "TASK_COLUMNS",
    "Check",
    "Figure",
    "FigureDef",
    "Finding",
    "Kind",
    "ModuleFigures",
    "Section",
    "Severity",
    "Source",
    "TaskRow",
    "Value",
    "WorkReport",
    "assemble",
    "clean_entered",
    "finding_line",
    "parse_entered",
    "percent_shown",
    "rate",
    "report_json",
    "resolve",
]
