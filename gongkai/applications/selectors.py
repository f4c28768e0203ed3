"""Reads of 依申请公开 cases, each checking permission in the same call.

- The cases with the applicants' data: VIEW_APPLICATIONS, the agency's own disclosure office
  only; a case of another agency is a 404.
- The queues (core ``case_bucket``): due today, due within 3 working days, overdue, paused —
  for the agency or for one handler.
- The supervisors' view (VIEW_APPLICATION_QUEUES): counts and overdue cases across agencies,
  as rows that hold no personal data (number, agency, received, deadline, status).
"""

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import Agency, Unit, User
from gongkai.accounts.permissions import (
    Action,
    can,
    require_somewhere,
    sees_every_agency,
)
from gongkai.applications.models import Application, ApplicationFile, CaseEvent
from gongkai.applications.services import reply_of
from gongkai.core import applications as rules
from gongkai.core.applications.vocabulary import REPLY_ITEMS, VARIANT_LABELS
from gongkai.core.applications.workflow import OPEN_STATUSES, STEP_LABELS
from gongkai.core.workcalendar import Message, Param, WorkCalendar
from gongkai.workcalendar import messages as calendar_messages
from gongkai.workcalendar.selectors import work_calendar

OPEN = [status.value for status in OPEN_STATUSES]
BUCKET_LABELS = {
    rules.Bucket.DUE_TODAY: _("Due today"),
    rules.Bucket.DUE_SOON: _("Due within 3 working days"),
    rules.Bucket.OVERDUE: _("Overdue"),
    rules.Bucket.PAUSED: _("Paused"),
}


def applications_for(*, user: Any) -> QuerySet[Application]:
    """The cases whose applicants' data `user` may read (PermissionDenied if none)."""
    agencies = require_somewhere(user, Action.VIEW_APPLICATIONS)
    cases = Application.objects.select_related("agency", "handler", "unit")
    if not sees_every_agency(user, Action.VIEW_APPLICATIONS):
        cases = cases.filter(agency__in=agencies)
    return cases


def application_get_for(*, user: Any, pk: int) -> Application:
    found = Application.objects.select_related("agency", "handler", "unit").filter(pk=pk).first()
    if found is None or not can(user, Action.VIEW_APPLICATIONS, found):
        raise Http404
    return found


def applications_filtered(cases: QuerySet[Application], filters: Mapping[str, Any]) -> Any:
    if filters.get("q"):
        q = filters["q"]
        cases = cases.filter(
            Q(number__icontains=q) | Q(name__icontains=q) | Q(description__icontains=q)
        )
    if filters.get("status"):
        cases = cases.filter(status=filters["status"])
    if filters.get("year"):
        cases = cases.filter(year=filters["year"])
    return cases


def _with_events(cases: QuerySet[Application]) -> QuerySet[Application]:
    return cases.prefetch_related(Prefetch("events", queryset=CaseEvent.objects.order_by(*ORDER)))


ORDER = ["day", "at", "pk"]


def case_events(application: Application) -> list[rules.Event]:
    return [e.as_rule() for e in application.events.all()]


def bucket_of(
    application: Application, calendar: WorkCalendar, *, today: date
) -> rules.Bucket | None:
    if application.status not in OPEN:
        return None
    return rules.case_bucket(case_events(application), calendar, today=today)


def buckets(
    cases: QuerySet[Application], *, today: date, calendar: WorkCalendar | None = None
) -> dict[rules.Bucket, list[Application]]:
    """The open cases of `cases` in each bucket on `today` (cases on time are in none)."""
    calendar = calendar or work_calendar()
    found: dict[rules.Bucket, list[Application]] = {b: [] for b in rules.Bucket}
    for application in _with_events(cases.filter(status__in=OPEN)):
        where = bucket_of(application, calendar, today=today)
        if where is not None:
            found[where].append(application)
    for listed in found.values():
        listed.sort(key=lambda a: (a.deadline or date.max, a.pk))
    return found


def queue_for(
    *, user: Any, today: date, handler: Any = None
) -> dict[rules.Bucket, list[Application]]:
    """The agency's queues, or one handler's (``handler``)."""
    cases = applications_for(user=user)
    if handler is not None:
        cases = cases.filter(handler=handler)
    return buckets(cases, today=today)


@dataclass(frozen=True)
class OverdueRow:
    """A case as the supervisors see it: no name, no contact, no description."""

    number: str
    agency: str
    received_on: date
    deadline: date | None
    status: str
    bucket: str


@dataclass(frozen=True)
class AgencyCounts:
    agency: str
    open: int
    counts: Mapping[str, int]


def oversight_for(*, user: Any, today: date) -> tuple[list[OverdueRow], list[AgencyCounts]]:
    """The overdue cases and each agency's queue counts, for VIEW_APPLICATION_QUEUES."""
    agencies = require_somewhere(user, Action.VIEW_APPLICATION_QUEUES)
    cases = Application.objects.filter(status__in=OPEN).only(
        "pk", "agency", "number", "received_on", "deadline", "status"
    )
    if not sees_every_agency(user, Action.VIEW_APPLICATION_QUEUES):
        cases = cases.filter(agency__in=agencies)
    names = dict(Agency.objects.values_list("pk", "name"))
    calendar = work_calendar()
    rows: list[OverdueRow] = []
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    open_cases: Counter[int] = Counter()
    events = CaseEvent.objects.order_by(*ORDER).only(
        "application_id", "step", "day", "outcome", "variant", "until", "party", "reason"
    )
    for application in cases.prefetch_related(Prefetch("events", queryset=events)):
        open_cases[application.agency_id] += 1
        where = bucket_of(application, calendar, today=today)
        if where is None:
            continue
        counts[application.agency_id][where.value] += 1
        if where is rules.Bucket.OVERDUE:
            rows.append(
                OverdueRow(
                    number=application.number,
                    agency=names[application.agency_id],
                    received_on=application.received_on,
                    deadline=application.deadline,
                    status=application.get_status_display(),
                    bucket=where.value,
                )
            )
    rows.sort(key=lambda r: (r.deadline or date.max, r.agency, r.number))
    per_agency = [
        AgencyCounts(names[pk], open_cases[pk], dict(counts[pk]))
        for pk in sorted(open_cases, key=lambda pk: names[pk])
    ]
    return rows, per_agency


def applicant_counts(application: Application) -> rules.ApplicationCounts:
    """条例第35条: this applicant's applications to the agency in the month and year of this
    one (the same name and phone; the identity number is stored encrypted and is not
    compared)."""
    days = Application.objects.filter(
        agency_id=application.agency_id,
        name=application.name,
        phone=application.phone,
        received_on__year=application.received_on.year,
    ).values_list("received_on", flat=True)
    return rules.application_counts(days, on=application.received_on)


def handlers_of(agency: Agency) -> QuerySet[User]:
    """Who a case may be assigned to: the active staff of the agency who may handle it."""
    candidates = User.objects.filter(agency=agency, is_active=True).prefetch_related(
        "role_assignments"
    )
    ok = [u.pk for u in candidates if can(u, Action.HANDLE_APPLICATIONS, agency)]
    return User.objects.filter(pk__in=ok).order_by("username")


def units_of(agency: Agency) -> QuerySet[Unit]:
    return Unit.objects.filter(agency=agency, active=True)


# What a step's `until` is, in the history of the case.
UNTIL_LABELS: Mapping[str, Any] = {
    "": _("correction period until %(day)s"),
    rules.Step.ASK_REASONS.value: _("reasons to be stated by %(day)s"),
    rules.Step.SET_LONGER_PERIOD.value: _("longer reply period until %(day)s"),
}


@dataclass(frozen=True)
class HistoryLine:
    day: date
    at: Any
    actor: Any
    step: str
    label: str
    details: Sequence[str]


def _details(event: CaseEvent) -> list[str]:
    lines = []
    if event.outcome:
        lines.append(rules.OUTCOMES[rules.Outcome(event.outcome)].label)
    if event.variant:
        lines.append(VARIANT_LABELS[rules.Variant(event.variant)])
    if event.until:
        lines.append(str(UNTIL_LABELS.get(event.step, UNTIL_LABELS[""]) % {"day": event.until}))
    if event.party:
        lines.append(event.party)
    if event.reason:
        lines.append(event.reason)
    reply = reply_of(event)
    if reply:
        lines += [f"{REPLY_ITEMS[rules.ReplyItem(k)].label}：{text}" for k, text in reply.items()]
    elif event.note:
        lines.append(event.note)
    return lines


def history(events: Iterable[CaseEvent]) -> list[HistoryLine]:
    return [
        HistoryLine(
            day=e.day,
            at=e.at,
            actor=e.actor,
            step=e.step,
            label=STEP_LABELS[rules.Step(e.step)],
            details=_details(e),
        )
        for e in events
    ]


def case_page(*, user: Any, application: Application, today: date) -> dict[str, Any]:
    """Everything the case page shows (the caller got `application` from application_get_for)."""
    calendar = work_calendar()
    stored = list(application.events.select_related("actor").order_by(*ORDER))
    events = [e.as_rule() for e in stored]
    deadline = rules.case_deadline(events, calendar)
    handles = can(user, Action.HANDLE_APPLICATIONS, application)
    steps = rules.allowed_steps(events, calendar, on=today) if handles else []
    open_case = application.status in OPEN
    where = rules.case_bucket(events, calendar, today=today) if open_case else None
    return {
        "application": application,
        "history": history(stored),
        "deadline": deadline,
        "deadline_steps": [render(step) for step in deadline.steps],
        "bucket": BUCKET_LABELS.get(where) if where is not None else None,
        "open_case": open_case,
        "steps": steps,
        "counts": applicant_counts(application),
        "files": list(application.files.all()),
        "handles": handles,
        "correction_notice_due": rules.correction_notice_due(calendar, application.received_on),
    }


def file_get_for(*, user: Any, application_pk: int, pk: int) -> ApplicationFile:
    application = application_get_for(user=user, pk=application_pk)
    found = ApplicationFile.objects.filter(application=application, pk=pk).first()
    if found is None:
        raise Http404
    return found


# gongkai.core.applications' sentences in the reader's language: English msgids here, their
# zh-hans translations are the core's Chinese sentences (docs/conventions.md). A code not
# listed falls back to the calendar's templates, then to the Chinese text.
MESSAGES: Mapping[str, Any] = {
    # workflow.py
    "case.empty": _("The case has no record; it must be registered first."),
    "case.register_first": _(
        "A case must be registered first; its first step cannot be “%(step)s”."
    ),
    "case.registered_twice": _(
        "The case was registered on %(day)s and cannot be registered again."
    ),
    "case.out_of_order": _(
        "The date of “%(step)s”, %(day)s, is before the date of the previous step “%(previous)s”, "
        "%(previous_day)s."
    ),
    "case.wrong_status": _("“%(step)s” is not possible while the case is “%(status)s”."),
    "consultation.unknown": _("No open consultation letter was sent to “%(party)s”."),
    "consultation.answered_same_day": _(
        "The opinion (%(answered)s) must come after the consultation letter was sent (%(sent)s)."
    ),
    # handling.py
    "step.future": _("The date of “%(step)s”, %(day)s, is after today, %(today)s."),
    "step.out_of_order": _(
        "The date of “%(step)s”, %(day)s, is before the date of the previous step, "
        "%(previous_day)s."
    ),
    "step.wrong_status": _("“%(step)s” is not possible while the case is “%(status)s”."),
    "correction.second": _(
        "A correction is requested once (OGI Regulations, art. 30): this application was "
        "already asked for one on %(day)s."
    ),
    "correction.late": _(
        "The correction notice must go out within 7 working days of receipt (OGI Regulations, "
        "art. 30): received %(received)s, notice due by %(due)s; %(day)s is too late."
    ),
    "correction.no_period": _(
        "The correction notice must state a reasonable period ending after the notice day "
        "%(day)s (OGI Regulations, art. 30)."
    ),
    "correction.after_period": _(
        "The correction period ended on %(until)s; for a late correction record the "
        "applicant's good reason (OGI Regulations, art. 30)."
    ),
    "correction.not_lapsed": _(
        "The correction period runs until %(until)s; the application cannot be deemed "
        "abandoned before then."
    ),
    "correction.pending": _(
        "The applicant is correcting the application (period until %(until)s): no decision "
        "before the correction arrives or the period ends."
    ),
    "extension.second": _(
        "The reply period can be extended once only (OGI Regulations, art. 33(2)); this one "
        "was extended on %(day)s."
    ),
    "extension.late": _(
        "An extension must be approved and told to the applicant before the deadline %(due)s "
        "(OGI Regulations, art. 33(2)); %(day)s is too late."
    ),
    "fee.second": _("A fee notice was already sent on %(day)s; it cannot be sent again."),
    "fee.unpaid": _(
        "The fee of the notice of %(notified)s is not paid yet (due by %(due)s): no decision "
        "before payment."
    ),
    "fee.late_payment": _(
        "The payment period ended on %(due)s: the application is deemed abandoned "
        "(国办函〔2020〕109号); a payment can no longer be recorded."
    ),
    "fee.not_lapsed": _(
        "The payment period runs until %(due)s; the application cannot be deemed abandoned "
        "before then."
    ),
    "consultation.no_party": _("Name who is consulted (the third party or other agency)."),
    "consultation.pending": _(
        "%(party)s may answer until %(until)s (OGI Regulations, art. 32): no decision before "
        "then without the opinion."
    ),
    "decision.no_outcome": _("Choose the outcome (a row of table 三 of the annual report)."),
    "decision.lapse_outcome": _(
        "The outcome “%(outcome)s” comes only from the step “%(step)s”; it cannot be chosen."
    ),
    "decision.not_corrected": _(
        "No corrected application was received: the reply cannot be “still unclear after "
        "correction” (OGI Regulations, art. 30)."
    ),
    "close.needs_letter": _(
        "The outcome “%(outcome)s” needs a reply letter, delivered, before the case is closed "
        "(OGI Regulations, art. 36)."
    ),
    "reasons.second": _(
        "The applicant was already asked for the reasons on %(day)s (OGI Regulations, "
        "art. 35); they cannot be asked again."
    ),
    "reasons.no_period": _(
        "The day to state the reasons by, %(until)s, must come after the request, %(day)s."
    ),
    "longer.not_asked": _(
        "Ask the applicant for the reasons first (OGI Regulations, art. 35): a longer reply "
        "period is fixed only when they are accepted."
    ),
    "longer.second": _(
        "A longer reply period was already fixed on %(day)s, until %(until)s (OGI Regulations, "
        "art. 35); it cannot be fixed again."
    ),
    "longer.no_date": _("Give the last day of the longer reply period (OGI Regulations, art. 35)."),
    "longer.not_later": _(
        "The longer reply period, until %(until)s, must end after the current deadline "
        "%(due)s; otherwise no longer period is needed (OGI Regulations, art. 35)."
    ),
    "longer.late": _(
        "A longer reply period must be fixed and told to the applicant before the deadline "
        "%(due)s (OGI Regulations, art. 35); %(day)s is too late."
    ),
    "extension.after_longer": _(
        "A longer reply period until %(until)s was fixed on %(day)s (OGI Regulations, "
        "art. 35); the reply period is not extended any more."
    ),
    "decision.excessive_not_asked": _(
        "The applicant was not asked for the reasons: the reply cannot be “many repeated "
        "requests without good reason” (OGI Regulations, art. 35)."
    ),
    "decision.excessive_accepted": _(
        "The applicant's reasons were accepted (a longer reply period was fixed on %(day)s): "
        "the reply can no longer be “many repeated requests without good reason” (OGI "
        "Regulations, art. 35)."
    ),
    # deadlines.py
    "case.correction_open": _(
        "Correction requested on %(requested)s, period until %(until)s; the corrected "
        "application has not arrived: counted as if it arrived on %(until)s. When it arrives "
        "%(count)s working days are counted again from that day (OGI Regulations, art. 30)."
    ),
    "case.consultation_open": _(
        "Consultation letter sent to %(party)s on %(sent)s, no opinion yet: counted as if it "
        "arrives on the last day of its period, %(period_end)s (art. 32: 15 working days)."
    ),
    "case.consultation_late": _(
        "The opinion of %(party)s arrived on %(answered)s, after its period ended on "
        "%(period_end)s; the days not counted end on %(period_end)s (art. 32)."
    ),
    "case.fee_paused": _(
        "%(first)s to %(last)s, from the fee notice to payment, not counted towards the reply "
        "period (国办函〔2020〕109号): %(excluded)s working days left out."
    ),
    "case.fee_open": _(
        "Fee notice received on %(notified)s, not paid yet; payment due by %(due)s (%(count)s "
        "working days): counted as if paid on that day."
    ),
    "case.fee_counted": _(
        "By this agency's setting, the days from the fee notice to payment are counted."
    ),
    "case.reasons_asked": _(
        "The applicant was asked for the reasons on %(day)s (OGI Regulations, art. 35); the "
        "reply period keeps running meanwhile."
    ),
    "case.reasons_asked_until": _(
        "On %(day)s the applicant was asked to state the reasons by %(until)s (OGI "
        "Regulations, art. 35); the reply period keeps running meanwhile."
    ),
    "case.longer_period": _(
        "On %(day)s a longer reply period until %(until)s was fixed and told to the applicant "
        "(OGI Regulations, art. 35): the deadline is %(until)s, no longer the working days "
        "counted above."
    ),
    # vocabulary.py
    "outcome.variant_needed": _(
        "The outcome “%(outcome)s” needs the type of reply of OGI Regulations art. 36."
    ),
    "outcome.variant_mismatch": _(
        "The type of reply “%(variant)s” does not belong to the outcome “%(outcome)s”."
    ),
    "reply.missing": _("The reply lacks: %(item)s (%(article)s)."),
    # intake.py
    "excess.warning": _(
        "This applicant made %(month)s applications this month and %(year)s this year; this "
        "may clearly exceed a reasonable range: you may ask for the reasons (OGI Regulations, "
        "art. 35)."
    ),
}


def render(message: Message) -> str:
    """A core Message in the active language."""
    template = MESSAGES.get(message.code)
    if template is None:
        if message.code in calendar_messages.TEMPLATES:
            return calendar_messages.render(message)
        return message.text
    params = {name: _param(value) for name, value in message.params.items()}
    return str(template) % params


def _param(value: Param) -> str:
    if isinstance(value, Message):
        return render(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return str(calendar_messages.LIST_SEPARATOR).join(_param(item) for item in value)
    return str(value)
