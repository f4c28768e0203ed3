"""Reads of letters and templates, each checking permission in the same call: the letters of
a case and the agency's templates belong to its disclosure office (VIEW_APPLICATIONS in the
agency); anything else is a 404 (or a 403 for a user who may see no agency's cases)."""

from dataclasses import dataclass
from typing import Any

from django.http import Http404

from gongkai.accounts.models import Agency
from gongkai.accounts.permissions import Action, can, require_somewhere
from gongkai.applications import selectors as cases
from gongkai.applications.letters import defaults
from gongkai.applications.letters.services import default_for
from gongkai.applications.models import Letter, LetterKind, LetterTemplate
from gongkai.core import applications as rules


def letters_of(*, user: Any, application_pk: int) -> list[Letter]:
    application = cases.application_get_for(user=user, pk=application_pk)
    return list(
        Letter.objects.filter(application=application).select_related("issued_by", "template")
    )


def letter_get_for(*, user: Any, application_pk: int, pk: int) -> Letter:
    application = cases.application_get_for(user=user, pk=application_pk)
    found = Letter.objects.filter(application=application, pk=pk).first()
    if found is None:
        raise Http404
    return found


def templates_agency(*, user: Any) -> Agency:
    """The agency whose templates `user` reads: their own (VIEW_APPLICATIONS there)."""
    require_somewhere(user, Action.VIEW_APPLICATIONS)
    agency = getattr(user, "agency", None)
    if agency is None or not can(user, Action.VIEW_APPLICATIONS, agency):
        raise Http404
    return agency  # type: ignore[no-any-return]


def slot_label(kind: str, outcome: str) -> str:
    label = str(LetterKind(kind).label)
    if outcome:
        label = f"{label} · {rules.OUTCOMES[rules.Outcome(outcome)].ledger}"
    return label


@dataclass(frozen=True)
class TemplateRow:
    kind: str
    outcome: str
    label: str
    latest: LetterTemplate | None  # None: the default, not yet used


def template_rows(*, user: Any) -> tuple[Agency, list[TemplateRow]]:
    agency = templates_agency(user=user)
    latest: dict[tuple[str, str], LetterTemplate] = {}
    for template in LetterTemplate.objects.filter(agency=agency).order_by(
        "kind", "outcome", "version"
    ):
        latest[(template.kind, template.outcome)] = template
    rows = [
        TemplateRow(kind, outcome, slot_label(kind, outcome), latest.get((kind, outcome)))
        for kind, outcome in defaults.slots()
    ]
    return agency, rows


@dataclass(frozen=True)
class TemplateHistory:
    agency: Agency
    kind: str
    outcome: str
    label: str
    versions: list[LetterTemplate]  # newest first
    current: defaults.Default  # what the form starts from


def template_history(*, user: Any, kind: str, outcome: str = "") -> TemplateHistory:
    agency = templates_agency(user=user)
    if (kind, outcome) not in defaults.slots():
        raise Http404
    versions = list(
        LetterTemplate.objects.filter(agency=agency, kind=kind, outcome=outcome)
        .select_related("created_by")
        .order_by("-version")
    )
    if versions:
        newest = versions[0]
        current = defaults.Default(newest.title, newest.number_template, newest.body)
    else:
        current = default_for(agency, kind, outcome)
    return TemplateHistory(agency, kind, outcome, slot_label(kind, outcome), versions, current)
