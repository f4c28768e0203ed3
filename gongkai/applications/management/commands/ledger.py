"""`gongkai ledger import|export`: the disclosure-application ledger (台账), docs/ledger.md.

The work is in gongkai.applications.ledger. Run from a shell on the server, the command acts
as the system (actor=None, audited as "system"), as `gongkai documents` does.
"""

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import IntegrityError
from django.utils import timezone
from tqdm import tqdm

from gongkai.accounts.models import Agency
from gongkai.applications import ledger
from gongkai.workcalendar.selectors import work_calendar

BAD_INPUT = 2
T = TypeVar("T")


def progress(label: str) -> Any:
    """A progress bar on stderr, also when it is a log file: long imports show they move."""

    def wrap(items: Iterable[T]) -> Iterable[T]:
        total = len(items) if isinstance(items, list) else None
        return tqdm(items, total=total, desc=label, unit="行", file=sys.stderr, mininterval=1)

    return wrap


class Command(BaseCommand):
    help = "Import or export the disclosure-application ledger (台账), CSV or XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        load = sub.add_parser("import", help="load historic applications and remedies")
        load.add_argument(
            "files",
            nargs="+",
            metavar="FILE",
            help="a .csv (UTF-8) or .xlsx ledger; several files are checked and saved together",
        )
        load.add_argument("--agency", required=True, metavar="CODE")
        dump = sub.add_parser("export", help="write a year's ledger")
        dump.add_argument("--agency", required=True, metavar="CODE")
        dump.add_argument("--year", required=True, type=int, metavar="YYYY")
        dump.add_argument(
            "-o",
            "--output",
            required=True,
            metavar="FILE",
            help=".xlsx (two sheets) or .csv (the remedies go to FILE-复议诉讼.csv)",
        )

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        try:
            if subcommand == "import":
                self.load(**options)
            else:
                self.dump(**options)
        except ledger.LedgerFileError as exc:
            for message in exc.messages[:-1]:
                self.stderr.write(message)
            raise CommandError(
                f"{exc.messages[-1]} ({exc.english})", returncode=BAD_INPUT
            ) from None

    def load(self, *, files: list[str], agency: str, **_: Any) -> None:
        paths = [Path(name) for name in files]
        for path in paths:
            ledger.file_format(path)
            if not path.is_file():
                raise CommandError(f"文件“{path}”不存在 (no such file)", returncode=BAD_INPUT)
        tables = [table for path in paths for table in ledger.read_tables(path)]
        target = _agency(agency)
        now = timezone.now()
        checked = ledger.check_tables(
            tables,
            agency=target,
            today=timezone.localdate(now),
            calendar=work_calendar(),
            progress=progress("检查"),
        )
        if checked.bad:
            for row in checked.bad:
                for line in row.lines():
                    self.stderr.write(line)
            raise CommandError(
                f"{len(checked.bad)} 行有错误，未导入任何数据 (nothing imported)",
                returncode=BAD_INPUT,
            )
        try:
            result = ledger.ledger_import(
                checked,
                agency=target,
                source="、".join(p.name for p in paths),
                now=now,
                progress=progress("导入"),
            )
        except IntegrityError:
            raise CommandError(
                "保存时与已有申请冲突（可能同时有人登记或导入），未导入任何数据，请重试 "
                "(conflict while saving, nothing imported)",
                returncode=BAD_INPUT,
            ) from None
        self.stdout.write(
            f"新增申请 {result.created} 件、复议诉讼 {result.remedies_created} 件，"
            f"已存在未改动 {result.unchanged + result.remedies_unchanged} 行 "
            f"(added {result.created} applications, {result.remedies_created} remedies; "
            f"unchanged {result.unchanged + result.remedies_unchanged})"
        )

    def dump(self, *, agency: str, year: int, output: str, **_: Any) -> None:
        if not 2008 <= year <= timezone.localdate().year:
            raise CommandError(
                f"年度“{year}”无效，应为 2008 至今年之间 (bad year)", returncode=BAD_INPUT
            )
        path = Path(output)
        ledger.file_format(path)
        if not path.parent.is_dir():
            raise CommandError(f"目录“{path.parent}”不存在 (no such folder)", returncode=BAD_INPUT)
        target = _agency(agency)
        try:
            exported = ledger.ledger_export(path=path, agency=target, year=year)
        except OSError as exc:
            raise CommandError(
                f"无法写入“{exc.filename}”：{exc.strerror} (cannot write)", returncode=BAD_INPUT
            ) from None
        names = "、".join(str(f) for f in exported.files)
        self.stdout.write(
            f"导出申请 {exported.applications} 件、复议诉讼 {exported.remedies} 件到 {names} "
            f"(exported {exported.applications} applications, {exported.remedies} remedies)"
        )


def _agency(code: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise CommandError(f"没有机关代码为“{code}”的机关 (no such agency)", returncode=BAD_INPUT)
    return agency
