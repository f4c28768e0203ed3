"""The console's pages of the yearly work report (/console/work-report/): per agency and
year the preview, where each figure comes from, the checks, the downloads, and the office's
figures, prose (with versions) and task plan. Thin: selectors decide what a user sees,
services check again what a POST asks for."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gongkai.accounts.models import Agency
from gongkai.accounts.permissions import Action, can, require_somewhere
from gongkai.console.http import posted
from gongkai.core.workcalendar import MessageError
from gongkai.reports.selectors import report_agency_for, report_year
from gongkai.workreport import forms, selectors, services
from gongkai.workreport import render as renderers
from gongkai.workreport.messages import render_message
from gongkai.workreport.models import WorkFigure, WorkTask, WorkText

YEARS_LISTED = 3


def _agency(request: HttpRequest, code: str, year: int) -> Agency:
    return report_agency_for(
        user=request.user, code=code, year=year, this_year=timezone.localdate().year
    )


def _editable(request: HttpRequest, agency: Agency) -> None:
    if not can(request.user, Action.EDIT_ANNUAL_REPORT, agency):
        raise PermissionDenied


def _detail_url(agency: Agency, year: int) -> str:
    return reverse("workreport:detail", args=[agency.code, year])


def index(request: HttpRequest) -> HttpResponse:
    agencies = require_somewhere(request.user, Action.VIEW_ANNUAL_REPORT)
    latest = report_year(timezone.localdate())
    recent = set(range(latest, latest - YEARS_LISTED, -1))
    entered: dict[int, set[int]] = {}
    for model in (WorkFigure, WorkText, WorkTask):
        rows = model.objects.filter(agency__in=agencies).values_list("agency_id", "year")
        for agency_id, year in rows.distinct():
            entered.setdefault(agency_id, set()).add(year)
    rows = [(a, sorted(recent | entered.get(a.pk, set()), reverse=True)) for a in agencies]
    year = request.GET.get("year", "")
    code = request.GET.get("agency", "")
    if year.isascii() and year.isdigit() and any(a.code == code for a in agencies):
        return redirect("workreport:detail", code, int(year))
    return render(request, "workreport/index.html", {"rows": rows})


def detail(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = _agency(request, code, year)
    context: dict[str, Any] = {
        "agency": agency,
        "year": year,
        "formats": list(renderers.FORMATS),
        "can_edit": can(request.user, Action.EDIT_ANNUAL_REPORT, agency),
        "parts": WorkText.Part.choices,
    }
    try:
        report = selectors.work_report(agency, year)
    except MessageError as exc:
        context["error"] = render_message(exc.message)
        return render(request, "workreport/detail.html", context)
    context.update(
        report=report,
        figures=list(report.figures.values()),
        blocking=[f for f in report.findings if f.blocking],
        warnings=[f for f in report.findings if not f.blocking],
        preview=mark_safe(renderers.report_body(report)),  # noqa: S308 - escaped by the renderer
    )
    return render(request, "workreport/detail.html", context)


def download(request: HttpRequest, code: str, year: int, fmt: str) -> HttpResponse:
    agency = _agency(request, code, year)
    if fmt not in renderers.FORMATS:
        raise Http404
    try:
        report = selectors.work_report(agency, year)
    except MessageError as exc:
        messages.error(request, render_message(exc.message))
        return redirect(_detail_url(agency, year))
    response = HttpResponse(
        renderers.rendered(report, fmt, agency.code), content_type=renderers.FORMATS[fmt]
    )
    name = f"{agency.code}-{year}-work-report.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def figures(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = _agency(request, code, year)
    _editable(request, agency)
    stored = selectors.entered_figures(agency, year)
    try:
        computed = selectors.work_report(agency, year).figures
    except MessageError:
        computed = {}
    form = forms.FiguresForm(posted(request), initial=stored, computed=computed)
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
            for field, problems in exc.error_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("Saved."))
            return redirect(_detail_url(agency, year))
    context = {
        "form": form,
        "title": _("Figures of the work report, %(year)s") % {"year": year},
        "intro": _(
            "Counts are whole numbers ≥ 0, rates and satisfaction 0–100 (%). A blank removes "
            "a figure. Nothing is saved while one figure is refused."
        ),
        "cancel_url": _detail_url(agency, year),
    }
    return render(request, "console/form.html", context)


def text(request: HttpRequest, code: str, year: int, part: str) -> HttpResponse:
    agency = _agency(request, code, year)
    if part not in WorkText.Part.values:
        raise Http404
    versions = selectors.text_versions_for(user=request.user, agency=agency, year=year, part=part)
    editable = can(request.user, Action.EDIT_ANNUAL_REPORT, agency)
    if request.method == "POST" and not editable:
        raise PermissionDenied
    form = forms.TextForm(
        posted(request), initial={"text": selectors.texts_of(agency, year).get(part, "")}
    )
    if form.is_bound and form.is_valid():
        saved = services.text_save(
            actor=request.user,
            agency=agency,
            year=year,
            part=part,
            text=form.cleaned_data["text"],
            now=timezone.now(),
        )
        if saved is None:
            messages.info(request, _("Nothing changed."))
        else:
            messages.success(request, _("Saved as version %(n)s.") % {"n": saved.version})
        return redirect(_detail_url(agency, year))
    context = {
        "agency": agency,
        "year": year,
        "part": WorkText.Part(part).label,
        "form": form,
        "editable": editable,
        "versions": versions,
    }
    return render(request, "workreport/text.html", context)


def tasks(request: HttpRequest, code: str, year: int) -> HttpResponse:
    agency = _agency(request, code, year)
    _editable(request, agency)
    initial = [
        {name: getattr(t, name) for name in services.TASK_FIELDS}
        for t in selectors.tasks_of(agency, year)
    ]
    formset = forms.TaskFormSet(posted(request), initial=initial, prefix="tasks")
    if formset.is_bound and formset.is_valid():
        try:
            changed = services.tasks_save(
                actor=request.user,
                agency=agency,
                year=year,
                rows=forms.task_rows(formset),
                now=timezone.now(),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Saved.") if changed else _("Nothing changed."))
            return redirect(_detail_url(agency, year))
    context = {"agency": agency, "year": year, "formset": formset}
    return render(request, "workreport/tasks.html", context)
