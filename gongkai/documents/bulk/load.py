"""Saving checked rows as records, in one transaction."""

import re
import string
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from gongkai.accounts.models import Agency
from gongkai.audit.services import audit_log
from gongkai.core import disclosure
from gongkai.documents import services
from gongkai.documents.bulk.checks import BadRow, Checked, Plan
from gongkai.documents.models import IndexSequence, Record, RecordEvent, Release


@dataclass
class ImportResult:
    created: int = 0
    published: int = 0
    unchanged: int = 0
    bad: list[BadRow] = field(default_factory=list)


class ImportFailed(Exception):
    """A row failed while saving; everything was rolled back."""

    def __init__(self, bad: list[BadRow]) -> None:
        super().__init__(f"{len(bad)} rows failed")
        self.bad = bad


def import_rows(
    checked: Checked,
    *,
    agency: Agency,
    source: str,
    now: datetime,
    skip_invalid: bool,
    progress: Callable[[Iterable[Plan]], Iterable[Plan]] = iter,
) -> ImportResult:
    """Save the checked rows in one transaction. A row that fails while saving is a bad
    row too: with skip_invalid it is set aside, else everything is rolled back."""
    result = ImportResult(unchanged=checked.unchanged, bad=list(checked.bad))
    written: list[str] = []
    try:
        with transaction.atomic():
            _reserve_index_numbers(agency, checked.plans)
            for plan in progress(checked.plans):
                _import_one(plan, agency, source, now, result, written)
            failed = result.bad[len(checked.bad) :]
            if failed and not skip_invalid:
                raise ImportFailed(failed)
    except BaseException:
        _delete_files(written)  # the database forgot them: the media folder must too
        raise
    return result


def _import_one(
    plan: Plan, agency: Agency, source: str, now: datetime, result: ImportResult, written: list[str]
) -> None:
    before = len(written)
    try:
        with transaction.atomic():
            record = services.record_create(
                actor=None, agency=agency, data=plan.data, columns=plan.columns, now=now
            )
            for path in plan.attachments:
                attachment = services.attachment_add(
                    actor=None, record=record, name=path.name, data=path.read_bytes()
                )
                written.append(str(attachment.file.name))
            _finish_import(record, plan, source, now)
    except (ValidationError, IntegrityError, OSError) as exc:
        _delete_files(written[before:])
        del written[before:]
        result.bad.append(BadRow(plan.line, plan.cells, _messages(exc)))
        return
    result.created += 1
    result.published += plan.published_at is not None


def _messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        return [f"保存时出错：{m}" for m in exc.messages]
    if isinstance(exc, IntegrityError):
        return ["保存时与已有记录冲突（索引号或文号重复），请检查后重新导入"]
    return [f"无法读取附件：{exc}"]


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def _finish_import(record: Record, plan: Plan, source: str, now: datetime) -> None:
    """The row's validity and, for historic data, its publication; audited as the import."""
    changes: dict[str, Any] = {"source": f"{source} 第 {plan.line} 行"}
    if plan.validity != record.validity:
        changes["validity"] = [record.validity, plan.validity]
        record.validity = plan.validity
    if plan.published_at is not None:
        changes |= _publish_historic(record, plan.published_at, plan.index_number, now)
    if len(changes) > 1:
        record.save()
    audit_log(actor=None, action="record.import", target=record, changes=changes, now=now)


def _publish_historic(
    record: Record, published_at: datetime, index_number: str, now: datetime
) -> dict[str, Any]:
    """Historic records were published by the old system on their 发布日期 under their 索引号.

    Sending them through review and approval (record_approve) would stamp today's date and a
    new number on them, so this import alone sets status, published_at and index_number
    directly — inside the import's transaction, with the website release, a RecordEvent and
    an audit entry as record_approve writes them. Rows without --publish stay drafts and
    take the normal workflow.
    """
    record.status = disclosure.Status.PUBLISHED
    record.published_at = published_at
    record.index_number = index_number or _free_index_number(record, published_at)
    day = timezone.localdate(published_at)
    Release.objects.create(record=record, channel=Release.Channel.WEBSITE, released_on=day)
    RecordEvent.objects.create(
        record=record,
        step="import",
        from_status=disclosure.Status.DRAFT,
        to_status=record.status,
        comment="历史数据导入",
        at=now,
    )
    return {
        "status": [disclosure.Status.DRAFT, record.status],
        "published_at": [None, published_at.isoformat()],
        "index_number": [None, record.index_number],
    }


def _index_pattern(template: str, agency_code: str) -> re.Pattern[str]:
    """Numbers of the agency's own template, with their year and serial as groups."""
    tokens = {
        "agency_code": re.escape(agency_code),
        "unit_code": "[A-Z0-9]*",
        "year": r"(?P<year>\d{4})",
        "seq": r"(?P<seq>\d+)",
        "uscc": ".*?",
        "date": r"\d{8}",
    }
    parts = []
    for literal, name, _spec, _conversion in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(tokens[name])
    return re.compile("".join(parts))


def _reserve_index_numbers(agency: Agency, plans: list[Plan]) -> None:
    """Advance the agency's serials past imported 索引号 of its own shape, so the numbers
    record_approve hands out later never collide with historic ones."""
    pattern = _index_pattern(agency.index_template, agency.code)
    highest: dict[int, int] = {}
    for plan in plans:
        found = pattern.fullmatch(plan.index_number) if plan.index_number else None
        if found and "year" in found.groupdict():
            year = int(found["year"])
            highest[year] = max(highest.get(year, 0), int(found["seq"]))
    for year, last in highest.items():
        sequence, _ = IndexSequence.objects.select_for_update().get_or_create(
            agency=agency, year=year
        )
        if sequence.last < last:
            sequence.last = last
            sequence.save(update_fields=["last"])


def _free_index_number(record: Record, published_at: datetime) -> str:
    """A 索引号 for a historic row that has none: the template, for its publication year."""
    agency, day = record.agency, timezone.localdate(published_at)
    sequence, _ = IndexSequence.objects.select_for_update().get_or_create(
        agency=agency, year=day.year
    )
    while True:
        sequence.last += 1
        number = disclosure.render_index_number(
            agency.index_template,
            agency_code=agency.code,
            year=day.year,
            seq=sequence.last,
            unit_code=record.unit.code if record.unit else "",
            day=day,
        )
        if not Record.objects.filter(index_number=number).exists():
            sequence.save(update_fields=["last"])
            return number
