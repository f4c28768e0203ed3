"""Information provided to an applicant (条例第36条第（二）项, 第37条) and its privacy review.

A provided file comes from the records registry (an attachment or the body of a
``documents.Record`` of the case's agency, 依申请公开 records included: ``source_record`` is
set) or is uploaded by the office (checked with ``gongkai.core.files.inspect_file``).

Each file is scanned as soon as it is attached, with the publication gate's scanner
(``extract`` + ``scan_segment`` in a child process under ``GONGKAI_SCAN_SECONDS`` and
``GONGKAI_SCAN_MEMORY_MB``, docs/review.md) and the agency's sensitive terms. The findings
are stored on the file as masked previews (kind, severity, masked, where, blocking — never a
value). ``privacy`` becomes ``clear`` when nothing blocks, ``blocked`` otherwise; what blocks
is the gate's rule (``gongkai.core.privacy.gate.blocks``: every high finding, secret marks,
unreadable parts).

The office settles a blocked file: ``provided_redact`` (the redactor masks every medium and
high finding and re-scans the copy; the applicant gets the copy: ``redacted``),
``provided_dismiss`` with a reason (``cleared``), or ``provided_remove``.

A provided file is released — downloadable on /track/ — only when ``privacy`` is one of
:data:`RELEASED`; and the case cannot take ISSUE_LETTER or DELIVER while one of its provided
files is not released (:func:`check_released`, called by those services).
"""

import hashlib
import logging
import warnings
from collections.abc import Iterator
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import Action, require
from gongkai.applications.models import Application, ApplicationFile
from gongkai.audit.services import audit_log
from gongkai.core.applications.workflow import OPEN_STATUSES, Status
from gongkai.core.files import FileRefused, inspect_file
from gongkai.core.privacy import Finding, scan_segment
from gongkai.core.privacy import gate as gate_rules
from gongkai.core.privacy.extract import Unreadable, extract
from gongkai.core.privacy.isolated import run_isolated
from gongkai.core.privacy.recognizers import UNREADABLE
from gongkai.documents.models import Attachment, Record

Privacy = ApplicationFile.Privacy
RELEASED = frozenset({Privacy.CLEAR, Privacy.REDACTED, Privacy.CLEARED})
# Provided files may be attached while the case is open and until the reply letter issues.
ATTACHABLE = frozenset({*(s.value for s in OPEN_STATUSES), Status.DECIDED.value})


def is_released(item: ApplicationFile) -> bool:
    return item.kind == ApplicationFile.Kind.PROVIDED and item.privacy in RELEASED


def public_file(item: ApplicationFile) -> Any:
    """What the applicant downloads: the redacted copy when there is one."""
    return item.redacted_file if item.redacted_file else item.file


def released_files(application: Application) -> Any:
    return application.files.filter(
        kind=ApplicationFile.Kind.PROVIDED, privacy__in=[p.value for p in RELEASED]
    )


def unreleased(application: Application) -> Any:
    return application.files.filter(kind=ApplicationFile.Kind.PROVIDED).exclude(
        privacy__in=[p.value for p in RELEASED]
    )


def check_released(application: Application) -> None:
    """Refuse the reply letter and its delivery while information provided awaits the
    privacy review (a file with unsettled findings, or one not scanned)."""
    waiting = list(unreleased(application).values_list("original_name", flat=True))
    if waiting:
        raise ValidationError(
            _(
                "The information provided has not passed the privacy review: %(files)s. "
                "Redact the files, dismiss their findings with a reason, or remove them first."
            )
            % {"files": "、".join(waiting)},
            code="provided_blocked",
        )


# Scanning ------------------------------------------------------------------------------------


def _scan_results(name: str, data: bytes, terms: tuple[str, ...]) -> Iterator[Any]:
    logging.getLogger("pypdf").setLevel(logging.CRITICAL + 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for item in extract(name, data):
            if isinstance(item, Unreadable):
                yield item
                continue
            yield from scan_segment(item, terms=terms)


def _preview(result: Finding | Unreadable) -> dict[str, Any]:
    """A finding as stored on the file: the masked preview only, never the value."""
    if isinstance(result, Unreadable):
        return {
            "kind": UNREADABLE,
            "severity": "high",
            "masked": result.reason[:200],
            "where": dict(result.where),
            "blocking": True,
        }
    return {
        "kind": result.kind,
        "severity": result.severity,
        "masked": result.masked[:200],
        "where": {str(k): v for k, v in dict(result.where).items()},
        "blocking": gate_rules.blocks(result.kind, result.severity),
    }


def scan(name: str, data: bytes, *, agency: Any) -> list[dict[str, Any]]:
    """The masked findings of one file, scanned in a child process under the gate's budget."""
    from gongkai.review.scanning import terms_for

    terms = terms_for(agency)
    results = run_isolated(
        lambda: _scan_results(name, data, terms),
        seconds=settings.GONGKAI_SCAN_SECONDS,
        memory_bytes=settings.GONGKAI_SCAN_MEMORY_MB * 1024 * 1024,
    )
    return [_preview(result) for result in results]


def privacy_of(findings: list[dict[str, Any]]) -> str:
    return Privacy.BLOCKED if any(f.get("blocking") for f in findings) else Privacy.CLEAR


# Attaching -----------------------------------------------------------------------------------


def _check_case(actor: Any, application: Application) -> Application:
    locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    require(actor, Action.HANDLE_APPLICATIONS, locked)
    if locked.status not in ATTACHABLE:
        raise ValidationError(
            _("Information can be provided only before the reply letter is issued.")
        )
    return locked


@transaction.atomic
def _store(
    *,
    actor: Any,
    application: Application,
    name: str,
    data: bytes,
    content_type: str,
    extension: str,
    findings: list[dict[str, Any]],
    source_record: Record | None,
    origin: str,
    now: datetime,
) -> ApplicationFile:
    locked = _check_case(actor, application)
    sha = hashlib.sha256(data).hexdigest()
    item = ApplicationFile(
        application=locked,
        kind=ApplicationFile.Kind.PROVIDED,
        encrypted=False,
        original_name=name[-200:],
        content_type=content_type,
        extension=extension,
        size=len(data),
        sha256=sha,
        uploaded_by=actor,
        uploaded_at=now,
        privacy=privacy_of(findings),
        findings=findings,
        source_record=source_record,
    )
    item.file.save(f"{sha[:16]}{extension}", ContentFile(data), save=False)
    item.save()
    audit_log(
        actor=actor,
        action="application.provided_attached",
        target=locked,
        changes={
            "file": [None, item.original_name],
            "origin": [None, origin],
            "source_record": [None, source_record.pk if source_record else None],
            "privacy": [None, item.privacy],
            "findings": [None, len(findings)],
        },
        now=now,
    )
    return item


def provided_upload(
    *, actor: Any, application: Application, name: str, data: bytes, now: datetime
) -> ApplicationFile:
    """An uploaded file as information provided: checked, scanned, stored, audited."""
    require(actor, Action.HANDLE_APPLICATIONS, application)
    try:
        inspected = inspect_file(name, data)
    except FileRefused as exc:
        raise ValidationError({"file": f"{name}：{exc}"}) from None
    findings = scan(name, data, agency=application.agency)  # outside the transaction
    return _store(
        actor=actor,
        application=application,
        name=name,
        data=data,
        content_type=inspected.content_type,
        extension=inspected.extension,
        findings=findings,
        source_record=None,
        origin="upload",
        now=now,
    )


def records_for(application: Application) -> Any:
    """The registry's records a case may take information from: the agency's own."""
    return Record.objects.filter(agency_id=application.agency_id).order_by("-pk")


def provided_from_record(
    *,
    actor: Any,
    application: Application,
    record: Record,
    now: datetime,
    attachment: Attachment | None = None,
) -> ApplicationFile:
    """An attachment of a registry record (its public copy when it has a redacted one), or
    the record's body (``attachment`` None), as information provided."""
    require(actor, Action.HANDLE_APPLICATIONS, application)
    if record.agency_id != application.agency_id:
        raise ValidationError({"record": _("The record must belong to the case's agency.")})
    if attachment is not None:
        if attachment.record_id != record.pk:
            raise ValidationError({"attachment": _("The file is not an attachment of the record.")})
        handle = attachment.public_file
        handle.open("rb")
        try:
            data = bytes(handle.read())
        finally:
            handle.close()
        name = attachment.original_name
        content_type, extension = attachment.content_type, attachment.extension
    else:
        body = record.public_body or ""
        if not body.strip():
            raise ValidationError({"record": _("The record has no body to provide.")})
        data = (
            '<!DOCTYPE html><html><head><meta charset="utf-8"><title>'
            f"{_escape(record.title)}</title></head><body>{body}</body></html>"
        ).encode()
        name = f"{record.title[:150]}.html"
        content_type, extension = "text/html; charset=utf-8", ".html"
    findings = scan(name, data, agency=application.agency)
    return _store(
        actor=actor,
        application=application,
        name=name,
        data=data,
        content_type=content_type,
        extension=extension,
        findings=findings,
        source_record=record,
        origin="attachment" if attachment is not None else "body",
        now=now,
    )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# Settling ------------------------------------------------------------------------------------


def _locked_file(actor: Any, item: ApplicationFile) -> ApplicationFile:
    locked = (
        ApplicationFile.objects.select_for_update(of=("self",))
        .select_related("application", "application__agency")
        .get(pk=item.pk)
    )
    require(actor, Action.HANDLE_APPLICATIONS, locked.application)
    if locked.kind != ApplicationFile.Kind.PROVIDED:
        raise ValidationError(_("Only information provided passes this review."))
    return locked


def _settled(findings: list[dict[str, Any]], state: str) -> list[dict[str, Any]]:
    return [
        {**f, "state": state} if f.get("severity") in {"high", "medium"} or f.get("blocking") else f
        for f in findings
    ]


@transaction.atomic
def provided_redact(*, actor: Any, item: ApplicationFile, now: datetime) -> ApplicationFile:
    """The redacted copy (``core.privacy.redaction.redact``: every medium and high finding
    masked, the copy re-scanned) is what the applicant gets; the original stays with staff."""
    from gongkai.core.privacy.redaction import RedactionFailed, redact
    from gongkai.review.scanning import terms_for

    item = _locked_file(actor, item)
    if item.privacy == Privacy.REDACTED:
        raise ValidationError(_("The file was already redacted."))
    before = item.privacy
    with item.file.open("rb") as handle:
        data = handle.read()
    try:
        copy = redact(item.original_name, data, terms=terms_for(item.application.agency))
    except RedactionFailed as exc:
        raise ValidationError(
            _(
                "The file cannot be redacted automatically: %(reason)s. Dismiss its findings "
                "with a reason after reviewing it, or remove it and upload a redacted file."
            )
            % {"reason": exc.reason}
        ) from None
    sha = hashlib.sha256(copy.data).hexdigest()
    if item.redacted_file:
        item.redacted_file.delete(save=False)
    item.redacted_file.save(
        f"{sha[:16]}-redacted{item.extension}", ContentFile(copy.data), save=False
    )
    item.privacy = Privacy.REDACTED
    item.findings = _settled(list(item.findings), "redacted")
    item.save(update_fields=["redacted_file", "privacy", "findings"])
    audit_log(
        actor=actor,
        action="application.provided_redacted",
        target=item.application,
        changes={
            "file": [item.original_name, f"{item.original_name} (删减版 {sha[:16]})"],
            "privacy": [before, item.privacy],
            "masked_values": [None, copy.masked],
        },
        now=now,
    )
    return item


@transaction.atomic
def provided_dismiss(
    *, actor: Any, item: ApplicationFile, reason: str, now: datetime
) -> ApplicationFile:
    """The findings are false positives, or the reviewer read what the scanner could not:
    released as it is, with the reason (the assessment record of PIPL art. 55)."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    item = _locked_file(actor, item)
    if item.privacy not in {Privacy.BLOCKED, Privacy.UNSCANNED}:
        raise ValidationError(_("This file has no findings to settle."))
    before = item.privacy
    item.privacy = Privacy.CLEARED
    item.privacy_note = reason.strip()
    item.findings = _settled(list(item.findings), "dismissed")
    item.save(update_fields=["privacy", "privacy_note", "findings"])
    audit_log(
        actor=actor,
        action="application.provided_dismissed",
        target=item.application,
        changes={
            "file": [item.original_name, item.original_name],
            "privacy": [before, item.privacy],
        },
        reason=reason.strip(),
        now=now,
    )
    return item


@transaction.atomic
def provided_remove(*, actor: Any, item: ApplicationFile, now: datetime, reason: str = "") -> None:
    """The file is no longer provided: it and its redacted copy are deleted (audited)."""
    item = _locked_file(actor, item)
    if item.application.status not in ATTACHABLE:
        raise ValidationError(_("The reply letter was issued: the file can no longer be removed."))
    application, name = item.application, item.original_name
    files = [f for f in (item.file, item.redacted_file) if f]
    item.delete()
    for stored in files:
        transaction.on_commit(lambda stored=stored: stored.storage.delete(stored.name))
    audit_log(
        actor=actor,
        action="application.provided_removed",
        target=application,
        changes={"file": [name, None]},
        reason=reason.strip(),
        now=now,
    )


def findings_summary(item: ApplicationFile) -> list[dict[str, Any]]:
    """The stored findings for display: kind, severity, masked preview, where."""
    return [
        {
            "kind": f.get("kind", ""),
            "severity": f.get("severity", ""),
            "masked": f.get("masked", ""),
            "where": ", ".join(f"{k} {v}" for k, v in (f.get("where") or {}).items()),
            "blocking": bool(f.get("blocking")),
            "state": f.get("state", ""),
        }
        for f in item.findings or []
    ]
