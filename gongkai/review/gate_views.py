"""The reviewer's buttons on a record's findings (the publication gate) and "withdraw now".

Thin: each view finds the object among those the user may see, calls one service (which
checks the permission again and writes the audit trail) and returns to the record's page
with the outcome as a message.
"""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongkai.documents import selectors as records
from gongkai.documents.models import Attachment
from gongkai.review import services
from gongkai.review.models import Finding


def _back(request: HttpRequest, record_pk: int) -> HttpResponse:
    target = request.POST.get("next", "")
    if target.startswith("/console/") and "//" not in target:
        return redirect(target)
    return redirect("documents:detail", pk=record_pk)


def _attempt(request: HttpRequest, call: Callable[[], Any], done: str) -> None:
    try:
        call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)


def _finding(request: HttpRequest, pk: int) -> Finding:
    finding = Finding.objects.select_related("record").filter(pk=pk).first()
    if finding is None:
        raise Http404
    records.record_get_for(user=request.user, pk=finding.record_id)  # 404 unless visible
    return finding


def _attachment(request: HttpRequest, pk: int) -> Attachment:
    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    return records.attachment_get_for(
        user=request.user, record_pk=attachment.record_id, pk=attachment.pk
    )


@require_POST
def finding_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    finding = _finding(request, pk)
    _attempt(
        request,
        lambda: services.finding_dismiss(
            actor=request.user,
            finding=finding,
            reason=request.POST.get("reason", ""),
            now=timezone.now(),
            group=request.POST.get("group") == "1",
        ),
        _("Marked as a false positive."),
    )
    return _back(request, finding.record_id)


@require_POST
def attachment_redact(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _attachment(request, pk)
    _attempt(
        request,
        lambda: services.attachment_redact(
            actor=request.user, attachment=attachment, now=timezone.now()
        ),
        _("The redacted copy of %(name)s will be published; the record is now 删减后公开.")
        % {"name": attachment.original_name},
    )
    return _back(request, attachment.record_id)


@require_POST
def attachment_remove(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _attachment(request, pk)
    _attempt(
        request,
        lambda: services.attachment_withdraw(
            actor=request.user,
            attachment=attachment,
            reason=request.POST.get("reason", ""),
            now=timezone.now(),
        ),
        _("Removed: %(name)s.") % {"name": attachment.original_name},
    )
    return _back(request, attachment.record_id)


@require_POST
def body_redact(request: HttpRequest, pk: int) -> HttpResponse:
    record = records.record_get_for(user=request.user, pk=pk)
    _attempt(
        request,
        lambda: services.body_redact(actor=request.user, record=record, now=timezone.now()),
        _("The redacted body will be published; the record is now 删减后公开."),
    )
    return _back(request, pk)


@require_POST
def withdraw_now(request: HttpRequest, pk: int) -> HttpResponse:
    record = records.record_get_for(user=request.user, pk=pk)
    _attempt(
        request,
        lambda: services.record_withdraw_now(
            actor=request.user,
            record=record,
            reason=request.POST.get("reason", ""),
            now=timezone.now(),
        ),
        _("Withdrawn: the public page now answers that the record was withdrawn."),
    )
    return _back(request, pk)


def scan_status(request: HttpRequest, pk: int) -> JsonResponse:
    """The progress of a record's scan, polled by its page while the scan runs."""
    record = records.record_get_for(user=request.user, pk=pk)
    job = services.latest_job(record)
    if job is None:
        return JsonResponse({"state": None})
    return JsonResponse(
        {
            "state": job.state,
            "label": job.get_state_display(),
            "percent": job.percent,
            "parts_done": job.parts_done,
            "parts_total": job.parts_total,
        }
    )
