"""Reading the audit trail: filtered, scoped to the agencies the reader may see, and verified."""

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from gongkai.accounts.permissions import Action, require_somewhere, sees_every_agency
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import event_content
from gongkai.core.auditchain import Break, ChainedEntry, first_break


def audit_events_for(
    *,
    user: Any,
    actor: str = "",
    object_query: str = "",
    action: str = "",
    since: date | None = None,
    until: date | None = None,
    purpose: Action = Action.VIEW_AUDIT,
) -> QuerySet[AuditEvent]:
    agencies = require_somewhere(user, purpose)
    events = AuditEvent.objects.select_related("actor", "agency")
    if not sees_every_agency(user, purpose):
        events = events.filter(agency__in=agencies)
    if actor:
        events = events.filter(Q(actor_label__icontains=actor))
    if object_query:
        events = events.filter(
            Q(object_repr__icontains=object_query)
            | Q(object_type__icontains=object_query)
            | Q(object_id=object_query)
        )
    if action:
        events = events.filter(action__startswith=action)
    if since:
        events = events.filter(occurred_at__date__gte=since)
    if until:
        events = events.filter(occurred_at__date__lte=until)
    return events.order_by("-seq")


def audit_chain_entries(batch: int = 2000) -> Iterator[ChainedEntry]:
    """The whole trail in sequence order, read in batches so memory stays flat."""
    last = 0
    while True:
        rows = list(AuditEvent.objects.filter(seq__gt=last).order_by("seq")[:batch])
        if not rows:
            return
        for event in rows:
            yield ChainedEntry(event.seq, event_content(event), event.previous_hash, event.hash)
        last = rows[-1].seq


def audit_chain_break() -> Break | None:
    return first_break(audit_chain_entries())
