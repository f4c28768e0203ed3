"""The figures of the statistics dashboard for one agency (and optionally one unit) and year,
each read with permission checked in the same call (docs/statistics.md).

- who: VIEW_STATISTICS (the disclosure office for its agency, supervisors and system
  administrators for every agency); an agency the user may not see is a 404;
- application figures are counts without personal data, shown to whoever may see the
  agency's queues and overdue cases (VIEW_APPLICATION_QUEUES), the same reach as the
  overdue view; ``application_figures_for`` returns None for anyone else;
- publications: public records (``documents.selectors.public_records``) — releases by the
  day of release on each channel, records by the (local) day of publication;
- applications: received by the receipt date (条例第31条), concluded by the day of the event
  that gave the outcome (as table 三 counts, ``ledger.statistics.OUTCOME_STEPS``), handling
  time and lateness of replies by the day of the decision (``Application.replied_on``).

Counts are aggregated in SQL; what needs the working-day calendar (timeliness, handling time,
deadlines) reads plain values in one query and counts them with the core.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractMonth
from django.http import Http404
from django.utils import timezone

from gongkai.accounts.models import Agency, Unit
from gongkai.accounts.permissions import Action, can, require_somewhere
from gongkai.applications.ledger.statistics import OUTCOME_STEPS
from gongkai.applications.models import Application, CaseEvent
from gongkai.core import applications as rules
from gongkai.core import statistics as stats
from gongkai.core.applications.workflow import OPEN_STATUSES, STEP_OUTCOMES
from gongkai.core.disclosure import PUBLICATION_LIMIT, publication_timeliness
from gongkai.core.workcalendar import CalendarRangeError, WorkCalendar
from gongkai.documents.models import Column, Record, Release
from gongkai.documents.selectors import public_records

# Columns drawn one by one; the rest of an agency's columns are added up as one series.
MAX_COLUMNS = 7
OTHER_COLUMNS = "other"
NO_COLUMN = "none"
OPEN = [status.value for status in OPEN_STATUSES]
_OUTCOME_STEPS = [step.value for step in OUTCOME_STEPS]


def statistics_agencies_for(*, user: Any) -> list[Agency]:
    """The agencies whose figures `user` may see; PermissionDenied when none."""
    return require_somewhere(user, Action.VIEW_STATISTICS)


def statistics_agency_get_for(*, user: Any, code: str) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None or not can(user, Action.VIEW_STATISTICS, agency):
        raise Http404
    return agency


def units_of(agency: Agency) -> QuerySet[Unit]:
    """Every unit of the agency, the inactive ones too: their past work still counts."""
    return Unit.objects.filter(agency=agency).order_by("code")


@dataclass(frozen=True)
class Scope:
    agency: Agency
    unit: Unit | None
    year: int


@dataclass(frozen=True)
class Keyed:
    """Series of a monthly grid: (key, label) pairs and the 12 × len(keys) counts."""

    keys: Sequence[tuple[str, str]]
    grid: stats.Grid


@dataclass(frozen=True)
class LateRecord:
    pk: int
    title: str
    index_number: str
    working_days: int


@dataclass(frozen=True)
class PublicationFigures:
    published: int
    by_channel: Keyed
    by_column: Keyed
    on_time: tuple[int, ...]  # per month
    late: tuple[int, ...]
    late_records: list[LateRecord]
    interpretations: int
    by_principal: int


def _records(scope: Scope) -> QuerySet[Record]:
    records = public_records().filter(agency=scope.agency)
    return records.filter(unit=scope.unit) if scope.unit is not None else records


def _published_in(scope: Scope) -> QuerySet[Record]:
    return _records(scope).filter(published_at__year=scope.year)


def releases_by_channel(scope: Scope) -> Keyed:
    """Releases of public records per month (of release) and channel (协调发布)."""
    rows = (
        Release.objects.filter(record__in=_records(scope), released_on__year=scope.year)
        .annotate(month=ExtractMonth("released_on"))
        .values_list("month", "channel")
        .annotate(n=Count("pk"))
    )
    keys = [(str(value), str(label)) for value, label in Release.Channel.choices]
    return Keyed(keys, stats.month_grid(rows, [k for k, _ in keys]))


def records_by_column(scope: Scope) -> Keyed:
    """Public records per month of publication and column; a record filed in several columns
    counts in each, one in none under NO_COLUMN; beyond MAX_COLUMNS under OTHER_COLUMNS."""
    rows = [
        (month, str(column) if column is not None else NO_COLUMN, n)
        for month, column, n in _published_in(scope)
        .annotate(month=ExtractMonth("published_at"))
        .values_list("month", "columns")
        .annotate(n=Count("pk", distinct=True))
    ]
    totals: dict[str, int] = {}
    for _month, key, n in rows:
        totals[key] = totals.get(key, 0) + n
    names = dict(
        Column.objects.filter(pk__in=[k for k in totals if k != NO_COLUMN]).values_list(
            "pk", "name"
        )
    )
    ranked = sorted(
        (k for k in totals if k != NO_COLUMN), key=lambda k: (-totals[k], names[int(k)], k)
    )
    shown, rest = ranked[:MAX_COLUMNS], set(ranked[MAX_COLUMNS:])
    keys = [(k, names[int(k)]) for k in shown]
    if rest:
        keys.append((OTHER_COLUMNS, ""))
    if NO_COLUMN in totals:
        keys.append((NO_COLUMN, ""))
    folded = [(m, OTHER_COLUMNS if k in rest else k, n) for m, k, n in rows]
    return Keyed(keys, stats.month_grid(folded, [k for k, _ in keys]))


def timeliness_by_month(
    scope: Scope, calendar: WorkCalendar, limit: int = PUBLICATION_LIMIT
) -> tuple[tuple[int, ...], tuple[int, ...], list[LateRecord]]:
    """条例第26条 per month of publication, counted as ``documents.statistics
    .timeliness_counts`` counts the year: working days from the day formed (else written)."""
    on_time, late = [0] * 12, [0] * 12
    late_records = []
    rows = (
        _published_in(scope)
        .exclude(formed_on__isnull=True, written_on__isnull=True)
        .order_by("published_at", "pk")
        .values_list("pk", "title", "index_number", "formed_on", "written_on", "published_at")
    )
    for pk, title, index_number, formed_on, written_on, published_at in rows:
        day = timezone.localdate(published_at)
        try:
            found = publication_timeliness(
                calendar, formed=formed_on or written_on, published=day, limit=limit
            )
        except CalendarRangeError:  # a date beyond the calendar (1901-…): not counted
            continue
        if found.late:
            late[day.month - 1] += 1
            late_records.append(LateRecord(pk, title, index_number, found.working_days))
        else:
            on_time[day.month - 1] += 1
    return tuple(on_time), tuple(late), late_records


def publication_figures_for(
    *, user: Any, scope: Scope, calendar: WorkCalendar
) -> PublicationFigures:
    if not can(user, Action.VIEW_STATISTICS, scope.agency):
        raise Http404
    published = _published_in(scope)
    interpretations = published.filter(interprets__isnull=False)
    on_time, late, late_records = timeliness_by_month(scope, calendar)
    return PublicationFigures(
        published=published.count(),
        by_channel=releases_by_channel(scope),
        by_column=records_by_column(scope),
        on_time=on_time,
        late=late,
        late_records=late_records,
        interpretations=interpretations.count(),
        by_principal=interpretations.filter(by_principal=True).count(),
    )


@dataclass(frozen=True)
class ApplicationFigures:
    received: tuple[int, ...]  # per month
    concluded: stats.Grid  # per month × OutcomeGroup
    handling: stats.Summary
    handling_by_month: tuple[stats.Summary, ...]
    moment: date  # the day open cases are looked at
    open_overdue: int  # open on `moment` past their deadline
    replied_late: int  # replied in the year after their deadline

    @property
    def overdue(self) -> int:
        return self.open_overdue + self.replied_late


def _cases(scope: Scope) -> QuerySet[Application]:
    cases = Application.objects.filter(agency=scope.agency)
    return cases.filter(unit=scope.unit) if scope.unit is not None else cases


def received_by_month(scope: Scope) -> tuple[int, ...]:
    rows = (
        _cases(scope)
        .filter(received_on__year=scope.year)
        .annotate(month=ExtractMonth("received_on"))
        .values_list("month")
        .annotate(n=Count("pk"))
    )
    grid = stats.month_grid(((month, "", n) for month, n in rows), [""])
    return tuple(row[0] for row in grid)


def concluded_by_month(scope: Scope) -> stats.Grid:
    """Cases per month of the event that gave the outcome, by group of table 三."""
    rows = (
        CaseEvent.objects.filter(
            application__in=_cases(scope), step__in=_OUTCOME_STEPS, day__year=scope.year
        )
        .annotate(month=ExtractMonth("day"))
        .values_list("month", "step", "outcome")
        .annotate(n=Count("pk"))
    )
    counts = [
        (month, stats.outcome_group(_outcome(step, outcome)).value, n)
        for month, step, outcome, n in rows
    ]
    return stats.month_grid(counts, [g.value for g in stats.OutcomeGroup])


def _outcome(step: str, outcome: str) -> rules.Outcome:
    return rules.Outcome(outcome) if outcome else STEP_OUTCOMES[rules.Step(step)]


def handling_times(
    scope: Scope, calendar: WorkCalendar
) -> tuple[stats.Summary, tuple[stats.Summary, ...]]:
    """Working days from receipt to reply of the cases replied in the year (by month of
    the reply); lapses and withdrawals have no reply and are not counted."""
    pairs = [
        (replied.month, stats.handling_days(calendar, received=received, replied=replied))
        for received, replied in _cases(scope)
        .filter(replied_on__year=scope.year)
        .values_list("received_on", "replied_on")
    ]
    return stats.summarise([days for _, days in pairs]), stats.monthly_summaries(pairs)


def overdue_counts(scope: Scope, calendar: WorkCalendar, *, moment: date) -> tuple[int, int]:
    """(open on `moment` past the deadline, replied in the year after the deadline), each
    deadline derived from the case's events by the core clock (``case_deadline``) and each
    open case placed in its bucket on `moment` from the events recorded up to that day."""
    ended_later = CaseEvent.objects.filter(
        application=OuterRef("pk"), step__in=_OUTCOME_STEPS, day__gt=moment
    )
    open_then = Q(received_on__lte=moment) & (Q(status__in=OPEN) | Exists(ended_later))
    events = CaseEvent.objects.order_by("day", "at", "pk").only(
        "application_id", "step", "day", "outcome", "variant", "until", "party", "reason"
    )
    cases = (
        _cases(scope)
        .filter(open_then | Q(replied_on__year=scope.year))
        .only("pk", "received_on", "replied_on")
        .prefetch_related(Prefetch("events", queryset=events))
    )
    open_overdue = replied_late = 0
    for case in cases:
        recorded = [e.as_rule() for e in case.events.all()]
        try:
            if case.replied_on is not None and case.replied_on.year == scope.year:
                replied_late += case.replied_on > rules.case_deadline(recorded, calendar).due
            then = [e for e in recorded if e.day <= moment]
            if then and rules.case_bucket(then, calendar, today=moment) is rules.Bucket.OVERDUE:
                open_overdue += 1
        except ValueError:  # events the table refuses or dates beyond the calendar: not counted
            continue
    return open_overdue, replied_late


def application_figures_for(
    *, user: Any, scope: Scope, calendar: WorkCalendar, today: date
) -> ApplicationFigures | None:
    """The year's figures of applications; None for a user who may not see the queues."""
    if not can(user, Action.VIEW_APPLICATION_QUEUES, scope.agency):
        return None
    handling, by_month = handling_times(scope, calendar)
    moment = stats.overdue_moment(scope.year, today)
    open_overdue, replied_late = overdue_counts(scope, calendar, moment=moment)
    return ApplicationFigures(
        received=received_by_month(scope),
        concluded=concluded_by_month(scope),
        handling=handling,
        handling_by_month=by_month,
        moment=moment,
        open_overdue=open_overdue,
        replied_late=replied_late,
    )
