"""`gongkai scan PATH... [--json] [--redact DIR] [--terms FILE]`: privacy and secret scan (DESIGN.md).

Exit status 0 when nothing is found; 1 on findings (an unreadable file or part is a finding);
2 on a usage error or a path that does not exist, with a one-line reason on stderr. With
``--json`` stdout holds one JSON object per finding and nothing else, so ``2>&1`` stays
parseable. No value the scanner finds is ever printed: findings carry a masked preview, and
reasons name the type of a library's error, never its message. The command never opens the
database (the sensitive-term list from the database comes later: ``--terms FILE`` for now).

Each file gets a time budget, checked between the segments the extractors yield; a file that
runs over is reported ``unreadable`` for the rest. ``--redact DIR`` writes redacted copies of
the files with findings (TXT, CSV, HTML, DOCX, XLSX, PDF), each scanned again before it is
written (gongkai.core.privacy.redaction, docs/scanner.md).
"""

import contextlib
import gc
import itertools
import json
import logging
import os
import warnings
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.core.privacy import Finding, Segment, scan_segment, scan_segments
from gongkai.core.privacy.extract import (
    HEAD,
    MB,
    ScanLimits,
    Unreadable,
    repeated_in_overlap,
    text_encoding,
)
from gongkai.core.privacy.isolated import CHILD_GC_THRESHOLD, scan_file_isolated
from gongkai.core.privacy.redaction import RedactionFailed, redact, redactable

FOUND = 1
BAD_INPUT = 2
REDACT_LIMIT = 50 * MB  # copies are built in memory


@dataclass(frozen=True)
class Options:
    terms: tuple[str, ...]
    limits: ScanLimits
    budget: float  # seconds per file
    memory: int  # bytes per file, beyond what the scanning process starts with


class Command(BaseCommand):
    help = (
        "Scan files and folders for personal data (identity numbers, phones, bank cards, …) and "
        "secret markings. Exit 0: nothing found; 1: findings (an unreadable file is one); "
        "2: usage error or a path that does not exist."
    )
    requires_system_checks: list[str] = []  # a scan needs neither the checks nor the database

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def one_line(message: str) -> NoReturn:
            parser.exit(BAD_INPUT, f"gongkai scan: 用法错误 (usage error): {message}\n")

        parser.error = one_line  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", metavar="PATH", help="files and folders")
        parser.add_argument("--json", action="store_true", help="one JSON object per finding")
        parser.add_argument(
            "--redact", metavar="DIR", help="write redacted copies of files with findings here"
        )
        parser.add_argument("--terms", metavar="FILE", help="sensitive terms, one per line")
        parser.add_argument(
            "--time-budget",
            type=float,
            default=60.0,
            metavar="SECONDS",
            help="per file (default 60)",
        )
        parser.add_argument(
            "--max-size", type=int, default=200, metavar="MB", help="larger files are not read"
        )
        parser.add_argument(
            "--memory-budget",
            type=int,
            default=1024,
            metavar="MB",
            help="memory a file's scan may use (default 1024)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        paths = [Path(path) for path in options["paths"]]
        for path in paths:
            if not os.path.lexists(path):
                raise CommandError(
                    f"路径不存在 (no such file or directory): {path}", returncode=BAD_INPUT
                )
        if options["time_budget"] <= 0 or options["max_size"] <= 0 or options["memory_budget"] <= 0:
            raise CommandError(
                "--time-budget、--max-size 和 --memory-budget 必须为正数 (must be positive)",
                returncode=BAD_INPUT,
            )
        settings = Options(
            terms=_terms(options["terms"]),
            limits=ScanLimits(max_bytes=options["max_size"] * MB),
            budget=options["time_budget"],
            memory=options["memory_budget"] * MB,
        )
        redact = Path(options["redact"]) if options["redact"] else None
        if redact is not None and redact.exists() and not redact.is_dir():
            raise CommandError(
                f"--redact 不是文件夹 (not a folder): {redact}", returncode=BAD_INPUT
            )
        # pypdf reports damaged files through logging and warnings: they would interleave with
        # the JSON lines, and the damage is reported as an unreadable finding anyway.
        logging.getLogger("pypdf").setLevel(logging.CRITICAL + 1)
        with warnings.catch_warnings(), _fewer_collections():
            warnings.simplefilter("ignore")
            status = self.scan(paths, settings, redact, as_json=options["json"])
        if status:
            self.stdout.flush()
            raise SystemExit(status)

    def scan(
        self, paths: list[Path], settings: Options, redact: Path | None, *, as_json: bool
    ) -> int:
        counts: Counter[str] = Counter()
        files = 0
        not_redacted: list[str] = []
        failed_redactions = 0
        for root, path, problem in _walk(paths):
            files += 1
            file = str(path)
            results: Iterable[Finding | Unreadable] = (
                [problem] if problem else _scan_file(path, settings)
            )
            before = counts.copy()
            # Findings are printed as they come, in batches: a list of 100,000 people gives
            # 500,000 lines, and neither memory nor time should grow with holding them.
            for batch in _batches(iter(results), 1000):
                for result in batch:
                    counts[_severity(result)] += 1
                    counts["unreadable"] += isinstance(result, Unreadable)
                self.stdout.write(
                    "\n".join(_line(file, result, as_json=as_json) for result in batch)
                )
            if redact is None or counts == before:
                continue
            unreadable = counts["unreadable"] > before["unreadable"]
            outcome = _redact(root, path, unreadable, redact, settings)
            if outcome.failed:
                failed_redactions += 1
                self.stderr.write(
                    f"gongkai scan: 脱敏失败，未写入副本 (redaction failed, no copy written): "
                    f"{outcome.failed}"
                )
            elif outcome.unsupported:
                not_redacted.append(f"{file} ({outcome.unsupported})")
        if not as_json:
            self.stdout.write(_summary(files, counts))
        if not_redacted:
            self.stderr.write(
                "gongkai scan: --redact 尚未实现以下文件的脱敏 (redaction not implemented yet for): "
                + "; ".join(not_redacted)
            )
            return BAD_INPUT
        found = counts["high"] + counts["medium"] + counts["low"]
        return FOUND if found or failed_redactions else 0


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """This process only receives and prints findings (500,000 for a 100,000-row list): as
    in the scanning child, the collector need not traverse them every 700 allocations. The
    previous setting is restored (the command also runs inside tests and other commands)."""
    threshold = gc.get_threshold()
    gc.freeze()  # what is loaded by now (Django, the scanner) is not traversed again
    gc.set_threshold(*CHILD_GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()


def _batches(
    results: Iterator[Finding | Unreadable], size: int
) -> Iterator[list[Finding | Unreadable]]:
    while batch := list(itertools.islice(results, size)):
        yield batch


# Files


def _terms(name: str | None) -> tuple[str, ...]:
    if not name:
        return ()
    try:
        data = Path(name).read_bytes()
    except OSError as exc:
        raise CommandError(
            f"--terms 无法读取 (cannot read) {name}: {exc.strerror}", returncode=BAD_INPUT
        ) from None
    encoding, _errors = text_encoding(data[:HEAD], lambda: iter([data]))
    lines = data.decode(encoding, "replace").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _walk(paths: list[Path]) -> Iterator[tuple[Path, Path, Unreadable | None]]:
    """(root argument, file, problem) for every file: arguments in their order, the files
    of a folder sorted by their path inside it.

    Problems are folders that cannot be listed and symbolic links to folders, which are not
    followed (a loop would never end) but never skipped silently either.
    """
    for root in paths:
        if not root.is_dir():
            yield root, root, None
            continue
        found: list[tuple[tuple[str, ...], Path, Unreadable | None]] = []
        errors: list[OSError] = []
        for folder, folders, names in os.walk(root, onerror=errors.append):
            for name in folders:
                if os.path.islink(os.path.join(folder, name)):
                    found.append(_entry(root, Path(folder, name), _LINKED_FOLDER))
            found.extend(_entry(root, Path(folder, name), None) for name in names)
        for error in errors:
            found.append(_entry(root, Path(error.filename or root), _unlisted(error)))
        for _parts, path, problem in sorted(found, key=lambda entry: entry[0]):
            yield root, path, problem


_LINKED_FOLDER = Unreadable(
    "指向文件夹的符号链接，未扫描 (a symbolic link to a folder: not followed)"
)


def _entry(
    root: Path, path: Path, problem: Unreadable | None
) -> tuple[tuple[str, ...], Path, Unreadable | None]:
    return path.relative_to(root).parts, path, problem


def _unlisted(error: OSError) -> Unreadable:
    return Unreadable(f"无法列出文件夹 (cannot list the folder: {error.strerror})")


def _scan_file(path: Path, settings: Options) -> Iterator[Finding | Unreadable]:
    """Findings of one file, then what could not be read in it.

    The file is read and scanned in a child process with a hard time and memory budget
    (gongkai.core.privacy.isolated): a file that would hang the scanner or exhaust memory
    ends as an ``unreadable`` finding after whatever was found before.
    """
    # A file named 张三_身份证号.xlsx is a leak too.
    yield from scan_segment(Segment(path.name, {"part": "name"}), terms=settings.terms)
    problems: list[Unreadable] = []
    current: Counter[str] = Counter()
    results = scan_file_isolated(
        path,
        terms=settings.terms,
        limits=settings.limits,
        seconds=settings.budget,
        memory_bytes=settings.memory,
    )
    for result in results:
        if isinstance(result, Unreadable):
            problems.append(result)
            continue
        if repeated_in_overlap(result.where, result.end):
            continue
        # A tracked change's original text repeats what did not change in the paragraph:
        # report from it only what the current text does not show.
        if "paragraph" in result.where or "table" in result.where:
            key = _key(result)
            if result.where.get("revision") != "original":
                current[key] += 1
            elif current[key]:
                current[key] -= 1
                continue
        yield result
    yield from problems


def _key(finding: Finding) -> str:
    where = {k: v for k, v in finding.where.items() if k != "revision"}
    return json.dumps([finding.kind, finding.masked, where], sort_keys=True, default=str)


# Output


def _severity(result: Finding | Unreadable) -> str:
    return "high" if isinstance(result, Unreadable) else result.severity


def _as_json(file: str, result: Finding | Unreadable) -> dict[str, object]:
    if isinstance(result, Unreadable):
        return {
            "file": file,
            "where": result.where,
            "kind": "unreadable",
            "severity": "high",
            "masked": "",
            "rule": "unreadable",
            "reason": result.reason,
        }
    return result.as_json(file)


def _line(file: str, result: Finding | Unreadable, *, as_json: bool) -> str:
    record = _as_json(file, result)
    if as_json:
        return json.dumps(record, ensure_ascii=False, default=_plain)
    where = _where(record["where"])
    located = f"{file}:{where}" if where else file
    tail = record["reason"] if isinstance(result, Unreadable) else record["masked"]
    return f"{located} {record['kind']} {record['severity']} {tail}"


def _plain(value: object) -> object:
    return dict(value) if isinstance(value, Mapping) else str(value)


def _where(where: object) -> str:
    if not isinstance(where, Mapping):
        return ""
    return ",".join(f"{key}={value}" for key, value in where.items())


def _summary(files: int, counts: Counter[str]) -> str:
    found = counts["high"] + counts["medium"] + counts["low"]
    if not found:
        return (
            f"扫描 {files} 个文件，未发现个人信息或密级标志 (scanned {files} files: nothing found)"
        )
    return (
        f"扫描 {files} 个文件，发现 {found} 处：高 {counts['high']}、中 {counts['medium']}、"
        f"低 {counts['low']}，其中无法读取 {counts['unreadable']} 处 "
        f"(scanned {files} files: {found} findings — high {counts['high']}, "
        f"medium {counts['medium']}, low {counts['low']}; unreadable {counts['unreadable']})"
    )


# Redaction: gongkai.core.privacy.redaction makes the copy and scans it again.


def _relative(root: Path, path: Path) -> Path:
    return path.relative_to(root) if root.is_dir() else Path(path.name)


@dataclass(frozen=True)
class Outcome:
    written: bool = False
    failed: str = ""  # why the copy was refused (exit 1)
    unsupported: str = ""  # why no copy can be made of this file yet (exit 2)


def _redact(root: Path, path: Path, unreadable: bool, folder: Path, settings: Options) -> Outcome:
    """Write the redacted copy of a file with findings, named with its own name masked."""
    name = _masked_text(Segment(path.name, {"part": "name"}), settings)
    target = folder / _relative(root, path).with_name(name)
    try:
        if path.stat().st_size > REDACT_LIMIT:
            return Outcome(
                unsupported=f"超过 {REDACT_LIMIT // MB} MB (larger than {REDACT_LIMIT // MB} MB)"
            )
        data = path.read_bytes()
    except OSError as exc:
        return _refused(target, f"无法读取 (cannot read: {exc.strerror})")
    if not redactable(path.name, data):
        return Outcome(unsupported="此格式 (this format)")
    if unreadable:  # the scan may have stopped on its time budget: no second, unbounded read
        return _refused(target, "原文件有无法读取的部分 (the file has unreadable parts)")
    try:
        copy = redact(path.name, data, terms=settings.terms, limits=settings.limits)
    except RedactionFailed as exc:
        return _refused(target, exc.reason)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(copy.data)
    return Outcome(written=True)


def _refused(target: Path, reason: str) -> Outcome:
    if target.is_file():  # a copy from an earlier run must not pass for this one
        target.unlink()
    return Outcome(failed=f"{target}：{reason}")


def _masked_text(segment: Segment, settings: Options) -> str:
    text = segment.text
    findings = list(scan_segments([segment], terms=settings.terms))
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        text = text[: finding.start] + finding.masked + text[finding.end :]
    return text
