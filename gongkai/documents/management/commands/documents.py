"""`gongkai documents import|export`: bulk load or dump of government information records.

The file's columns are in docs/import.md; the work is in gongkai.documents.bulk. Records
are imported as the system (actor=None, audited as "system"): whoever runs the command has
a shell on the server, as for `gongkai calendar import`.
"""

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from gongkai.accounts.models import Agency
from gongkai.documents import bulk

BAD_INPUT = 2
T = TypeVar("T")


def progress(label: str) -> Any:
    """A progress bar on stderr, also when it is a log file: long imports show they move."""

    def wrap(items: Iterable[T]) -> Iterable[T]:
        total = len(items) if isinstance(items, list) else None
        return tqdm(items, total=total, desc=label, unit="行", file=sys.stderr, mininterval=1)

    return wrap


class Command(BaseCommand):
    help = "Import records from CSV, XLSX or JSON Lines, or export them (docs/import.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        load = sub.add_parser("import", help="load records; every row is checked first")
        load.add_argument("file", help="a .csv (UTF-8), .xlsx or .jsonl file")
        load.add_argument("--agency", required=True, metavar="CODE")
        load.add_argument("--attachments", metavar="DIR", help="the folder of the 附件 files")
        load.add_argument(
            "--skip-invalid",
            metavar="BADFILE",
            help="import the good rows and write the bad ones, with an 错误 column, here",
        )
        load.add_argument(
            "--publish",
            action="store_true",
            help="rows with a 发布日期 become published records (historic data)",
        )
        dump = sub.add_parser("export", help="write records in the import's columns")
        dump.add_argument("--agency", required=True, metavar="CODE")
        dump.add_argument("--year", type=int, metavar="YYYY")
        dump.add_argument(
            "--all-statuses",
            action="store_true",
            help="every record, not only the public ones (a staff backup: keep it internal)",
        )
        dump.add_argument("--attachments", metavar="DIR", help="also copy the files here")
        dump.add_argument("-o", "--output", required=True, metavar="FILE")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        try:
            if subcommand == "import":
                self.load(**options)
            else:
                self.dump(**options)
        except bulk.BulkFileError as exc:
            for message in exc.messages:
                self.stderr.write(message)
            raise CommandError("未完成 (not done)", returncode=BAD_INPUT) from None

    def load(
        self,
        *,
        file: str,
        agency: str,
        attachments: str | None,
        skip_invalid: str | None,
        publish: bool,
        **_: Any,
    ) -> None:
        target = _agency(agency)
        folder = _folder(attachments)
        if skip_invalid:
            _writable(Path(skip_invalid))
        rows = bulk.read_rows(Path(file))
        now = timezone.now()
        checked = bulk.check_rows(
            rows,
            agency=target,
            attachments_dir=folder,
            publish=publish,
            now=now,
            progress=progress("检查"),
        )
        if checked.bad and not skip_invalid:
            self.fail(checked.bad)
        try:
            result = bulk.import_rows(
                checked,
                agency=target,
                source=Path(file).name,
                now=now,
                skip_invalid=bool(skip_invalid),
                progress=progress("导入"),
            )
        except bulk.ImportFailed as exc:
            self.fail(exc.bad)
        self.report(result, skip_invalid)

    def fail(self, bad: list[bulk.BadRow]) -> None:
        for row in sorted(bad, key=lambda r: r.line):
            for problem in row.problems:
                self.stderr.write(f"第 {row.line} 行：{problem}")
        raise CommandError(
            f"{len(bad)} 行有错误，未导入任何数据 (nothing imported)", returncode=BAD_INPUT
        )

    def report(self, result: bulk.ImportResult, skip_invalid: str | None) -> None:
        self.stdout.write(
            f"新增 {result.created} 条（其中已发布 {result.published} 条），"
            f"{result.unchanged} 条已存在未改动 "
            f"(added {result.created}, published {result.published}, "
            f"unchanged {result.unchanged})"
        )
        if skip_invalid and result.bad:
            bad = sorted(result.bad, key=lambda r: r.line)
            bulk.write_bad_rows(Path(skip_invalid), bad)
            self.stderr.write(f"{len(bad)} 行有错误，未导入，已写入 {skip_invalid}")

    def dump(
        self,
        *,
        agency: str,
        year: int | None,
        all_statuses: bool,
        attachments: str | None,
        output: str,
        **_: Any,
    ) -> None:
        target = _agency(agency)
        path = Path(output)
        _writable(path)
        if all_statuses:
            self.stderr.write(
                "警告：导出文件含有未公开的记录（草稿、依申请公开、不公开、已撤回等）和"
                "删减前的正文，仅供内部备份，不得公开 "
                "(warning: the file holds records that are not public)"
            )
        folder = Path(attachments) if attachments else None
        try:
            count = bulk.export_file(
                path, agency=target, year=year, all_statuses=all_statuses, attachments_dir=folder
            )
        except OSError as exc:
            raise CommandError(
                f"无法写入“{exc.filename}”：{exc.strerror} (cannot write)", returncode=BAD_INPUT
            ) from None
        self.stdout.write(f"导出 {count} 条到 {output} (exported {count} records)")


def _agency(code: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise CommandError(f"没有机关代码为“{code}”的机关 (no such agency)", returncode=BAD_INPUT)
    return agency


def _folder(name: str | None) -> Path | None:
    if name is None:
        return None
    folder = Path(name)
    if not folder.is_dir():
        raise CommandError(f"附件目录“{name}”不存在 (no such folder)", returncode=BAD_INPUT)
    return folder


def _writable(path: Path) -> None:
    """Refuse an output file that could not be written, before any work is done."""
    bulk.file_format(path)
    if not path.parent.is_dir():
        raise CommandError(f"目录“{path.parent}”不存在 (no such folder)", returncode=BAD_INPUT)
