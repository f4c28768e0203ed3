"""Registering an application (登记): from the public form, or by staff for one that arrived
by post, in person, by fax or e-mail. One transaction: the gapless 登记号, the applicant's data
(identity number and image encrypted), the REGISTER event, the deadline, the audit entry.

Other steps of a case live in gongkai.applications.services; both call :func:`refresh`.
"""

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts.models import Agency
from gongkai.accounts.permissions import Action, require
from gongkai.applications import crypto
from gongkai.applications.models import Application, ApplicationFile, ApplicationSequence, CaseEvent
from gongkai.audit.services import audit_log
from gongkai.core import applications as rules
from gongkai.core.files import FileRefused, inspect_file
from gongkai.core.privacy import mask
from gongkai.core.workcalendar import MessageError
from gongkai.workcalendar.selectors import work_calendar

# 登记号 template (gongkai.core.applications.intake) of an agency that has none set; each
# agency sets its own (Agency.application_number_template, edited in the console).
REGISTRATION_TEMPLATE = rules.DEFAULT_REGISTRATION_TEMPLATE
# The tracking code: 12 characters a person can read out on the phone (no 0/O, 1/I/L).
TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TRACKING_LENGTH = 12


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes
    kind: str  # ApplicationFile.Kind


@dataclass(frozen=True)
class ApplicationData:
    """What 条例第29条 asks of an application, already cleaned by a form."""

    applicant_kind: str
    name: str
    id_document: str
    id_number: str
    phone: str
    description: str
    provision_form: str
    delivery: str
    legal_representative: str = ""
    address: str = ""
    postal_code: str = ""
    email: str = ""
    document_hint: str = ""
    dated_on: date | None = None
    uploads: Sequence[Upload] = field(default_factory=tuple)


def tracking_hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def last4_hash(application_pk_or_number: str, id_number: str) -> str:
    """The last 4 characters of the identity number, keyed by the application: /track/ may
    ask for them instead of the phone, and they are never kept in the clear."""
    tail = id_number.strip().upper()[-4:]
    return hashlib.sha256(f"{application_pk_or_number}|{tail}".encode()).hexdigest()


def _new_tracking_code() -> str:
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))


def _next_seq(agency: Agency, year: int) -> int:
    try:
        with transaction.atomic():
            ApplicationSequence.objects.get_or_create(agency=agency, year=year)
    except IntegrityError:
        pass  # created by a concurrent registration in the meantime
    sequence = ApplicationSequence.objects.select_for_update().get(agency=agency, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last


def _checked_identity(data: ApplicationData) -> str:
    try:
        return rules.check_identity(
            rules.ApplicantKind(data.applicant_kind),
            rules.IdentityDocument(data.id_document),
            data.id_number,
        )
    except (MessageError, ValueError) as exc:
        raise ValidationError({"id_number": str(exc)}) from None


def _checked_uploads(uploads: Sequence[Upload]) -> list[tuple[Upload, Any]]:
    checked = []
    for upload in uploads:
        try:
            checked.append((upload, inspect_file(upload.name, upload.data)))
        except FileRefused as exc:
            raise ValidationError({"uploads": f"{upload.name}：{exc}"}) from None
    return checked


def _store_file(
    application: Application, upload: Upload, inspected: Any, *, actor: Any, now: datetime
) -> ApplicationFile:
    encrypted = upload.kind == ApplicationFile.Kind.IDENTITY
    stored = crypto.encrypt_bytes(upload.data) if encrypted else upload.data
    item = ApplicationFile(
        application=application,
        kind=upload.kind,
        encrypted=encrypted,
        original_name=upload.name[-200:],
        content_type=inspected.content_type,
        extension=inspected.extension,
        size=len(upload.data),
        sha256=hashlib.sha256(upload.data).hexdigest(),
        uploaded_by=actor,
        uploaded_at=now,
    )
    item.file.save(f"{item.sha256[:16]}{item.extension}", ContentFile(stored), save=False)
    item.save()
    return item


def refresh(application: Application, *, today: date | None = None) -> Application:
    """Status, outcome and deadline derived again from the recorded events and the calendar
    (saved on the row for lists and queues)."""
    events = [e.as_rule() for e in application.events.all()]
    facts = rules.replay(events)
    deadline = rules.case_deadline(events, work_calendar())
    application.status = facts.status.value
    application.outcome = facts.outcome.value if facts.outcome else ""
    application.deadline = deadline.due
    application.deadline_provisional = deadline.provisional
    application.deadline_paused = deadline.paused
    application.extended = any(e.step is rules.Step.EXTEND for e in events)
    decided = [e.day for e in events if e.step is rules.Step.DECIDE]
    application.replied_on = decided[-1] if decided else None
    application.save(
        update_fields=[
            "status",
            "outcome",
            "deadline",
            "deadline_provisional",
            "deadline_paused",
            "extended",
            "replied_on",
            "updated_at",
        ]
    )
    return application


@transaction.atomic
def application_register(
    *,
    agency: Agency,
    data: ApplicationData,
    channel: str,
    now: datetime,
    actor: Any = None,
    arrived: date | None = None,
    confirmed: date | None = None,
    signed_for: bool = False,
    submission_key: str = "",
) -> tuple[Application, str]:
    """Register an application; returns it and its tracking code (shown once, never stored).

    ``actor`` None: the public form (channel 网上申请, received the day it is confirmed, which
    is the day it is submitted). Staff registering a paper application need DISCLOSURE work
    rights in the agency and give the day it arrived, was signed for or was confirmed.
    ``submission_key``: the public form's one-time key; the same key again returns the
    application registered with it and an empty code.
    """
    today = timezone.localdate(now)
    if actor is not None:
        require(actor, Action.HANDLE_APPLICATIONS, agency)
    if submission_key:
        earlier = Application.objects.filter(agency=agency, submission_key=submission_key).first()
        if earlier is not None:
            return earlier, ""  # the same form again: one application (its code was shown)
    try:
        the_channel = rules.Channel(channel)
        receipt = rules.receipt_date(
            the_channel,
            arrived=arrived or today,
            today=today,
            confirmed=confirmed or (today if actor is None else None),
            signed_for=signed_for,
            dated=data.dated_on,
        )
    except (MessageError, ValueError) as exc:
        raise ValidationError({"received_on": str(exc)}) from None
    id_number = _checked_identity(data)
    uploads = _checked_uploads(data.uploads)
    year = receipt.day.year
    seq = _next_seq(agency, year)
    code = _new_tracking_code()
    number = rules.registration_number(
        agency.application_number_template or REGISTRATION_TEMPLATE,
        year=year,
        seq=seq,
        agency_code=agency.code,
        month=receipt.day.month,
    )
    application = Application.objects.create(
        agency=agency,
        number=number,
        year=year,
        seq=seq,
        tracking_hash=tracking_hash(code),
        submission_key=submission_key[:64],
        channel=the_channel.value,
        received_on=receipt.day,
        dated_on=data.dated_on,
        submitted_at=now,
        applicant_kind=data.applicant_kind,
        name=data.name.strip(),
        legal_representative=data.legal_representative.strip(),
        id_document=data.id_document,
        id_number_encrypted=crypto.encrypt(id_number),
        id_number_masked=mask("cn_resident_id", id_number)
        if data.id_document == rules.IdentityDocument.RESIDENT_ID
        else "*" * max(0, len(id_number) - 4) + id_number[-4:],
        id_last4_hash=last4_hash(number, id_number),
        phone=data.phone.strip(),
        address=data.address.strip(),
        postal_code=data.postal_code.strip(),
        email=data.email.strip(),
        description=data.description.strip(),
        document_hint=data.document_hint.strip(),
        provision_form=data.provision_form,
        delivery=data.delivery,
        created_by=actor,
        source=Application.Source.FORM if actor is None else Application.Source.STAFF,
    )
    CaseEvent.objects.create(
        application=application,
        step=rules.Step.REGISTER.value,
        day=receipt.day,
        note=receipt.rule.text,
        actor=actor,
        at=now,
    )
    for upload, inspected in uploads:
        _store_file(application, upload, inspected, actor=actor, now=now)
    refresh(application)
    audit_log(
        actor=actor,
        action="application.register",
        target=application,
        agency=agency,
        changes={
            "number": [None, number],
            "channel": [None, the_channel.value],
            "received_on": [None, receipt.day.isoformat()],
        },
    )
    return application, code
