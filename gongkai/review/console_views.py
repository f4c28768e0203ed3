"""The console's pages of the review: findings per agency and unit, sweeps, the
sensitive-term list and a staff member's notifications. Thin: the selectors decide what a user
sees and the services check again what a POST asks for."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import Action, require, sees_every_agency
from gongkai.console.http import posted
from gongkai.review import forms, notify, selectors, terms
from gongkai.review.sweep import sweep

PAGE_SIZE = 50
# Records swept by the console's button while the user waits; the rest is left to the
# scheduled sweep (`gongkai tick`) or to another click.
CONSOLE_SWEEP_LIMIT = 200


def _service_errors(form: Any, exc: ValidationError) -> None:
    errors = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
    for field, problems in errors.items():
        form.add_error(field if field in form.fields else None, problems)


# --- findings ------------------------------------------------------------------------------


def findings(request: HttpRequest) -> HttpResponse:
    found = selectors.findings_for(user=request.user)
    agencies, units = selectors.finding_filter_choices(user=request.user)
    data = request.GET if request.GET else {"state": "open"}
    form = forms.FindingFilterForm(data, agencies=agencies, units=units)
    page = Paginator(selectors.findings_filtered(found, form.filters()), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "form": form,
        "page": page,
        "rows": selectors.decorate(page, user=request.user),
        "counts": selectors.open_finding_counts(user=request.user),
        "last_sweep": selectors.last_sweep(),
        "several_agencies": len(agencies) > 1,
    }
    return render(request, "review/findings.html", context)


# --- sweeps --------------------------------------------------------------------------------


def sweeps(request: HttpRequest) -> HttpResponse:
    runs = selectors.sweeps_for(user=request.user)
    context = {
        "page": Paginator(runs, PAGE_SIZE).get_page(request.GET.get("page")),
        "sweep_agencies": selectors.sweep_agencies_for(user=request.user),
        "show_counts": sees_every_agency(request.user, Action.VIEW_FINDINGS),
        "limit": CONSOLE_SWEEP_LIMIT,
    }
    return render(request, "review/sweeps.html", context)


@require_POST
def sweep_run(request: HttpRequest) -> HttpResponse:
    agencies = selectors.sweep_agencies_for(user=request.user)
    if not agencies:
        raise PermissionDenied
    for agency in agencies:
        run = sweep(
            now=timezone.now(), agency=agency, limit=CONSOLE_SWEEP_LIMIT, started_by=request.user
        )
        outcome = run.outcome  # type: ignore[attr-defined]
        text = _(
            "%(agency)s: %(scanned)s published record(s) scanned, %(unchanged)s unchanged "
            "since their last scan; %(new)s new finding(s), of which %(blocking)s block "
            "publication."
        ) % {
            "agency": agency.name,
            "scanned": outcome.scanned,
            "unchanged": outcome.unchanged,
            "new": outcome.findings_new,
            "blocking": outcome.blocking_new,
        }
        if outcome.remaining > 0:
            text += " " + _(
                "At most %(limit)s records are scanned here at a time: %(left)s are left for "
                "the scheduled sweep, or run it again."
            ) % {"limit": CONSOLE_SWEEP_LIMIT, "left": outcome.remaining}
        messages.success(request, text)
    return redirect("review:sweeps")


# --- the sensitive-term list ---------------------------------------------------------------


def term_list(request: HttpRequest) -> HttpResponse:
    rows = list(selectors.terms_for_user(user=request.user))
    for term in rows:
        term.editable = selectors.term_editable_by(user=request.user, term=term)  # type: ignore[attr-defined]
    agencies, everywhere = selectors.term_agencies_for(user=request.user)
    context = {
        "terms": rows,
        "form": forms.TermForm(agencies=agencies, everywhere=everywhere),
    }
    return render(request, "review/terms.html", context)


def term_new(request: HttpRequest) -> HttpResponse:
    selectors.terms_for_user(user=request.user)  # refuses those who manage no list
    agencies, everywhere = selectors.term_agencies_for(user=request.user)
    form = forms.TermForm(posted(request), agencies=agencies, everywhere=everywhere)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            terms.term_create(
                actor=request.user,
                agency=form.agency(),
                term=data["term"],
                note=data["note"],
                now=timezone.now(),
            )
        except ValidationError as exc:
            _service_errors(form, exc)
        else:
            messages.success(
                request, _("Term added. The next sweep rescans the records it applies to.")
            )
            return redirect("review:terms")
    context = {"form": form, "title": _("Add a sensitive term")}
    return render(request, "console/form.html", context)


def term_edit(request: HttpRequest, pk: int) -> HttpResponse:
    term = selectors.term_get_for(user=request.user, pk=pk)
    form = forms.TermNoteForm(posted(request), initial={"note": term.note})
    if form.is_bound and form.is_valid():
        try:
            terms.term_update(
                actor=request.user, term=term, note=form.cleaned_data["note"], now=timezone.now()
            )
        except ValidationError as exc:
            _service_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("review:terms")
    context = {
        "form": form,
        "title": _("Note on the term “%(term)s”") % {"term": term.term},
        "cancel_url": reverse("review:terms"),
    }
    return render(request, "console/form.html", context)


@require_POST
def term_delete(request: HttpRequest, pk: int) -> HttpResponse:
    term = selectors.term_get_for(user=request.user, pk=pk)
    terms.term_delete(actor=request.user, term=term, now=timezone.now())
    messages.success(request, _("Term “%(term)s” deleted.") % {"term": term.term})
    return redirect("review:terms")


# --- notifications -------------------------------------------------------------------------


def notification_list(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_CONSOLE)
    mine = selectors.notifications_for(user=request.user)
    context = {
        "page": Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page")),
        "unread": selectors.unread_count(user=request.user),
    }
    return render(request, "review/notifications.html", context)


@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notice = selectors.notification_get_for(user=request.user, pk=pk)
    notify.notification_mark_read(user=request.user, notification=notice, now=timezone.now())
    return redirect("review:notifications")


@require_POST
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    require(request.user, Action.VIEW_CONSOLE)
    notify.notification_mark_read(user=request.user, now=timezone.now())
    return redirect("review:notifications")
