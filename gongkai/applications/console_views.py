"""The staff console for 依申请公开 cases: the list with its queues, the case page with the
steps core ``allowed_steps`` offers, staff registration, and the supervisors' overdue view.
Thin: the selectors check who may read, the services who may act and what the case may do."""

import io
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import Action, can, require, require_somewhere
from gongkai.applications import forms, selectors, services
from gongkai.applications.intake import application_register
from gongkai.applications.models import Application
from gongkai.core import applications as rules
from gongkai.core.applications.workflow import STEP_LABELS
from gongkai.core.workcalendar import Message

PAGE_SIZE = 50
TABS = ["all", "mine", *[b.value for b in rules.Bucket]]

SERVICES: dict[rules.Step, Callable[..., Application]] = {
    rules.Step.ASSIGN: services.application_assign,
    rules.Step.REQUEST_CORRECTION: services.application_request_correction,
    rules.Step.RECEIVE_CORRECTION: services.application_receive_correction,
    rules.Step.CORRECTION_LAPSED: services.application_correction_lapsed,
    rules.Step.SEND_CONSULTATION: services.application_send_consultation,
    rules.Step.RECEIVE_OPINION: services.application_receive_opinion,
    rules.Step.EXTEND: services.application_extend,
    rules.Step.NOTIFY_FEE: services.application_notify_fee,
    rules.Step.RECORD_PAYMENT: services.application_record_payment,
    rules.Step.FEE_LAPSED: services.application_fee_lapsed,
    rules.Step.WITHDRAW: services.application_withdraw,
    rules.Step.DECIDE: services.application_decide,
    rules.Step.ISSUE_LETTER: services.application_issue_letter,
    rules.Step.DELIVER: services.application_deliver,
    rules.Step.CLOSE: services.application_close,
    rules.Step.ARCHIVE: services.application_archive,
}


def _text(problem: Any) -> str:
    return selectors.render(problem) if isinstance(problem, Message) else str(problem)


def _run(form: Any, call: Callable[[], Any]) -> Any:
    """Run a service; its refusals go on the form, core Messages in the reader's language."""
    try:
        return call()
    except ValidationError as exc:
        errors = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
        for field, problems in errors.items():
            texts = [
                _text(p.message) if isinstance(p.message, Message) else p.messages[0]
                for p in problems
            ]
            form.add_error(field if field in form.fields else None, texts)
        return None


def _posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None


def application_list(request: HttpRequest) -> HttpResponse:
    cases = selectors.applications_for(user=request.user)
    tab = request.GET.get("tab", "all")
    if tab not in TABS:
        tab = "all"
    form = forms.ApplicationFilterForm(request.GET or None)
    cases = selectors.applications_filtered(cases, form.filters())
    today = timezone.localdate()
    if tab == "mine":
        cases = cases.filter(handler=request.user)
    if tab in {b.value for b in rules.Bucket}:
        listed: Any = selectors.buckets(cases, today=today)[rules.Bucket(tab)]
    else:
        listed = cases.order_by("-year", "-seq")
    counts = {
        b.value: len(found)
        for b, found in selectors.queue_for(user=request.user, today=today).items()
    }
    context = {
        "page": Paginator(listed, PAGE_SIZE).get_page(request.GET.get("page")),
        "form": form,
        "tab": tab,
        "tabs": [("all", _("All")), ("mine", _("Mine"))]
        + [(b.value, selectors.BUCKET_LABELS[b]) for b in rules.Bucket],
        "counts": counts,
        "can_register": can(request.user, Action.HANDLE_APPLICATIONS, request.user.agency)
        if getattr(request.user, "agency", None)
        else False,
        "can_oversee": can(request.user, Action.VIEW_APPLICATION_QUEUES),
    }
    return render(request, "applications/console/list.html", context)


def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.application_get_for(user=request.user, pk=pk)
    return _detail(request, application)


def _detail(
    request: HttpRequest,
    application: Application,
    *,
    failed: tuple[rules.Step, Any] | None = None,
    full_number: str = "",
) -> HttpResponse:
    page = selectors.case_page(
        user=request.user, application=application, today=timezone.localdate()
    )
    panels = []
    for step in page["steps"]:
        if failed is not None and failed[0] is step:
            form = failed[1]
        else:
            form = forms.STEP_FORMS[step](application=application, prefix=step.value)
        panels.append((step.value, STEP_LABELS[step], form))
    if failed is not None and failed[0] not in page["steps"]:
        panels.insert(0, (failed[0].value, STEP_LABELS[failed[0]], failed[1]))
    page["panels"] = panels
    page["full_number"] = full_number
    page["warning"] = selectors.render(page["counts"].warning) if page["counts"].warning else ""
    status = 400 if failed is not None else 200
    return render(request, "applications/console/detail.html", page, status=status)


@require_POST
def application_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    application = selectors.application_get_for(user=request.user, pk=pk)
    try:
        the_step = rules.Step(step)
    except ValueError:
        raise Http404 from None
    if the_step not in SERVICES:
        raise Http404
    require(request.user, Action.HANDLE_APPLICATIONS, application)
    form = forms.STEP_FORMS[the_step](request.POST, application=application, prefix=the_step.value)
    if form.is_valid():
        done = _run(
            form,
            lambda: SERVICES[the_step](
                actor=request.user,
                application=application,
                now=timezone.now(),
                **form.step_kwargs(),
            ),
        )
        if done is not None:
            messages.success(request, _("Recorded: %(step)s.") % {"step": STEP_LABELS[the_step]})
            return redirect("applications_console:detail", pk=pk)
    return _detail(request, application, failed=(the_step, form))


@require_POST
def application_identity(request: HttpRequest, pk: int) -> HttpResponse:
    """The full identity number on the case page; the reading is audited."""
    application = selectors.application_get_for(user=request.user, pk=pk)
    number = services.application_reveal_identity(
        actor=request.user, application=application, now=timezone.now()
    )
    return _detail(request, application, full_number=number)


def application_file(request: HttpRequest, pk: int, file: int) -> FileResponse:
    found = selectors.file_get_for(user=request.user, application_pk=pk, pk=file)
    try:
        with found.file.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise Http404 from None
    if found.encrypted:
        data = services.application_file_decrypted(
            actor=request.user, item=found, data=data, now=timezone.now()
        )
    return FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type,
    )


def application_new(request: HttpRequest) -> HttpResponse:
    agency = getattr(request.user, "agency", None)
    if agency is None:
        require_somewhere(request.user, Action.HANDLE_APPLICATIONS)
        raise Http404
    require(request.user, Action.HANDLE_APPLICATIONS, agency)
    files = request.FILES if request.method == "POST" else None
    form = forms.RegisterForm(_posted(request), files)
    if form.is_bound and form.is_valid():
        result = _run(
            form,
            lambda: application_register(
                agency=agency,
                data=form.application_data(),
                now=timezone.now(),
                actor=request.user,
                **form.receipt_kwargs(),
            ),
        )
        if result is not None:
            # The tracking code is shown once, here, for the applicant's receipt; only its
            # hash is kept (so it is not put in a flash message either).
            application, code = result
            context = {"application": application, "code": code}
            return render(request, "applications/console/registered.html", context)
    context = {
        "form": form,
        "title": _("Register an application"),
        "submit_label": _("Register"),
        "cancel_url": reverse("applications_console:list"),
    }
    return render(request, "console/form.html", context)


def application_overdue(request: HttpRequest) -> HttpResponse:
    """Overdue cases and queue counts across the agencies the user oversees; no personal data."""
    rows, per_agency = selectors.oversight_for(user=request.user, today=timezone.localdate())
    context = {
        "rows": rows,
        "per_agency": per_agency,
        "buckets": [(b.value, selectors.BUCKET_LABELS[b]) for b in rules.Bucket],
    }
    return render(request, "applications/console/overdue.html", context)
