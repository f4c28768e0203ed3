"""Deadline reminders of open cases (issue 5 §3), run by `gongkai tick`.

5, 3 and 1 working days before the reply deadline (core ``reminder_on``) the handler — or,
while the case is unassigned, every disclosure-office account of the agency — gets a console
notification and, with an address, an e-mail after the transaction commits. A case whose
clock is paused (an open wait projected to its latest end) gets none until the wait ends.
Idempotent: a reminder already given to that person for that case, deadline and day is not
given again, however often tick runs. The text names the case by its number only: no
applicant's data leaves the console.
"""

import logging
from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai.applications.models import Application
from gongkai.applications.selectors import OPEN, ORDER
from gongkai.core import applications as rules
from gongkai.review.models import Notification
from gongkai.review.notify import office_of, send_notice
from gongkai.workcalendar.selectors import work_calendar

logger = logging.getLogger(__name__)


def reminder_text(application: Application, due: date, left: int) -> tuple[str, str]:
    subject = _("Application %(number)s: reply due in %(left)s working day(s), on %(due)s") % {
        "number": application.number,
        "left": left,
        "due": due.isoformat(),
    }
    text = _(
        "The reply to application %(number)s is due on %(due)s (%(left)s working day(s) "
        "left). Open the case in the staff console: %(url)s"
    ) % {
        "number": application.number,
        "due": due.isoformat(),
        "left": left,
        "url": settings.GONGKAI_SITE_URL
        + reverse("applications_console:detail", args=[application.pk]),
    }
    return subject[:200], text


def _recipients(application: Application) -> list[Any]:
    if application.handler is not None and application.handler.is_active:
        return [application.handler]
    return list(office_of(application.agency_id))


@transaction.atomic
def send_reminders(*, today: date, now: datetime | None = None) -> int:
    """Give today's reminders; returns how many notifications were created."""
    now = now or timezone.now()
    calendar = work_calendar()
    zone = timezone.get_current_timezone()
    day_start = timezone.make_aware(datetime.combine(today, time.min), zone)
    day_end = timezone.make_aware(datetime.combine(today, time.max), zone)
    created = 0
    cases = (
        Application.objects.filter(status__in=OPEN)
        .select_related("handler")
        .prefetch_related("events")
        .order_by("pk")
    )
    for application in cases:
        events = [e.as_rule() for e in sorted(application.events.all(), key=_order)]
        deadline = rules.case_deadline(events, calendar)
        if deadline.waiting_until is not None and today <= deadline.waiting_until:
            continue
        left = rules.reminder_on(calendar, deadline.due, today=today)
        if left is None:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            subject, text = reminder_text(application, deadline.due, left)
        recipients = [
            user
            for user in _recipients(application)
            if not Notification.objects.filter(
                recipient=user,
                subject=subject,
                created_at__gte=day_start,
                created_at__lte=day_end,
            ).exists()
        ]
        if not recipients:
            continue
        Notification.objects.bulk_create(
            Notification(
                recipient=user,
                agency_id=application.agency_id,
                record=None,
                subject=subject,
                text=text,
                created_at=now if day_start <= now <= day_end else day_start,
            )
            for user in recipients
        )
        created += len(recipients)
        addresses = [user.email for user in recipients if user.email]
        if addresses:
            transaction.on_commit(
                lambda s=subject, t=text, a=addresses: send_notice(s, t, a)  # type: ignore[misc]
            )
    return created


def _order(event: Any) -> tuple[Any, ...]:
    return tuple(getattr(event, name) for name in ORDER)
