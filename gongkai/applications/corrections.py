"""The applicant corrects the application through /track/ (补正, 条例第30条).

While the case awaits a correction, /track/ offers a form: the corrected text and an optional
file. Sending it records RECEIVE_CORRECTION on today's date through the step service with the
system as actor (``services.application_receive_correction``, core ``check_step`` included),
keeps the text on the step and the file as an ApplicationFile of kind "correction", writes
the audit entry, and the reply period counts again from today (``refresh``).

A correction after the period needs the applicant's good reason, which the office records
(core rule): online, a late correction is refused with a message to contact the office.
Submissions are rate-limited per address and per case, like the /track/ look-up.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.applications import abuse, services
from gongkai.applications.intake import Upload, _checked_uploads, _store_file
from gongkai.applications.models import Application, ApplicationFile, CaseEvent
from gongkai.audit.services import audit_log
from gongkai.core import applications as rules

# Per address and per case; an installation may override them in GONGKAI_ABUSE_LIMITS.
LIMITS = {
    "correct_ip": (10, 60 * 60),  # corrections sent from one address per hour
    "correct_case": (5, 24 * 60 * 60),  # attempts for one case per day
}
MAX_TEXT = 5000


def _limit(name: str) -> abuse.Limit:
    overrides = getattr(settings, "GONGKAI_ABUSE_LIMITS", {}) or {}
    count, seconds = overrides.get(name, LIMITS[name])
    return abuse.Limit(name, int(count), int(seconds))


def _key(name: str, value: str) -> str:
    return abuse._key(_limit(name), value)


def is_limited(name: str, value: str) -> bool:
    return int(cache.get(_key(name, value), 0)) >= _limit(name).count


def hit(name: str, value: str) -> None:
    the_limit = _limit(name)
    key = _key(name, value)
    cache.add(key, 0, timeout=the_limit.seconds)
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=the_limit.seconds)


@dataclass(frozen=True)
class Period:
    requested: date
    until: date


def open_period(application: Application) -> Period | None:
    """The correction the case waits for: the notice's day and the period's last day."""
    if application.status != rules.Status.AWAITING_CORRECTION.value:
        return None
    notice = (
        application.events.filter(step=rules.Step.REQUEST_CORRECTION.value)
        .order_by("-day", "-pk")
        .first()
    )
    if notice is None or notice.until is None:
        return None
    return Period(notice.day, notice.until)


def late_message(period: Period) -> str:
    return _(
        "The correction period ended on %(until)s. A correction sent after its period can only "
        "be accepted with a good reason: please contact the agency's disclosure office."
    ) % {"until": period.until.isoformat()}


@transaction.atomic
def correction_submit(
    *, application: Application, text: str, upload: Upload | None, now: datetime
) -> Application:
    """Record the applicant's correction (the system is the actor; the applicant proved the
    case is theirs on /track/). A ValidationError when the case does not await a correction
    or the period is over."""
    today = timezone.localdate(now)
    locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    period = open_period(locked)
    if period is None:
        raise ValidationError(_("This application is not waiting for a correction."))
    if today > period.until:
        raise ValidationError(late_message(period), code="late")
    text = text.strip()[:MAX_TEXT]
    if not text and upload is None:
        raise ValidationError(_("Write the corrected application or attach it."))
    checked = _checked_uploads([upload]) if upload is not None else []
    updated = services.application_receive_correction(
        actor=None, application=locked, day=today, now=now
    )
    event = updated.events.filter(step=rules.Step.RECEIVE_CORRECTION.value).order_by("-pk").first()
    stored = None
    for item, inspected in checked:
        stored = _store_file(updated, item, inspected, actor=None, now=now)
    if event is not None:
        CaseEvent.objects.filter(pk=event.pk).update(
            note=text, details={"channel": "track", "file": stored.pk if stored else None}
        )
    audit_log(
        actor=None,
        action="application.correction_submitted",
        target=updated,
        changes={
            "channel": [None, "track"],
            "text": [None, f"{len(text)} characters"],
            "file": [None, stored.original_name if stored else None],
        },
        now=now,
    )
    return updated


def correction_upload(name: str, data: bytes) -> Upload:
    return Upload(name=name, data=data, kind=ApplicationFile.Kind.CORRECTION)
