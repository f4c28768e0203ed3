"""Changes to the working-day calendar. Each checks permission, changes, and audits in one
transaction.

`actor=None` is the command line (`gongkai calendar import`): its permission check is
skipped because whoever runs the command has a shell on the server and could change the
database directly, so a check would protect nothing. The audit trail records "system".

The calendar is installation-wide, shared by every agency: its audit events belong to no
agency (`agency=None`), whoever makes the change.
"""

from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import date
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.models import User
from gongkai.accounts.permissions import Action, require
from gongkai.audit.services import audit_log, diff, snapshot
from gongkai.core.workcalendar import PACKAGE_YEARS, message
from gongkai.workcalendar.csvfile import MAX_BYTES, parse_calendar_csv
from gongkai.workcalendar.models import CalendarDay, OfficialYear, notice_title

DAY_FIELDS = ["day", "kind", "name", "source", "note"]
OFFICIAL_YEAR_FIELDS = ["year", "notice", "recorded_by"]

CHINESE = {"import.year_missing": "文件中没有 %(year)s 年的日期，不能作为该年的国务院通知导入"}


def _require_manager(actor: User | None) -> None:
    if actor is not None:  # the command line: see the module docstring
        require(actor, Action.MANAGE_CALENDAR)


def _audit(
    actor: User | None,
    action: str,
    target: models.Model,
    changes: Mapping[str, Any],
    reason: str = "",
) -> None:
    # agency=None: the calendar is every agency's (module docstring).
    audit_log(
        actor=actor, action=action, target=target, agency=None, changes=changes, reason=reason
    )


def _set_day(
    actor: User | None, values: Mapping[str, Any], reason: str = ""
) -> tuple[CalendarDay, str]:
    """Create or update the entry of values["day"]; audit only a real change.

    Returns the entry and the audited action, "" when the entry already said the same.
    """
    stored = CalendarDay.objects.select_for_update().filter(day=values["day"]).first()
    entry = stored or CalendarDay()
    before = snapshot(stored, DAY_FIELDS) if stored is not None else {}
    for name in DAY_FIELDS:
        setattr(entry, name, str(values[name]) if name != "day" else values[name])
    entry.full_clean()
    changes = diff(before, snapshot(entry, DAY_FIELDS))
    if not changes:
        return entry, ""
    entry.save()
    action = "calendar_day.update" if stored is not None else "calendar_day.create"
    _audit(actor, action, entry, changes, reason)
    return entry, action


@transaction.atomic
def calendar_day_set(
    *,
    actor: User | None,
    day: date,
    kind: str,
    name: str,
    source: str = "",
    note: str = "",
) -> CalendarDay:
    """Enter a day off or a 调休 working day; it overrides the package for that date."""
    _require_manager(actor)
    values = {"day": day, "kind": kind, "name": name, "source": source, "note": note}
    entry, _action = _set_day(actor, values)
    return entry


@transaction.atomic
def calendar_day_delete(*, actor: User | None, entry: CalendarDay, reason: str) -> None:
    _require_manager(actor)
    if not reason.strip():
        raise ValidationError({"reason": _("Give a reason.")})
    _audit(actor, "calendar_day.delete", entry, diff(snapshot(entry, DAY_FIELDS), {}), reason)
    entry.delete()


def _mark_year(actor: User | None, year: int, notice: str) -> tuple[OfficialYear, bool]:
    stored = OfficialYear.objects.select_for_update().filter(year=year).first()
    if stored is not None and stored.notice == notice:
        return stored, False
    official = stored or OfficialYear(year=year)
    before = snapshot(stored, OFFICIAL_YEAR_FIELDS) if stored is not None else {}
    official.notice, official.recorded_by = notice, actor
    if stored is not None:  # "recorded by … on …" names whoever marked it last
        official.recorded_at = timezone.now()
    official.full_clean()
    if year not in PACKAGE_YEARS and not CalendarDay.objects.filter(day__year=year).exists():
        # A year marked official follows the weekday rule: with nothing entered it would
        # have no holidays at all, silently and without the provisional warning.
        raise ValidationError(
            _("Enter the days of the %(year)s notice before marking the year official.")
            % {"year": year}
        )
    official.save()
    changes = diff(before, snapshot(official, OFFICIAL_YEAR_FIELDS))
    _audit(actor, "official_year.mark", official, changes)
    return official, True


@transaction.atomic
def official_year_mark(*, actor: User | None, year: int, notice: str) -> OfficialYear:
    """Record that `year`'s State Council notice is entered completely: its deadlines stop
    being provisional."""
    _require_manager(actor)
    official, _changed = _mark_year(actor, year, notice)
    return official


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    official_year: OfficialYear | None


@transaction.atomic
def calendar_import(
    *,
    actor: User | None,
    file: bytes | IO[bytes],
    official_year: int | None = None,
    notice: str = "",
    filename: str = "",
) -> ImportResult:
    """Load a calendar CSV (gongkai.workcalendar.csvfile): all rows or, on any error,
    none; loading the same file again changes nothing."""
    _require_manager(actor)
    rows = parse_calendar_csv(file if isinstance(file, bytes) else file.read(MAX_BYTES + 1))
    if official_year is not None and not any(row.day.year == official_year for row in rows):
        raise ValidationError(message(CHINESE, "import.year_missing", year=official_year))
    reason = f"导入日历文件 {filename}".strip()
    actions = Counter(_set_day(actor, asdict(row), reason)[1] for row in rows)
    official = None
    if official_year is not None:
        official, _changed = _mark_year(actor, official_year, notice or notice_title(official_year))
    return ImportResult(
        created=actions["calendar_day.create"],
        updated=actions["calendar_day.update"],
        unchanged=actions[""],
        official_year=official,
    )
