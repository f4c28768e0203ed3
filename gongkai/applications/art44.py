"""Turning information requested repeatedly into proactive disclosure (条例第44条).

**The rule [I].** Candidates are the agency's cases, open or closed, whose decided outcome is
（一）予以公开 or （二）部分公开. Two cases ask for "the same information" when
- information provided to both came from the same registry record (``source_record``), or
- their descriptions are equal once normalised (:func:`normalise`: NFKC, lower case, every
  character that is not a letter or digit removed — spaces, punctuation, brackets).
A group listed is the cases that share one such key, when they are two or more different
applications. One case may be in two groups (a record key and a text key).

One action (:func:`art44_create_record`) creates a draft ``documents.Record`` from a group
through ``documents.services.record_create`` with the office as actor: attribute 主动公开, the
title from the source record or the description, the source record's body or the description
as body, and a note naming the applications. Each case of the group gets an audit entry
(``application.art44_record``) naming the record; the list shows the draft made for a key.
"""

import html
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.permissions import Action, require
from gongkai.applications.models import Application, ApplicationFile
from gongkai.audit.models import AuditEvent
from gongkai.audit.services import audit_log
from gongkai.core import applications as rules
from gongkai.core import disclosure
from gongkai.documents.models import Record

OUTCOMES = [rules.Outcome.DISCLOSED.value, rules.Outcome.PARTLY_DISCLOSED.value]
ACTION = "application.art44_record"
_NOT_WORD = re.compile(r"[\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text or "").lower())


@dataclass
class Group:
    key: str  # "record:<pk>" or "text:<normalised description>"
    title: str
    record: Record | None = None
    applications: list[Application] = field(default_factory=list)
    drafted: int | None = None  # the draft record made from this group, if any


def groups_for(*, user: Any, agency: Any) -> list[Group]:
    """The groups of two or more applications asking for the same information."""
    require(user, Action.VIEW_APPLICATIONS, agency)
    return _groups(agency)


def _groups(agency: Any) -> list[Group]:
    cases = list(
        Application.objects.filter(agency=agency, outcome__in=OUTCOMES).order_by("year", "seq")
    )
    by_pk = {a.pk: a for a in cases}
    sources = (
        ApplicationFile.objects.filter(
            application_id__in=by_pk,
            kind=ApplicationFile.Kind.PROVIDED,
            source_record__isnull=False,
        )
        .values_list("application_id", "source_record_id")
        .distinct()
    )
    groups: dict[str, Group] = {}
    records = {r.pk: r for r in Record.objects.filter(pk__in={s for _a, s in sources})}
    for application_pk, record_pk in sources:
        record = records[record_pk]
        group = groups.setdefault(
            f"record:{record_pk}", Group(f"record:{record_pk}", record.title, record)
        )
        if by_pk[application_pk] not in group.applications:
            group.applications.append(by_pk[application_pk])
    for application in cases:
        text = normalise(application.description)
        if not text:
            continue
        key = f"text:{text}"
        group = groups.setdefault(key, Group(key, application.description.strip()[:300]))
        group.applications.append(application)
    found = [g for g in groups.values() if len(g.applications) >= 2]
    drafted = _drafted(agency)
    for group in found:
        group.drafted = drafted.get(group.key)
    found.sort(key=lambda g: (-len(g.applications), g.title))
    return found


def _drafted(agency: Any) -> dict[str, int]:
    rows = AuditEvent.objects.filter(action=ACTION, agency=agency).values_list("changes", flat=True)
    found: dict[str, int] = {}
    for changes in rows:
        key = (changes.get("art44_key") or [None, None])[1]
        record = (changes.get("record") or [None, None])[1]
        if key and record:
            found[key] = record
    return found


@transaction.atomic
def art44_create_record(*, actor: Any, agency: Any, key: str, now: datetime) -> Record:
    """A draft 主动公开 record from the group ``key``; each of its cases records it (audit)."""
    from gongkai.documents.services import record_create

    require(actor, Action.HANDLE_APPLICATIONS, agency)
    group = next((g for g in _groups(agency) if g.key == key), None)
    if group is None:
        raise ValidationError(_("No two applications ask for this information."))
    if group.drafted:
        raise ValidationError(_("A draft record was already created for this information."))
    numbers = "、".join(a.number for a in group.applications)
    note = f"依申请公开转为主动公开（条例第44条）：申请 {numbers}"
    if group.record is not None:
        body = group.record.public_body or html.escape(group.record.title)
        title = group.record.title
    else:
        title = group.title
        body = f"<p>{html.escape(group.title)}</p>"
    record = record_create(
        actor=actor,
        agency=agency,
        data={
            "title": title[:300],
            "body": body,
            "attribute": disclosure.Attribute.PROACTIVE.value,
            "note": note[:200],
        },
        now=now,
    )
    for application in group.applications:
        audit_log(
            actor=actor,
            action=ACTION,
            target=application,
            changes={"record": [None, record.pk], "art44_key": [None, key]},
            reason=note,
            now=now,
        )
    return record
