"""`gongkai annual-report --agency CODE --year YYYY --format html|docx|pdf|xlsx|json [-o FILE]`:
the 政府信息公开工作年度报告 of an agency (docs/annual-report.md, DESIGN.md).

Django names a command after its file, so this file is called ``annual-report.py``. Exit 0
with the report (failed checks are in it, they do not fail the command); 2 on bad input with
one line in Chinese and English: an unknown agency, a bad year, a missing output folder, an
entered figure that is not a number.
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from gongkai.accounts.models import Agency
from gongkai.core import annual_report as ar
from gongkai.core.workcalendar import MessageError
from gongkai.reports import render, selectors

BAD_INPUT = 2
FIRST_YEAR = 2008  # 条例 in force from 2008-05-01
FORMATS = ("html", "docx", "pdf", "xlsx", "json")


def bad(message: str) -> CommandError:
    return CommandError(message, returncode=BAD_INPUT)


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
        number = _year(year, today.year)
        path = Path(options["output"]) if options.get("output") else None
        if path is not None and not path.parent.is_dir():
            raise bad(f"目录“{path.parent}”不存在 (no such folder)")
        if path is not None and path.is_dir():
            raise bad(f"“{path}”是目录，请给出文件名 (is a folder, give a file name)")
        target = Agency.objects.filter(code=agency).first()
        if target is None:
            raise bad(f"没有机关代码为“{agency}”的机关 (no such agency)")
        try:
            checked = selectors.checked_report(target, number)
        except MessageError as exc:
            raise bad(f"{exc.message.text} (bad figure or record)") from None
        report, findings = checked.report, checked.findings
        content = _render(report, findings, output_format, target.code, today)
        if path is None:
            if isinstance(content, str):
                self.stdout.write(content, ending="")
            else:
                sys.stdout.buffer.write(content)
                sys.stdout.flush()
            return
        try:
            if isinstance(content, str):
                path.write_text(content, encoding="utf-8")
            else:
                path.write_bytes(content)
        except OSError as exc:
            raise bad(f"无法写入“{path}”：{exc.strerror} (cannot write)") from None
        blocking = sum(1 for f in findings if f.blocking)
        self.stderr.write(
            f"已写入 {path}；检查发现 {len(findings)} 项，其中 {blocking} 项须更正 "
            f"(written; {len(findings)} findings, {blocking} blocking)"
        )


def _year(raw: str, this_year: int) -> int:
    if not raw.isdigit() or not FIRST_YEAR <= int(raw) <= this_year:
        raise bad(f"年度“{raw}”无效，应为 {FIRST_YEAR} 至今年之间 (bad year)")
    return int(raw)


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
