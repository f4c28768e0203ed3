"""Sweeps (issue 4 §4): rescanning what the public can read now.

A published record is scanned again when its fingerprint changes (scanning.fingerprint: the
scanner's version, the sensitive terms in effect and what the public gets), or always with
``force``. Each record is settled in its own transaction: its new findings are saved, its open
sweep findings that are no longer there are superseded, its ``PublishedScan`` and the
sweep's counters are updated, and a new blocking finding notifies the disclosure office at
once. A sweep that is stopped leaves a running ``Sweep``; the next sweep of the same kind
(scheduled or not, by the same user) continues it, skipping the records already scanned.

A finding already known for the record — open, or settled: a false positive, a value left
as is at sign-off — is not reported again, so a dismissed finding does not come back.
"""

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, QuerySet

from gongkai.accounts.permissions import Action, require, sees_every_agency
from gongkai.audit.services import audit_log
from gongkai.core import disclosure
from gongkai.core.privacy import SCANNER_VERSION
from gongkai.core.privacy import gate as rules
from gongkai.core.privacy.recognizers import UNREADABLE
from gongkai.documents.models import Record
from gongkai.review import notify, scanning
from gongkai.review.models import Finding, PublishedScan, Sweep

logger = logging.getLogger(__name__)

PUBLIC_STATUSES = (disclosure.Status.PUBLISHED, disclosure.Status.ARCHIVED)
Progress = Callable[[Iterable[int]], Iterable[int]]


@dataclass
class Outcome:
    """What one call of :func:`sweep` did (the ``Sweep`` row adds up all its calls)."""

    public: int = 0  # public records in scope
    due: int = 0  # of which changed since their last scan (all with force)
    scanned: int = 0
    changed_meanwhile: int = 0  # changed while being scanned: left for the next sweep
    findings_new: int = 0
    blocking_new: int = 0
    superseded: int = 0
    notified: int = 0
    records_with_leaks: list[int] = field(default_factory=list)

    @property
    def unchanged(self) -> int:
        return self.public - self.due

    @property
    def remaining(self) -> int:
        return self.due - self.scanned - self.changed_meanwhile


def public_records(agency: Any = None) -> QuerySet[Record]:
    """What the public can read: published or archived, 主动公开 or 删减后公开."""
    records = Record.objects.filter(
        status__in=PUBLIC_STATUSES, attribute__in=disclosure.PUBLIC_ATTRIBUTES
    )
    if agency is not None:
        records = records.filter(agency=agency)
    return records.order_by("pk")


class _Terms:
    """The terms in effect per agency, read once per sweep."""

    def __init__(self) -> None:
        self.cache: dict[int, tuple[str, ...]] = {}

    def __call__(self, agency_id: int) -> tuple[str, ...]:
        if agency_id not in self.cache:
            self.cache[agency_id] = scanning.terms_for(agency_id)
        return self.cache[agency_id]


def due_records(*, agency: Any = None, since: datetime | None = None) -> tuple[list[int], int]:
    """(the ids of the public records to scan, how many public records there are).

    Due: never scanned, or the fingerprint changed; with ``since`` (a forced sweep): every
    record not scanned since then.
    """
    records = public_records(agency)
    scans = {
        pk: (fp, at)
        for pk, fp, at in PublishedScan.objects.filter(record__in=records).values_list(
            "record_id", "fingerprint", "scanned_at"
        )
    }
    terms = _Terms()
    due = []
    count = 0
    for record in records.prefetch_related("attachments").iterator(chunk_size=500):
        count += 1
        seen = scans.get(record.pk)
        if since is not None:
            if seen is None or seen[1] < since:
                due.append(record.pk)
        elif seen is None or seen[0] != scanning.fingerprint(record, terms(record.agency_id)):
            due.append(record.pk)
    return due, count


def _require(started_by: Any, agency: Any) -> None:
    """A sweep started from the console sweeps an agency its user handles leaks for."""
    if started_by is None:
        return  # the system: the scheduled sweep, or the command line
    if agency is None:
        if not sees_every_agency(started_by, Action.HANDLE_LEAK):
            raise PermissionDenied
    else:
        require(started_by, Action.HANDLE_LEAK, agency)


def _begin(*, now: datetime, started_by: Any, scheduled: bool, agency: Any) -> Sweep:
    """The sweep to continue (a stopped or sliced one of the same kind), or a new one."""
    with transaction.atomic():
        run = (
            Sweep.objects.select_for_update()
            .filter(state=Sweep.State.RUNNING, scheduled=scheduled, started_by=started_by)
            .order_by("-started_at", "-pk")
            .first()
        )
        if run is not None:
            return run
        run = Sweep.objects.create(
            scanner_version=SCANNER_VERSION,
            started_at=now,
            started_by=started_by,
            scheduled=scheduled,
        )
        audit_log(
            actor=started_by,
            action="review.sweep_started",
            target=run,
            agency=agency,
            changes={
                "scope": [None, agency.code if agency is not None else "*"],
                "scanner_version": [None, SCANNER_VERSION],
            },
            now=now,
        )
        return run


def sweep(
    *,
    now: datetime,
    agency: Any = None,
    limit: int | None = None,
    force: bool = False,
    progress: Progress | None = None,
    started_by: Any = None,
    scheduled: bool = False,
) -> Sweep:
    """Scan the public records of ``agency`` (None: every agency) that changed since their
    last scan — all of them with ``force`` — at most ``limit`` in this call.

    Returns the ``Sweep`` (continued or new), with ``outcome`` (:class:`Outcome`) telling
    what this call did. The sweep is done when nothing due is left.
    """
    _require(started_by, agency)
    run = _begin(now=now, started_by=started_by, scheduled=scheduled, agency=agency)
    return _continue(run, now=now, agency=agency, limit=limit, force=force, progress=progress)


def scheduled_sweep(*, now: datetime, limit: int) -> Sweep | None:
    """A slice of the scheduled sweep (``gongkai tick``); None when nothing is due and no
    scheduled sweep is under way, so idle ticks leave no trace."""
    running = Sweep.objects.filter(
        state=Sweep.State.RUNNING, scheduled=True, started_by=None
    ).exists()
    if not running and not due_records()[0]:
        return None
    return sweep(now=now, limit=limit, scheduled=True)


def _continue(
    run: Sweep,
    *,
    now: datetime,
    agency: Any,
    limit: int | None,
    force: bool,
    progress: Progress | None,
) -> Sweep:
    started_by = run.started_by
    due, public = due_records(agency=agency, since=run.started_at if force else None)
    outcome = Outcome(public=public, due=len(due))
    before = {"records_done": run.records_done, "findings_new": run.findings_new}
    Sweep.objects.filter(pk=run.pk).update(records_total=run.records_done + len(due))
    chosen = due if limit is None else due[:limit]
    terms = _Terms()
    for pk in progress(chosen) if progress is not None else chosen:
        _sweep_record(run, pk, now=now, terms=terms, outcome=outcome, actor=started_by)
    run.refresh_from_db()
    state = run.state
    if outcome.remaining <= 0:
        run.state = Sweep.State.DONE
        run.finished_at = now
        run.save(update_fields=["state", "finished_at"])
    audit_log(
        actor=started_by,
        action="review.sweep",
        target=run,
        agency=agency,
        changes={
            "state": [state, run.state],
            "records_done": [before["records_done"], run.records_done],
            "findings_new": [before["findings_new"], run.findings_new],
            "blocking_new": [None, outcome.blocking_new],
            "records_unchanged": [None, outcome.unchanged],
            "records_remaining": [None, outcome.remaining],
        },
        now=now,
    )
    run.outcome = outcome  # type: ignore[attr-defined]
    return run


def _scan(record: Record, terms: tuple[str, ...], now: datetime) -> list[Finding]:
    """Every finding of what the public gets; a part that cannot be scanned is a finding."""
    rows: list[Finding] = []
    for part in scanning.public_parts(record):
        try:
            rows += scanning.scan_part(
                record, part, terms=terms, origin=Finding.Origin.SWEEP, now=now
            )
        except Exception as exc:  # noqa: BLE001 — a part that cannot be read must not pass
            logger.warning("sweep: record %s, %s: %s", record.pk, part.name, type(exc).__name__)
            rows.append(
                Finding(
                    agency_id=record.agency_id,
                    record=record,
                    attachment=part.attachment,
                    file_name=part.attachment.original_name if part.attachment else "",
                    source=part.source,
                    origin=Finding.Origin.SWEEP,
                    kind=UNREADABLE,
                    severity="high",
                    blocking=True,
                    rule="unreadable",
                    masked=f"无法读取 (cannot read: {type(exc).__name__})",
                    where={},
                    scanner_version=SCANNER_VERSION,
                    found_at=now,
                )
            )
    return rows


def _key(finding: Finding) -> tuple[str, int | None, str, str, str]:
    """Two findings are the same when they are of the same kind, at the same place, with
    the same masked preview."""
    where = json.dumps(finding.where, sort_keys=True, ensure_ascii=False, default=str)
    return (finding.source, finding.attachment_id, finding.kind, where, finding.masked)


def _sweep_record(
    run: Sweep,
    pk: int,
    *,
    now: datetime,
    terms: _Terms,
    outcome: Outcome,
    actor: Any,
) -> None:
    record = Record.objects.select_related("agency").filter(pk=pk).first()
    if record is None:
        outcome.changed_meanwhile += 1
        return
    record_terms = terms(record.agency_id)
    fingerprint = scanning.fingerprint(record, record_terms)
    rows = _scan(record, record_terms, now)  # outside the transaction: files may be large
    with transaction.atomic():
        locked = (
            Record.objects.select_for_update(of=("self",))
            .select_related("agency")
            .filter(pk=pk)
            .first()
        )
        if (
            locked is None
            or locked.status not in PUBLIC_STATUSES
            or locked.attribute not in disclosure.PUBLIC_ATTRIBUTES
            or scanning.fingerprint(locked, record_terms) != fingerprint
        ):
            outcome.changed_meanwhile += 1  # revoked or edited meanwhile: the next sweep
            return
        known = locked.findings.select_for_update().exclude(state=Finding.State.SUPERSEDED)
        known_keys = {_key(f) for f in known}
        found_keys = {_key(f) for f in rows}
        new: list[Finding] = []
        for row in rows:
            key = _key(row)
            if key not in known_keys:
                known_keys.add(key)
                new.append(row)
        gone = [
            f
            for f in known.filter(state=Finding.State.OPEN, origin=Finding.Origin.SWEEP)
            if _key(f) not in found_keys
        ]
        for finding in gone:
            finding.state = rules.settle(finding.state, rules.Resolution.SUPERSEDE)
            finding.resolved_at = now
            finding.save(update_fields=["state", "resolved_at"])
        Finding.objects.bulk_create(new, batch_size=500)
        PublishedScan.objects.update_or_create(
            record=locked, defaults={"fingerprint": fingerprint, "scanned_at": now}
        )
        Sweep.objects.filter(pk=run.pk).update(
            records_done=F("records_done") + 1, findings_new=F("findings_new") + len(new)
        )
        blocking = [f for f in new if f.blocking]
        notices = notify.leak_found(record=locked, findings=blocking, now=now) if blocking else []
        if new or gone:
            audit_log(
                actor=actor,
                action="review.swept",
                target=locked,
                changes={
                    "findings_new": [None, len(new)],
                    "blocking_new": [None, len(blocking)],
                    "superseded": [None, len(gone)],
                    "notified": [None, len(notices)],
                    "scanner_version": [None, SCANNER_VERSION],
                },
                now=now,
            )
    outcome.scanned += 1
    outcome.findings_new += len(new)
    outcome.blocking_new += len(blocking)
    outcome.superseded += len(gone)
    outcome.notified += len(notices)
    if blocking:
        outcome.records_with_leaks.append(pk)


def open_blocking_on_public(*, agency: Any = None) -> int:
    """Open findings that block publication on records the public can read now."""
    findings = Finding.objects.filter(
        state=Finding.State.OPEN,
        blocking=True,
        record__status__in=PUBLIC_STATUSES,
        record__attribute__in=disclosure.PUBLIC_ATTRIBUTES,
    )
    if agency is not None:
        findings = findings.filter(agency=agency)
    return findings.count()
