"""What the report commands (`gongkai annual-report`, `gongkai work-report`) share: exit 2
with one line, Chinese then English in parentheses, on bad input; the year rule (2008 … this
year); the agency by code; the output file checked before any work and the report written to
it or to standard output."""

import sys
from pathlib import Path
from typing import TextIO

from django.core.management.base import CommandError

from gongkai.accounts.models import Agency
from gongkai.reports.selectors import FIRST_YEAR

BAD_INPUT = 2


def bad(message: str) -> CommandError:
    return CommandError(message, returncode=BAD_INPUT)


def report_year(raw: str, this_year: int) -> int:
    if not (raw.isascii() and raw.isdigit()) or not FIRST_YEAR <= int(raw) <= this_year:
        raise bad(f"年度“{raw}”无效，应为 {FIRST_YEAR} 至今年之间 (bad year)")
    return int(raw)


def agency_by_code(code: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None:
        raise bad(f"没有机关代码为“{code}”的机关 (no such agency)")
    return agency


def output_path(raw: str | None) -> Path | None:
    """The -o file, refused before any work when its folder is missing or it is a folder."""
    if not raw:
        return None
    path = Path(raw)
    if not path.parent.is_dir():
        raise bad(f"目录“{path.parent}”不存在 (no such folder)")
    if path.is_dir():
        raise bad(f"“{path}”是目录，请给出文件名 (is a folder, give a file name)")
    return path


def emit(content: str | bytes, path: Path | None, stdout: TextIO) -> None:
    """Write the report to `path`, or to standard output (bytes as they are)."""
    if path is None:
        if isinstance(content, str):
            stdout.write(content, ending="")  # type: ignore[call-arg]  # Django's OutputWrapper
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


def written(path: Path, findings: int, blocking: int) -> str:
    return (
        f"已写入 {path}；检查发现 {findings} 项，其中 {blocking} 项须更正 "
        f"(written; {findings} findings, {blocking} blocking)"
    )
