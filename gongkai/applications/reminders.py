"""Deadline reminders of open cases (issue 5 §3), run by `gongkai tick`.

5, 3 and 1 working days before the reply deadline (core ``reminder_on``) the handler — or,
while the case is unassigned, every disclosure-office account of the agency — gets a console
notification and, with an address, an e-mail after the transaction commits. A case whose
clock is paused (an open wait projected to its latest end) gets none until the wait ends.
Idempotent: a reminder already given to that person for that case, deadline and day is not
given again, however often tick runs. The text names the case by its number only: no
applicant's data leaves the console.
"""

from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai.applications.models import Application
from gongkai.applications.selectors import OPEN, ORDER
from gongkai.core import applications as rules
from gongkai.review.notify import notify_once_a_day, office_of
from gongkai.workcalendar.selectors import work_calendar


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
        created += notify_once_a_day(
            _recipients(application),
            agency_id=application.agency_id,
            subject=subject,
            text=text,
            today=today,
            now=now,
            email=True,
        )
    return created


def _order(event: Any) -> tuple[Any, ...]:
    return tuple(getattr(event, name) for name in ORDER)
