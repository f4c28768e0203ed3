"""The working-day calendar in the console: every staff member reads it and uses the
deadline calculator; the disclosure office keeps it (Action.MANAGE_CALENDAR)."""

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from gongkai.accounts.permissions import Action, can, require
from gongkai.console.forms import ReasonForm
from gongkai.console.http import posted
from gongkai.core.workcalendar import MessageError
from gongkai.workcalendar import forms, selectors, services
from gongkai.workcalendar.csvfile import calendar_csv
from gongkai.workcalendar.dates import parse_day
from gongkai.workcalendar.forms import FIRST_YEAR, LAST_YEAR
from gongkai.workcalendar.messages import render as render_message
from gongkai.workcalendar.messages import translated
from gongkai.workcalendar.models import notice_title

# One or two letters: twelve months side by side leave little room for "星期一".
WEEKDAY_HEADINGS = [
    pgettext_lazy("calendar column", "Mo"),
    pgettext_lazy("calendar column", "Tu"),
    pgettext_lazy("calendar column", "We"),
    pgettext_lazy("calendar column", "Th"),
    pgettext_lazy("calendar column", "Fr"),
    pgettext_lazy("calendar column", "Sa"),
    pgettext_lazy("calendar column", "Su"),
]


def _run_service(form: Any, call: Callable[[], Any]) -> Any:
    """Run a service; its validation errors go on the form, in the reader's language (the
    calendar's services explain themselves with gongkai.core Messages)."""
    try:
        return call()
    except ValidationError as exc:
        form.add_error(None, translated(exc))
        return None


def _year_param(request: HttpRequest, default: int | None = None) -> int:
    """?year=YYYY; a year the calendar can't show is not found."""
    raw = request.GET.get("year", "")
    if not raw:
        return default or timezone.localdate().year
    if not (raw.isascii() and raw.isdigit()) or not FIRST_YEAR <= int(raw) <= LAST_YEAR:
        raise Http404
    return int(raw)


def _year_url(year: int) -> str:
    return f"{reverse('workcalendar:year')}?year={year}"


def _form_page(request: HttpRequest, form: Any, title: str, **extra: Any) -> HttpResponse:
    context = {"form": form, "title": title, "cancel_url": reverse("workcalendar:year"), **extra}
    return render(request, "console/form.html", context)


def year(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_CALENDAR)
    shown = _year_param(request)
    context = {
        "table": selectors.year_table(year=shown),
        "can_manage": can(request.user, Action.MANAGE_CALENDAR),
        "previous_year": shown - 1 if shown > FIRST_YEAR else None,
        "next_year": shown + 1 if shown < LAST_YEAR else None,
        "weekday_names": WEEKDAY_HEADINGS,
        "title": _("Working-day calendar %(year)s") % {"year": shown},
    }
    return render(request, "workcalendar/year.html", context)


def _asked_day(request: HttpRequest) -> date | None:
    try:
        return parse_day(request.GET.get("day", ""))
    except ValueError:
        return None


def entry_new(request: HttpRequest) -> HttpResponse:
    """Add a day, or change the entry of the day in ?day=YYYY-MM-DD."""
    require(request.user, Action.MANAGE_CALENDAR)
    initial = selectors.calendar_day_initial(day=_asked_day(request))
    form = forms.CalendarDayForm(posted(request), initial=initial)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        entry = _run_service(form, lambda: services.calendar_day_set(actor=request.user, **data))
        if entry is not None:
            messages.success(request, _("Saved: %(entry)s.") % {"entry": entry})
            return redirect(_year_url(entry.day.year))
    return _form_page(request, form, _("Enter a day off or a working day"))


def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    require(request.user, Action.MANAGE_CALENDAR)
    entry = selectors.calendar_day_get(user=request.user, pk=pk)
    form = ReasonForm(posted(request))
    if form.is_bound and form.is_valid():
        services.calendar_day_delete(
            actor=request.user, entry=entry, reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("Deleted: %(entry)s.") % {"entry": entry})
        return redirect(_year_url(entry.day.year))
    title = _("Delete the entry %(entry)s") % {"entry": entry}
    return _form_page(request, form, title, submit_label=_("Delete"))


def import_csv(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.MANAGE_CALENDAR)
    initial = {"year": _year_param(request, default=timezone.localdate().year + 1)}
    files = request.FILES if request.method == "POST" else None
    form = forms.ImportForm(posted(request), files, initial=initial)
    if form.is_bound and form.is_valid():
        data, upload = form.cleaned_data, form.cleaned_data["file"]
        result = _run_service(
            form,
            lambda: services.calendar_import(
                actor=request.user,
                file=upload,
                official_year=data["year"] if data["complete"] else None,
                notice=data["notice"],
                filename=upload.name,
            ),
        )
        if result is not None:
            messages.success(request, _import_message(result))
            return redirect(_year_url(data["year"] or timezone.localdate().year))
    return _form_page(request, form, _("Import calendar days"), submit_label=_("Import"))


def _import_message(result: services.ImportResult) -> str:
    text = _("%(created)s days added, %(updated)s changed, %(unchanged)s already entered.") % {
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
    }
    if result.official_year is not None:
        text += " " + _("%(year)s is marked official.") % {"year": result.official_year.year}
    return text


def official_year(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.MANAGE_CALENDAR)
    asked = _year_param(request, default=timezone.localdate().year + 1)
    initial = {"year": asked, "notice": notice_title(asked)}
    form = forms.OfficialYearForm(posted(request), initial=initial)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if _run_service(form, lambda: services.official_year_mark(actor=request.user, **data)):
            messages.success(request, _("%(year)s is marked official.") % {"year": data["year"]})
            return redirect(_year_url(data["year"]))
    intro = _(
        "Mark a year once every day off and every 调休 working day of its State Council "
        "notice is entered: its deadlines are then no longer provisional."
    )
    return _form_page(request, form, _("Mark a year official"), intro=intro)


def export_csv(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_CALENDAR)
    shown = _year_param(request)
    body = calendar_csv(selectors.export_rows(year=shown), bom=True)  # BOM: for spreadsheets
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="calendar-{shown}.csv"'
    return response


def deadline(request: HttpRequest) -> HttpResponse:
    """The reply deadline calculator (条例第30–33条). A GET form: it changes nothing."""
    require(request.user, Action.VIEW_CALENDAR)
    form = forms.DeadlineForm(request.GET if "received" in request.GET else None)
    result = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            result = selectors.deadline_for(
                received=data["received"],
                corrected=data["corrected"],
                paused=data["paused"],
                extended=data["extended"],
            )
        except MessageError as exc:  # a count running past 2099
            form.add_error(None, render_message(exc.message))
    context = {
        "form": form,
        "result": result,
        "steps": [render_message(step) for step in result.steps] if result else [],
        "title": _("Reply deadline"),
    }
    return render(request, "workcalendar/deadline.html", context)
