"""Keep page snapshots true: every change that a public page shows forgets its snapshots."""

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from gongkai.accounts.models import Agency, Unit
from gongkai.documents.models import Attachment, Column, Record, Release
from gongkai.portal.snapshots import bump_generation, forget_records


def _linked(record: Record) -> list[int | None]:
    """The record and every record whose page shows a link to it or from it."""
    linked = [record.pk, record.interprets_id, record.replaced_by_id]
    linked += list(Record.objects.filter(interprets_id=record.pk).values_list("pk", flat=True))
    linked += list(Record.objects.filter(replaced_by_id=record.pk).values_list("pk", flat=True))
    return linked


@receiver(post_save, sender=Record)
@receiver(post_delete, sender=Record)
def _record_changed(sender: Any, instance: Record, **kwargs: Any) -> None:
    forget_records(_linked(instance))


@receiver(post_save, sender=Attachment)
@receiver(post_delete, sender=Attachment)
@receiver(post_save, sender=Release)
@receiver(post_delete, sender=Release)
def _part_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    forget_records([instance.record_id])


@receiver(m2m_changed, sender=Record.columns.through)
def _filed_elsewhere(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Record):
        forget_records([instance.pk])
    else:
        bump_generation()


@receiver(post_save, sender=Column)
@receiver(post_delete, sender=Column)
@receiver(post_save, sender=Agency)
@receiver(post_delete, sender=Agency)
@receiver(post_save, sender=Unit)
@receiver(post_delete, sender=Unit)
def _site_changed(sender: Any, **kwargs: Any) -> None:
    bump_generation()
