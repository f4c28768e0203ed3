"""Administrative reconsideration and litigation about applications (annual report 表四).

A remedy is linked to a case (``Remedy.application``; its 登记号 is kept in ``number``, as the
ledger does), has its kind (行政复议 / 未经复议直接起诉 / 复议后起诉), result (结果维持 / 结果纠正 /
其他结果 / 尚未审结), year and note. Recording and updating need HANDLE_APPLICATIONS on the case
(the agency's disclosure office); reading needs VIEW_APPLICATIONS. Every change is audited.
The list per agency and year counts the cases in the 15 columns of table 四
(core ``remedy_column``: each kind has its four results and a 总计 column).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import Action, can, require
from gongkai.applications.models import Application, Remedy
from gongkai.audit.services import audit_log, diff, snapshot
from gongkai.core import applications as rules

FIELDS = ["kind", "result", "year", "note"]


def _checked(kind: str, result: str, year: int) -> None:
    try:
        rules.RemedyKind(kind)
    except ValueError:
        raise ValidationError({"kind": _("Choose the type.")}) from None
    try:
        rules.RemedyResult(result)
    except ValueError:
        raise ValidationError({"result": _("Choose the result.")}) from None
    if not 2000 <= int(year) <= 2099:
        raise ValidationError({"year": _("Enter a year between 2000 and 2099.")})


def _duplicate() -> ValidationError:
    return ValidationError(
        _("This case already has a remedy of this type in this year; update its result instead.")
    )


@transaction.atomic
def remedy_record(
    *,
    actor: Any,
    application: Application,
    kind: str,
    result: str,
    year: int,
    now: datetime,
    note: str = "",
) -> Remedy:
    locked = Application.objects.select_for_update(of=("self",)).get(pk=application.pk)
    require(actor, Action.HANDLE_APPLICATIONS, locked)
    _checked(kind, result, year)
    try:
        with transaction.atomic():
            remedy = Remedy.objects.create(
                agency_id=locked.agency_id,
                application=locked,
                number=locked.number,
                kind=kind,
                result=result,
                year=year,
                note=note.strip(),
                created_at=now,
            )
    except IntegrityError:
        raise _duplicate() from None
    audit_log(
        actor=actor,
        action="application.remedy_recorded",
        target=locked,
        changes=diff({}, snapshot(remedy, FIELDS)) | {"remedy": [None, remedy.pk]},
        now=now,
    )
    return remedy


@transaction.atomic
def remedy_update(
    *, actor: Any, remedy: Remedy, result: str, now: datetime, note: str | None = None
) -> Remedy:
    """A new result (a 尚未审结 case decided) and, optionally, a new note."""
    locked = Remedy.objects.select_for_update(of=("self",)).get(pk=remedy.pk)
    target = locked.application if locked.application_id else locked.agency
    require(actor, Action.HANDLE_APPLICATIONS, target)
    _checked(locked.kind, result, locked.year)
    before = snapshot(locked, FIELDS)
    locked.result = result
    if note is not None:
        locked.note = note.strip()
    locked.save(update_fields=["result", "note"])
    changes = diff(before, snapshot(locked, FIELDS))
    if not changes:
        return locked
    audit_log(
        actor=actor,
        action="application.remedy_updated",
        target=locked.application or locked.agency,
        changes=changes | {"remedy": [locked.pk, locked.pk]},
        now=now,
    )
    return locked


# Reads ---------------------------------------------------------------------------------------


def remedy_get_for(*, user: Any, pk: int) -> Remedy:
    from django.http import Http404

    found = Remedy.objects.select_related("application", "agency").filter(pk=pk).first()
    if found is None:
        raise Http404
    target = found.application if found.application_id else found.agency
    if not can(user, Action.VIEW_APPLICATIONS, target):
        raise Http404
    return found


def remedies_of(application: Application) -> list[Remedy]:
    return list(application.remedies.order_by("year", "pk"))


@dataclass(frozen=True)
class Column:
    number: int
    kind: str
    result: str  # "" for 总计
    label: str


def columns() -> list[Column]:
    """The 15 columns of table 四, in the report's order."""
    found = []
    for kind in rules.RemedyKind:
        for result in rules.RemedyResult:
            number = rules.remedy_column(kind, result)
            found.append(Column(number, kind.value, result.value, result.label))
        found.append(Column(number + 1, kind.value, "", "总计"))
    return found


def column_of(remedy: Remedy) -> int:
    return rules.remedy_column(rules.RemedyKind(remedy.kind), rules.RemedyResult(remedy.result))


def table_four(remedies: list[Remedy]) -> dict[int, int]:
    """Counts per column of table 四 (总计 columns included)."""
    counts: Counter[int] = Counter()
    for remedy in remedies:
        column = column_of(remedy)
        counts[column] += 1
        counts[(column - 1) // 5 * 5 + 5] += 1
    return {c.number: counts.get(c.number, 0) for c in columns()}


def remedies_listed(*, user: Any, agency: Any, year: int | None) -> list[Remedy]:
    require(user, Action.VIEW_APPLICATIONS, agency)
    found = Remedy.objects.filter(agency=agency).select_related("application")
    if year:
        found = found.filter(year=year)
    return list(found.order_by("-year", "pk"))
