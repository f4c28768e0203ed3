"""The sensitive-term list (issue 4: ``sensitive_term``): words the disclosure office does not
want published. A term of an agency applies to its records; a term without an agency applies
to every agency of the installation and is managed by whoever manages terms for every agency
(the system administrator).

A change to the list changes the fingerprint of every record it applies to
(scanning.fingerprint), so the next sweep rescans them.
"""

import unicodedata
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai.accounts.models import Agency
from gongkai.accounts.permissions import Action, require, sees_every_agency
from gongkai.audit.services import audit_log
from gongkai.review.models import SensitiveTerm

MIN_LENGTH = 2  # one character would be found in every other sentence
MAX_LENGTH = SensitiveTerm._meta.get_field("term").max_length or 100
NOTE_LENGTH = SensitiveTerm._meta.get_field("note").max_length or 200


def _require_manage(actor: Any, agency: Agency | None) -> None:
    if agency is None:
        if not sees_every_agency(actor, Action.MANAGE_TERMS):
            raise PermissionDenied
    else:
        require(actor, Action.MANAGE_TERMS, agency)


def clean_term(text: str) -> str:
    """The term as stored, or ValidationError. The scanner looks for it exactly as written."""
    term = (text or "").strip()
    if not term:
        raise ValidationError({"term": _("Enter a term.")})
    if any(unicodedata.category(c).startswith("C") for c in term):
        raise ValidationError({"term": _("A term is one line of text.")})
    if len(term) < MIN_LENGTH:
        raise ValidationError(
            {"term": _("A term has at least %(min)s characters.") % {"min": MIN_LENGTH}}
        )
    if len(term) > MAX_LENGTH:
        raise ValidationError(
            {"term": _("A term has at most %(max)s characters.") % {"max": MAX_LENGTH}}
        )
    return term


def clean_note(text: str) -> str:
    note = " ".join((text or "").split())
    if len(note) > NOTE_LENGTH:
        raise ValidationError(
            {"note": _("A note has at most %(max)s characters.") % {"max": NOTE_LENGTH}}
        )
    return note


def _duplicate(agency: Agency | None, term: str) -> str:
    """Why the term cannot be added to this list; "" when it can."""
    if SensitiveTerm.objects.filter(agency=agency, term=term).exists():
        return _("“%(term)s” is already on the list.") % {"term": term}
    if agency is not None and SensitiveTerm.objects.filter(agency=None, term=term).exists():
        return _("“%(term)s” is already on the list of every agency.") % {"term": term}
    return ""


@transaction.atomic
def term_create(
    *, actor: Any, agency: Agency | None, term: str, note: str = "", now: datetime
) -> SensitiveTerm:
    _require_manage(actor, agency)
    term = clean_term(term)
    note = clean_note(note)
    problem = _duplicate(agency, term)
    if problem:
        raise ValidationError({"term": problem})
    try:
        with transaction.atomic():
            created = SensitiveTerm.objects.create(
                agency=agency, term=term, note=note, created_by=actor, created_at=now
            )
    except IntegrityError:  # added by someone else a moment ago
        raise ValidationError(
            {"term": _("“%(term)s” is already on the list.") % {"term": term}}
        ) from None
    audit_log(
        actor=actor,
        action="review.term_added",
        target=created,
        agency=agency,
        changes={"term": [None, term], "note": [None, note]},
        now=now,
    )
    return created


@transaction.atomic
def term_update(*, actor: Any, term: SensitiveTerm, note: str, now: datetime) -> SensitiveTerm:
    """Change a term's note (the term itself is deleted and added again)."""
    term = (
        SensitiveTerm.objects.select_for_update(of=("self",))
        .select_related("agency")
        .get(pk=term.pk)
    )
    _require_manage(actor, term.agency)
    before = term.note
    term.note = clean_note(note)
    if term.note == before:
        return term
    term.save(update_fields=["note"])
    audit_log(
        actor=actor,
        action="review.term_changed",
        target=term,
        agency=term.agency,
        changes={"note": [before, term.note]},
        now=now,
    )
    return term


@transaction.atomic
def term_delete(*, actor: Any, term: SensitiveTerm, now: datetime) -> None:
    term = (
        SensitiveTerm.objects.select_for_update(of=("self",))
        .select_related("agency")
        .get(pk=term.pk)
    )
    _require_manage(actor, term.agency)
    agency = term.agency
    text = term.term
    audit_log(
        actor=actor,
        action="review.term_deleted",
        target=term,
        agency=agency,
        changes={"term": [text, None], "note": [term.note, None]},
        now=now,
    )
    term.delete()
