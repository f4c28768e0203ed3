"""Saving a checked ledger: historic applications with their events, and the remedies, in
one transaction, with one audit entry for the whole import.

A ledger names no applicant, but an Application must: the placeholders are
``IMPORTED_NAME`` for the name, identity document "other" with no number (nothing is
encrypted, nothing is masked, /track/ cannot find the case: its tracking code was never
made), and empty phone, form of provision and delivery.
"""

import hashlib
import secrets
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction

from gongkai.accounts.models import Agency
from gongkai.applications.intake import refresh
from gongkai.applications.ledger.checks import ApplicationPlan, Checked, RemedyPlan
from gongkai.applications.models import Application, ApplicationSequence, CaseEvent, Remedy
from gongkai.audit.services import audit_log
from gongkai.core import applications as rules

IMPORTED_NAME = "（台账导入）"


@dataclass(frozen=True)
class ImportResult:
    created: int
    unchanged: int
    remedies_created: int
    remedies_unchanged: int


@transaction.atomic
def ledger_import(
    checked: Checked,
    *,
    agency: Agency,
    source: str,
    now: datetime,
    progress: Callable[[Iterable[Any]], Iterable[Any]] = iter,
) -> ImportResult:
    """Save what check_tables planned; the caller has refused a file with bad rows."""
    if checked.bad:
        raise ValueError("a ledger with bad rows is not imported")
    serials = _serials(agency, checked.applications)
    created: dict[str, Application] = {}
    for plan in progress(checked.applications):
        created[plan.number] = _create(plan, agency, serials, source, now)
    numbers = {r.number for r in checked.remedies} - set(created)
    held = {a.number: a for a in Application.objects.filter(agency=agency, number__in=numbers)}
    for remedy in checked.remedies:
        application = created.get(remedy.number) or held.get(remedy.number)
        _remedy(remedy, agency, application, source, now)
    result = ImportResult(
        created=len(created),
        unchanged=checked.unchanged_applications,
        remedies_created=len(checked.remedies),
        remedies_unchanged=checked.unchanged_remedies,
    )
    if created or checked.remedies:
        audit_log(
            actor=None,
            action="ledger.import",
            target=agency,
            changes={
                "source": source,
                "applications": [0, result.created],
                "remedies": [0, result.remedies_created],
                "unchanged": result.unchanged + result.remedies_unchanged,
                "numbers": _span(sorted(created, key=lambda n: (created[n].year, created[n].seq))),
            },
            now=now,
        )
    return result


def _span(numbers: list[str]) -> str:
    return (
        "" if not numbers else numbers[0] if len(numbers) == 1 else f"{numbers[0]} … {numbers[-1]}"
    )


def _serials(agency: Agency, plans: list[ApplicationPlan]) -> dict[str, int]:
    """The serial of every planned application. A number in the agency's own template keeps
    its own; the year's sequence moves past the highest, so registrations continue after the
    imported numbers. Other numbers take the next serials of their year."""
    years: dict[int, list[ApplicationPlan]] = defaultdict(list)
    for plan in plans:
        years[plan.year].append(plan)
    serials: dict[str, int] = {}
    for year, of_year in sorted(years.items()):
        ApplicationSequence.objects.get_or_create(agency=agency, year=year)
        sequence = ApplicationSequence.objects.select_for_update().get(agency=agency, year=year)
        own = [p.seq for p in of_year if p.seq is not None]
        last = max([sequence.last, *own])
        for plan in of_year:
            if plan.seq is None:
                last += 1
                serials[plan.number] = last
            else:
                serials[plan.number] = plan.seq
        if last != sequence.last:
            sequence.last = last
            sequence.save(update_fields=["last"])
    return serials


def _create(
    plan: ApplicationPlan, agency: Agency, serials: dict[str, int], source: str, now: datetime
) -> Application:
    application = Application.objects.create(
        agency=agency,
        number=plan.number,
        year=plan.year,
        seq=serials[plan.number],
        # a code nobody was given: /track/ cannot reach a historic case
        tracking_hash=hashlib.sha256(secrets.token_bytes(32)).hexdigest(),
        channel=plan.channel,
        received_on=plan.received,
        submitted_at=now,
        applicant_kind=plan.applicant_kind,
        name=IMPORTED_NAME,
        id_document=rules.IdentityDocument.OTHER.value,
        phone="",
        description=plan.summary,
        provision_form="",
        delivery="",
        fee_amount=plan.fee,
        source=Application.Source.LEDGER,
    )
    where = f"{plan.where or f'“{source}”'}第 {plan.line} 行"
    CaseEvent.objects.bulk_create(
        CaseEvent(
            application=application,
            step=event.step.value,
            day=event.day,
            outcome=event.outcome.value if event.outcome else "",
            variant=event.variant.value if event.variant else "",
            until=event.until,
            note=f"{note}（{where}）" if event.step is rules.Step.REGISTER else note,
            at=now,
        )
        for event, note in plan.events
    )
    return refresh(application)


def _remedy(
    plan: RemedyPlan, agency: Agency, application: Application | None, source: str, now: datetime
) -> None:
    Remedy.objects.create(
        agency=agency,
        application=application,
        number=plan.number,
        kind=plan.kind,
        result=plan.result,
        year=plan.year,
        note=f"台账导入（{plan.where or f'“{source}”'}第 {plan.line} 行）",
        created_at=now,
    )
