"""Notices to staff: a leak found on a published record goes at once to the disclosure office
of its agency, in the console and by e-mail to those with an address.

The text names the record, the kind, the masked preview and the location — never a value
the scanner found. When the title itself holds a finding, the record is named by its index
number only. Mail goes after the transaction commits; a mail that cannot be sent is logged,
never raised: the notice in the console is already there.
"""

import logging
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gongkai.accounts.models import RoleAssignment, User
from gongkai.audit.services import audit_log
from gongkai.documents.models import Record
from gongkai.review import selectors
from gongkai.review.models import Finding, Notification

logger = logging.getLogger(__name__)

# Lines of findings in one notice; the rest are counted.
MAX_LINES = 20


def office_of(agency: Any) -> QuerySet[User]:
    """The active staff of an agency who hold the disclosure-office role (公开办)."""
    return User.objects.filter(
        is_active=True,
        agency=agency,
        role_assignments__role=RoleAssignment.Role.DISCLOSURE_OFFICE,
    ).distinct()


def record_name(record: Record, findings: Sequence[Finding]) -> str:
    """The record as a notice names it: its title, unless the title holds a finding."""
    number = record.index_number or f"#{record.pk}"
    title_found = (
        any(f.source == Finding.Source.TITLE for f in findings)
        or record.findings.filter(source=Finding.Source.TITLE, state=Finding.State.OPEN).exists()
    )
    if title_found:
        return _("record %(number)s (its title holds a finding and is not repeated here)") % {
            "number": number
        }
    return f"《{record.title}》（{number}）"


def leak_text(record: Record, findings: Sequence[Finding]) -> tuple[str, str]:
    """The subject and text of a leak notice, in the installation's language."""
    name = record_name(record, findings)
    subject = _("Personal data or secret marking found on a published record: %(record)s") % {
        "record": name
    }
    lines = [
        _(
            "The sweep of published records found %(count)s item(s) that block publication in "
            "%(record)s of %(agency)s, which the public can read now:"
        )
        % {"count": len(findings), "record": name, "agency": record.agency.name},
        "",
    ]
    for finding in findings[:MAX_LINES]:
        lines.append(
            f"- {selectors.kind_label(finding.kind)}：{finding.masked}（{selectors.location(finding)}）"
        )
    if len(findings) > MAX_LINES:
        lines.append(_("… and %(count)s more.") % {"count": len(findings) - MAX_LINES})
    lines += [
        "",
        _(
            "Withdraw the record now, or settle each finding, in the staff console: %(path)s "
            "(privacy findings: %(findings)s)."
        )
        % {
            "path": settings.GONGKAI_SITE_URL + reverse("documents:detail", args=[record.pk]),
            "findings": settings.GONGKAI_SITE_URL + reverse("review:findings"),
        },
    ]
    return subject[:200], "\n".join(lines)


def leak_found(*, record: Record, findings: Sequence[Finding], now: datetime) -> list[Notification]:
    """Notify the disclosure office of the record's agency (called inside the sweep's
    transaction of the record). Returns the notices created."""
    if not findings:
        return []
    recipients = list(office_of(record.agency_id))
    if not recipients:
        logger.warning(
            "no active disclosure office in agency %s to notify of a leak on record %s",
            record.agency_id,
            record.pk,
        )
        return []
    with translation.override(settings.LANGUAGE_CODE):
        subject, text = leak_text(record, findings)
    notices = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            agency_id=record.agency_id,
            record=record,
            subject=subject,
            text=text,
            created_at=now,
        )
        for user in recipients
    )
    addresses = [user.email for user in recipients if user.email]
    if addresses:
        transaction.on_commit(lambda: send_notice(subject, text, addresses))
    return notices


def send_notice(subject: str, text: str, addresses: Sequence[str]) -> int:
    """Send one mail per recipient; returns how many went. Failures are logged."""
    sent = 0
    for address in addresses:
        try:
            sent += send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, [address])
        except Exception as exc:  # noqa: BLE001 — the notice in the console stands anyway
            logger.warning("notice mail to %s not sent: %s", address, type(exc).__name__)
    return sent


# --- reading -------------------------------------------------------------------------------


@transaction.atomic
def notification_mark_read(
    *, user: Any, notification: Notification | None = None, now: datetime | None = None
) -> int:
    """Mark one of `user`'s notices read, or all of them; returns how many changed.

    Who read a leak notice, and when, is part of the record of how the leak was handled:
    it is audited.
    """
    now = now or timezone.now()
    unread = Notification.objects.select_for_update().filter(recipient=user, read_at__isnull=True)
    if notification is not None:
        unread = unread.filter(pk=notification.pk)
    rows = list(unread)
    if not rows:
        return 0
    Notification.objects.filter(pk__in=[n.pk for n in rows]).update(read_at=now)
    for agency_id in sorted({n.agency_id for n in rows}):
        mine = [n for n in rows if n.agency_id == agency_id]
        audit_log(
            actor=user,
            action="review.notification_read",
            target=mine[0] if len(mine) == 1 else None,
            agency=mine[0].agency,
            changes={"read": [None, len(mine)]},
            now=now,
        )
    return len(rows)


def notify_once_a_day(
    recipients: Sequence[Any],
    *,
    agency_id: int,
    subject: str,
    text: str,
    today: date,
    now: datetime,
    email: bool = False,
) -> int:
    """A console notification to each recipient who has not had one with this subject on
    ``today`` (so a reminder run as often as ``gongkai tick`` runs is given once a day), and,
    with ``email``, an e-mail to their addresses after the transaction commits. Returns how
    many notifications were created."""
    zone = timezone.get_current_timezone()
    day_start = timezone.make_aware(datetime.combine(today, time.min), zone)
    day_end = timezone.make_aware(datetime.combine(today, time.max), zone)
    fresh = [
        user
        for user in recipients
        if not Notification.objects.filter(
            recipient=user,
            agency_id=agency_id,
            subject=subject,
            created_at__gte=day_start,
            created_at__lte=day_end,
        ).exists()
    ]
    Notification.objects.bulk_create(
        Notification(
            recipient=user,
            agency_id=agency_id,
            record=None,
            subject=subject,
            text=text,
            created_at=now if day_start <= now <= day_end else day_start,
        )
        for user in fresh
    )
    addresses = [user.email for user in fresh if user.email]
    if email and addresses:
        transaction.on_commit(lambda: send_notice(subject, text, addresses))
    return len(fresh)
