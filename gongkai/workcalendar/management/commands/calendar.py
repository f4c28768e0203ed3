"""`gongkai calendar import|status|export`: the working-day calendar from the shell.

Changes made here are audited as "system": whoever runs the command has a shell on the
server (gongkai.workcalendar.services explains why no permission is checked).
"""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError
from django.utils import timezone

from gongkai.core.workcalendar import CalendarRangeError
from gongkai.workcalendar import selectors, services
from gongkai.workcalendar.csvfile import MAX_BYTES, calendar_csv
from gongkai.workcalendar.selectors import CalendarStatus

BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "The working-day calendar: import a CSV file, show which years are covered, export a year."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        load = sub.add_parser("import", help="load date,kind,name[,source,note] rows; all or none")
        load.add_argument("file", help="a UTF-8 CSV file")
        load.add_argument(
            "--official-year", type=int, metavar="YYYY", help="the file is that year's full notice"
        )
        load.add_argument("--notice", default="", help="the notice title (with --official-year)")
        sub.add_parser(
            "status", help="which years come from the package, are official, provisional"
        )
        dump = sub.add_parser("export", help="the days of a year that differ from Monday–Friday")
        dump.add_argument("--year", type=int, required=True, metavar="YYYY")
        dump.add_argument("-o", "--output", metavar="FILE", help="write here instead of stdout")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        if subcommand == "import":
            self.load(**options)
        elif subcommand == "status":
            self.status()
        else:
            self.dump(**options)

    def load(self, *, file: str, official_year: int | None, notice: str, **_: Any) -> None:
        data = _read(Path(file))
        try:
            result = services.calendar_import(
                actor=None, file=data, official_year=official_year, notice=notice, filename=file
            )
        except ValidationError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError("未导入任何数据 (nothing imported)", returncode=BAD_INPUT) from None
        self.stdout.write(
            f"新增 {result.created} 天，修改 {result.updated} 天，{result.unchanged} 天无变化 "
            f"(added {result.created}, changed {result.updated}, unchanged {result.unchanged})"
        )
        if result.official_year is not None:
            self.stdout.write(f"{result.official_year.year} 年已标记为正式 (marked official)")

    def status(self) -> None:
        try:
            status = selectors.calendar_status()
        except DatabaseError:
            self.stderr.write(selectors.PACKAGE_ONLY_NOTE)
            status = selectors.package_status()
        self.stdout.write("\n".join(_status_lines(status)))

    def dump(self, *, year: int, output: str | None, **_: Any) -> None:
        try:
            rows = selectors.export_rows(year=year)
        except CalendarRangeError as exc:
            raise CommandError(str(exc), returncode=BAD_INPUT) from None
        if output:
            _write(Path(output), calendar_csv(rows, bom=True))
        else:
            self.stdout.write(calendar_csv(rows), ending="")
        if selectors.calendar_status().is_provisional(year):
            self.stderr.write(f"注意：{year} 年为暂行推算，导出的日期须按国务院通知核对")


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise CommandError(f"无法读取文件 {path}：{_reason(exc)}", returncode=BAD_INPUT) from None


def _write(path: Path, text: str) -> None:
    try:
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"无法写入文件 {path}：{_reason(exc)}", returncode=BAD_INPUT) from None


def _reason(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def _span(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def _status_lines(status: CalendarStatus) -> list[str]:
    package = status.package_years
    official = ", ".join(f"{y}（{notice}）" for y, notice in status.official_years.items())
    entered = ", ".join(f"{y}: {n}" for y, n in status.entered_days.items())
    provisional = ", ".join(_span(a, b) for a, b in status.provisional_spans())
    this_year = timezone.localdate().year
    lines = [
        f"软件包数据 (package): {_span(package.start, package.stop - 1)}",
        f"正式录入的年份 (official, entered): {official or '无 (none)'}",
        f"各年录入的日期数 (entered days by year): {entered or '无 (none)'}",
        f"暂行推算的年份 (provisional): {provisional or '无 (none)'}",
    ]
    for year in (this_year, this_year + 1):
        state = "暂行推算 (provisional)" if status.is_provisional(year) else "正式 (official)"
        lines.append(f"{year}: {state}")
    return lines
