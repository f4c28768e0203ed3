from typing import Any

from django.db.models.signals import pre_save
from django.dispatch import receiver

from gongkai.audit.models import AppendOnlyError, AuditChainHead, AuditEvent


@receiver(pre_save, sender=AuditEvent)
@receiver(pre_save, sender=AuditChainHead)
def _no_raw_saves(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    # loaddata saves with raw=True and would bypass AuditEvent.save(): refuse it.
    if raw:
        raise AppendOnlyError("audit events cannot be loaded from fixtures")
