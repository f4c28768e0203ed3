"""The statistics dashboard (/console/statistics/): a GET filter, then one section per chart
with its table, and each table as CSV. Who sees what is decided by the selectors."""

import csv
import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.accounts.models import Agency
from gongkai.dashboard import sections as layout
from gongkai.dashboard import selectors
from gongkai.dashboard.forms import DashboardFilter
from gongkai.documents.bulk.cells import escaped
from gongkai.workcalendar.selectors import work_calendar


@dataclass(frozen=True)
class Parsed:
    agencies: list[Agency]
    agency: Agency
    form: DashboardFilter
    scope: selectors.Scope | None  # None: the filter has errors


def _parse(request: HttpRequest, today: date) -> Parsed:
    agencies = selectors.statistics_agencies_for(user=request.user)
    own = getattr(request.user, "agency", None)
    default = own.code if own in agencies else (agencies[0].code if agencies else "")
    agency = selectors.statistics_agency_get_for(
        user=request.user, code=request.GET.get("agency") or default
    )
    form = DashboardFilter(request.GET, agency=agency, today=today)
    if not form.is_valid():
        return Parsed(agencies, agency, form, None)
    data = form.cleaned_data
    return Parsed(agencies, agency, form, selectors.Scope(agency, data["unit"], data["year"]))


def _figures(user: Any, scope: selectors.Scope, today: date) -> dict[str, Any]:
    calendar = work_calendar()
    publications = selectors.publication_figures_for(user=user, scope=scope, calendar=calendar)
    applications = selectors.application_figures_for(
        user=user, scope=scope, calendar=calendar, today=today
    )
    sections = layout.publication_sections(publications)
    if applications is not None:
        sections += layout.application_sections(applications)
    return {
        "publications": publications,
        "applications": applications,
        "sections": sections,
        "key_figures": layout.key_figures(publications, applications),
        "scope_label": layout.scope_label(scope),
    }


def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    parsed = _parse(request, today)
    context: dict[str, Any] = {"agencies": parsed.agencies, "agency": parsed.agency}
    context |= {"form": parsed.form, "scope": parsed.scope}
    if parsed.scope is None:
        return render(request, "dashboard/index.html", context, status=400)
    context |= _figures(request.user, parsed.scope, today)
    context["query"] = request.GET.urlencode()
    return render(request, "dashboard/index.html", context)


def table_csv(request: HttpRequest, key: str) -> HttpResponse:
    today = timezone.localdate()
    parsed = _parse(request, today)
    if parsed.scope is None:
        errors = [str(e) for field in parsed.form.errors.values() for e in field]
        return HttpResponse("\n".join(errors), status=400, content_type="text/plain")
    found = layout.sections_by_key(_figures(request.user, parsed.scope, today)["sections"])
    if key not in found:
        raise Http404
    response = HttpResponse(_csv(found[key]), content_type="text/csv; charset=utf-8")
    name = "-".join([parsed.scope.agency.code, *_unit(parsed.scope), str(parsed.scope.year), key])
    response["Content-Disposition"] = f'attachment; filename="statistics-{name}.csv"'
    return response


def _unit(scope: selectors.Scope) -> list[str]:
    return [scope.unit.code] if scope.unit is not None else []


def _csv(section: layout.Section) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in [section.headers, *section.rows, section.totals]:
        writer.writerow([escaped(layout.cell(value)) for value in row])
    return "\ufeff" + out.getvalue()  # the BOM: spreadsheets then read it as UTF-8
