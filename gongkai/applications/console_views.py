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
    rules.Step.ASK_REASONS: services.application_ask_reasons,
    rules.Step.SET_LONGER_PERIOD: services.application_set_longer_period,
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
    page["can_ask_reasons"] = rules.Step.ASK_REASONS.value in {p[0] for p in panels}
    page.update(_handling_context(request, application))  # provided files, remedies, moves
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


# Information provided, remedies, art. 44 (provided.py, remedies.py, art44.py) --------------


def _handling_context(request: HttpRequest, application: Application) -> dict[str, Any]:
    from gongkai.applications import provided, recompute, remedies

    handles = can(request.user, Action.HANDLE_APPLICATIONS, application)
    items = [
        {
            "item": item,
            "findings": provided.findings_summary(item),
            "released": provided.is_released(item),
        }
        for item in application.files.filter(kind="provided").select_related("source_record")
    ]
    attachable = handles and application.status in provided.ATTACHABLE
    return {
        "provided_items": items,
        "provided_attachable": attachable,
        "provided_upload_form": forms.ProvidedUploadForm(prefix="provided") if attachable else None,
        "provided_record_form": forms.ProvidedRecordForm(application=application, prefix="registry")
        if attachable
        else None,
        "dismiss_form": forms.ProvidedDismissForm(prefix="dismiss") if handles else None,
        "remedies": [
            (
                r,
                forms.RemedyUpdateForm(
                    initial={"result": r.result, "note": r.note}, prefix=f"remedy{r.pk}"
                ),
            )
            for r in remedies.remedies_of(application)
        ],
        "remedy_form": forms.RemedyForm(prefix="remedy") if handles else None,
        "deadline_moves": recompute.deadline_moves(application),
    }


def _refusal(request: HttpRequest, exc: ValidationError) -> None:
    for text in exc.messages:
        messages.error(request, text)


def _back(pk: int) -> HttpResponse:
    return redirect("applications_console:detail", pk=pk)


@require_POST
def provided_upload(request: HttpRequest, pk: int) -> HttpResponse:
    from gongkai.applications import provided

    application = selectors.application_get_for(user=request.user, pk=pk)
    require(request.user, Action.HANDLE_APPLICATIONS, application)
    form = forms.ProvidedUploadForm(request.POST, request.FILES, prefix="provided")
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return _back(pk)
    upload = form.cleaned_data["file"]
    try:
        item = provided.provided_upload(
            actor=request.user,
            application=application,
            name=str(upload.name),
            data=upload.read(),
            now=timezone.now(),
        )
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        _provided_message(request, item)
    return _back(pk)


def _provided_message(request: HttpRequest, item: Any) -> None:
    if item.privacy == "blocked":
        messages.warning(
            request,
            _("%(name)s: the privacy review found what must be settled before release.")
            % {"name": item.original_name},
        )
    else:
        messages.success(request, _("%(name)s: nothing found.") % {"name": item.original_name})


@require_POST
def provided_from_record(request: HttpRequest, pk: int) -> HttpResponse:
    from gongkai.applications import provided

    application = selectors.application_get_for(user=request.user, pk=pk)
    require(request.user, Action.HANDLE_APPLICATIONS, application)
    form = forms.ProvidedRecordForm(request.POST, application=application, prefix="registry")
    if not form.is_valid():
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
        return _back(pk)
    try:
        item = provided.provided_from_record(
            actor=request.user,
            application=application,
            record=form.cleaned_data["record"],
            attachment=form.cleaned_data["attachment"],
            now=timezone.now(),
        )
    except ValidationError as exc:
        _refusal(request, exc)
    else:
        _provided_message(request, item)
    return _back(pk)


@require_POST
def provided_settle(request: HttpRequest, pk: int, file: int, how: str) -> HttpResponse:
    """Redact, dismiss (with the reason) or remove one provided file."""
    from gongkai.applications import provided

    found = selectors.file_get_for(user=request.user, application_pk=pk, pk=file)
    require(request.user, Action.HANDLE_APPLICATIONS, found.application)
    now = timezone.now()
    try:
        if how == "redact":
            provided.provided_redact(actor=request.user, item=found, now=now)
            messages.success(request, _("The redacted copy will be released."))
        elif how == "dismiss":
            form = forms.ProvidedDismissForm(request.POST, prefix="dismiss")
            if not form.is_valid():
                messages.error(request, _("Give the reason."))
                return _back(pk)
            provided.provided_dismiss(
                actor=request.user, item=found, reason=form.cleaned_data["reason"], now=now
            )
            messages.success(request, _("The findings were dismissed; the file will be released."))
        elif how == "remove":
            provided.provided_remove(actor=request.user, item=found, now=now)
            messages.success(request, _("The file was removed."))
        else:
            raise Http404
    except ValidationError as exc:
        _refusal(request, exc)
    return _back(pk)


@require_POST
def remedy_new(request: HttpRequest, pk: int) -> HttpResponse:
    from gongkai.applications import remedies

    application = selectors.application_get_for(user=request.user, pk=pk)
    require(request.user, Action.HANDLE_APPLICATIONS, application)
    form = forms.RemedyForm(request.POST, prefix="remedy")
    if form.is_valid():
        try:
            remedies.remedy_record(
                actor=request.user, application=application, now=timezone.now(), **form.cleaned_data
            )
            messages.success(request, _("The remedy was recorded."))
        except ValidationError as exc:
            _refusal(request, exc)
    else:
        for errors in form.errors.values():
            for text in errors:
                messages.error(request, text)
    return _back(pk)


@require_POST
def remedy_update(request: HttpRequest, remedy: int) -> HttpResponse:
    from gongkai.applications import remedies

    found = remedies.remedy_get_for(user=request.user, pk=remedy)
    form = forms.RemedyUpdateForm(request.POST, prefix=f"remedy{found.pk}")
    if form.is_valid():
        try:
            remedies.remedy_update(
                actor=request.user,
                remedy=found,
                result=form.cleaned_data["result"],
                note=form.cleaned_data["note"],
                now=timezone.now(),
            )
            messages.success(request, _("The remedy was updated."))
        except ValidationError as exc:
            _refusal(request, exc)
    if found.application_id:
        return _back(found.application_id)
    return redirect("applications_console:remedies")


def _own_agency(request: HttpRequest, action: Action) -> Any:
    agency = getattr(request.user, "agency", None)
    if agency is None:
        require_somewhere(request.user, action)
        raise Http404
    require(request.user, action, agency)
    return agency


def remedy_list(request: HttpRequest) -> HttpResponse:
    """The agency's reconsiderations and lawsuits of a year, counted in table 四's columns."""
    from gongkai.applications import remedies

    agency = _own_agency(request, Action.VIEW_APPLICATIONS)
    form = forms.RemedyFilterForm(request.GET or None)
    year = form.cleaned_data.get("year") if form.is_valid() else None
    listed = remedies.remedies_listed(user=request.user, agency=agency, year=year)
    counts = remedies.table_four(listed)
    columns = remedies.columns()
    context = {
        "form": form,
        "year": year,
        "rows": [(r, remedies.column_of(r)) for r in listed],
        "columns": [(c, counts[c.number]) for c in columns],
        "kinds": [(k.value, k.label) for k in rules.RemedyKind],
    }
    return render(request, "applications/console/remedies.html", context)


def art44_list(request: HttpRequest) -> HttpResponse:
    """Information requested by two or more applicants (条例第44条)."""
    from gongkai.applications import art44

    agency = _own_agency(request, Action.VIEW_APPLICATIONS)
    context = {
        "groups": art44.groups_for(user=request.user, agency=agency),
        "handles": can(request.user, Action.HANDLE_APPLICATIONS, agency),
    }
    return render(request, "applications/console/art44.html", context)


@require_POST
def art44_create(request: HttpRequest) -> HttpResponse:
    from gongkai.applications import art44

    agency = _own_agency(request, Action.HANDLE_APPLICATIONS)
    try:
        record = art44.art44_create_record(
            actor=request.user, agency=agency, key=request.POST.get("key", ""), now=timezone.now()
        )
    except ValidationError as exc:
        _refusal(request, exc)
        return redirect("applications_console:art44")
    messages.success(request, _("A draft record was created: %(title)s.") % {"title": record.title})
    return redirect("applications_console:art44")
