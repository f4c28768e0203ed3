import base64
import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import unquote, urlsplit

import nh3
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from gongkai.accounts.models import Agency, Unit
from gongkai.accounts.permissions import (
    Action,
    Role,
    can,
    require,
    require_somewhere,
    sees_every_agency,
    unit_bound,
    visible_agencies,
)
from gongkai.core import disclosure
from gongkai.core.disclosure import Status, Step, Timeliness
from gongkai.documents.models import Attachment, Column, Record, RecordEvent
from gongkai.documents.services import BODY_ATTRIBUTES, BODY_TAGS, sanitize_body
from gongkai.workcalendar.selectors import work_calendar


def records_for(*, user: Any) -> QuerySet[Record]:
    agencies = require_somewhere(user, Action.VIEW_RECORDS)
    records = Record.objects.select_related("agency", "unit")
    if not sees_every_agency(user, Action.VIEW_RECORDS):
        records = records.filter(agency__in=agencies)
    units = unit_bound(user)
    if units is not None:
        # A drafter of a unit sees that unit's records and the agency-wide ones.
        records = records.filter(Q(unit__in=units) | Q(unit__isnull=True))
    return records


def record_get_for(*, user: Any, pk: int) -> Record:
    record = Record.objects.select_related("agency", "unit").filter(pk=pk).first()
    if record is None or not can(user, Action.VIEW_RECORDS, record):
        raise Http404
    return record


def public_records() -> QuerySet[Record]:
    """Everything the public may see: published (or archived) 主动公开 and 删减后公开
    records. The one gate for the portal, search, feeds, sitemap and API."""
    return Record.objects.filter(
        status__in=[Record.Status.PUBLISHED, Record.Status.ARCHIVED],
        attribute__in=[Record.Attribute.PROACTIVE, Record.Attribute.REDACTED],
    ).select_related("agency", "unit")


def public_record_get(*, pk: int) -> Record:
    """A public record, or Http404. Revoked records are handled by the caller (410)."""
    record = public_records().filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


def revoked_public_record(*, pk: int) -> Record | None:
    """A record that was public and has been revoked: its URL answers 410 (a tombstone)."""
    return Record.objects.filter(
        pk=pk,
        status=Record.Status.REVOKED,
        attribute__in=[Record.Attribute.PROACTIVE, Record.Attribute.REDACTED],
    ).first()


# Staff side: the console's lists, the record page and its workflow steps.


@dataclass(frozen=True)
class StepRule:
    """Who may take a console step (the permission) and from which statuses."""

    action: Action
    statuses: frozenset[str]


def _from_statuses(*steps: Step) -> frozenset[str]:
    return frozenset(before for (before, step) in disclosure.TRANSITIONS if step in steps)


PUBLISHED_STATUSES = frozenset({Status.PUBLISHED, Status.ARCHIVED})
# The console's steps, in the order the record page offers them; the transition table of
# gongkai.core.disclosure says from where each may be taken, the services re-check both.
STEP_RULES: dict[str, StepRule] = {
    "submit": StepRule(Action.DRAFT_RECORD, _from_statuses(Step.SUBMIT)),
    "pass-review": StepRule(Action.REVIEW_RECORD, _from_statuses(Step.PASS_REVIEW)),
    "approve": StepRule(Action.APPROVE_RECORD, _from_statuses(Step.APPROVE)),
    "schedule": StepRule(Action.APPROVE_RECORD, _from_statuses(Step.SCHEDULE)),
    "return": StepRule(Action.APPROVE_RECORD, _from_statuses(Step.RETURN)),
    "revoke": StepRule(Action.REVOKE_RECORD, _from_statuses(Step.REVOKE)),
    "archive": StepRule(Action.REVOKE_RECORD, _from_statuses(Step.ARCHIVE)),
    "validity": StepRule(Action.REVOKE_RECORD, PUBLISHED_STATUSES),
    "release": StepRule(Action.RECORD_RELEASE, PUBLISHED_STATUSES),
}


def step_action(step: str, status: str) -> Action:
    """The permission a step needs; a return from review is the reviewer's."""
    if step == "return" and status == Status.SUBMITTED:
        return Action.REVIEW_RECORD
    return STEP_RULES[step].action


def record_steps_for(*, user: Any, record: Record) -> list[str]:
    """The steps this user may take on this record now (what the page offers)."""
    steps = [
        step
        for step, rule in STEP_RULES.items()
        if record.status in rule.statuses and can(user, step_action(step, record.status), record)
    ]
    if "release" in steps and not record.is_public:
        steps.remove("release")
    return steps


def record_editable_by(*, user: Any, record: Record) -> bool:
    return record.status in disclosure.EDITABLE_STATUSES and can(user, Action.DRAFT_RECORD, record)


def drafting_agency_for(*, user: Any) -> Agency:
    """The agency a new record is drafted for: the user's own (403 without one)."""
    agency = getattr(user, "agency", None)
    if agency is None:
        raise PermissionDenied
    require(user, Action.DRAFT_RECORD, agency)
    return agency


def records_work_for(*, user: Any) -> QuerySet[Record]:
    """My work (我的待办): what waits for this user's roles. The office (and whoever has no
    step of the workflow) sees everything it may see."""
    records = records_for(user=user)
    roles = user.roles
    if Role.DISCLOSURE_OFFICE in roles or not roles & WORKFLOW_ROLES:
        return records
    waiting = Q(pk__in=[])
    if Role.DRAFTER in roles:
        returned = Exists(RecordEvent.objects.filter(record=OuterRef("pk"), step=Step.RETURN))
        waiting |= Q(status=Status.DRAFT) & (Q(created_by=user) | returned)
    if Role.REVIEWER in roles:
        waiting |= Q(status=Status.SUBMITTED)
    if Role.APPROVER in roles:
        waiting |= Q(status__in=[Status.REVIEWED, Status.SCHEDULED])
    return records.filter(waiting)


WORKFLOW_ROLES = frozenset({Role.DRAFTER, Role.REVIEWER, Role.APPROVER})


def records_filtered(records: QuerySet[Record], filters: Mapping[str, Any]) -> QuerySet[Record]:
    """The list page's filters; an empty value filters nothing."""
    if filters.get("status"):
        records = records.filter(status=filters["status"])
    if filters.get("column"):
        records = records.filter(columns=filters["column"])
    if filters.get("unit"):
        records = records.filter(unit=filters["unit"])
    if filters.get("genre"):
        records = records.filter(genre=filters["genre"])
    if filters.get("year"):
        year = filters["year"]
        records = records.filter(
            Q(written_on__year=year) | Q(written_on__isnull=True, created_at__year=year)
        )
    if filters.get("q"):
        text = filters["q"]
        records = records.filter(
            Q(title__icontains=text)
            | Q(document_number__icontains=text)
            | Q(index_number__icontains=text)
            | Q(keywords__icontains=text)
        )
    return records.order_by("-updated_at", "-pk")


def filter_choices_for(*, user: Any) -> tuple[QuerySet[Column], QuerySet[Unit]]:
    """The columns and units a user may filter the list by."""
    agencies = visible_agencies(user, Action.VIEW_RECORDS)
    units = Unit.objects.filter(agency__in=agencies)
    bound = unit_bound(user)
    if bound is not None:
        units = units.filter(pk__in=bound)
    return Column.objects.filter(agency__in=agencies), units


def interpretable_records_for(
    *, user: Any, agency: Agency, keep: int | None = None
) -> QuerySet[Record]:
    """Policies an interpretation may name: the agency's live records that need one, and
    `keep`, the one it already names (which may have been archived since)."""
    live = Q(needs_interpretation=True) & ~Q(status__in=[Status.REVOKED, Status.ARCHIVED])
    return records_for(user=user).filter(live | Q(pk=keep), agency=agency).order_by("-pk")


def record_by_index_number_for(*, user: Any, agency: Agency, index_number: str) -> Record | None:
    """A published record of the agency by its 索引号 (for "replaced by")."""
    return (
        records_for(user=user)
        .filter(agency=agency, index_number=index_number.strip())
        .exclude(index_number="")
        .first()
    )


def attachment_get_for(*, user: Any, record_pk: int, pk: int) -> Attachment:
    record = record_get_for(user=user, pk=record_pk)
    attachment = record.attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    attachment.record = record
    return attachment


def record_returned(record: Record, events: list[RecordEvent]) -> RecordEvent | None:
    """The 退文 or 退回 that the drafter has to deal with: the last event, if it is one."""
    if record.status == Status.DRAFT and events and events[-1].step == Step.RETURN:
        return events[-1]
    return None


def record_timeliness(*, record: Record, today: date) -> Timeliness | None:
    """条例第26条: working days from forming (or writing) to publication — to today
    while the record is not published yet. None when there is no date to count from."""
    formed = record.formed_on or record.written_on
    if formed is None:
        return None
    end = timezone.localdate(record.published_at) if record.published_at else today
    try:
        return disclosure.publication_timeliness(work_calendar(), formed=formed, published=end)
    except ValueError:  # a date outside the calendar's years
        return None


EVENT_LABELS = {
    "create": _("created"),
    Step.SUBMIT: _("submitted for review"),
    Step.PASS_REVIEW: _("review passed"),
    Step.APPROVE: _("approved and published"),
    Step.SCHEDULE: _("approved for a later moment"),
    Step.RELEASE: _("published at the scheduled moment"),
    Step.RETURN: _("returned to the drafter"),
    Step.REVOKE: _("revoked"),
    Step.ARCHIVE: _("archived"),
}


def _labelled(event: RecordEvent) -> RecordEvent:
    """The event with its step and statuses in words, for the comment history."""
    statuses = dict(Record.Status.choices)
    event.step_label = EVENT_LABELS.get(event.step, event.step)  # type: ignore[attr-defined]
    event.from_label = statuses.get(event.from_status, "")  # type: ignore[attr-defined]
    event.to_label = statuses.get(event.to_status, event.to_status)  # type: ignore[attr-defined]
    return event


def record_page(*, user: Any, record: Record, today: date) -> dict[str, Any]:
    """Everything the staff page of a record shows, in a fixed number of queries."""
    events = [_labelled(e) for e in record.events.select_related("actor")]
    return {
        "record": record,
        # Sanitized again on the way out: rows loaded around the services (bulk import,
        # fixtures) must not carry a script into the console either.
        "body": mark_safe(sanitize_body(record.body)),
        "redacted_body": mark_safe(sanitize_body(record.redacted_body)),
        "columns": list(record.columns.all()),
        "attachments": list(record.attachments.all()),
        "events": events,
        "returned": record_returned(record, events),
        "reviews": list(record.reviews.select_related("reviewer")),
        "releases": list(record.releases.all()),
        "interpretations": list(records_for(user=user).filter(interprets=record)),
        "timeliness": record_timeliness(record=record, today=today),
        "steps": record_steps_for(user=user, record=record),
        "editable": record_editable_by(user=user, record=record),
    }


def column_tree(*, agency: Agency) -> list[tuple[Column, int]]:
    """The agency's columns depth-first in their order, each with its depth."""
    columns = list(Column.objects.filter(agency=agency).select_related("parent"))
    children: dict[int | None, list[Column]] = {}
    for column in columns:
        children.setdefault(column.parent_id, []).append(column)
    tree: list[tuple[Column, int]] = []

    def walk(parent: int | None, depth: int) -> None:
        for column in children.get(parent, []):
            tree.append((column, depth))
            walk(column.pk, depth + 1)

    walk(None, 0)
    return tree


def column_agency_for(*, user: Any, code: str) -> tuple[Agency, list[Agency]]:
    """The agency whose columns are managed (?agency=CODE, else the first one may manage)."""
    agencies = require_somewhere(user, Action.MANAGE_COLUMNS)
    chosen = next((a for a in agencies if a.code == code), None) if code else None
    if chosen is None and not code and agencies:
        chosen = agencies[0]
    if chosen is None:
        raise Http404
    return chosen, agencies


def column_get_for(*, user: Any, pk: int) -> Column:
    """A column to edit: 404 outside the user's reach, 403 for those who may not manage it."""
    column = Column.objects.select_related("agency").filter(pk=pk).first()
    if column is None or not can(user, Action.VIEW_RECORDS, column):
        raise Http404
    require(user, Action.MANAGE_COLUMNS, column)
    return column


def record_image_data_uris(*, record: Record) -> dict[str, str]:
    """The record's image attachments as data: URIs, keyed by every name a body may use
    for them (the stored file name and the uploaded one)."""
    uris = {}
    for attachment in record.attachments.filter(kind__in=IMAGE_KINDS):
        with attachment.file.open("rb") as handle:
            encoded = base64.b64encode(handle.read()).decode("ascii")
        uri = f"data:{attachment.content_type};base64,{encoded}"
        uris[posixpath.basename(attachment.file.name)] = uri
        uris[attachment.original_name] = uri
    return uris


IMAGE_KINDS = frozenset({"png", "jpeg", "gif"})


def wechat_article_body(*, record: Record) -> tuple[SafeString, list[str]]:
    """The public body, cleaned, with its images inlined; and the image attachments the
    body does not show (the article appends them). For pasting into the WeChat editor,
    which cannot load pictures from an intranet."""
    images = record_image_data_uris(record=record)
    used: set[str] = set()

    def inline(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            name = unquote(posixpath.basename(urlsplit(value).path))
            if name in images:
                used.add(images[name])
                return images[name]
        return value

    body = nh3.clean(
        record.public_body,
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        attribute_filter=inline,
    )
    rest = list(dict.fromkeys(uri for uri in images.values() if uri not in used))
    return mark_safe(body), rest  # nh3 output: only the tags and attributes listed
