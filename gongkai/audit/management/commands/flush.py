from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands.flush import Command as DjangoFlush

from gongkai.audit.models import AuditEvent


class Command(DjangoFlush):
    """Django's flush would empty the audit trail: refused while it holds entries.

    Only the test suite, which starts from an empty database, may flush
    (settings.GONGKAI_ALLOW_FLUSH, set in the root conftest.py).
    """

    def handle(self, **options: Any) -> None:
        if not getattr(settings, "GONGKAI_ALLOW_FLUSH", False) and AuditEvent.objects.exists():
            raise CommandError(
                "审计日志只能追加，不能清空：flush 已停用 (the audit trail is append-only)",
                returncode=2,
            )
        super().handle(**options)
