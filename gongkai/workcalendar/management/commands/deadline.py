"""`gongkai deadline`: the reply deadline of a disclosure application (DESIGN.md contract).

Exit status 0, or 2 with a one-line reason on stderr for bad input. It answers even on a
database that was never migrated, from the bundled holiday data, saying so in its first step.
"""

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.core.clock import Deadline, Interval
from gongkai.workcalendar.dates import parse_day
from gongkai.workcalendar.selectors import deadline_for, work_calendar_or_package

BAD_INPUT = 2


class Command(BaseCommand):
    help = (
        "The statutory reply deadline of a disclosure application (条例第30–33条): 20 working "
        "days after the day of receipt, or of the corrected application; 40 with --extended; "
        "working days inside a --third-party interval are not counted."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--received", required=True, metavar="DATE", help="YYYY-MM-DD")
        parser.add_argument(
            "--corrected", metavar="DATE", help="receipt of the corrected application (条例第30条)"
        )
        parser.add_argument(
            "--third-party",
            action="append",
            default=[],
            metavar="START:END",
            help="consultation days not counted, both ends included (条例第33条第3款); repeatable",
        )
        parser.add_argument("--extended", action="store_true", help="extension approved (+20)")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            received = parse_day(options["received"])
            corrected = parse_day(options["corrected"]) if options["corrected"] else None
            paused = [_interval(text) for text in options["third_party"]]
            calendar, note = work_calendar_or_package()
            result = deadline_for(
                received=received,
                corrected=corrected,
                paused=paused,
                extended=options["extended"],
                calendar=calendar,
            )
        except ValueError as exc:
            raise CommandError(str(exc), returncode=BAD_INPUT) from None
        # The note is part of the reasoning, not stderr: `--json 2>&1` must still be one
        # JSON object.
        steps = [*([note] if note else []), *(step.text for step in result.steps)]
        self.stdout.write(_as_json(result, steps) if options["json"] else _as_text(result, steps))


def _interval(text: str) -> Interval:
    start, colon, end = text.partition(":")
    if not colon or ":" in end:
        raise ValueError(f"--third-party “{text}” 应为 START:END，例如 2025-04-04:2025-04-18")
    return Interval(parse_day(start), parse_day(end))


def _as_json(result: Deadline, steps: list[str]) -> str:
    """DESIGN.md: {"due", "working_days", "provisional", "steps": [Chinese sentences]}."""
    return json.dumps(result.as_json() | {"steps": steps}, ensure_ascii=False)


def _as_text(result: Deadline, steps: list[str]) -> str:
    flag = "（暂行推算 provisional）" if result.provisional else ""
    lines = [f"答复期限 (due): {result.due.isoformat()}{flag}"]
    lines += [f"  {n}. {step}" for n, step in enumerate(steps, start=1)]
    return "\n".join(lines)
