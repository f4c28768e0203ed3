from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.accounts.permissions import (
    Action,
    can,
    require_somewhere,
    sees_every_agency,
    unit_bound,
)
from gongkai.documents.models import Record


def records_for(*, user: Any) -> QuerySet[Record]:
    agencies = require_somewhere(user, Action.VIEW_RECORDS)
    records = Record.objects.select_related("agency", "unit")
    if not sees_every_agency(user, Action.VIEW_RECORDS):
        records = records.filter(agency__in=agencies)
    units = unit_bound(user)
    if units is not None:
        # A drafter of a unit sees that unit's records and the agency-wide ones.
        records = records.filter(Q(unit__in=units) | Q(unit__isnull=True))
    return records


def record_get_for(*, user: Any, pk: int) -> Record:
    record = Record.objects.select_related("agency", "unit").filter(pk=pk).first()
    if record is None or not can(user, Action.VIEW_RECORDS, record):
        raise Http404
    return record


def public_records() -> QuerySet[Record]:
    """Everything the public may see: published (or archived) 主动公开 and 删减后公开
    records. The one gate for the portal, search, feeds, sitemap and API."""
    return Record.objects.filter(
        status__in=[Record.Status.PUBLISHED, Record.Status.ARCHIVED],
        attribute__in=[Record.Attribute.PROACTIVE, Record.Attribute.REDACTED],
    ).select_related("agency", "unit")


def public_record_get(*, pk: int) -> Record:
    """A public record, or Http404. Revoked records are handled by the caller (410)."""
    record = public_records().filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


def revoked_public_record(*, pk: int) -> Record | None:
    """A record that was public and has been revoked: its URL answers 410 (a tombstone)."""
    return Record.objects.filter(
        pk=pk,
        status=Record.Status.REVOKED,
        attribute__in=[Record.Attribute.PROACTIVE, Record.Attribute.REDACTED],
    ).first()
