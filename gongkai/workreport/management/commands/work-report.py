"""`gongkai work-report --agency CODE --year YYYY --format html|docx|pdf|json [-o FILE]`: the
yearly work report (工作报告 / 自查报告) of an agency (docs/work-report.md).

Django names a command after its file, so this file is called ``work-report.py``. Exit 0
with the report (findings of the checks are listed on standard error, they do not fail the
command); 2 on bad input with one line, Chinese then English in parentheses, as
`gongkai annual-report` (whose year rule and exit status this command shares): an unknown
agency, a bad year, a missing output folder, a stored figure that does not parse.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from gongkai.core.workcalendar import MessageError
from gongkai.reports.cli import agency_by_code, bad, emit, output_path, report_year, written
from gongkai.workreport import render, selectors


class Command(BaseCommand):
    help = "The yearly work report on government openness (政务公开工作报告 / 自查报告)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", required=True, metavar="CODE")
        parser.add_argument("--year", required=True, metavar="YYYY")
        parser.add_argument(
            "--format", required=True, choices=tuple(render.FORMATS), dest="output_format"
        )
        parser.add_argument("-o", "--output", metavar="FILE", help="default: standard output")

    def handle(
        self, *args: Any, agency: str, year: str, output_format: str, **options: Any
    ) -> None:
        number = report_year(year, timezone.localdate().year)
        path = output_path(options.get("output"))
        target = agency_by_code(agency)
        try:
            report = selectors.work_report(target, number)
        except MessageError as exc:
            raise bad(f"{exc.message.text} (bad entered figure)") from None
        emit(render.rendered(report, output_format, target.code), path, self.stdout)
        for notice in report.notices:
            self.stderr.write(f"{notice.text} (empty report)")
        if path is not None:
            blocking = sum(1 for f in report.findings if f.blocking)
            self.stderr.write(written(path, len(report.findings), blocking))
