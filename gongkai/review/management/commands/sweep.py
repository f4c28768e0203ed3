"""`gongkai sweep [--agency CODE] [--all] [--limit N] [--json]`: rescan what is published.

Scans the published public records whose fingerprint changed since their last scan (the
scanner, the sensitive-term list or the content changed), or all of them with ``--all``;
saves new findings, notifies the disclosure office of each new blocking one and prints a
summary. Idempotent and resumable: a sweep that is stopped continues where it stopped.

Exit status 0 when no open blocking finding remains on a published record (of the agency,
with ``--agency``), 1 when there are, 2 on bad input. Runs as the system (audited as
"system"): whoever runs it has a shell on the server, as for `gongkai documents import`.
"""

import json
import sys
from collections.abc import Iterable
from typing import Any, NoReturn

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from tqdm import tqdm

from gongkai.accounts.models import Agency
from gongkai.review.sweep import open_blocking_on_public, sweep

LEAKS = 1
BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "Rescan published records for personal data and secret markings. Exit 0: no open "
        "blocking finding on a published record; 1: there are; 2: bad input."
    )

    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def one_line(message: str) -> NoReturn:
            parser.exit(BAD_INPUT, f"gongkai sweep: 用法错误 (usage error): {message}\n")

        parser.error = one_line  # type: ignore[method-assign]
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--agency", metavar="CODE", help="only this agency's records")
        parser.add_argument(
            "--all",
            action="store_true",
            dest="force",
            help="rescan every published record, also those that did not change",
        )
        parser.add_argument("--limit", type=int, metavar="N", help="scan at most N records")
        parser.add_argument("--json", action="store_true", help="print the summary as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = None
        if options["agency"] is not None:
            agency = Agency.objects.filter(code=options["agency"]).first()
            if agency is None:
                raise CommandError(
                    f"没有机关代码为“{options['agency']}”的机关 (no such agency: "
                    f"{options['agency']})",
                    returncode=BAD_INPUT,
                )
        limit = options["limit"]
        if limit is not None and limit <= 0:
            raise CommandError("--limit 必须为正数 (must be positive)", returncode=BAD_INPUT)
        run = sweep(
            now=timezone.now(),
            agency=agency,
            limit=limit,
            force=options["force"],
            progress=_progress,
        )
        outcome = run.outcome
        left = open_blocking_on_public(agency=agency)
        if options["json"]:
            summary = {
                "sweep": run.pk,
                "state": run.state,
                "records_public": outcome.public,
                "records_scanned": outcome.scanned,
                "records_unchanged": outcome.unchanged,
                "records_remaining": outcome.remaining,
                "findings_new": outcome.findings_new,
                "blocking_new": outcome.blocking_new,
                "superseded": outcome.superseded,
                "notified": outcome.notified,
                "open_blocking_on_public": left,
            }
            self.stdout.write(json.dumps(summary, ensure_ascii=False))
        else:
            self.stdout.write(
                f"复查 {outcome.scanned} 条已发布信息，{outcome.unchanged} 条未变化已跳过，"
                f"新发现 {outcome.findings_new} 处，其中须处理（阻止发布）{outcome.blocking_new} 处；"
                f"尚有 {left} 处须处理的发现未处理"
                + (f"，{outcome.remaining} 条留待下次" if outcome.remaining > 0 else "")
                + f" (scanned {outcome.scanned}, skipped {outcome.unchanged} unchanged, "
                f"new findings {outcome.findings_new}, new blocking {outcome.blocking_new}; "
                f"open blocking on published records {left}"
                + (f"; {outcome.remaining} left for the next run" if outcome.remaining > 0 else "")
                + ")"
            )
        if left:
            self.stdout.flush()
            raise SystemExit(LEAKS)


def _progress(items: Iterable[int]) -> Iterable[int]:
    """A progress bar on stderr, also when it is a log file: long sweeps show they move."""
    total = len(items) if isinstance(items, list) else None
    return tqdm(items, total=total, desc="复查", unit="条", file=sys.stderr, mininterval=1)
