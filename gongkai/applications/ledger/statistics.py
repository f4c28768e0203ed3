"""The figures a ledger carries for one year: table 三 (received, carried over, results by
row and applicant kind, carried forward), table 四 and the fees of section 六.

A case counts in the year of the event that gave it its outcome (答复日期 in the ledger):
DECIDE, or the lapse or withdrawal step. An application is "of" year Y — exported in its
ledger — when it arrived by the end of Y and had not ended before Y. Fees count in the year
they were paid (RECORD_PAYMENT). The same figures come out of an export imported into an
empty agency (tests/test_ledger.py).
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Q, QuerySet

from gongkai.accounts.models import Agency
from gongkai.applications.models import Application, CaseEvent, Remedy
from gongkai.core import applications as rules
from gongkai.core.applications.workflow import STEP_OUTCOMES

OUTCOME_STEPS = frozenset({rules.Step.DECIDE, *STEP_OUTCOMES})


def ended_on(events: Iterable[CaseEvent]) -> date | None:
    """The day the case got its outcome (the ledger's 答复日期), None while it is open."""
    days = [e.day for e in events if e.step in OUTCOME_STEPS]
    return days[-1] if days else None


def paid_on(events: Iterable[CaseEvent]) -> date | None:
    days = [e.day for e in events if e.step == rules.Step.RECORD_PAYMENT]
    return days[-1] if days else None


def ledger_applications(agency: Agency, year: int) -> QuerySet[Application]:
    """The applications that may belong to the year's ledger, events prefetched; those that
    ended before the year are removed by `of_year`."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    return (
        Application.objects.filter(agency=agency, received_on__lte=end)
        .filter(Q(received_on__gte=start) | Q(replied_on__isnull=True) | Q(replied_on__gte=start))
        .order_by("received_on", "year", "seq")
        .prefetch_related("events")
    )


def of_year(application: Application, year: int) -> bool:
    ended = ended_on(application.events.all())
    return ended is None or ended.year >= year


@dataclass(frozen=True)
class LedgerStatistics:
    """Counts keyed by the core's codes: applicant kind, (outcome, applicant kind), table 四
    column (1–15, 总计 included)."""

    new: dict[str, int] = field(default_factory=dict)  # 一、本年新收
    carried_over: dict[str, int] = field(default_factory=dict)  # 二、上年结转
    results: dict[tuple[str, str], int] = field(default_factory=dict)  # 三
    carried_forward: dict[str, int] = field(default_factory=dict)  # 四、结转下年度继续办理
    remedies: dict[int, int] = field(default_factory=dict)  # 表四
    fee_cases: int = 0
    fee_total: Decimal = Decimal("0.00")


def ledger_statistics(agency: Agency, year: int) -> LedgerStatistics:
    """The year's figures of the agency's applications and remedies."""
    new: Counter[str] = Counter()
    carried: Counter[str] = Counter()
    results: Counter[tuple[str, str]] = Counter()
    forward: Counter[str] = Counter()
    fee_cases, fee_total = 0, Decimal("0.00")
    for application in ledger_applications(agency, year):
        events: Sequence[CaseEvent] = list(application.events.all())
        ended = ended_on(events)
        if ended is not None and ended.year < year:
            continue
        kind = application.applicant_kind
        (new if application.received_on.year == year else carried)[kind] += 1
        if ended is not None and ended.year == year:
            results[(application.outcome, kind)] += 1
        else:
            forward[kind] += 1
        paid = paid_on(events)
        if paid is not None and paid.year == year and application.fee_amount:
            fee_cases += 1
            fee_total += application.fee_amount
    remedies: Counter[int] = Counter()
    for kind, result in Remedy.objects.filter(agency=agency, year=year).values_list(
        "kind", "result"
    ):
        column = rules.remedy_column(rules.RemedyKind(kind), rules.RemedyResult(result))
        remedies[column] += 1
        remedies[(column - 1) // 5 * 5 + 5] += 1  # the block's 总计
    return LedgerStatistics(
        new=dict(new),
        carried_over=dict(carried),
        results=dict(results),
        carried_forward=dict(forward),
        remedies=dict(remedies),
        fee_cases=fee_cases,
        fee_total=fee_total,
    )
