from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from gongkai.audit.models import AuditEvent
from gongkai.audit.selectors import audit_chain_break, audit_chain_head


class Command(BaseCommand):
    help = "Audit trail tools. `gongkai audit verify` checks the hash chain of every entry."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="walk the hash chain; exit 1 naming the first bad entry")

    def handle(self, *args: Any, subcommand: str, **options: Any) -> None:
        found = audit_chain_break()
        if found is not None:
            raise CommandError(
                f"审计记录 #{found.seq} 校验失败 (audit entry #{found.seq} fails): {found.reason}",
                returncode=1,
            )
        count = AuditEvent.objects.count()
        self.stdout.write(
            f"审计链完整：{count} 条记录均通过校验 (audit chain intact: {count} entries)"
        )
        head = audit_chain_head()
        if head is not None:
            # Kept outside the database (a daily report, a ticket), this anchors the chain.
            self.stdout.write(f"链头 (head): #{head.seq} {head.hash}")
