"""Writing the audit trail. Every service that changes state calls audit_log inside its
own transaction, so the change and its record commit or fail together."""

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from gongkai.audit.context import client_ip
from gongkai.audit.models import AuditChainHead, AuditEvent
from gongkai.core.auditchain import GENESIS, entry_hash

# An arbitrary constant naming the PostgreSQL advisory lock that keeps the chain linear.
_CHAIN_LOCK = 0x60_6B_A1

SYSTEM = "system"
# agency=FROM_TARGET (the default): the target's agency, else the actor's.
# agency=None: an installation-wide event (e.g. the shared working-day calendar).
FROM_TARGET: Any = object()


def _lock_chain() -> None:
    # SQLite runs write transactions one at a time (transaction_mode IMMEDIATE);
    # PostgreSQL needs a lock so two writers don't both link to the same previous entry.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])


def _plain(value: Any) -> Any:
    """A JSON-stable form of a field value, so the hash survives a database round trip."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, list | tuple | set | frozenset):
        items = [_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)


def event_content(event: AuditEvent) -> dict[str, object]:
    """What the hash covers: everything but the hashes themselves."""
    return {
        "seq": event.seq,
        "occurred_at": event.occurred_at.astimezone(UTC).isoformat(),
        "actor_id": event.actor_id,
        "actor_label": event.actor_label,
        "agency_id": event.agency_id,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "changes": event.changes,
        "reason": event.reason,
        "ip_address": event.ip_address,
    }


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """{field: [before, after]} for the fields whose value changed."""
    return {
        name: [_plain(before.get(name)), _plain(after.get(name))]
        for name in sorted(set(before) | set(after))
        if _plain(before.get(name)) != _plain(after.get(name))
    }


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    return {name: _plain(getattr(obj, name)) for name in fields}


@transaction.atomic
def audit_log(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    agency: Any = FROM_TARGET,
    changes: Mapping[str, Any] | None = None,
    reason: str = "",
    ip_address: str | None = None,
    now: datetime | None = None,
) -> AuditEvent:
    """Append one event. `actor` is a user, or None for the system itself."""
    _lock_chain()
    last = AuditEvent.objects.order_by("-seq").values("seq", "hash").first()
    user = actor if actor is not None and getattr(actor, "pk", None) else None
    event = AuditEvent(
        seq=(last["seq"] + 1) if last else 1,
        occurred_at=now or timezone.now(),
        actor=user,
        actor_label=(f"{user.username} ({user})" if user else SYSTEM)[:200],
        agency=_agency_of(target, user) if agency is FROM_TARGET else agency,
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None and target.pk is not None else "",
        object_repr=str(target)[:200] if target is not None else "",
        changes=_plain(dict(changes or {})),
        reason=reason,
        ip_address=ip_address if ip_address is not None else client_ip.get(),
        previous_hash=last["hash"] if last else GENESIS,
    )
    event.hash = entry_hash(event_content(event), event.previous_hash)
    event.save()
    AuditChainHead.objects.update_or_create(id=1, defaults={"seq": event.seq, "hash": event.hash})
    return event


def _agency_of(target: models.Model | None, user: Any) -> Any:
    """The agency an event belongs to, so each disclosure office sees its own trail."""
    from gongkai.accounts.models import Agency

    if isinstance(target, Agency):
        return target
    agency = getattr(target, "agency", None)
    if isinstance(agency, Agency):
        return agency
    return getattr(user, "agency", None) if user is not None else None
