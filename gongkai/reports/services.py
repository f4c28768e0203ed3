"""Changes to an agency's annual report (docs/annual-report.md, "The console and
publication"): the office's entered figures and prose, an approver's override of failed
checks, publication of a frozen version. Each checks permission first and audits last."""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.accounts.models import Agency
from gongkai.accounts.permissions import Action, require
from gongkai.audit.services import audit_log
from gongkai.core import annual_report as ar
from gongkai.core.annual_report.layout import AMOUNT, DECISIONS
from gongkai.core.annual_report.report import finding_json
from gongkai.core.annual_report.tables import cell_name
from gongkai.core.workcalendar import MessageError
from gongkai.documents.columns import columns_install_standard
from gongkai.documents.models import Record
from gongkai.documents.services import record_publish_generated
from gongkai.reports import entered, render, selectors
from gongkai.reports.messages import render_message
from gongkai.reports.models import (
    ChecksOverride,
    EnteredTables,
    PublishedReport,
    ReportFigure,
    ReportText,
    ReportTextVersion,
)
from gongkai.reports.versions import text_save_version

REPORT_GENRE = "报告"
CORRECTION_NOTE = "更正说明（%(day)s，第%(version)s版）：%(note)s"
REPORT_SUMMARY = "%(agency)s依据《中华人民共和国政府信息公开条例》第五十条编制的%(year)s年政府信息公开工作年度报告。"

FIGURE_COLUMNS = {
    ReportFigure.Key.LICENSING: DECISIONS,
    ReportFigure.Key.PENALTY: DECISIONS,
    ReportFigure.Key.COERCION: DECISIONS,
    ReportFigure.Key.CHARGES: AMOUNT,
}


def figure_cells(year: int) -> dict[str, tuple[str, ar.ValueKind]]:
    """key → (the cell's official name, its kind) for the entered figures of `year`'s layout
    (the 2019 layout has no 收费金额 cell)."""
    table = ar.layout("二", ar.format_for_year(year))
    out: dict[str, tuple[str, ar.ValueKind]] = {}
    for row, cell in table.cells():
        column = FIGURE_COLUMNS.get(row.key)  # type: ignore[call-overload]
        if column is not None and cell.column == column:
            out[row.key] = (cell_name(table, row, column), cell.kind)
    return out


def clean_figures(year: int, values: dict[str, str]) -> dict[str, str]:
    """The figures as stored (stripped), or ValidationError naming each refused cell."""
    cells = figure_cells(year)
    errors: dict[str, list[str]] = {}
    out: dict[str, str] = {}
    for key, raw in values.items():
        if key not in cells:
            continue
        text = (raw or "").strip()
        name, kind = cells[key]
        try:
            ar.parse_value(text, kind, name)
        except MessageError as exc:
            errors[key] = [render_message(exc.message)]
            continue
        out[key] = text
    if errors:
        raise ValidationError(errors)
    return out


@transaction.atomic
def figures_save(
    *, actor: Any, agency: Agency, year: int, values: dict[str, str], now: datetime
) -> dict[str, str]:
    require(actor, Action.EDIT_ANNUAL_REPORT, agency)
    cleaned = clean_figures(year, values)
    before = dict(ReportFigure.objects.filter(agency=agency, year=year).values_list("key", "value"))
    for key, value in cleaned.items():
        if value:
            ReportFigure.objects.update_or_create(
                agency=agency, year=year, key=key, defaults={"value": value}
            )
        else:
            ReportFigure.objects.filter(agency=agency, year=year, key=key).delete()
    changes = {
        key: [before.get(key), value or None]
        for key, value in cleaned.items()
        if before.get(key) != (value or None)
    }
    if changes:
        audit_log(
            actor=actor,
            action="reports.figures_saved",
            target=agency,
            changes={"year": [year, year], **changes},
            now=now,
        )
    return cleaned


@transaction.atomic
def text_save(
    *, actor: Any, agency: Agency, year: int, section: str, text: str, now: datetime
) -> ReportTextVersion | None:
    """Save the text of section 一, 五 or 六 as a new version; None when it did not change."""
    require(actor, Action.EDIT_ANNUAL_REPORT, agency)
    if section not in ReportText.Section.values:
        raise ValidationError({"section": _("Unknown section.")})
    return text_save_version(
        actor=actor,
        current=ReportText,
        versions=ReportTextVersion,
        key={"agency": agency, "year": year, "section": section},
        text=text,
        now=now,
        action="reports.text_saved",
    )


def _finding_key(finding: ar.Finding) -> dict[str, object]:
    data = finding_json(finding)
    return {k: data[k] for k in ("check", "table", "row", "column", "expected", "actual")}


@transaction.atomic
def override_grant(
    *, actor: Any, agency: Agency, year: int, reason: str, now: datetime
) -> ChecksOverride:
    """An approver lets the report be published despite its current blocking findings."""
    require(actor, Action.OVERRIDE_REPORT_CHECKS, agency)
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the override.")})
    checked = _checked(agency, year)
    if not checked.blocking:
        raise ValidationError(_("No check blocks publication: there is nothing to override."))
    override = ChecksOverride.objects.create(
        agency=agency,
        year=year,
        findings=[_finding_key(f) for f in checked.blocking],
        reason=reason,
        granted_by=actor,
        granted_at=now,
    )
    audit_log(
        actor=actor,
        action="reports.checks_overridden",
        target=override,
        changes={"year": [None, year], "findings": [None, override.findings]},
        reason=reason,
        now=now,
    )
    return override


def _checked(agency: Agency, year: int) -> selectors.Checked:
    try:
        return selectors.checked_report(agency, year)
    except MessageError as exc:
        raise ValidationError(render_message(exc.message)) from None


def open_override(agency: Agency, year: int, blocking: list[ar.Finding]) -> ChecksOverride | None:
    """The unused override that covers every one of `blocking`, if any."""
    wanted = [_finding_key(f) for f in blocking]
    for override in ChecksOverride.objects.filter(agency=agency, year=year, used=False):
        if all(key in override.findings for key in wanted):
            return override
    return None


@transaction.atomic
def report_publish(
    *, actor: Any, agency: Agency, year: int, note: str = "", now: datetime, today: Any
) -> PublishedReport:
    """Freeze the report on `year` as its next version. Blocking findings refuse it unless an
    approver's override covers them; a correction (version 2+) needs a note of what changed."""
    require(actor, Action.PUBLISH_ANNUAL_REPORT, agency)
    Agency.objects.select_for_update().filter(pk=agency.pk).first()  # one version at a time
    note = (note or "").strip()
    last = selectors.latest_published(agency, year)
    version = (last.version if last else 0) + 1
    if version > 1 and not note:
        raise ValidationError({"note": _("A correction needs a note of what changed.")})
    checked = _checked(agency, year)
    if any(f.check is ar.Check.PROMPT_LEFT for f in checked.blocking):
        raise ValidationError(
            _(
                "A drafted prompt 【请填写：…】 is left in the text: fill it in before publishing "
                "(no override publishes a prompt)."
            )
        )
    override = open_override(agency, year, checked.blocking) if checked.blocking else None
    if checked.blocking and override is None:
        raise ValidationError(
            _(
                "%(count)s check(s) block publication: correct the report or ask the approver "
                "(分管领导) for an override."
            )
            % {"count": len(checked.blocking)}
        )
    deadline = ar.deadline_status(year, today, published=today)
    snapshot = ar.report_json(
        checked.report, agency_code=agency.code, findings=checked.findings, deadline=deadline
    )
    published = PublishedReport.objects.create(
        agency=agency,
        year=year,
        version=version,
        snapshot=snapshot,
        html=render.report_html(checked.report, checked.findings),
        note=note,
        published_by=actor,
        published_at=now,
        override_reason=override.reason if override else "",
        override_by=override.granted_by if override else None,
        override_at=override.granted_at if override else None,
    )
    if override is not None:
        override.used = True
        override.save(update_fields=["used"])
    published.record = _publish_record(actor, agency, checked.report, published, last, now)
    published.save(update_fields=["record"])
    audit_log(
        actor=actor,
        action="reports.published",
        target=published,
        changes={
            "year": [None, year],
            "version": [last.version if last else None, version],
            "blocking": [None, len(checked.blocking)],
        },
        reason=note,
        now=now,
    )
    return published


ANNUAL_REPORT_COLUMN = "xxgknb"  # 政府信息公开年报, a standard column (documents.columns)


def _publish_record(
    actor: Any,
    agency: Agency,
    report: ar.AnnualReport,
    published: PublishedReport,
    last: PublishedReport | None,
    now: datetime,
) -> Record:
    """The version as a record of the 政府信息公开年报 column: version 1 creates and publishes
    it; a correction replaces its text with the note of what changed on top."""
    # The 政府信息公开 column and its four sub-columns are mandatory (国办公开办函〔2019〕61号):
    # an agency that has not installed them yet gets them now (audited as the system's).
    columns_install_standard(actor=None, agency=agency)
    today = timezone.localdate(now)
    correction = ""
    if published.version > 1:
        correction = CORRECTION_NOTE % {
            "day": today.isoformat(),
            "version": published.version,
            "note": published.note,
        }
    data = {
        "title": report.title,
        "issuing_body": agency.name,
        "written_on": today,
        "formed_on": today,
        "genre": REPORT_GENRE,
        "keywords": "政府信息公开 年度报告",
        "summary": REPORT_SUMMARY % {"agency": agency.name, "year": report.year},
        "body": render.record_body(report, correction=correction),
        "attribute": Record.Attribute.PROACTIVE,
    }
    return record_publish_generated(
        actor=actor,
        agency=agency,
        column_slug=ANNUAL_REPORT_COLUMN,
        data=data,
        now=now,
        record=last.record if last is not None else None,
        note=published.note,
    )


@transaction.atomic
def tables_enter(
    *, actor: Any, agency: Agency, year: int, name: str, data: bytes, now: datetime
) -> EnteredTables:
    """Load tables 二, 三 and 四 of a year kept outside Gongkai from the report's XLSX layout
    (entered.py); loading again replaces them. A year with a published version in Gongkai
    needs none (its frozen tables are used). Nothing is saved when a cell is refused."""
    require(actor, Action.EDIT_ANNUAL_REPORT, agency)
    if selectors.latest_published(agency, year) is not None:
        raise ValidationError(
            _("The report on %(year)s is published in Gongkai: its tables are used as published.")
            % {"year": year}
        )
    try:
        tables = entered.tables_from_xlsx(name, data, year)
    except MessageError as exc:
        raise ValidationError(render_message(exc.message)) from None
    snapshot = entered.snapshot_of(tables)
    before = EnteredTables.objects.filter(agency=agency, year=year).first()
    stored, _created = EnteredTables.objects.update_or_create(
        agency=agency,
        year=year,
        defaults={
            "snapshot": snapshot,
            "file_name": name[:200],
            "entered_by": actor,
            "entered_at": now,
        },
    )
    old = _cells(before.snapshot) if before else {}
    new = _cells(snapshot)
    changes = {key: [old.get(key), new.get(key)] for key in sorted(old.keys() | new.keys())}
    changes = {key: pair for key, pair in changes.items() if pair[0] != pair[1]}
    audit_log(
        actor=actor,
        action="reports.tables_entered",
        target=stored,
        changes={"year": [None, year], "file": [None, name], **changes},
        now=now,
    )
    return stored


def _cells(snapshot: dict[str, Any]) -> dict[str, object]:
    """ "三.new.natural_person" → value for every filled cell of a stored snapshot."""
    return {
        f"{section['number']}.{row}.{column}": value
        for section in snapshot.get("sections", [])
        for row, columns in section["table"]["values"].items()
        for column, value in columns.items()
        if value is not None
    }
