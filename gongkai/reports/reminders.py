"""Reminders of the annual report (issue 6 §2), run by `gongkai tick`: from 1 December of the
report year until the report is published, every disclosure-office account of each agency
gets one console notification a day with the days left to 1月31日 (or the days overdue).
[I] Overdue reminders stop at the end of February: a report kept outside Gongkai would
otherwise be reminded of all year. Idempotent: a reminder already given to that person that day is not given again."""

from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai.accounts.models import Agency
from gongkai.core import annual_report as ar
from gongkai.reports.messages import render_message
from gongkai.reports.models import PublishedReport
from gongkai.reports.selectors import report_year
from gongkai.review.notify import notify_once_a_day, office_of

REMINDER_MONTHS = (12, 1, 2)


@transaction.atomic
def send_report_reminders(*, today: date, now: datetime | None = None) -> int:
    """Give today's reminders for the report in hand (report_year); returns how many."""
    if today.month not in REMINDER_MONTHS:
        return 0
    now = now or timezone.now()
    year = report_year(today)
    published = set(PublishedReport.objects.filter(year=year).values_list("agency_id", flat=True))
    created = 0
    for agency in Agency.objects.exclude(pk__in=published).order_by("pk"):
        status = ar.deadline_status(year, today)
        if not status.remind:
            continue
        with translation.override(settings.LANGUAGE_CODE):
            subject = (_("Annual report %(year)s: not published yet") % {"year": year})[:200]
            text = (
                render_message(status.message)
                + "\n"
                + settings.GONGKAI_SITE_URL
                + reverse("reports:detail", args=[agency.code, year])
            )
        created += notify_once_a_day(
            office_of(agency),
            agency_id=agency.pk,
            subject=subject,
            text=text,
            today=today,
            now=now,
        )
    return created
