"""Reading the audit trail: filtered, scoped to the agencies the reader may see, and verified."""

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet

from gongkai.accounts.permissions import Action, require_somewhere, sees_every_agency
from gongkai.audit.models import AuditChainHead, AuditEvent
from gongkai.audit.services import event_content
from gongkai.core.auditchain import Break, ChainedEntry, first_break

SHARED_OBJECT_TYPES = ("workcalendar.calendarday", "workcalendar.officialyear")


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
        # Installation-wide events (the shared calendar) concern every agency's office.
        events = events.filter(Q(agency__in=agencies) | Q(object_type__in=SHARED_OBJECT_TYPES))
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
    found = first_break(audit_chain_entries())
    if found is not None:
        return found
    head = AuditChainHead.objects.filter(id=1).first()
    last = AuditEvent.objects.order_by("-seq").first()
    if head is None and last is None:
        return None
    if head is None or last is None or (head.seq, head.hash) != (last.seq, last.hash):
        newest = last.seq if last else 0
        expected = head.seq if head else 0
        return Break(newest + 1, f"the trail ends at #{newest} but its head records #{expected}")
    return None


def audit_chain_head() -> AuditChainHead | None:
    return AuditChainHead.objects.filter(id=1).first()
