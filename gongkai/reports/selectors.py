"""The facts of an agency's annual report, read from the database (docs/annual-report.md,
"The command and its outputs"), and the report built from them by the core.

- Table 三: every application of the agency received by the end of the year (imported ledger
  cases included) as a `CaseFact`: applicant kind, received day, outcome, and the day of the
  event that gave the outcome (DECIDE or a lapse/withdrawal step, as `ledger_statistics`).
- Table 四: every `Remedy` of the year.
- Section 六: a fee is the amount of the last 收费通知 (CaseEvent.details["fee"]["amount"]),
  else `Application.fee_amount`, counted on the day of the last RECORD_PAYMENT.
- Table 二: the registry counts of `registry_counts` and the office's `ReportFigure`s.
- Last year (X1, X2): the tables 二 and 三 of last year's latest *published* version
  (`PublishedReport.snapshot`) when there is one, so a change to old records after
  publication shows up as an X1 failure; else recomputed from the same records.

A few queries whatever the size (one per table), values only, no model instances.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Count, Q
from django.http import Http404

from gongkai.accounts.models import Agency
from gongkai.accounts.permissions import Action, can, require
from gongkai.applications.ledger.statistics import OUTCOME_STEPS
from gongkai.applications.models import Application, CaseEvent, Remedy
from gongkai.core import annual_report as ar
from gongkai.core.annual_report.layout import (
    DECISIONS,
    NEW_MADE,
    NEW_PUBLISHED,
    NORMATIVE,
    PUBLISHED_TOTAL,
    RULES,
)
from gongkai.core.applications import Step
from gongkai.core.applications.vocabulary import ApplicantKind, Outcome, RemedyKind, RemedyResult
from gongkai.core.workcalendar import MessageError
from gongkai.documents.models import Record
from gongkai.documents.selectors import public_records
from gongkai.reports.models import (
    EnteredTables,
    PublishedReport,
    ReportFigure,
    ReportText,
    ReportTextVersion,
)

# [I] 规章 are promulgated by 政府令: a record of the genre 命令（令） counts as 规章; any other
# record marked is_normative counts as 行政规范性文件.
RULES_GENRE = "命令（令）"
ENDED = (Record.Validity.REPEALED, Record.Validity.EXPIRED)
COUNTED_STATUSES = (Record.Status.PUBLISHED, Record.Status.ARCHIVED)

_OUTCOME_STEP_VALUES = [str(step) for step in OUTCOME_STEPS]
_KINDS = {kind.value: kind for kind in ApplicantKind}
_OUTCOMES = {outcome.value: outcome for outcome in Outcome}


@dataclass(frozen=True)
class Registry:
    """One kind's counts of a year, and (for the 2019 layout) how many were published in it."""

    counts: ar.RegistryCounts
    published: int


@dataclass(frozen=True)
class ReportFacts:
    cases: list[ar.CaseFact]
    remedies: list[ar.RemedyFact]
    fees: list[ar.FeeFact]
    registry: Mapping[tuple[int, str], Registry]  # (year, RULES|NORMATIVE)
    figures: Mapping[int, Mapping[str, str]]  # year → key → value as typed
    texts: Mapping[str, list[str]]  # 一, 五, 六 → paragraphs
    published: Mapping[int, int] = field(default_factory=dict)  # year → 主动公开 records


def case_facts(agency: Agency, year: int) -> tuple[list[ar.CaseFact], list[ar.FeeFact]]:
    end = date(year, 12, 31)
    ended: dict[int, date] = {}
    paid: dict[int, date] = {}
    notified: dict[int, Decimal] = {}
    events = CaseEvent.objects.filter(
        application__agency=agency,
        application__received_on__lte=end,
        step__in=[*_OUTCOME_STEP_VALUES, Step.RECORD_PAYMENT.value],
    ).order_by("application_id", "day", "at", "pk")
    for application_id, step, day in events.values_list("application_id", "step", "day"):
        (paid if step == Step.RECORD_PAYMENT else ended)[application_id] = day
    fee_events = CaseEvent.objects.filter(
        application__agency=agency, application_id__in=list(paid), step=Step.NOTIFY_FEE.value
    ).order_by("application_id", "day", "at", "pk")
    for application_id, details in fee_events.values_list("application_id", "details"):
        amount = _amount((details or {}).get("fee", {}).get("amount"))
        if amount is not None:
            notified[application_id] = amount
    cases: list[ar.CaseFact] = []
    fees: list[ar.FeeFact] = []
    rows = Application.objects.filter(agency=agency, received_on__lte=end).values_list(
        "id", "applicant_kind", "received_on", "outcome", "fee_amount"
    )
    for pk, kind, received, outcome, fee_amount in rows.order_by():
        decided = ended.get(pk)
        if outcome and decided is not None:
            cases.append(ar.CaseFact(_KINDS[kind], received, _OUTCOMES[outcome], decided))
        else:
            cases.append(ar.CaseFact(_KINDS[kind], received))
        if pk in paid:
            amount = notified.get(pk, fee_amount)
            if amount is not None:
                fees.append(ar.FeeFact(amount, paid[pk]))
    return cases, fees


def _amount(raw: object) -> Decimal | None:
    try:
        return Decimal(str(raw)) if raw not in (None, "") else None
    except InvalidOperation:
        return None


def remedy_facts(agency: Agency, years: tuple[int, ...]) -> list[ar.RemedyFact]:
    rows = Remedy.objects.filter(agency=agency, year__in=years).values_list(
        "kind", "result", "year"
    )
    return [ar.RemedyFact(RemedyKind(k), RemedyResult(r), y) for k, r, y in rows.order_by()]


def registry_counts(agency: Agency, years: tuple[int, ...]) -> dict[tuple[int, str], Registry]:
    """规章 and 行政规范性文件 of the registry, per year ([I], docs/annual-report.md):

    - counted: records that were published (published or archived; a revoked record was
      withdrawn as published in error and counts nowhere);
    - made in Y: ``written_on`` (成文日期) in Y, or, without it, published in Y;
    - repealed in Y: validity 已废止 or 已失效 with ``validity_changed_on`` in Y;
    - in force at the end of Y: made by the end of Y and not repealed/expired by then
      (已修改 stays in force: a revision is not a repeal);
    - published in Y (2019 layout, 本年新公开数量): ``published_at`` in Y.
    """
    base = Record.objects.filter(agency=agency, status__in=COUNTED_STATUSES)
    kinds = {RULES: Q(genre=RULES_GENRE), NORMATIVE: Q(is_normative=True) & ~Q(genre=RULES_GENRE)}
    made_on = Q(written_on__isnull=False)
    aggregates = {}
    for year in years:
        start, end = date(year, 1, 1), date(year, 12, 31)
        made_in = (made_on & Q(written_on__range=(start, end))) | (
            Q(written_on__isnull=True) & Q(published_at__year=year)
        )
        made_by = (made_on & Q(written_on__lte=end)) | (
            Q(written_on__isnull=True) & Q(published_at__year__lte=year)
        )
        ended = Q(validity__in=ENDED, validity_changed_on__isnull=False)
        repealed_in = ended & Q(validity_changed_on__range=(start, end))
        ended_by = Q(validity__in=ENDED) & (
            Q(validity_changed_on__isnull=True) | Q(validity_changed_on__lte=end)
        )
        for kind, where in kinds.items():
            aggregates[f"{year}_{kind}_made"] = Count("pk", filter=where & made_in)
            aggregates[f"{year}_{kind}_repealed"] = Count("pk", filter=where & repealed_in)
            aggregates[f"{year}_{kind}_in_force"] = Count("pk", filter=where & made_by & ~ended_by)
            aggregates[f"{year}_{kind}_published"] = Count(
                "pk", filter=where & Q(published_at__year=year)
            )
    got = base.filter(Q(genre=RULES_GENRE) | Q(is_normative=True)).aggregate(**aggregates)
    out: dict[tuple[int, str], Registry] = {}
    for year in years:
        for kind in kinds:
            key = f"{year}_{kind}"
            counts = ar.RegistryCounts(
                got[f"{key}_made"], got[f"{key}_repealed"], got[f"{key}_in_force"]
            )
            out[(year, kind)] = Registry(counts, got[f"{key}_published"])
    return out


def report_facts(agency: Agency, year: int) -> ReportFacts:
    """Everything the report on `year` and its predecessor (for X1, X2) are made of."""
    years = (year - 1, year)
    cases, fees = case_facts(agency, year)
    figures: dict[int, dict[str, str]] = {y: {} for y in years}
    for y, key, value in ReportFigure.objects.filter(agency=agency, year__in=years).values_list(
        "year", "key", "value"
    ):
        figures[y][key] = value
    texts = {
        section: paragraphs
        for section, paragraphs in (
            (text.section, text.paragraphs)
            for text in ReportText.objects.filter(agency=agency, year=year)
        )
    }
    return ReportFacts(
        cases=cases,
        remedies=remedy_facts(agency, years),
        fees=fees,
        registry=registry_counts(agency, years),
        figures=figures,
        texts=texts,
        published={y: published_count(agency, y) for y in years},
    )


def published_count(agency: Agency, year: int) -> int:
    """主动公开政府信息条数: the agency's public records published in `year` (as
    `documents.statistics.year_figures` counts them); N1 compares the prose with it."""
    reports = PublishedReport.objects.filter(agency=agency, record__isnull=False)
    published = public_records().filter(agency=agency, published_at__year=year)
    # The annual reports' own records do not count themselves (a report published in
    # December of its year would otherwise change its own 主动公开 figure).
    return published.exclude(pk__in=reports.values("record_id")).count()


# The report ------------------------------------------------------------------------------


def _table_two(facts: ReportFacts, year: int, entered: Mapping[str, str]) -> ar.Table:
    rules, normative = facts.registry[(year, RULES)], facts.registry[(year, NORMATIVE)]
    fmt = ar.format_for_year(year)
    if fmt is ar.ReportFormat.FORMAT_2021:
        return ar.table_two(rules=rules.counts, normative=normative.counts, entered=entered)
    # [I] The 2019 layout: 本年新制作 = made, 本年新公开 = published in the year, 对外公开总数量
    # = in force; 处理决定数量 as entered; the item counts and 政府集中采购 stay blank.
    raw: dict[tuple[str, str], object] = {}
    for row, registry in ((RULES, rules), (NORMATIVE, normative)):
        raw[(row, NEW_MADE)] = registry.counts.made
        raw[(row, NEW_PUBLISHED)] = registry.published
        raw[(row, PUBLISHED_TOTAL)] = registry.counts.in_force
    for key in (ReportFigure.Key.LICENSING, ReportFigure.Key.PENALTY, ReportFigure.Key.COERCION):
        if entered.get(key):
            raw[(str(key), DECISIONS)] = entered[key]
    return ar.entered_table(ar.layout("二", fmt), raw)


def build(facts: ReportFacts, *, agency: str, year: int, strict: bool = True) -> ar.AnnualReport:
    """The report on `year`; `strict=False` (last year's, for the checks) ignores entered
    figures that do not parse instead of raising MessageError."""
    entered = facts.figures.get(year, {})
    try:
        two = _table_two(facts, year, entered)
    except MessageError:
        if strict:
            raise
        two = _table_two(facts, year, {})
    return ar.assemble(
        agency=agency,
        year=year,
        overview=facts.texts.get("一", []),
        table_two=two,
        table_three=ar.table_three(facts.cases, year),
        table_four=ar.table_four(facts.remedies, year),
        problems=facts.texts.get("五", []),
        other=facts.texts.get("六", []),
        fees=ar.fees_of_year(facts.fees, year),
        published=facts.published.get(year),
    )


def latest_published(agency: Agency, year: int) -> PublishedReport | None:
    return PublishedReport.objects.filter(agency=agency, year=year).order_by("-version").first()


def frozen_tables(report: ar.AnnualReport, snapshot: Mapping[str, object]) -> ar.AnnualReport:
    """`report` with the tables 二, 三 and 四 of a published snapshot (report_json shape)."""
    tables: dict[str, ar.Table] = {}
    for section in snapshot.get("sections", []):  # type: ignore[attr-defined]
        table = section.get("table")
        if not table:
            continue
        fmt = ar.ReportFormat(table["format"])
        raw = {
            (row, column): value
            for row, columns in table["values"].items()
            for column, value in columns.items()
            if value is not None
        }
        tables[section["number"]] = ar.entered_table(ar.layout(section["number"], fmt), raw)
    sections = tuple(
        replace(section, table=tables[section.number]) if section.number in tables else section
        for section in report.sections
    )
    return replace(report, sections=sections)


@dataclass(frozen=True)
class Checked:
    report: ar.AnnualReport
    last_year: ar.AnnualReport
    findings: list[ar.Finding]
    last_year_published: PublishedReport | None
    last_year_entered: EnteredTables | None = None

    @property
    def blocking(self) -> list[ar.Finding]:
        return [f for f in self.findings if f.blocking]


def checked_report(agency: Agency, year: int) -> Checked:
    """The report on `year` from the records with its findings; X1/X2 compare it with last
    year's latest published version, else with the tables entered for last year (a year kept
    outside Gongkai), else with last year recomputed from the records.
    Raises MessageError for an entered figure that is not a valid number."""
    facts = report_facts(agency, year)
    report = build(facts, agency=agency.name, year=year)
    last_year = build(facts, agency=agency.name, year=year - 1, strict=False)
    published = latest_published(agency, year - 1)
    entered = None
    if published is not None:
        last_year = frozen_tables(last_year, published.snapshot)
    elif (
        entered := EnteredTables.objects.filter(agency=agency, year=year - 1).first()
    ) is not None:
        last_year = frozen_tables(last_year, entered.snapshot)
    findings = ar.check_report(report, last_year)
    return Checked(report, last_year, findings, published, entered)


# The console ---------------------------------------------------------------------------------

FIRST_YEAR = 2008  # 条例 in force from 2008-05-01


def report_agency_for(*, user: Any, code: str, year: int, this_year: int) -> Agency:
    """The agency whose report on `year` `user` may read; a hidden one (or a year outside
    2008 … this year) is a 404."""
    agency = Agency.objects.filter(code=code).first()
    if (
        agency is None
        or not FIRST_YEAR <= year <= this_year
        or not can(user, Action.VIEW_ANNUAL_REPORT, agency)
    ):
        raise Http404
    return agency


def published_for(*, user: Any, agency: Agency, year: int) -> list[PublishedReport]:
    require(user, Action.VIEW_ANNUAL_REPORT, agency)
    return list(
        PublishedReport.objects.filter(agency=agency, year=year)
        .select_related("published_by", "override_by")
        .order_by("-version")
    )


def text_versions_for(*, user: Any, agency: Agency, year: int, section: str) -> list[Any]:
    require(user, Action.VIEW_ANNUAL_REPORT, agency)
    return list(
        ReportTextVersion.objects.filter(agency=agency, year=year, section=section)
        .select_related("saved_by")
        .order_by("-version")
    )


def report_year(today: date) -> int:
    """The year whose report is in hand: this year in December, else last year."""
    return today.year if today.month == 12 else today.year - 1
