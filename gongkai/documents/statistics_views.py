from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gongkai.accounts.permissions import Action, require_somewhere
from gongkai.documents.models import Release
from gongkai.documents.statistics import year_figures, years_with_records
from gongkai.workcalendar.selectors import work_calendar


def statistics(request: HttpRequest) -> HttpResponse:
    """The year's figures of proactive disclosure for one agency the user may see."""
    agencies = require_somewhere(request.user, Action.VIEW_STATISTICS)
    code = request.GET.get("agency") or (agencies[0].code if agencies else "")
    agency = next((a for a in agencies if a.code == code), None)
    if agency is None:
        raise Http404
    today = timezone.localdate()
    years = years_with_records(agency=agency, today=today)
    year = int(request.GET["year"]) if request.GET.get("year", "").isdigit() else years[0]
    if not 1901 <= year <= 2099:
        raise Http404
    figures = year_figures(agency=agency, year=year, calendar=work_calendar())
    channels = [
        (label, figures.by_channel.get(value, 0)) for value, label in Release.Channel.choices
    ]
    context = {
        "agency": agency,
        "agencies": agencies,
        "years": years,
        "figures": figures,
        "channels": channels,
    }
    return render(request, "documents/statistics.html", context)
