"""The console's pages of the annual report (/console/reports/): per agency and year the
preview, the checks, the days left, the downloads, the office's figures and prose, the
approver's override and publication. Thin: selectors decide what a user sees, services check
again what a POST asks for."""

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.models import Agency
from gongkai.accounts.permissions import Action, can, require_somewhere
from gongkai.console.http import posted
from gongkai.core import annual_report as ar
from gongkai.core.workcalendar import MessageError
from gongkai.reports import drafting, forms, selectors, services
from gongkai.reports import render as renderers
from gongkai.reports.messages import render_message
from gongkai.reports.models import EnteredTables, ReportFigure, ReportText

FORMATS = {
    "html": "text/html; charset=utf-8",
    "json": "application/json; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
YEARS_LISTED = 3


def _agency(request: HttpRequest, code: str, year: int) -> Agency:
    return selectors.report_agency_for(
        user=request.user, code=code, year=year, this_year=timezone.localdate().year
    )


def _service_errors(form: Any, exc: ValidationError) -> None:
    errors = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
    for field, problems in errors.items():
        form.add_error(field if field in form.fields else None, problems)


def _detail_url(agency: Agency, year: int) -> str:
    return reverse("reports:detail", args=[agency.code, year])


def index(request: HttpRequest) -> HttpResponse:
    agencies = require_somewhere(request.user, Action.VIEW_ANNUAL_REPORT)
    latest = selectors.report_year(timezone.localdate())
    years = list(range(latest, latest - YEARS_LISTED, -1))
    context = {"agencies": agencies, "years": years}
    return render(request, "reports/index.html", context)


def detail(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = _agency(request, code, year)
    today = timezone.localdate()
    published = selectors.published_for(user=request.user, agency=agency, year=year)
    context: dict[str, Any] = {
        "agency": agency,
        "year": year,
        "published": published,
        "formats": list(FORMATS),
        "can_edit": can(request.user, Action.EDIT_ANNUAL_REPORT, agency),
        "can_publish": can(request.user, Action.PUBLISH_ANNUAL_REPORT, agency),
        "can_override": can(request.user, Action.OVERRIDE_REPORT_CHECKS, agency),
        "sections": ReportText.Section.choices,
        "publish_form": forms.PublishForm(),
        "override_form": forms.OverrideForm(),
    }
    status = ar.deadline_status(
        year,
        today,
        published=timezone.localtime(published[-1].published_at).date() if published else None,
    )
    context["deadline"] = {
        "days_left": status.days_left,
        "overdue": status.overdue,
        "remind": status.remind,
        "text": render_message(status.message),
    }
    try:
        checked = selectors.checked_report(agency, year)
    except MessageError as exc:
        context["error"] = render_message(exc.message)
        return render(request, "reports/detail.html", context)
    context.update(
        preview=mark_safe(renderers.report_body(checked.report, checked.findings)),  # noqa: S308 - escaped by the renderer
        blocking=[f for f in checked.findings if f.blocking],
        warnings=[f for f in checked.findings if not f.blocking],
        override=services.open_override(agency, year, checked.blocking)
        if checked.blocking
        else None,
        carry_over_from=checked.last_year_published,
        carry_over_entered=checked.last_year_entered,
        last_year_enterable=year - 1 >= selectors.FIRST_YEAR,
    )
    return render(request, "reports/detail.html", context)


def download(request: HttpRequest, code: str, year: int, fmt: str) -> HttpResponse:
    agency = _agency(request, code, year)
    if fmt not in FORMATS:
        raise Http404
    try:
        checked = selectors.checked_report(agency, year)
    except MessageError as exc:
        messages.error(request, render_message(exc.message))
        return redirect(_detail_url(agency, year))
    report, findings = checked.report, checked.findings
    content: str | bytes
    if fmt == "json":
        status = ar.deadline_status(year, timezone.localdate())
        data = ar.report_json(report, agency_code=agency.code, findings=findings, deadline=status)
        content = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    elif fmt == "html":
        content = renderers.report_html(report, findings)
    elif fmt == "pdf":
        content = renderers.report_pdf(report, findings)
    elif fmt == "docx":
        content = renderers.report_docx(report, findings)
    else:
        content = renderers.report_xlsx(report, findings)
    return _file(content, fmt, f"{agency.code}-{year}-annual-report.{fmt}")


def _file(content: str | bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def published_version(
    request: HttpRequest, code: str, year: int, version: int, fmt: str
) -> HttpResponse:
    agency = _agency(request, code, year)
    found = [p for p in selectors.published_for(user=request.user, agency=agency, year=year)]
    frozen = next((p for p in found if p.version == version), None)
    if frozen is None or fmt not in ("html", "json"):
        raise Http404
    if fmt == "json":
        content = json.dumps(frozen.snapshot, ensure_ascii=False, indent=2) + "\n"
    else:
        content = frozen.html
    return _file(content, fmt, f"{agency.code}-{year}-annual-report-v{version}.{fmt}")


def figures(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = _agency(request, code, year)
    if not can(request.user, Action.EDIT_ANNUAL_REPORT, agency):
        raise PermissionDenied
    stored = dict(ReportFigure.objects.filter(agency=agency, year=year).values_list("key", "value"))
    form = forms.FiguresForm(posted(request), initial=stored, year=year)
    if form.is_bound and form.is_valid():
        try:
            services.figures_save(
                actor=request.user,
                agency=agency,
                year=year,
                values={k: v or "" for k, v in form.cleaned_data.items()},
                now=timezone.now(),
            )
        except ValidationError as exc:
            _service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect(_detail_url(agency, year))
    context = {
        "form": form,
        "title": _("Entered figures of table 二, %(year)s") % {"year": year},
        "intro": _("Counts are whole numbers; 万元 amounts have at most 4 decimals."),
        "cancel_url": _detail_url(agency, year),
    }
    return render(request, "console/form.html", context)


def text(request: HttpRequest, code: str, year: int, section: str) -> HttpResponse:
    agency = _agency(request, code, year)
    if section not in ReportText.Section.values:
        raise Http404
    versions = selectors.text_versions_for(
        user=request.user, agency=agency, year=year, section=section
    )
    editable = can(request.user, Action.EDIT_ANNUAL_REPORT, agency)
    if request.method == "POST" and not editable:
        raise PermissionDenied
    current = ReportText.objects.filter(agency=agency, year=year, section=section).first()
    initial = current.text if current else ""
    drafted = editable and request.method != "POST" and request.GET.get("draft") == "1"
    if drafted:
        try:
            initial = drafting.drafted_text(agency, year, section)
        except MessageError as exc:
            messages.error(request, render_message(exc.message))
            drafted = False
    form = forms.TextForm(posted(request), initial={"text": initial})
    if form.is_bound and form.is_valid():
        try:
            saved = services.text_save(
                actor=request.user,
                agency=agency,
                year=year,
                section=section,
                text=form.cleaned_data["text"],
                now=timezone.now(),
            )
        except ValidationError as exc:
            _service_errors(form, exc)
        else:
            if saved is None:
                messages.info(request, _("Nothing changed."))
            else:
                messages.success(request, _("Saved as version %(n)s.") % {"n": saved.version})
            return redirect(_detail_url(agency, year))
    context = {
        "agency": agency,
        "year": year,
        "section": ReportText.Section(section).label,
        "form": form,
        "editable": editable,
        "versions": versions,
        "drafted": drafted,
    }
    return render(request, "reports/text.html", context)


@require_POST
def override(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = _agency(request, code, year)
    form = forms.OverrideForm(request.POST)
    if not can(request.user, Action.OVERRIDE_REPORT_CHECKS, agency):
        raise PermissionDenied
    if not form.is_valid():
        messages.error(request, _("Give the reason for the override."))
        return redirect(_detail_url(agency, year))
    try:
        services.override_grant(
            actor=request.user,
            agency=agency,
            year=year,
            reason=form.cleaned_data["reason"],
            now=timezone.now(),
        )
    except ValidationError as exc:
        for problem in exc.messages:
            messages.error(request, problem)
    else:
        messages.success(request, _("Override recorded: the office may publish the report."))
    return redirect(_detail_url(agency, year))


@require_POST
def publish(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = _agency(request, code, year)
    if not can(request.user, Action.PUBLISH_ANNUAL_REPORT, agency):
        raise PermissionDenied
    form = forms.PublishForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        frozen = services.report_publish(
            actor=request.user,
            agency=agency,
            year=year,
            note=note,
            now=timezone.now(),
            today=timezone.localdate(),
        )
    except ValidationError as exc:
        for problem in exc.messages:
            messages.error(request, problem)
    else:
        messages.success(request, _("Published as version %(n)s.") % {"n": frozen.version})
    return redirect(_detail_url(agency, year))


def entered_tables(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """Tables 二, 三, 四 of a year kept outside Gongkai: the template to fill in (this year's
    XLSX), the upload, and what is stored now."""
    agency = _agency(request, code, year)
    if not can(request.user, Action.EDIT_ANNUAL_REPORT, agency):
        raise PermissionDenied
    form = forms.EnteredTablesForm(posted(request), request.FILES or None)
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            services.tables_enter(
                actor=request.user,
                agency=agency,
                year=year,
                name=upload.name,
                data=upload.read(),
                now=timezone.now(),
            )
        except ValidationError as exc:
            _service_errors(form, exc)
        else:
            messages.success(request, _("The tables of %(year)s are stored.") % {"year": year})
            return redirect(reverse("reports:entered", args=[agency.code, year]))
    stored = EnteredTables.objects.filter(agency=agency, year=year).first()
    tables = []
    if stored is not None:
        report = selectors.frozen_tables(
            selectors.build(
                selectors.report_facts(agency, year), agency=agency.name, year=year, strict=False
            ),
            stored.snapshot,
        )
        tables = [mark_safe(renderers.table_html(report.table(n))) for n in ("二", "三", "四")]  # noqa: S308
    context = {
        "agency": agency,
        "year": year,
        "form": form,
        "stored": stored,
        "tables": tables,
        "published": selectors.latest_published(agency, year),
    }
    return render(request, "reports/entered.html", context)
