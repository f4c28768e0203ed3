"""`gongkai portal render`: render the public record pages that have no fresh snapshot,
e.g. after a bulk import or an upgrade. Safe to interrupt and run again."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from gongkai.portal.render import render_paths, stale_paths


class Command(BaseCommand):
    help = "Render public pages ahead of visitors (page snapshots)."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        render = sub.add_parser("render", help="render record pages without a fresh snapshot")
        render.add_argument("--limit", type=int, default=None, help="at most this many pages")

    def handle(self, *args: Any, subcommand: str, limit: int | None, **options: Any) -> None:
        paths = list(stale_paths(limit))
        failed = 0
        for status in tqdm(render_paths(iter(paths)), total=len(paths), unit="page", desc="render"):
            failed += status != 200
        self.stdout.write(
            f"已生成页面 (pages rendered): {len(paths) - failed}; 失败 (failed): {failed}"
        )
