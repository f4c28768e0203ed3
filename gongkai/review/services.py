"""The publication gate (issue 4 §3): scanning a record when it is submitted, settling each
finding, and what a reviewer or the disclosure office does about a leak.

Every change checks permission (gongkai.accounts.permissions), follows the finding table of
gongkai.core.privacy.gate, and writes the audit trail in the same transaction. ``now`` is a
parameter. No value the scanner found is stored: findings carry a masked preview.
"""

import hashlib
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import Action, require
from gongkai.audit.services import audit_log
from gongkai.core import disclosure
from gongkai.core.files import FileRefused, inspect_file
from gongkai.core.privacy import SCANNER_VERSION
from gongkai.core.privacy import gate as rules
from gongkai.documents.models import Attachment, Record, Review
from gongkai.review import scanning
from gongkai.review.models import Finding, ScanJob

# Files up to this size in all are scanned while the drafter waits; larger records are
# scanned by `gongkai tick` in the background, with the progress on the record's page.
SCAN_WHILE_WAITING = 2 * 1024 * 1024
# 删减后公开 set by the gate: personal information is withheld to protect third parties.
REDACTION_GROUND = disclosure.Ground.THIRD_PARTY
REDACTION_REASON = "经保密审查，遮盖个人信息后公开（条例第十五条）"
STALE = timedelta(minutes=30)
LEAK_STATUSES = frozenset({disclosure.Status.PUBLISHED, disclosure.Status.ARCHIVED})


# --- scanning ------------------------------------------------------------------------------


def scan_on_submit(*, record: Record, review: Review, now: datetime) -> ScanJob:
    """Called by documents.services.record_submit in its transaction.

    Earlier open findings of the gate are superseded: the new scan looks at the record as it
    is now. Small records are scanned at once; larger ones get a queued job.
    """
    record.findings.filter(state=Finding.State.OPEN, origin=Finding.Origin.GATE).update(
        state=Finding.State.SUPERSEDED, resolved_at=now
    )
    parts = scanning.public_parts(record)
    job = ScanJob.objects.create(
        record=record,
        review=review,
        parts_total=len(parts),
        bytes_total=sum(scanning.part_size(p) for p in parts),
        created_at=now,
    )
    if job.bytes_total <= SCAN_WHILE_WAITING:
        _run(job, now=now)
    return job


def run_queued_jobs(*, now: datetime, limit: int = 20) -> int:
    """Run queued scans (``gongkai tick``); returns how many ran.

    A job left running by a process that died is taken up again after :data:`STALE`, from
    the first part it had not finished.
    """
    ran = 0
    waiting = Q(state=ScanJob.State.QUEUED) | Q(
        state=ScanJob.State.RUNNING, started_at__lt=now - STALE
    )
    for pk in ScanJob.objects.filter(waiting).values_list("pk", flat=True)[:limit]:
        with transaction.atomic():
            job = ScanJob.objects.select_for_update(skip_locked=True).filter(waiting, pk=pk).first()
            if job is None:
                continue
            job.state = ScanJob.State.RUNNING
            job.started_at = now
            job.save(update_fields=["state", "started_at"])
        _run(job, now=now)
        ran += 1
    return ran


def _run(job: ScanJob, *, now: datetime) -> None:
    """Scan each part, saving its findings and the progress as it goes."""
    record = Record.objects.get(pk=job.record_id)
    terms = scanning.terms_for(record.agency)
    job.state = ScanJob.State.RUNNING
    job.started_at = job.started_at or now
    job.save(update_fields=["state", "started_at"])
    try:
        for part in scanning.public_parts(record)[job.parts_done :]:
            rows = scanning.scan_part(
                record, part, terms=terms, origin=Finding.Origin.GATE, now=now
            )
            for row in rows:
                row.review_id = job.review_id
            with transaction.atomic():
                Finding.objects.bulk_create(rows, batch_size=500)
                job.parts_done += 1
                job.bytes_done += scanning.part_size(part)
                job.save(update_fields=["parts_done", "bytes_done"])
    except Exception as exc:  # noqa: BLE001 — a failed scan must block, not vanish
        job.state = ScanJob.State.FAILED
        job.error = type(exc).__name__
        job.finished_at = now
        job.save(update_fields=["state", "error", "finished_at"])
        audit_log(actor=None, action="review.scan_failed", target=record, reason=job.error)
        return
    job.state = ScanJob.State.DONE
    job.finished_at = now
    job.save(update_fields=["state", "finished_at"])
    found = Finding.objects.filter(review_id=job.review_id, record=record)
    audit_log(
        actor=None,
        action="review.scanned",
        target=record,
        changes={
            "findings": [None, found.count()],
            "blocking": [None, found.filter(blocking=True).count()],
            "scanner_version": [None, SCANNER_VERSION],
        },
    )


def latest_job(record: Record) -> ScanJob | None:
    return ScanJob.objects.filter(record=record).order_by("-created_at", "-pk").first()


def open_findings(record: Record) -> QuerySet[Finding]:
    return record.findings.filter(state=Finding.State.OPEN)


def gate_problems(record: Record) -> list[str]:
    """Why the review of a record cannot be passed yet; [] when it can."""
    problems = []
    job = latest_job(record)
    if job is not None and job.active:
        problems.append(_("The privacy scan is still running."))
    elif job is not None and job.state == ScanJob.State.FAILED:
        problems.append(_("The privacy scan failed; submit the record again."))
    blocking = open_findings(record).filter(blocking=True).count()
    if blocking:
        problems.append(
            _("%(count)s finding(s) that block publication are still open.") % {"count": blocking}
        )
    return problems


def sign_off(*, actor: Any, record: Record, review: Review | None, now: datetime) -> None:
    """Called by documents.services.record_pass_review in its transaction, after its checks."""
    problems = gate_problems(record)
    if problems:
        raise ValidationError(" ".join(problems))
    left = open_findings(record)
    count = left.update(
        state=Finding.State.ACKNOWLEDGED, resolved_by=actor, resolved_at=now, reason=""
    )
    if review is not None:
        Review.objects.filter(pk=review.pk).update(scanner_version=SCANNER_VERSION)
    if count:
        audit_log(
            actor=actor,
            action="review.findings_acknowledged",
            target=record,
            changes={"findings": [count, 0]},
        )


# --- settling findings ---------------------------------------------------------------------


def _locked_finding(finding: Finding) -> tuple[Finding, Record]:
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    record = Record.objects.select_for_update().get(pk=finding.record_id)
    return finding, record


def _require_settle(actor: Any, record: Record) -> None:
    """Reviewers settle findings during review; after publication it is a leak."""
    if record.status == disclosure.Status.SUBMITTED:
        require(actor, Action.REVIEW_RECORD, record)
    elif record.status in LEAK_STATUSES:
        require(actor, Action.HANDLE_LEAK, record)
    else:
        raise ValidationError(
            _("Findings can be settled during the review or after publication only.")
        )


def _settle(
    finding: Finding, resolution: rules.Resolution, *, actor: Any, reason: str, now: datetime
) -> None:
    try:
        state = rules.settle(finding.state, resolution, reason)
    except rules.NotAllowed as exc:
        raise ValidationError(str(exc)) from None
    finding.state = state
    finding.reason = reason.strip()
    finding.resolved_by = actor
    finding.resolved_at = now
    finding.save(update_fields=["state", "reason", "resolved_by", "resolved_at"])


@transaction.atomic
def finding_dismiss(
    *, actor: Any, finding: Finding, reason: str, now: datetime, group: bool = False
) -> int:
    """A false positive: the reason is required and kept (PIPL Art. 55 assessment record).

    ``group``: every open finding of the same kind under the same label in the same part
    (a column of a hundred numbers is one decision). Returns how many were dismissed.
    """
    finding, record = _locked_finding(finding)
    _require_settle(actor, record)
    findings = [finding]
    if group:
        findings = list(
            record.findings.select_for_update().filter(
                state=Finding.State.OPEN,
                source=finding.source,
                attachment_id=finding.attachment_id,
                kind=finding.kind,
                severity=finding.severity,
                label=finding.label,
            )
        ) or [finding]
    for each in findings:
        _settle(each, rules.Resolution.DISMISS, actor=actor, reason=reason, now=now)
    audit_log(
        actor=actor,
        action="review.finding_dismissed",
        target=record,
        changes={
            "finding": [f"{finding.kind} {finding.masked}", Finding.State.DISMISSED.value],
            "count": [None, len(findings)],
        },
        reason=reason.strip(),
    )
    return len(findings)


def findings_dismiss_all(*, actor: Any, record: Record, reason: str, now: datetime) -> int:
    """Dismiss every open finding of a record, group by group (each audited)."""
    dismissed = 0
    while True:
        finding = record.findings.filter(state=Finding.State.OPEN).first()
        if finding is None:
            return dismissed
        dismissed += finding_dismiss(
            actor=actor, finding=finding, reason=reason, now=now, group=True
        )


def _make_redacted(record: Record, *, actor: Any, now: datetime) -> dict[str, list[Any]]:
    """删减后公开: the attribute changes and the body the public reads is the redacted one."""
    changes: dict[str, list[Any]] = {}
    if record.attribute != disclosure.Attribute.REDACTED:
        changes["attribute"] = [record.attribute, disclosure.Attribute.REDACTED.value]
        record.attribute = disclosure.Attribute.REDACTED
        if not record.ground:
            record.ground = REDACTION_GROUND
        if REDACTION_REASON not in record.attribute_reason:
            record.attribute_reason = "；".join(
                r for r in (record.attribute_reason.strip(), REDACTION_REASON) if r
            )
    if not record.redacted_body.strip():
        record.redacted_body = record.body
    return changes


@transaction.atomic
def attachment_redact(
    *, actor: Any, attachment: Attachment, now: datetime, columns: bool = True
) -> Attachment:
    """Accept the redacted copy of a file: the public gets the copy, the record becomes
    删减后公开, and the file's open findings of medium and high severity are settled.

    ``columns``: also mask every cell of the columns an assistance list must not carry
    ("mask these columns"). The copy is re-scanned by the redactor; if it still holds a high
    finding nothing changes and the reason is shown.
    """
    record = Record.objects.select_for_update().get(pk=attachment.record_id)
    attachment = Attachment.objects.select_for_update().get(pk=attachment.pk)
    _require_settle(actor, record)
    findings = attachment.findings.select_for_update().filter(state=Finding.State.OPEN)
    labels = (
        set(findings.filter(kind=rules.ASSISTANCE_COLUMN).values_list("label", flat=True))
        if columns
        else set()
    )
    data = scanning.read_attachment(attachment)
    from gongkai.core.privacy.redaction import RedactionFailed, redact

    try:
        copy = redact(
            attachment.original_name,
            data,
            terms=scanning.terms_for(record.agency),
            mask_labels=labels,
        )
    except RedactionFailed as exc:
        raise ValidationError(
            _(
                "The file cannot be redacted automatically: %(reason)s. Remove it, or return the "
                "record so that the drafter uploads a redacted file."
            )
            % {"reason": exc.reason}
        ) from None
    try:
        text = inspect_file(attachment.original_name, copy.data).text
    except FileRefused:
        text = ""
    sha = hashlib.sha256(copy.data).hexdigest()
    if attachment.redacted_file:
        attachment.redacted_file.delete(save=False)
    attachment.redacted_file.save(
        f"{sha[:16]}-redacted{attachment.extension}", ContentFile(copy.data), save=False
    )
    attachment.redacted_sha256 = sha
    attachment.redacted_size = len(copy.data)
    attachment.text = text
    attachment.save()
    settled = 0
    for finding in findings.exclude(severity="low"):
        _settle(finding, rules.Resolution.REDACT, actor=actor, reason="", now=now)
        settled += 1
    changes = _make_redacted(record, actor=actor, now=now)
    record.save()
    audit_log(
        actor=actor,
        action="review.attachment_redacted",
        target=record,
        changes=changes
        | {
            "file": [attachment.original_name, f"{attachment.original_name} (删减版 {sha[:16]})"],
            "masked_values": [None, copy.masked],
            "masked_columns": [None, sorted(labels)],
            "findings_settled": [None, settled],
        },
    )
    return attachment


@transaction.atomic
def body_redact(*, actor: Any, record: Record, now: datetime) -> Record:
    """Accept the redacted body: 删减后公开, with every medium and high finding masked."""
    record = Record.objects.select_for_update().get(pk=record.pk)
    _require_settle(actor, record)
    source = record.public_body
    from gongkai.core.privacy.redaction import RedactionFailed, redact

    try:
        copy = redact(scanning.BODY_NAME, source.encode(), terms=scanning.terms_for(record.agency))
    except RedactionFailed as exc:
        raise ValidationError(
            _("The body cannot be redacted automatically: %(reason)s.") % {"reason": exc.reason}
        ) from None
    changes = _make_redacted(record, actor=actor, now=now)
    record.redacted_body = copy.data.decode()
    record.save()
    findings = record.findings.select_for_update().filter(
        state=Finding.State.OPEN, source=Finding.Source.BODY
    )
    settled = 0
    for finding in findings.exclude(severity="low"):
        _settle(finding, rules.Resolution.REDACT, actor=actor, reason="", now=now)
        settled += 1
    audit_log(
        actor=actor,
        action="review.body_redacted",
        target=record,
        changes=changes
        | {"masked_values": [None, copy.masked], "findings_settled": [None, settled]},
    )
    return record


@transaction.atomic
def attachment_withdraw(*, actor: Any, attachment: Attachment, reason: str, now: datetime) -> None:
    """Remove a file from the record (during review, or from a published record at once)."""
    record = Record.objects.select_for_update().get(pk=attachment.record_id)
    _require_settle(actor, record)
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    name = attachment.original_name
    for finding in attachment.findings.select_for_update().filter(state=Finding.State.OPEN):
        _settle(finding, rules.Resolution.REMOVE, actor=actor, reason=reason, now=now)
    for stored in (attachment.file, attachment.redacted_file):
        if stored:
            stored.delete(save=False)
    attachment.delete()
    audit_log(
        actor=actor,
        action="review.attachment_removed",
        target=record,
        changes={"file": [name, None]},
        reason=reason.strip(),
    )


@transaction.atomic
def record_withdraw_now(*, actor: Any, record: Record, reason: str, now: datetime) -> Record:
    """撤回 at once, for a leak found on a published record; its open findings are settled."""
    from gongkai.documents.services import record_revoke

    record = record_revoke(
        actor=actor, record=record, reason=reason, now=now, action=Action.HANDLE_LEAK
    )
    for finding in record.findings.select_for_update().filter(state=Finding.State.OPEN):
        _settle(finding, rules.Resolution.WITHDRAW, actor=actor, reason=reason, now=now)
    return record
