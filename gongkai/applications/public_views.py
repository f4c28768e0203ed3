"""The public side of 依申请公开 (issue 5 §1): /apply/ registers an application and shows the
receipt once; /track/ shows one's own case after a tracking code and the phone (or the last 4
characters of the identity number).

These pages carry personal data and a CSRF token, so they are never page snapshots and never
cached. The tracking code lives in the session for the receipt page only, never in a URL;
what /track/ keeps in the session is an HMAC, not the phone or the code.
"""

import hmac
import logging
from io import BytesIO
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from gongkai.applications import abuse, corrections, crypto, provided
from gongkai.applications.intake import application_register, last4_hash, tracking_hash
from gongkai.applications.models import Application, ApplicationFile, Letter, LetterKind
from gongkai.applications.public_forms import (
    ApplicationForm,
    CorrectionForm,
    TrackForm,
    phone_key,
)
from gongkai.core import applications as rules
from gongkai.portal.selectors import Site, portal_site

logger = logging.getLogger(__name__)

RECEIPT_SESSION = "applications_public_receipt"  # {"pk", "code"}: the receipt, once
TRACK_SESSION = "applications_public_track"  # {"pk", "by", "proof"}: the case looked up
TRACK_SALT = "gongkai.applications.track"

# What the applicant sees of their case: the steps that concern them, never who handles it,
# whom the agency consulted, or the notes and reasons staff wrote for themselves.
PUBLIC_STEPS = frozenset(rules.Step) - {rules.Step.ASSIGN, rules.Step.ARCHIVE}
# Files the applicant may download from /track/. The letters (答复书, 告知书) join them when
# they are stored.
PUBLIC_FILE_KINDS = (ApplicationFile.Kind.PROVIDED,)


def _site() -> Site:
    site = portal_site()
    if site.agency is None:
        raise Http404
    return site


def _refused(request: HttpRequest, site: Site, message: str, status: int) -> HttpResponse:
    return render(
        request,
        "applications/public/refused.html",
        {"site": site, "message": message},
        status=status,
    )


# /apply/ -------------------------------------------------------------------------------------


def _challenge_message(code: str) -> str:
    if code == "expired":
        return _("The security check has expired. Please answer the question and submit again.")
    if code == "unsolved":
        return _(
            "The security check was not completed. Please answer the question below "
            "(or wait until the automatic check is done) and submit again."
        )
    return _("The form was damaged. Please answer the question and submit again.")


def _service_errors(form: ApplicationForm, exc: ValidationError) -> None:
    """The registration service's refusals, shown at the field they concern."""
    fields = {"id_number": "id_number", "received_on": "dated_on"}
    for key, messages in exc.message_dict.items():
        for message in messages:
            if key == "uploads":
                name = message.split("：", 1)[0]
                form.add_error(form.upload_field_of(name), message)
            else:
                form.add_error(fields.get(key), message)


def _receipt_mail(application: Application, code: str) -> tuple[str, str]:
    subject = _("Application for government information %(number)s received") % {
        "number": application.number
    }
    body = render_to_string(
        "applications/public/receipt_email.txt",
        {"application": application, "code": code, "agency": application.agency},
    )
    return subject, body


def _send_receipt(email: str, subject: str, body: str, number: str) -> None:
    try:
        send_mail(subject, body, None, [email])
    except Exception:  # the application is registered; a mail server's trouble must not hide it
        logger.exception("the receipt of application %s could not be mailed", number)


def _already_registered(request: HttpRequest, site: Site, application: Application) -> HttpResponse:
    """The same form again (a double click, a reload): one application, the same receipt."""
    receipt = request.session.get(RECEIPT_SESSION) or {}
    if receipt.get("pk") == application.pk:
        return redirect("applications_public:receipt")
    return render(request, "applications/public/already.html", {"site": site})


def _apply_form_page(request: HttpRequest, site: Site, form: ApplicationForm) -> HttpResponse:
    context = {"site": site, "form": form, "challenge": abuse.challenge_issue()}
    return render(request, "applications/public/apply.html", context)


@login_not_required
@never_cache
def apply(request: HttpRequest) -> HttpResponse:
    site = _site()
    agency = site.agency
    assert agency is not None
    today = timezone.localdate()
    if request.method != "POST":
        return _apply_form_page(request, site, ApplicationForm(today=today))

    if not abuse.hit("apply_ip", abuse.client_ip(request)):
        return _refused(
            request,
            site,
            _(
                "Too many applications were sent from your network in the last hour. "
                "Please try again later, or apply by post or in person."
            ),
            429,
        )
    if abuse.honeypot_filled(request.POST):
        return _refused(request, site, _("The form could not be accepted."), 400)

    form = ApplicationForm(request.POST, request.FILES, today=today)
    try:
        solved: abuse.Solved | None = abuse.challenge_verify(
            request.POST.get("challenge", ""),
            proof=request.POST.get("proof", ""),
            answer=request.POST.get("answer", ""),
        )
    except abuse.ChallengeFailed as failed:
        solved, challenge_error = None, _challenge_message(failed.code)
    if solved is not None:
        earlier = Application.objects.filter(agency=agency, submission_key=solved.nonce).first()
        if earlier is not None:
            return _already_registered(request, site, earlier)
    if not form.is_valid() or solved is None:
        if solved is None:
            form.add_error(None, challenge_error)
        return _apply_form_page(request, site, form)

    identity = form.cleaned_data["id_number"]
    if abuse.is_limited("apply_identity", identity):
        return _refused(
            request,
            site,
            _(
                "Too many applications were made with this identity number today. Please try "
                "again tomorrow, or apply by post or in person."
            ),
            429,
        )
    try:
        with transaction.atomic():
            application, code = application_register(
                agency=agency,
                data=form.application_data(),
                channel=rules.Channel.ONLINE.value,
                now=timezone.now(),
                submission_key=solved.nonce,
            )
            if code and application.email:
                subject, body = _receipt_mail(application, code)
                email, number = application.email, application.number
                transaction.on_commit(lambda: _send_receipt(email, subject, body, number))
    except ValidationError as exc:
        _service_errors(form, exc)
        return _apply_form_page(request, site, form)
    except IntegrityError:  # the same form, registered a moment ago by a concurrent request
        earlier = Application.objects.filter(agency=agency, submission_key=solved.nonce).first()
        if earlier is None:
            raise
        return _already_registered(request, site, earlier)
    if not code:
        return _already_registered(request, site, application)
    abuse.hit("apply_identity", identity)
    request.session[RECEIPT_SESSION] = {"pk": application.pk, "code": code}
    return redirect("applications_public:receipt")


@login_not_required
@never_cache
def receipt(request: HttpRequest) -> HttpResponse:
    """The confirmation and printable receipt; the only page that shows the tracking code."""
    site = _site()
    kept = request.session.get(RECEIPT_SESSION) or {}
    application = Application.objects.filter(pk=kept.get("pk")).first() if kept else None
    if application is None:
        return redirect("applications_public:apply")
    context = {"site": site, "application": application, "code": kept["code"]}
    return render(request, "applications/public/receipt.html", context)


# /track/ -------------------------------------------------------------------------------------


def _proof(application: Application, by: str) -> str:
    """What the session keeps of a successful look-up: an HMAC of the application's current
    code hash and the data that was checked, so a changed phone or code ends the look-up."""
    parts = [str(application.pk), application.tracking_hash, by]
    if "phone" in by:
        parts.append(phone_key(application.phone))
    if "last4" in by:
        parts.append(application.id_last4_hash)
    return salted_hmac(TRACK_SALT, "|".join(parts), algorithm="sha256").hexdigest()


def _matches(application: Application | None, *, phone: str, last4: str) -> str:
    """How the applicant proved it is theirs ("phone", "last4", "phone+last4"), or "".

    Compared in constant time; an unknown code costs the same comparisons as a known one."""
    known = application is not None
    stored_phone = phone_key(application.phone) if application else "-"
    number = application.number if application else "-"
    stored_last4 = application.id_last4_hash if application else "-"
    checks = []
    if phone:
        checks.append(("phone", hmac.compare_digest(stored_phone, phone_key(phone))))
    if last4:
        given = last4_hash(number, last4)
        checks.append(("last4", bool(stored_last4) and hmac.compare_digest(stored_last4, given)))
    if known and checks and all(ok for _name, ok in checks):
        return "+".join(name for name, _ok in checks)
    return ""


def _tracked(request: HttpRequest) -> Application | None:
    """The application this session looked up, if the look-up still holds."""
    kept = request.session.get(TRACK_SESSION) or {}
    if not kept:
        return None
    application = Application.objects.filter(pk=kept.get("pk")).first()
    if application is None:
        return None
    if not hmac.compare_digest(_proof(application, str(kept.get("by", ""))), kept.get("proof", "")):
        return None
    return application


def _track_limited() -> str:
    return _(
        "Too many wrong entries. For your safety the look-up is paused; please try again in "
        "an hour, or call the disclosure office."
    )


@login_not_required
@never_cache
def track(request: HttpRequest) -> HttpResponse:
    site = _site()
    form = TrackForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        ip = abuse.client_ip(request)
        if abuse.is_limited("track_ip", ip):
            return _refused(request, site, _track_limited(), 429)
        if form.is_valid():
            code_hash = tracking_hash(form.cleaned_data["code"])
            if abuse.is_limited("track_code", code_hash):
                return _refused(request, site, _track_limited(), 429)
            application = Application.objects.filter(tracking_hash=code_hash).first()
            by = _matches(
                application, phone=form.cleaned_data["phone"], last4=form.cleaned_data["id_last4"]
            )
            if by and application is not None:
                request.session.cycle_key()
                request.session[TRACK_SESSION] = {
                    "pk": application.pk,
                    "by": by,
                    "proof": _proof(application, by),
                }
                return redirect("applications_public:case")
            abuse.hit("track_ip", ip)
            abuse.hit("track_code", code_hash)
            form.add_error(
                None,
                _(
                    "No application matches this tracking code and these details. Check the "
                    "code on your receipt and the phone or identity number you gave."
                ),
            )
    return render(request, "applications/public/track.html", {"site": site, "form": form})


def _public_events(application: Application) -> list[dict[str, Any]]:
    rows = []
    for event in application.events.all():
        step = rules.Step(event.step)
        if step not in PUBLIC_STEPS:
            continue
        rows.append(
            {
                "step": step,
                "label": step.label,
                "day": event.day,
                "until": event.until,
                "outcome": application.get_outcome_display()
                if step is rules.Step.DECIDE and application.outcome
                else "",
            }
        )
    return rows


def _case_context(
    request: HttpRequest, site: Any, application: Application, form: CorrectionForm | None = None
) -> dict[str, Any]:
    """What /track/'s case page shows: nothing about the handler, parties or notes."""
    events = _public_events(application)
    context = {
        "site": site,
        "application": application,
        "status_label": rules.Status(application.status).label,
        "events": events,
        "corrections": [e for e in events if e["step"] is rules.Step.REQUEST_CORRECTION],
        "extension": next((e for e in events if e["step"] is rules.Step.EXTEND), None),
        # Information provided is released after its privacy review only (provided.py).
        "files": provided.released_files(application),
        "letters": public_letters(application),
    }
    context.update(_correction_context(request, application, form))
    return context


@login_not_required
@never_cache
def case(request: HttpRequest) -> HttpResponse:
    site = _site()
    application = _tracked(request)
    if application is None:
        return redirect("applications_public:track")
    return render(
        request, "applications/public/case.html", _case_context(request, site, application)
    )


@login_not_required
@never_cache
def case_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    """A reply document of the case looked up in this session; anything else is a 404."""
    application = _tracked(request)
    if application is None:
        raise Http404
    item = get_object_or_404(
        ApplicationFile, pk=pk, application=application, kind__in=PUBLIC_FILE_KINDS
    )
    if not provided.is_released(item):  # the privacy review has not passed it
        raise Http404
    with provided.public_file(item).open("rb") as handle:  # the redacted copy if any
        data = handle.read()
    if item.encrypted:
        data = crypto.decrypt_bytes(data)
    response = FileResponse(
        BytesIO(data),
        as_attachment=True,
        filename=item.original_name,
        content_type=item.content_type,
    )
    response["Cache-Control"] = "no-store, private"
    return response


# The applicant's correction and letters on /track/ (corrections.py) ------------------------

CORRECTED_SESSION = "applications_public_corrected"  # the pk, for one "received" notice
# Letters addressed to the applicant; a letter consulting a third party is not theirs.
PUBLIC_LETTER_KINDS = [k.value for k in LetterKind if k is not LetterKind.CONSULTATION]


def public_letters(application: Application) -> Any:
    return Letter.objects.filter(application=application, kind__in=PUBLIC_LETTER_KINDS).order_by(
        "dated_on", "pk"
    )


def _correction_context(
    request: HttpRequest, application: Application, form: CorrectionForm | None = None
) -> dict[str, Any]:
    corrected = request.session.pop(CORRECTED_SESSION, None) == application.pk
    period = corrections.open_period(application)
    if period is None:
        return {"correction_period": None, "corrected": corrected}
    late = timezone.localdate() > period.until
    return {
        "correction_period": period,
        "correction_late": corrections.late_message(period) if late else "",
        "correction_form": None if late else (form or CorrectionForm()),
    }


@login_not_required
@never_cache
def case_correct(request: HttpRequest) -> HttpResponse:
    """The applicant sends the corrected application for the case looked up in this session."""
    site = _site()
    application = _tracked(request)
    if application is None:
        return redirect("applications_public:track")
    if request.method != "POST":
        return redirect("applications_public:case")
    ip = abuse.client_ip(request)
    key = str(application.pk)
    if corrections.is_limited("correct_ip", ip) or corrections.is_limited("correct_case", key):
        return _refused(
            request,
            site,
            _(
                "Too many corrections were sent. Please try again later, or send the correction "
                "to the disclosure office by post or in person."
            ),
            429,
        )
    corrections.hit("correct_ip", ip)
    corrections.hit("correct_case", key)
    form = CorrectionForm(request.POST, request.FILES)
    status = 400
    if form.is_valid():
        try:
            corrections.correction_submit(
                application=application,
                text=form.cleaned_data["text"],
                upload=form.upload(),
                now=timezone.now(),
            )
        except ValidationError as exc:
            for key_, texts in (
                exc.message_dict.items() if hasattr(exc, "error_dict") else [(None, exc.messages)]
            ):
                for text in texts:
                    form.add_error("file" if key_ == "uploads" else None, text)
        else:
            request.session[CORRECTED_SESSION] = application.pk
            return redirect("applications_public:case")
    context = _case_context(request, site, application, form)
    return render(request, "applications/public/case.html", context, status=status)


@login_not_required
@never_cache
def case_letter(request: HttpRequest, pk: int) -> HttpResponseBase:
    """The PDF of a letter of the case looked up in this session; anything else is a 404."""
    application = _tracked(request)
    if application is None:
        raise Http404
    letter = get_object_or_404(Letter, pk=pk, application=application, kind__in=PUBLIC_LETTER_KINDS)
    if not letter.pdf:
        raise Http404
    try:
        with letter.pdf.open("rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        BytesIO(data),
        as_attachment=True,
        filename=f"{letter.number}.pdf",
        content_type="application/pdf",
    )
    response["Cache-Control"] = "no-store, private"
    return response
