"""Open deadlines follow the calendar (issue 5 §3): when a working-calendar day or an
official year is saved or deleted, every open case's deadline is computed again, after the
change commits; where it moved, the case history says so.

The history is an audit entry per moved case (action ``application.deadline_moved``,
``changes={"deadline": [old, new]}``, actor the system or the operator), shown on the case
page by :func:`deadline_moves`. CaseEvent rows are the core's steps and are not used for it.

:func:`recompute_open_deadlines` is also what a command calls after a bulk calendar import.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone

from gongkai.applications.intake import refresh
from gongkai.applications.models import Application, CaseEvent
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import audit_log
from gongkai.core import applications as rules
from gongkai.core.applications.workflow import OPEN_STATUSES
from gongkai.workcalendar.selectors import work_calendar

ACTION = "application.deadline_moved"
OPEN = [status.value for status in OPEN_STATUSES]


@dataclass(frozen=True)
class Moved:
    application_id: int
    number: str
    old: date | None
    new: date | None


def recompute_open_deadlines(
    *, actor: Any = None, now: datetime | None = None, reason: str = ""
) -> list[Moved]:
    """Recompute the deadline of every open case with today's calendar; each case that
    changed is saved and audited in its own transaction. Returns the moves."""
    now = now or timezone.now()
    calendar = work_calendar()
    events = CaseEvent.objects.order_by("day", "at", "pk")
    cases = Application.objects.filter(status__in=OPEN).prefetch_related(
        Prefetch("events", queryset=events)
    )
    moved: list[Moved] = []
    for application in cases.iterator(chunk_size=200):
        rule_events = [e.as_rule() for e in application.events.all()]
        try:
            due = rules.case_deadline(rule_events, calendar)
        except ValueError:  # a date the calendar cannot handle: leave the stored one
            continue
        if (due.due, due.provisional, due.paused) == (
            application.deadline,
            application.deadline_provisional,
            application.deadline_paused,
        ):
            continue
        change = _apply(application.pk, actor=actor, now=now, reason=reason)
        if change is not None:
            moved.append(change)
    return moved


@transaction.atomic
def _apply(pk: int, *, actor: Any, now: datetime, reason: str) -> Moved | None:
    locked = Application.objects.select_for_update(of=("self",)).get(pk=pk)
    if locked.status not in OPEN:
        return None
    old = (locked.deadline, locked.deadline_provisional)
    refresh(locked)
    if (locked.deadline, locked.deadline_provisional) == old:
        return None
    changes: dict[str, Any] = {
        "deadline": [
            old[0].isoformat() if old[0] else None,
            locked.deadline.isoformat() if locked.deadline else None,
        ]
    }
    if old[1] != locked.deadline_provisional:
        changes["deadline_provisional"] = [old[1], locked.deadline_provisional]
    audit_log(
        actor=actor,
        action=ACTION,
        target=locked,
        changes=changes,
        reason=reason or "工作日历变更 (the working calendar changed)",
        now=now,
    )
    return Moved(locked.pk, locked.number, old[0], locked.deadline)


def deadline_moves(application: Application) -> list[dict[str, Any]]:
    """The case's deadline moves caused by calendar changes, oldest first (for its page)."""
    rows = AuditEvent.objects.filter(
        action=ACTION,
        object_type=Application._meta.label_lower,
        object_id=str(application.pk),
    ).order_by("seq")
    found = []
    for row in rows:
        old, new = (row.changes.get("deadline") or [None, None])[:2]
        found.append({"at": row.occurred_at, "old": old, "new": new, "reason": row.reason})
    return found


# Signals -----------------------------------------------------------------------------------


class _Recompute:
    """One scheduled recomputation; ``ran`` once it has run (a later change schedules anew)."""

    def __init__(self) -> None:
        self.ran = False

    def __call__(self) -> None:
        self.ran = True
        recompute_open_deadlines()


def calendar_changed(**kwargs: Any) -> None:
    """post_save / post_delete of CalendarDay and OfficialYear: recompute once, after the
    transaction that changed the calendar commits (at once outside a transaction); a
    transaction rolled back recomputes nothing."""
    if kwargs.get("raw"):  # loading fixtures
        return
    connection = transaction.get_connection()
    if connection.in_atomic_block and any(
        isinstance(item[1], _Recompute) and not item[1].ran for item in connection.run_on_commit
    ):
        return  # already scheduled for this transaction
    transaction.on_commit(_Recompute())


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from gongkai.workcalendar.models import CalendarDay, OfficialYear

    for model in (CalendarDay, OfficialYear):
        post_save.connect(
            calendar_changed, sender=model, dispatch_uid=f"recompute-{model.__name__}"
        )
        post_delete.connect(
            calendar_changed, sender=model, dispatch_uid=f"recompute-del-{model.__name__}"
        )
