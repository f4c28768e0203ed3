"""Bring the demo's records (gongkai.demo.records) to their state through the real
workflow, at each record's own historic moment: the drafter (or, for the units the
drafter is not bound to, the disclosure office) submits, the reviewer passes the
confidentiality review, the approver publishes — a policy together with its
interpretations — and the office records the releases on other channels.

Loading again changes nothing: a record is found by its key (文号, else title), and only
a draft nobody has edited or moved since it was created is taken further — so the work
people do in the console is never overwritten. That is also how the seed, which earlier
versions of the demo left as a draft, gets published."""

from collections import defaultdict
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Q

from gongkai.accounts.models import Agency, Unit, User
from gongkai.accounts.permissions import Action, can
from gongkai.demo.records import RECORDS, SUPERSEDED, DemoRecord
from gongkai.documents.columns import columns_install_standard
from gongkai.documents.models import Column, Record, RecordEvent
from gongkai.documents.services import (
    record_approve,
    record_create,
    record_pass_review,
    record_set_validity,
    record_submit,
    record_update,
    release_record,
    sanitize_body,
)
from gongkai.review.services import findings_dismiss_all

SHANGHAI = ZoneInfo("Asia/Shanghai")
CREATED, SUBMITTED, REVIEWED, APPROVED = time(9), time(10), time(11, 30), time(15, 30)
PICTURES_REVIEWED = "已人工审查图片，无个人信息"
REVIEW_NOTES = "经审查，不涉及国家秘密、工作秘密、商业秘密和个人隐私，同意按所定属性公开。"


def load_records(*, agency: Agency, units: dict[str, Unit], done: list[str]) -> None:
    installed = columns_install_standard(actor=None, agency=agency)
    if installed:
        done.append(f"columns {installed}")
    _Loader(agency, units, done).run()


class _Loader:
    def __init__(self, agency: Agency, units: dict[str, Unit], done: list[str]) -> None:
        self.agency, self.units, self.done = agency, units, done
        self.columns = {c.slug: c for c in Column.objects.filter(agency=agency)}
        staff = {u.username: u for u in User.objects.filter(username__in=STAFF)}
        self.drafter, self.reviewer, self.approver, self.office = (staff[n] for n in STAFF)
        self.found, self.moved = _existing(agency)
        self.published: dict[str, Record] = {}

    def run(self) -> None:
        interpretations: dict[str, list[DemoRecord]] = defaultdict(list)
        for spec in RECORDS:
            if spec.interprets:
                interpretations[spec.interprets].append(spec)
        for spec in sorted((s for s in RECORDS if not s.interprets), key=lambda s: s.day):
            if not self._untouched(spec):
                continue
            record = self._bring(spec)
            companions = {
                i.key: self._bring(i, policy=record)
                for i in interpretations[spec.key]
                if self._untouched(i)
            }
            if spec.state == "published":
                self._approve(spec, record, companions)
        self._supersede()
        self._release()

    def _untouched(self, spec: DemoRecord) -> bool:
        record = self.found.get(spec.key)
        return record is None or (
            record.status == Record.Status.DRAFT
            and record.version == 1  # record_update counts every edit
            and record.pk not in self.moved
        )

    def _bring(self, spec: DemoRecord, policy: Record | None = None) -> Record:
        """Create (or complete) the draft and move it up to review or approval."""
        editor = self._editor(spec)
        data, columns = self._data(spec, policy), [self.columns[s] for s in spec.columns]
        record = self.found.get(spec.key)
        if record is None:
            created = _at(min(spec.written_on or spec.day, spec.day), CREATED)
            record = record_create(
                actor=editor, agency=self.agency, data=data, columns=columns, now=created
            )
            self.done.append(f"record {spec.key}")
        elif _differs(record, data, columns):
            record = record_update(
                actor=editor, record=record, version=record.version, data=data, columns=columns
            )
            self.done.append(f"record {spec.key} completed")
        if spec.state == "draft":
            return record
        problems = record_submit(actor=editor, record=record, now=_at(spec.day, SUBMITTED))
        if spec.state == "returned":
            return record  # 退文: the system sent it back, naming what is missing
        if problems:
            raise ValueError(f"demo record {spec.key}: {'；'.join(problems)}")
        if spec.state == "submitted":
            return record
        # The demo reviewer looked at the pictures the scanner cannot read: nothing personal.
        findings_dismiss_all(
            actor=self.reviewer,
            record=record,
            reason=PICTURES_REVIEWED,
            now=_at(spec.day, REVIEWED),
        )
        return record_pass_review(
            actor=self.reviewer, record=record, notes=REVIEW_NOTES, now=_at(spec.day, REVIEWED)
        )

    def _approve(self, spec: DemoRecord, record: Record, companions: dict[str, Record]) -> None:
        self.published[spec.key] = record_approve(
            actor=self.approver, record=record, now=_at(spec.day, APPROVED), waiver=spec.waiver
        )
        self.published |= companions  # record_approve published them with their policy
        self.done.append(f"published {spec.key}")

    def _editor(self, spec: DemoRecord) -> User:
        # The demo drafter is bound to 社会救助科: the disclosure office (公开办) enters
        # the other units' records, as the reference bureau's office does.
        # Agency-wide records (no unit) are the office's too: a unit-bound drafter keeps
        # to their units.
        if spec.unit and can(self.drafter, Action.DRAFT_RECORD, self.units[spec.unit]):
            return self.drafter
        return self.office

    def _data(self, spec: DemoRecord, policy: Record | None) -> dict[str, Any]:
        return {
            "title": spec.title,
            "unit": self.units[spec.unit] if spec.unit else None,
            "issuing_body": spec.issuing_body,
            "document_number": spec.document_number,
            "written_on": spec.written_on or spec.day,
            "subject": spec.subject,
            "genre": spec.genre,
            "keywords": spec.keywords,
            "summary": spec.summary,
            "is_normative": bool(spec.registration_number),
            "registration_number": spec.registration_number,
            "body": spec.body,
            "note": spec.note,
            "attribute": str(spec.attribute),
            "ground": str(spec.ground),
            "attribute_reason": spec.reason,
            "redacted_body": spec.redacted_body,
            "needs_interpretation": spec.needs_interpretation,
            "interprets": policy,
            "interpretation_form": spec.form,
            "interpreter": spec.interpreter,
            "by_principal": spec.by_principal,
        }

    def _supersede(self) -> None:
        """Mark repealed and amended documents on the original (《政府网站发展指引》)."""
        for old, new, validity, reason in SUPERSEDED:
            if old.key in self.published and new.key in self.published:
                record_set_validity(
                    actor=self.approver,
                    record=self.published[old.key],
                    validity=validity,
                    changed_on=new.day,
                    replaced_by=self.published[new.key],
                    reason=reason,
                )

    def _release(self) -> None:
        for spec in RECORDS:
            record = self.published.get(spec.key)
            if record is None:
                continue
            for channel in spec.channels:
                release_record(
                    actor=self.office,
                    record=record,
                    channel=channel.channel,
                    released_on=spec.day + timedelta(days=channel.days_after),
                    link=channel.link,
                    note=channel.note,
                )


STAFF = ("drafter", "reviewer", "approver", "office")


def _at(day: Any, moment: time) -> datetime:
    return datetime.combine(day, moment, tzinfo=SHANGHAI)


def _existing(agency: Agency) -> tuple[dict[str, Record], set[int]]:
    """The demo's records already stored, by key; and those whose workflow has moved."""
    numbers = [s.document_number for s in RECORDS if s.document_number]
    titles = [s.title for s in RECORDS if not s.document_number]
    records = Record.objects.filter(agency=agency).filter(
        Q(document_number__in=numbers) | Q(title__in=titles, document_number="")
    )
    found = {r.document_number or r.title: r for r in records}
    moved = RecordEvent.objects.filter(record__in=records).exclude(step="create")
    return found, set(moved.values_list("record_id", flat=True))


def _differs(record: Record, data: dict[str, Any], columns: list[Column]) -> bool:
    for name, value in data.items():
        if name in {"body", "redacted_body"}:
            value = sanitize_body(value)
        if getattr(record, name) != value:
            return True
    return set(record.columns.all()) != set(columns)
