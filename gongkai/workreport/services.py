"""Changes to an agency's work report: the office's entered figures, the prose of each part
(every saved text kept as a version) and the rows of the task plan. Each checks permission
first (EDIT_ANNUAL_REPORT) and writes its audit event last, in the same transaction."""

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.models import Agency
from gongkai.accounts.permissions import Action, require
from gongkai.audit.services import audit_log
from gongkai.core import work_report as wr
from gongkai.reports.versions import text_save_version
from gongkai.workreport.messages import render_message
from gongkai.workreport.models import WorkFigure, WorkTask, WorkText, WorkTextVersion

TASK_FIELDS = ("task", "unit", "schedule", "status")


def clean_figures(values: Mapping[str, str]) -> dict[str, str]:
    """The figures as stored (stripped; blank removes one), or a ValidationError naming
    every refused figure — nothing is saved when one is bad."""
    unknown = [key for key in values if key not in wr.BY_KEY]
    if unknown:
        raise ValidationError(_("Unknown figure: %(keys)s") % {"keys": "、".join(unknown)})
    _good, errors = wr.clean_entered(values)
    if errors:
        raise ValidationError({key: [render_message(m)] for key, m in errors.items()})
    return {key: (text or "").strip() for key, text in values.items()}


@transaction.atomic
def figures_save(
    *, actor: Any, agency: Agency, year: int, values: Mapping[str, str], now: datetime
) -> dict[str, list[Any]]:
    """Save the figures given (others untouched); return the changes audited."""
    require(actor, Action.EDIT_ANNUAL_REPORT, agency)
    cleaned = clean_figures(values)
    stored = WorkFigure.objects.select_for_update().filter(agency=agency, year=year)
    before = dict(stored.values_list("key", "value"))
    changes = {
        key: [before.get(key), value or None]
        for key, value in cleaned.items()
        if before.get(key) != (value or None)
    }
    for key in changes:
        if cleaned[key]:
            WorkFigure.objects.update_or_create(
                agency=agency, year=year, key=key, defaults={"value": cleaned[key]}
            )
        else:
            WorkFigure.objects.filter(agency=agency, year=year, key=key).delete()
    if changes:
        audit_log(
            actor=actor,
            action="workreport.figures_saved",
            target=agency,
            changes={"year": [year, year], **changes},
            now=now,
        )
    return changes


@transaction.atomic
def text_save(
    *, actor: Any, agency: Agency, year: int, part: str, text: str, now: datetime
) -> WorkTextVersion | None:
    """Save a part's text as its next version; None when it did not change."""
    require(actor, Action.EDIT_ANNUAL_REPORT, agency)
    if part not in WorkText.Part.values:
        raise ValidationError({"part": _("Unknown part of the report.")})
    return text_save_version(
        actor=actor,
        current=WorkText,
        versions=WorkTextVersion,
        key={"agency": agency, "year": year, "part": part},
        text=text,
        now=now,
        action="workreport.text_saved",
    )


def _row(data: Mapping[str, Any]) -> dict[str, str]:
    return {name: " ".join(str(data.get(name) or "").split()) for name in TASK_FIELDS}


@transaction.atomic
def tasks_save(
    *, actor: Any, agency: Agency, year: int, rows: Sequence[Mapping[str, Any]], now: datetime
) -> bool:
    """Replace the task plan of the year by `rows` in their order (a row without a task is
    refused); False when nothing changed."""
    require(actor, Action.EDIT_ANNUAL_REPORT, agency)
    wanted = [_row(row) for row in rows]
    blank = [i for i, row in enumerate(wanted, start=1) if not row["task"]]
    if blank:
        raise ValidationError(
            _("Row %(rows)s has no task.") % {"rows": "、".join(str(i) for i in blank)}
        )
    stored = WorkTask.objects.select_for_update().filter(agency=agency, year=year)
    before = [_row(vars(task)) for task in stored.order_by("position")]
    if before == wanted:
        return False
    stored.delete()
    WorkTask.objects.bulk_create(
        WorkTask(agency=agency, year=year, position=i, **row) for i, row in enumerate(wanted, 1)
    )
    audit_log(
        actor=actor,
        action="workreport.tasks_saved",
        target=agency,
        changes={"year": [year, year], "tasks": [before, wanted]},
        now=now,
    )
    return True
