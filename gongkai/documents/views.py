"""The staff console for government-information records: lists, drafting, attachments,
the workflow steps, the WeChat article and the column tree. Thin: permissions are decided
by the selectors and services, which also re-check every step a crafted POST asks for."""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import Action, can, require
from gongkai.console.http import posted
from gongkai.documents import columns, forms, selectors, services
from gongkai.documents.models import Record
from gongkai.review.panel import record_panel

PAGE_SIZE = 50
STEP_LABELS = {
    "submit": gettext_lazy("Submit for review"),
    "pass-review": gettext_lazy("Pass the confidentiality review"),
    "approve": gettext_lazy("Approve and publish now"),
    "schedule": gettext_lazy("Approve and schedule"),
    "return": gettext_lazy("Return to the drafter"),
    "revoke": gettext_lazy("Revoke"),
    "archive": gettext_lazy("Archive"),
    "validity": gettext_lazy("Change validity"),
    "release": gettext_lazy("Record a release on another channel"),
}


def _run(form: Any, call: Callable[[], Any]) -> Any:
    """Run a service; its validation errors go on the form's fields (or above them)."""
    try:
        return call()
    except ValidationError as exc:
        errors = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
        for field, problems in errors.items():
            form.add_error(field if field in form.fields else None, problems)
        return None


def _list(request: HttpRequest, records: Any, tab: str) -> HttpResponse:
    choices, units = selectors.filter_choices_for(user=request.user)
    form = forms.RecordFilterForm(request.GET or None, columns=choices, units=units)
    records = selectors.records_filtered(records, form.filters())
    agency = getattr(request.user, "agency", None)
    context = {
        "page": Paginator(records, PAGE_SIZE).get_page(request.GET.get("page")),
        "form": form,
        "tab": tab,
        "can_draft": agency is not None and can(request.user, Action.DRAFT_RECORD, agency),
    }
    return render(request, "documents/list.html", context)


def record_list(request: HttpRequest) -> HttpResponse:
    return _list(request, selectors.records_for(user=request.user), "all")


def record_work(request: HttpRequest) -> HttpResponse:
    """What waits for this user's roles (我的待办)."""
    return _list(request, selectors.records_work_for(user=request.user), "work")


def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.record_get_for(user=request.user, pk=pk)
    page = selectors.record_page(user=request.user, record=record, today=timezone.localdate())
    page["panels"] = [
        (step, STEP_LABELS[step], forms.STEP_FORMS[step](user=request.user, record=record))
        for step in page["steps"]
    ]
    page["attachment_form"] = forms.AttachmentForm() if page["editable"] else None
    page["privacy"] = record_panel(user=request.user, record=record)
    return render(request, "documents/detail.html", page)


def record_new(request: HttpRequest) -> HttpResponse:
    agency = selectors.drafting_agency_for(user=request.user)
    form = forms.RecordForm(posted(request), user=request.user, agency=agency)
    if form.is_bound and form.is_valid():
        record = _run(
            form,
            lambda: services.record_create(
                actor=request.user,
                agency=agency,
                data=form.record_data(),
                columns=form.cleaned_data["columns"],
                now=timezone.now(),
            ),
        )
        if record is not None:
            messages.success(request, _("Draft saved."))
            return redirect("documents:detail", pk=record.pk)
    return render(request, "documents/record_form.html", {"form": form, "title": _("New record")})


def record_edit(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.record_get_for(user=request.user, pk=pk)
    require(request.user, Action.DRAFT_RECORD, record)
    if not selectors.record_editable_by(user=request.user, record=record):
        messages.error(
            request, _("Only drafts can be edited; return the record to its drafter first.")
        )
        return redirect("documents:detail", pk=pk)
    context = {"title": _("Edit: %(title)s") % {"title": record.title}, "record": record}
    form = forms.RecordForm(
        posted(request), instance=record, user=request.user, agency=record.agency
    )
    if form.is_bound and form.is_valid():
        saved = _run(
            form,
            lambda: services.record_update(
                actor=request.user,
                record=record,
                version=form.cleaned_data["version"] or 0,
                data=form.record_data(),
                columns=form.cleaned_data["columns"],
            ),
        )
        if saved is not None:
            messages.success(request, _("Draft saved."))
            return redirect("documents:detail", pk=pk)
    return render(request, "documents/record_form.html", context | {"form": form})


def record_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """One workflow step (POST); GET shows its form alone, e.g. after an error."""
    record = selectors.record_get_for(user=request.user, pk=pk)
    if step not in forms.STEP_FORMS:
        raise Http404
    require(request.user, selectors.step_action(step, record.status), record)
    files = request.FILES if request.method == "POST" else None
    form = forms.STEP_FORMS[step](posted(request), files, user=request.user, record=record)
    if form.is_bound and form.is_valid():
        data, now = form.cleaned_data, timezone.now()
        done = _run(form, lambda: STEP_RUNS[step](request.user, record, data, now))
        if done is not None:
            messages.add_message(request, *done)
            return redirect("documents:detail", pk=pk)
    context = {
        "form": form,
        "title": f"{STEP_LABELS[step]}: {record.title}",
        "submit_label": STEP_LABELS[step],
        "cancel_url": reverse("documents:detail", args=[pk]),
    }
    return render(request, "console/form.html", context)


Done = tuple[int, str]


def _submit(user: Any, record: Record, data: dict[str, Any], now: datetime) -> Done:
    problems = services.record_submit(actor=user, record=record, now=now)
    if problems:
        return messages.ERROR, _("Returned to the drafter: %(problems)s") % {
            "problems": "；".join(problems)
        }
    return messages.SUCCESS, _("Submitted for confidentiality review.")


def _pass_review(user: Any, record: Record, data: dict[str, Any], now: datetime) -> Done:
    services.record_pass_review(actor=user, record=record, notes=data["notes"], now=now)
    return messages.SUCCESS, _("Review passed; the record awaits approval.")


def _approve(user: Any, record: Record, data: dict[str, Any], now: datetime) -> Done:
    approved = services.record_approve(
        actor=user,
        record=record,
        now=now,
        publish_at=data.get("publish_at"),
        waiver=data.get("waiver", ""),
    )
    if approved.status == Record.Status.SCHEDULED:
        return messages.SUCCESS, _("Approved; it will be published at the chosen moment.")
    return messages.SUCCESS, _("Published with index number %(number)s.") % {
        "number": approved.index_number
    }


def _return(user: Any, record: Record, data: dict[str, Any], now: datetime) -> Done:
    services.record_return(actor=user, record=record, reason=data["reason"], now=now)
    return messages.SUCCESS, _("Returned to the drafter.")


def _revoke(user: Any, record: Record, data: dict[str, Any], now: datetime) -> Done:
    services.record_revoke(actor=user, record=record, reason=data["reason"], now=now)
    return messages.SUCCESS, _("Revoked: the public page now answers that it was withdrawn.")


def _archive(user: Any, record: Record, data: dict[str, Any], now: datetime) -> Done:
    services.record_archive(actor=user, record=record, now=now)
    return messages.SUCCESS, _("Archived.")


def _validity(user: Any, record: Record, data: dict[str, Any], now: datetime) -> Done:
    services.record_set_validity(
        actor=user,
        record=record,
        validity=data["validity"],
        changed_on=data["changed_on"],
        replaced_by=data["replaced_by"],
        reason=data["reason"],
    )
    return messages.SUCCESS, _("Validity changed.")


def _release(user: Any, record: Record, data: dict[str, Any], now: datetime) -> Done:
    services.release_record(
        actor=user,
        record=record,
        channel=data["channel"],
        released_on=data["released_on"],
        link=data["link"],
        note=data["note"],
        photo=data["photo"],
    )
    return messages.SUCCESS, _("Release recorded.")


STEP_RUNS: dict[str, Callable[[Any, Record, dict[str, Any], datetime], Done]] = {
    "submit": _submit,
    "pass-review": _pass_review,
    "approve": _approve,
    "schedule": _approve,
    "return": _return,
    "revoke": _revoke,
    "archive": _archive,
    "validity": _validity,
    "release": _release,
}


def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.record_get_for(user=request.user, pk=pk)
    require(request.user, Action.DRAFT_RECORD, record)
    files = request.FILES if request.method == "POST" else None
    form = forms.AttachmentForm(posted(request), files)
    if form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        added = _run(
            form,
            lambda: services.attachment_add(
                actor=request.user, record=record, name=upload.name, data=upload.read()
            ),
        )
        if added is not None:
            messages.success(request, _("Attached: %(name)s.") % {"name": added.original_name})
            return redirect("documents:detail", pk=pk)
    context = {
        "form": form,
        "title": _("Attach a file: %(title)s") % {"title": record.title},
        "submit_label": _("Upload"),
        "cancel_url": reverse("documents:detail", args=[pk]),
    }
    return render(request, "console/form.html", context)


def attachment_download(request: HttpRequest, pk: int, attachment: int) -> FileResponse:
    """The stored file under its original name, for staff who may see the record."""
    found = selectors.attachment_get_for(user=request.user, record_pk=pk, pk=attachment)
    redacted = request.GET.get("copy") == "redacted" and found.is_redacted
    try:
        handle = (found.redacted_file if redacted else found.file).open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=True, filename=found.original_name, content_type=found.content_type
    )


@require_POST
def attachment_remove(request: HttpRequest, pk: int, attachment: int) -> HttpResponse:
    found = selectors.attachment_get_for(user=request.user, record_pk=pk, pk=attachment)
    try:
        services.attachment_remove(actor=request.user, attachment=found)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Removed: %(name)s.") % {"name": found.original_name})
    return redirect("documents:detail", pk=pk)


def record_wechat(request: HttpRequest, pk: int) -> HttpResponse:
    """The record as clean HTML with its images inlined, to paste into the WeChat editor."""
    record = selectors.record_get_for(user=request.user, pk=pk)
    if not record.is_public:
        messages.error(request, _("Only published public records can be prepared for WeChat."))
        return redirect("documents:detail", pk=pk)
    body, images = selectors.wechat_article_body(record=record)
    context = {"record": record, "body": body, "images": images}
    return render(request, "documents/wechat.html", context)


def column_list(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("agency", "")
    agency, agencies = selectors.column_agency_for(user=request.user, code=code)
    context = {"agency": agency, "agencies": agencies, "tree": selectors.column_tree(agency=agency)}
    return render(request, "documents/columns.html", context)


def _columns_url(agency: Any) -> str:
    return f"{reverse('documents:columns')}?agency={agency.code}"


def column_new(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("agency", "")
    agency, _agencies = selectors.column_agency_for(user=request.user, code=code)
    form = forms.ColumnForm(posted(request), agency=agency)
    return _column_form(request, form, agency, None, _("New column"))


def column_edit(request: HttpRequest, pk: int) -> HttpResponse:
    column = selectors.column_get_for(user=request.user, pk=pk)
    form = forms.ColumnForm(posted(request), instance=column, agency=column.agency)
    title = _("Edit column: %(name)s") % {"name": column.name}
    return _column_form(request, form, column.agency, column, title)


def _column_form(
    request: HttpRequest, form: Any, agency: Any, column: Any, title: str
) -> HttpResponse:
    if form.is_bound and form.is_valid():
        data = form.column_data()
        saved = _run(
            form,
            lambda: columns.column_save(
                actor=request.user, agency=agency, column=column, data=data
            ),
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(_columns_url(agency))
    context = {"form": form, "title": title, "cancel_url": _columns_url(agency)}
    return render(request, "console/form.html", context)


@require_POST
def columns_install(request: HttpRequest) -> HttpResponse:
    """Add the standard 政府信息公开 columns the agency lacks (国办公开办函〔2019〕61号)."""
    code = request.POST.get("agency", "")
    agency, _agencies = selectors.column_agency_for(user=request.user, code=code)
    created = columns.columns_install_standard(actor=request.user, agency=agency)
    messages.success(
        request,
        ngettext("%(count)d standard column added.", "%(count)d standard columns added.", created)
        % {"count": created},
    )
    return redirect(_columns_url(agency))
