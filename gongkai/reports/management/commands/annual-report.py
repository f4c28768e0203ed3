"""`gongkai annual-report --agency CODE --year YYYY --format html|docx|pdf|xlsx|json [-o FILE]`:
the 政府信息公开工作年度报告 of an agency (docs/annual-report.md, DESIGN.md).

Django names a command after its file, so this file is called ``annual-report.py``. Exit 0
with the report (failed checks are in it, they do not fail the command); 2 on bad input with
one line in Chinese and English: an unknown agency, a bad year, a missing output folder, an
entered figure that is not a number.
"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from gongkai.core import annual_report as ar
from gongkai.core.workcalendar import MessageError
from gongkai.reports import render, selectors
from gongkai.reports.cli import agency_by_code, bad, emit, output_path, report_year, written

FORMATS = ("html", "docx", "pdf", "xlsx", "json")


class Command(BaseCommand):
    help = "The annual report on government information disclosure (政府信息公开工作年度报告)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, metavar="CODE")
        parser.add_argument("--year", required=True, metavar="YYYY")
        parser.add_argument("--format", required=True, choices=FORMATS, dest="output_format")
        parser.add_argument("-o", "--output", metavar="FILE", help="default: standard output")

    def handle(
        self, *args: Any, agency: str, year: str, output_format: str, **options: Any
    ) -> None:
        today = timezone.localdate()
        number = report_year(year, today.year)
        path = output_path(options.get("output"))
        target = agency_by_code(agency)
        try:
            checked = selectors.checked_report(target, number)
        except MessageError as exc:
            raise bad(f"{exc.message.text} (bad figure or record)") from None
        report, findings = checked.report, checked.findings
        emit(_render(report, findings, output_format, target.code, today), path, self.stdout)
        if path is not None:
            blocking = sum(1 for f in findings if f.blocking)
            self.stderr.write(written(path, len(findings), blocking))


def _render(
    report: ar.AnnualReport, findings: list[ar.Finding], fmt: str, code: str, today: Any
) -> str | bytes:
    if fmt == "json":
        deadline = ar.deadline_status(report.year, today)
        data = ar.report_json(report, agency_code=code, findings=findings, deadline=deadline)
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "html":
        return render.report_html(report, findings)
    if fmt == "pdf":
        return render.report_pdf(report, findings)
    if fmt == "docx":
        return render.report_docx(report, findings)
    return render.report_xlsx(report, findings)
