"""Changes to government-information records. Each service checks permission through
gongkai.accounts.permissions, checks the workflow table of gongkai.core.disclosure,
changes, records a RecordEvent for the record's comment history, and writes the audit
trail — in one transaction. `now` is a parameter; views pass timezone.now()."""

import hashlib
import html
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

import nh3
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.models import Agency, Unit
from gongkai.accounts.permissions import Action, require, unit_bound
from gongkai.audit.services import audit_log, diff, snapshot
from gongkai.core import disclosure
from gongkai.core.disclosure import Status, Step
from gongkai.core.files import FileRefused, inspect_file
from gongkai.core.privacy.scanner import scan_text
from gongkai.documents.models import (
    Attachment,
    Column,
    IndexSequence,
    Record,
    RecordEvent,
    Release,
    Review,
)
from gongkai.review import services as gate
from gongkai.review.scanning import terms_for as gate_terms

RECORD_FIELDS = [
    "title",
    "unit",
    "issuing_body",
    "document_number",
    "written_on",
    "formed_on",
    "subject",
    "genre",
    "keywords",
    "summary",
    "is_normative",
    "registration_number",
    "body",
    "note",
    "attribute",
    "ground",
    "attribute_reason",
    "redacted_body",
    "needs_interpretation",
    "interprets",
    "interpretation_form",
    "interpreter",
    "by_principal",
]

# Tags and attributes a record body may keep (nh3 drops scripts, event handlers and
# javascript: links whatever this list says).
BODY_TAGS = {
    "p", "br", "b", "strong", "i", "em", "u", "s", "sub", "sup", "span", "div", "h2", "h3",
    "h4", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "caption", "a",
    "img", "blockquote", "hr",
}  # fmt: skip
BODY_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan"},
    "*": {"class"},
}


def sanitize_body(text: str) -> str:
    return nh3.clean(
        text, tags=BODY_TAGS, attributes=BODY_ATTRIBUTES, url_schemes={"http", "https", "mailto"}
    )


def plain_text(text: str) -> str:
    return " ".join(html.unescape(nh3.clean(text, tags=set())).split())


def _event(
    record: Record, *, actor: Any, step: str, before: str, comment: str, now: datetime
) -> None:
    RecordEvent.objects.create(
        record=record,
        step=step,
        from_status=before,
        to_status=record.status,
        comment=comment,
        actor=actor,
        at=now,
    )


def _move(record: Record, step: Step, *, actor: Any, comment: str, now: datetime) -> str:
    """Apply one workflow step from the transition table; returns the status before."""
    if step in disclosure.STEPS_NEEDING_A_REASON and not comment.strip():
        raise ValidationError({"comment": _("Give a reason.")})
    before = record.status
    try:
        record.status = disclosure.next_status(before, step)
    except disclosure.TransitionError:
        raise ValidationError(
            _("This step is not possible while the record is %(status)s.")
            % {"status": Record.Status(before).label}
        ) from None
    return before


def _locked(record: Record) -> Record:
    """The record re-read under a row lock, so two people cannot both move it."""
    return Record.objects.select_for_update().get(pk=record.pk)


def _clean_fields(record: Record, data: Mapping[str, Any]) -> None:
    for name in RECORD_FIELDS:
        if name in data:
            setattr(record, name, data[name])
    if record.document_number:
        try:
            record.document_number = disclosure.normalize_document_number(record.document_number)
        except ValueError as exc:
            raise ValidationError({"document_number": str(exc)}) from None
    duplicate = Record.objects.filter(
        agency_id=record.agency_id, document_number=record.document_number
    )
    if record.document_number and duplicate.exclude(pk=record.pk).exists():
        raise ValidationError(
            {
                "document_number": _(
                    "Another record of this agency already has the document number %(number)s."
                )
                % {"number": record.document_number}
            }
        )
    record.body = sanitize_body(record.body)
    record.redacted_body = sanitize_body(record.redacted_body)
    record.body_text = plain_text(record.public_body)
    record.full_clean(exclude=["columns"])


def _require_drafting(actor: Any, record: Record) -> None:
    """DRAFT_RECORD on the record; a drafter bound to units must also keep it in one of
    them (an agency-wide record would be visible to every unit)."""
    require(actor, Action.DRAFT_RECORD, record)
    units = unit_bound(actor)
    if units is not None and record.unit_id not in units:
        raise ValidationError({"unit": _("Choose one of your units.")})


@transaction.atomic
def record_create(
    *,
    actor: Any,
    agency: Agency,
    data: Mapping[str, Any],
    columns: Iterable[Column] = (),
    now: datetime | None = None,
) -> Record:
    """A new draft. actor=None is the system (the demo loader, bulk import)."""
    record = Record(agency=agency, created_by=actor)
    _clean_fields(record, data)
    if actor is not None:
        _require_drafting(actor, record)
    record.save()
    record.columns.set(_own_columns(agency, columns))
    changes = diff(
        {}, snapshot(record, [f for f in RECORD_FIELDS if f not in {"body", "redacted_body"}])
    )
    changes["body"] = [None, f"{len(record.body)} characters"]
    audit_log(actor=actor, action="record.create", target=record, changes=changes)
    _event(record, actor=actor, step="create", before="", comment="", now=now or timezone.now())
    return record


def _own_columns(agency: Agency, columns: Iterable[Column]) -> list[Column]:
    columns = list(columns)
    if any(c.agency_id != agency.pk for c in columns):
        raise ValidationError({"columns": _("The columns must belong to the record's agency.")})
    return columns


@transaction.atomic
def record_update(
    *,
    actor: Any,
    record: Record,
    version: int,
    data: Mapping[str, Any],
    columns: Iterable[Column] | None = None,
) -> Record:
    """Edit a draft. `version` is what the editor loaded: a stale one is refused, so
    nobody silently overwrites a colleague's changes."""
    record = _locked(record)
    require(actor, Action.DRAFT_RECORD, record)
    if record.status not in disclosure.EDITABLE_STATUSES:
        raise ValidationError(
            _("Only drafts can be edited; return the record to its drafter first.")
        )
    if record.version != version:
        raise ValidationError(
            _(
                "Someone else saved this record after you opened it. Reload it and apply your changes again."
            )
        )
    fields = [f for f in RECORD_FIELDS if f not in {"body", "redacted_body"}]
    before = snapshot(record, fields) | {"body": record.body, "columns": _column_ids(record)}
    _clean_fields(record, data)
    _require_drafting(actor, record)  # also for the unit it is moved to
    record.version += 1
    record.save()
    if columns is not None:
        record.columns.set(_own_columns(record.agency, columns))
    after = snapshot(record, fields) | {"body": record.body, "columns": _column_ids(record)}
    changes = diff(before, after)
    if "body" in changes:
        changes["body"] = ["…", f"{len(record.body)} characters"]
    audit_log(actor=actor, action="record.update", target=record, changes=changes)
    return record


def _column_ids(record: Record) -> list[int]:
    return sorted(record.columns.values_list("pk", flat=True))


@transaction.atomic
def attachment_add(*, actor: Any, record: Record, name: str, data: bytes) -> Attachment:
    """Attach a file to a draft; its type is read from its content (gongkai.core.files)."""
    record = _locked(record)
    if actor is not None:
        require(actor, Action.DRAFT_RECORD, record)
    if record.status not in disclosure.EDITABLE_STATUSES:
        raise ValidationError(_("Files can only be attached to drafts."))
    try:
        inspected = inspect_file(name, data)
    except FileRefused as exc:
        raise ValidationError({"file": str(exc)}) from None
    attachment = Attachment(
        record=record,
        original_name=name[-200:],
        kind=inspected.kind,
        content_type=inspected.content_type,
        extension=inspected.extension,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        text=inspected.text,
        position=record.attachments.count(),
        uploaded_by=actor,
    )
    attachment.file.save(attachment_path_name(attachment), ContentFile(data), save=False)
    attachment.save()
    changes = {"file": [None, f"{name} ({inspected.kind}, {len(data)} bytes)"]}
    audit_log(actor=actor, action="record.attach", target=record, changes=changes)
    return attachment


def attachment_path_name(attachment: Attachment) -> str:
    return f"{attachment.sha256[:16]}{attachment.extension}"


@transaction.atomic
def attachment_remove(*, actor: Any, attachment: Attachment) -> None:
    record = _locked(attachment.record)
    require(actor, Action.DRAFT_RECORD, record)
    if record.status not in disclosure.EDITABLE_STATUSES:
        raise ValidationError(_("Files can only be removed from drafts."))
    name = attachment.original_name
    attachment.file.delete(save=False)
    attachment.delete()
    audit_log(actor=actor, action="record.detach", target=record, changes={"file": [name, None]})


@transaction.atomic
def record_submit(*, actor: Any, record: Record, now: datetime) -> list[str]:
    """Send a draft to confidentiality review; returns the reasons it was sent back.

    A record without its attribute, or without the basis and reason its attribute needs,
    is returned to the drafter at once (退文, 临民字〔2018〕2号), with the reason recorded.
    """
    record = _locked(record)
    require(actor, Action.DRAFT_RECORD, record)
    problems = disclosure.attribute_problems(
        record.attribute, record.ground, record.attribute_reason
    )
    if record.attribute == disclosure.Attribute.REDACTED and not record.redacted_body.strip():
        problems.append("公开属性为“删减后公开”，须提供删减后的文本")
    if problems:
        reason = "退文：" + "；".join(problems)
        _event(record, actor=None, step="return", before=record.status, comment=reason, now=now)
        audit_log(actor=actor, action="record.returned", target=record, reason=reason)
        return problems
    before = _move(record, Step.SUBMIT, actor=actor, comment="", now=now)
    record.save(update_fields=["status", "updated_at"])
    review = Review.objects.create(record=record, opened_at=now)
    _event(record, actor=actor, step=Step.SUBMIT, before=before, comment="", now=now)
    audit_log(
        actor=actor,
        action="record.submit",
        target=record,
        changes={"status": [before, record.status]},
    )
    # The publication gate (issue 4): the record is scanned now, or queued if it is large.
    gate.scan_on_submit(record=record, review=review, now=now)
    return []


def _step(
    record: Record, step: Step, action: Action, *, actor: Any, comment: str, now: datetime
) -> tuple[Record, str]:
    record = _locked(record)
    require(actor, action, record)
    before = _move(record, step, actor=actor, comment=comment, now=now)
    return record, before


def _finish(
    record: Record,
    step: Step,
    *,
    actor: Any,
    before: str,
    comment: str,
    now: datetime,
    **extra: Any,
) -> None:
    record.save()
    _event(record, actor=actor, step=step, before=before, comment=comment, now=now)
    changes = {"status": [before, record.status]} | extra
    audit_log(actor=actor, action=f"record.{step}", target=record, changes=changes, reason=comment)


@transaction.atomic
def record_pass_review(*, actor: Any, record: Record, notes: str, now: datetime) -> Record:
    record, before = _step(
        record, Step.PASS_REVIEW, Action.REVIEW_RECORD, actor=actor, comment="", now=now
    )
    open_review = record.reviews.filter(result=Review.Result.OPEN).first()
    gate.sign_off(actor=actor, record=record, review=open_review, now=now)
    record.reviews.filter(result=Review.Result.OPEN).update(
        result=Review.Result.PASSED, reviewer=actor, notes=notes, closed_at=now
    )
    _finish(record, Step.PASS_REVIEW, actor=actor, before=before, comment=notes, now=now)
    return record


@transaction.atomic
def record_return(*, actor: Any, record: Record, reason: str, now: datetime) -> Record:
    """Send the record back to its drafter (退回) from review, approval or schedule."""
    current = Record.objects.values_list("status", flat=True).get(pk=record.pk)
    action = Action.REVIEW_RECORD if current == Status.SUBMITTED else Action.APPROVE_RECORD
    record, before = _step(record, Step.RETURN, action, actor=actor, comment=reason, now=now)
    record.scheduled_for = None
    record.reviews.filter(result=Review.Result.OPEN).update(
        result=Review.Result.RETURNED, reviewer=actor, notes=reason, closed_at=now
    )
    _finish(record, Step.RETURN, actor=actor, before=before, comment=reason, now=now)
    return record


@transaction.atomic
def record_approve(
    *,
    actor: Any,
    record: Record,
    now: datetime,
    publish_at: datetime | None = None,
    waiver: str = "",
) -> Record:
    """Approve for publication now, or at `publish_at`. A record that needs an
    interpretation goes live with it at the same moment, or with the approver's waiver."""
    step = Step.SCHEDULE if publish_at is not None and publish_at > now else Step.APPROVE
    record, before = _step(record, step, Action.APPROVE_RECORD, actor=actor, comment="", now=now)
    companions = _interpretations_ready(record, waiver=waiver)
    if record.interprets_id is not None and record.interprets.status != Status.PUBLISHED:
        raise ValidationError(
            _("An interpretation goes live with its policy: approve the policy document instead.")
        )
    if waiver.strip():
        record.interpretation_waiver = waiver.strip()
    if step == Step.SCHEDULE:
        record.scheduled_for = publish_at
        _finish(
            record,
            step,
            actor=actor,
            before=before,
            comment=waiver,
            now=now,
            scheduled_for=str(publish_at),
        )
        return record
    _publish(record, actor=actor, before=before, now=now, comment=waiver)
    for companion in companions:
        companion_before = _move(companion, Step.APPROVE, actor=actor, comment="", now=now)
        _publish(
            companion, actor=actor, before=companion_before, now=now, comment=_("with its policy")
        )
    return record


def _interpretations_ready(record: Record, *, waiver: str) -> list[Record]:
    if not record.needs_interpretation:
        return []
    ready = list(
        Record.objects.select_for_update().filter(interprets=record, status=Status.REVIEWED)
    )
    if not ready and not waiver.strip():
        raise ValidationError(
            _(
                "This document needs its interpretation published at the same moment: have the "
                "interpretation reviewed first, or give a reason for publishing without it."
            )
        )
    return ready


def _publish(record: Record, *, actor: Any, before: str, now: datetime, comment: str) -> None:
    record.status = Status.PUBLISHED
    record.published_at = now
    record.scheduled_for = None
    record.index_number = _next_index_number(record, now)
    if record.attribute in disclosure.PUBLIC_ATTRIBUTES:
        # The website release is automatic; non-public records are never released.
        Release.objects.get_or_create(
            record=record,
            channel=Release.Channel.WEBSITE,
            defaults={"released_on": timezone.localdate(now), "recorded_by": actor},
        )
    _finish(
        record,
        Step.APPROVE,
        actor=actor,
        before=before,
        comment=comment,
        now=now,
        index_number=[None, record.index_number],
    )


def _next_index_number(record: Record, now: datetime) -> str:
    """索引号 from the agency's template and a per-year serial that is never reused."""
    agency = record.agency
    year = timezone.localdate(now).year
    try:
        with transaction.atomic():
            IndexSequence.objects.get_or_create(agency=agency, year=year)
    except IntegrityError:
        pass  # created by a concurrent publication in the meantime
    sequence = IndexSequence.objects.select_for_update().get(agency=agency, year=year)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    unit = record.unit
    return disclosure.render_index_number(
        agency.index_template,
        agency_code=agency.code,
        year=year,
        seq=sequence.last,
        unit_code=unit.code if isinstance(unit, Unit) else "",
        day=timezone.localdate(now),
    )


@transaction.atomic
def records_release_due(*, now: datetime) -> int:
    """Publish scheduled records whose moment has come (run by `gongkai tick`)."""
    due = Record.objects.select_for_update().filter(status=Status.SCHEDULED, scheduled_for__lte=now)
    count = 0
    for record in due:
        before = _move(record, Step.RELEASE, actor=None, comment="", now=now)
        companions = _interpretations_ready(record, waiver=record.interpretation_waiver)
        _publish(record, actor=None, before=before, now=now, comment="")
        for companion in companions:
            companion_before = _move(companion, Step.APPROVE, actor=None, comment="", now=now)
            _publish(companion, actor=None, before=companion_before, now=now, comment="")
        count += 1
    return count


@transaction.atomic
def record_revoke(
    *,
    actor: Any,
    record: Record,
    reason: str,
    now: datetime,
    action: Action = Action.REVOKE_RECORD,
) -> Record:
    """撤回: the public page answers 410 with a tombstone naming the date.

    ``action``: HANDLE_LEAK when a leak is withdrawn at once (gongkai.review.services).
    """
    record, before = _step(record, Step.REVOKE, action, actor=actor, comment=reason, now=now)
    record.revoked_at = now
    record.revoke_reason = reason.strip()
    _finish(record, Step.REVOKE, actor=actor, before=before, comment=reason, now=now)
    return record


@transaction.atomic
def record_archive(*, actor: Any, record: Record, now: datetime) -> Record:
    record, before = _step(
        record, Step.ARCHIVE, Action.REVOKE_RECORD, actor=actor, comment="", now=now
    )
    _finish(record, Step.ARCHIVE, actor=actor, before=before, comment="", now=now)
    return record


@transaction.atomic
def record_set_validity(
    *,
    actor: Any,
    record: Record,
    validity: str,
    changed_on: Any,
    replaced_by: Record | None = None,
    reason: str = "",
) -> Record:
    """Mark a published document 已修改/已废止/已失效 (《政府网站发展指引》: marked on the original)."""
    record = _locked(record)
    require(actor, Action.REVOKE_RECORD, record)
    if record.status not in {Status.PUBLISHED, Status.ARCHIVED}:
        raise ValidationError(_("Only published records have a validity to change."))
    if replaced_by is not None and (
        replaced_by.pk == record.pk or replaced_by.agency_id != record.agency_id
    ):
        raise ValidationError({"replaced_by": _("Choose another record of the same agency.")})
    before = snapshot(record, ["validity", "validity_changed_on", "replaced_by"])
    record.validity, record.validity_changed_on, record.replaced_by = (
        validity,
        changed_on,
        replaced_by,
    )
    record.full_clean(exclude=["columns"])
    record.save()
    changes = diff(before, snapshot(record, ["validity", "validity_changed_on", "replaced_by"]))
    audit_log(actor=actor, action="record.validity", target=record, changes=changes, reason=reason)
    return record


@transaction.atomic
def release_record(
    *,
    actor: Any,
    record: Record,
    channel: str,
    released_on: Any,
    link: str = "",
    note: str = "",
    photo: Any = None,
) -> Release:
    """Record that the record went out on another channel (协调发布)."""
    record = _locked(record)
    require(actor, Action.RECORD_RELEASE, record)
    if not record.is_public:
        raise ValidationError(_("Only published public records are released on other channels."))
    release, _created = Release.objects.update_or_create(
        record=record,
        channel=channel,
        defaults={"released_on": released_on, "link": link, "note": note, "recorded_by": actor},
    )
    if photo:
        release.photo = photo
    release.full_clean()
    release.save()
    changes = {
        "channel": [None, channel],
        "released_on": [None, str(released_on)],
        "link": [None, link],
    }
    audit_log(actor=actor, action="record.release", target=record, changes=changes)
    return release


CORRECTABLE = ("title", "summary", "body")  # what a correction of a generated record changes


def _body_mark(fields: dict[str, Any]) -> dict[str, Any]:
    """The body as the audit trail keeps it: its length and a digest, not the text."""
    body = str(fields.get("body") or "")
    digest = hashlib.sha256(body.encode()).hexdigest()[:12]
    return fields | {"body": f"{len(body)} characters, sha256 {digest}"}


@transaction.atomic
def record_publish_generated(
    *,
    actor: Any,
    agency: Agency,
    column_slug: str,
    data: Mapping[str, Any],
    now: datetime,
    record: Record | None = None,
    note: str = "",
) -> Record:
    """Publish a record that Gongkai wrote on the office's decision (the annual report, from
    `reports.services.report_publish`), in one step: created and published, or — when
    `record` is the public one of an earlier version — its title, summary and body replaced
    (its dates, 索引号 and attribute stay those of the first publication), the change noted.
    The caller checks its own permission (PUBLISH_ANNUAL_REPORT); the body is still scanned
    for personal data and refused on a high finding, since no reviewer sees it. RecordEvents
    and the audit trail as for any record."""
    column = Column.objects.filter(agency=agency, slug=column_slug).first()
    if column is None:
        raise ValidationError(
            _("The agency has no column “%(slug)s”: install the standard columns first.")
            % {"slug": column_slug}
        )
    text = plain_text(str(data.get("body", "")))
    high = [f for f in scan_text(text, terms=gate_terms(agency)) if f.severity == "high"]
    if high:
        found = "、".join(sorted({f"{f.kind} {f.masked}" for f in high})[:5])
        raise ValidationError(
            _(
                "The text holds personal data or a secret marking (%(found)s): it cannot be "
                "published as is."
            )
            % {"found": found}
        )
    if record is not None and record.status in (Status.PUBLISHED, Status.ARCHIVED):
        record = _locked(record)
        before = snapshot(record, list(CORRECTABLE))
        _clean_fields(record, {k: v for k, v in data.items() if k in CORRECTABLE})
        record.version += 1
        record.save()
        _event(record, actor=actor, step="correct", before=record.status, comment=note, now=now)
        after = snapshot(record, list(CORRECTABLE))
        changes = diff(_body_mark(before), _body_mark(after))
        audit_log(
            actor=actor,
            action="record.correct",
            target=record,
            changes=changes,
            reason=note,
            now=now,
        )
        return record
    record = Record(agency=agency, created_by=actor)
    _clean_fields(record, data)
    record.save()
    record.columns.set([column])
    audit_log(
        actor=actor,
        action="record.create",
        target=record,
        changes={"title": [None, record.title], "column": [None, column.name]},
        now=now,
    )
    _event(record, actor=actor, step="create", before="", comment="", now=now)
    _publish(record, actor=actor, before=Status.DRAFT, now=now, comment=note)
    return record
