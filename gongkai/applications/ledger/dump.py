"""Writing a year's ledger: the applications of the year and the year's remedies.

An application is in the year's ledger when it arrived by the end of the year and had not
ended before it (statistics.of_year): the year's new applications, those carried over,
and — exported later — how those still open at the year's end ended. The file names no
one: no applicant's name, identity number or contact, only the headers of the layout.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from gongkai.accounts.models import Agency
from gongkai.accounts.permissions import Action, require
from gongkai.applications.ledger.files import file_format, write_csv, write_xlsx
from gongkai.applications.ledger.layout import (
    APPLICANT,
    APPLICANT_LABELS,
    APPLICATION_HEADERS,
    APPLICATIONS_SHEET,
    CHANNEL,
    CHANNEL_NAMES,
    EXTENDED,
    FEE,
    KIND,
    NO,
    NUMBER,
    OUTCOME,
    PAID,
    RECEIVED,
    REMEDIES_SHEET,
    REMEDIES_SUFFIX,
    REMEDY_HEADERS,
    REMEDY_KIND_NAMES,
    REMEDY_RESULT_NAMES,
    REPLIED,
    RESULT,
    SUMMARY,
    YEAR,
    YES,
)
from gongkai.applications.ledger.statistics import ended_on, ledger_applications, paid_on
from gongkai.applications.models import Application, Remedy
from gongkai.audit.services import audit_log
from gongkai.core import applications as rules


@dataclass(frozen=True)
class Exported:
    applications: int
    remedies: int
    files: tuple[Path, ...]


def remedies_path(path: Path) -> Path:
    """Where a CSV export writes the remedies: next to FILE, `<stem>-复议诉讼.csv`."""
    return path.with_name(f"{path.stem}{REMEDIES_SUFFIX}{path.suffix}")


def application_cells(application: Application) -> dict[str, str]:
    events = list(application.events.all())
    ended = ended_on(events)
    paid = paid_on(events)
    outcome = rules.Outcome(application.outcome) if application.outcome else None
    fee = application.fee_amount
    return {
        NUMBER: application.number,
        RECEIVED: application.received_on.isoformat(),
        CHANNEL: CHANNEL_NAMES.get(application.channel, application.channel),
        APPLICANT: APPLICANT_LABELS.get(application.applicant_kind, application.applicant_kind),
        SUMMARY: application.description,
        OUTCOME: rules.ledger_outcome(outcome if ended is not None else None),
        REPLIED: ended.isoformat() if ended else "",
        EXTENDED: YES if application.extended else NO,
        FEE: f"{fee:.2f}" if fee is not None else "",
        PAID: paid.isoformat() if paid and fee else "",
    }


def _application_rows(agency: Agency, year: int) -> Iterator[dict[str, str]]:
    for application in ledger_applications(agency, year):
        ended = ended_on(application.events.all())
        if ended is None or ended.year >= year:
            yield application_cells(application)


def _remedy_rows(agency: Agency, year: int) -> Iterator[dict[str, str]]:
    for remedy in Remedy.objects.filter(agency=agency, year=year).order_by("number", "pk"):
        yield {
            NUMBER: remedy.number,
            KIND: REMEDY_KIND_NAMES.get(remedy.kind, remedy.kind),
            RESULT: REMEDY_RESULT_NAMES.get(remedy.result, remedy.result),
            YEAR: str(remedy.year),
        }


@transaction.atomic
def ledger_export(*, path: Path, agency: Agency, year: int, actor: Any = None) -> Exported:
    """Write the year's ledger to `path` (.xlsx: two sheets; .csv: two files), audited.

    ``actor`` None is the command line (an operator with shell access); a user needs the
    disclosure office's right to see applications of the agency.
    """
    if actor is not None:
        require(actor, Action.VIEW_APPLICATIONS, agency)
    suffix = file_format(path)
    if suffix == ".xlsx":
        counts = write_xlsx(
            path,
            [
                (APPLICATIONS_SHEET, APPLICATION_HEADERS, _application_rows(agency, year)),
                (REMEDIES_SHEET, REMEDY_HEADERS, _remedy_rows(agency, year)),
            ],
        )
        files: tuple[Path, ...] = (path,)
    else:
        second = remedies_path(path)
        counts = [write_csv(path, APPLICATION_HEADERS, _application_rows(agency, year))]
        try:
            counts.append(write_csv(second, REMEDY_HEADERS, _remedy_rows(agency, year)))
        except BaseException:
            path.unlink(missing_ok=True)  # both files or neither
            raise
        files = (path, second)
    audit_log(
        actor=actor,
        action="ledger.export",
        target=agency,
        changes={
            "year": year,
            "files": [f.name for f in files],
            "applications": counts[0],
            "remedies": counts[1],
        },
        now=timezone.now(),
    )
    return Exported(counts[0], counts[1], files)
