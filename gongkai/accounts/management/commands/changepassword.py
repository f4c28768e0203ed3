from typing import Any

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Replaced by `gongkai staff`, which gives roles and writes the audit trail."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("args", nargs="*")

    def handle(self, *args: Any, **options: Any) -> None:
        raise CommandError(
            "请使用 gongkai staff set-password USERNAME --reason TEXT "
            "（账号须有角色，且每次变更都记入审计日志）",
            returncode=2,
        )
