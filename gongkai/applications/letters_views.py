"""The console for letters: the agency's templates (a new version per save, with the history
of versions), issuing a letter from the case page, and the letters' DOCX and PDF. Thin: the
selectors check who may read, the services who may act and what the case allows."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongkai.accounts.permissions import Action, can, require
from gongkai.applications import selectors as cases
from gongkai.applications.letters import defaults, services
from gongkai.applications.letters import selectors as letters
from gongkai.applications.models import LetterKind
from gongkai.core.workcalendar import Message

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


class TemplateForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("title"), max_length=100)
    number_template = forms.CharField(
        label=gettext_lazy("letter number"),
        max_length=60,
        help_text=gettext_lazy("With 〔{year}〕 and {seq}, e.g. 临民公开复〔{year}〕{seq}号."),
    )
    body = forms.CharField(
        label=gettext_lazy("text"),
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=gettext_lazy(
            "One paragraph a line. A paragraph whose placeholders are all empty is left out."
        ),
    )


def _text(problem: Any) -> str:
    return services.render_message(problem) if isinstance(problem, Message) else str(problem)


def _errors(exc: ValidationError) -> dict[str | None, list[str]]:
    found = exc.error_dict if hasattr(exc, "error_dict") else {None: exc.error_list}
    return {field: [_text(p.message) for p in problems] for field, problems in found.items()}


def template_list(request: HttpRequest) -> HttpResponse:
    agency, rows = letters.template_rows(user=request.user)
    context = {
        "agency": agency,
        "rows": rows,
        "can_edit": can(request.user, Action.HANDLE_APPLICATIONS, agency),
    }
    return render(request, "applications/letters/templates.html", context)


def template_edit(request: HttpRequest, kind: str, outcome: str = "") -> HttpResponse:
    history = letters.template_history(user=request.user, kind=kind, outcome=outcome)
    can_edit = can(request.user, Action.HANDLE_APPLICATIONS, history.agency)
    initial = {
        "title": history.current.title,
        "number_template": history.current.number_template,
        "body": history.current.body,
    }
    form = TemplateForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if form.is_bound:
        if not can_edit:
            # the service would refuse too; say so before looking at the form
            require(request.user, Action.HANDLE_APPLICATIONS, history.agency)
        if form.is_valid():
            try:
                created = services.template_new_version(
                    actor=request.user,
                    agency=history.agency,
                    kind=kind,
                    outcome=outcome,
                    now=timezone.now(),
                    **form.cleaned_data,
                )
            except ValidationError as exc:
                for field, texts in _errors(exc).items():
                    form.add_error(field if field in form.fields else None, texts)
            else:
                messages.success(
                    request, _("Saved as version %(version)s.") % {"version": created.version}
                )
                return redirect(request.path)
        status = 400
    context = {
        "history": history,
        "form": form,
        "can_edit": can_edit,
        "placeholders": sorted(defaults.allowed(kind).items()),
    }
    return render(request, "applications/letters/template_edit.html", context, status=status)


@require_POST
def letter_issue(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    application = cases.application_get_for(user=request.user, pk=pk)
    if kind not in LetterKind.values:
        raise Http404
    try:
        letter = services.letter_issue(
            actor=request.user, application=application, kind=kind, now=timezone.now()
        )
    except ValidationError as exc:
        for texts in _errors(exc).values():
            for text in texts:
                messages.error(request, text)
    else:
        messages.success(request, _("Issued: %(number)s.") % {"number": letter.number})
    return redirect(reverse("applications_console:detail", args=[pk]) + "#letters")


def letter_file(request: HttpRequest, pk: int, letter: int, fmt: str) -> FileResponse:
    if fmt not in CONTENT_TYPES:
        raise Http404
    found = letters.letter_get_for(user=request.user, application_pk=pk, pk=letter)
    stored = getattr(found, fmt)
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{found.number}.{fmt}",
        content_type=CONTENT_TYPES[fmt],
    )
