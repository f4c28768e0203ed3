"""Scanning a record: its title, the body the public will read and each attachment, into
unsaved :class:`~gongkai.review.models.Finding` rows (the gate and sweeps save them).

What is scanned is what would be published: for 删减后公开 the redacted body, and for an
attachment with an accepted redacted copy, that copy. A document that is an assistance list
(低保 / 特困 / 临时救助 / 医疗救助) is also checked column by column (core ``gate``).
"""

import hashlib
import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings

from gongkai.core.privacy import SCANNER_VERSION, Finding, Segment, scan_segment, scan_text
from gongkai.core.privacy import gate as rules
from gongkai.core.privacy.extract import Unreadable, extract
from gongkai.core.privacy.isolated import run_isolated
from gongkai.core.privacy.recognizers import UNREADABLE
from gongkai.documents.models import Attachment, Record
from gongkai.review import models

BODY_NAME = "body.html"


@dataclass(frozen=True)
class Part:
    """One thing the public would get: the title and body, or one file."""

    source: str  # models.Finding.Source
    name: str
    data: bytes
    attachment: Attachment | None = None


def terms_for(agency: Any) -> tuple[str, ...]:
    """The sensitive terms in effect for an agency: its own and the installation's."""
    from django.db.models import Q

    terms = models.SensitiveTerm.objects.filter(Q(agency=agency) | Q(agency__isnull=True))
    return tuple(sorted(set(terms.values_list("term", flat=True))))


def terms_digest(terms: tuple[str, ...]) -> str:
    return hashlib.sha256("\n".join(terms).encode()).hexdigest()[:16]


def public_parts(record: Record) -> list[Part]:
    """The title and body, then each attachment, as the public would get them."""
    parts = [
        Part(models.Finding.Source.TITLE, "title", record.title.encode()),
        Part(models.Finding.Source.BODY, BODY_NAME, record.public_body.encode()),
    ]
    for attachment in record.attachments.all():
        parts.append(
            Part(models.Finding.Source.ATTACHMENT, attachment.original_name, b"", attachment)
        )
    return parts


def read_attachment(attachment: Attachment) -> bytes:
    handle = attachment.public_file
    handle.open("rb")
    try:
        return bytes(handle.read())
    finally:
        handle.close()


def part_size(part: Part) -> int:
    if part.attachment is not None:
        return int(part.attachment.public_size)
    return len(part.data)


def fingerprint(record: Record, terms: tuple[str, ...]) -> str:
    """Changes when the scanner, the terms or anything the public gets changes."""
    digest = hashlib.sha256()
    digest.update(f"{SCANNER_VERSION}|{terms_digest(terms)}|".encode())
    digest.update(record.title.encode() + b"\0" + record.public_body.encode() + b"\0")
    for attachment in record.attachments.all():
        sha = attachment.redacted_sha256 if attachment.redacted_file else attachment.sha256
        digest.update(f"{attachment.pk}:{sha}\0".encode())
    return digest.hexdigest()


def scan_part(
    record: Record, part: Part, *, terms: tuple[str, ...], origin: str, now: datetime
) -> list[models.Finding]:
    """Unsaved findings of one part (the caller sets ``review`` and saves them)."""
    data = part.data
    results: list[tuple[str, Finding | Unreadable]]
    if part.attachment is None:
        results = list(_results(record, part, data, terms))
    else:
        # A file is read in a child process with a hard time and memory budget: a file that
        # would hang the scanner or exhaust memory ends as an unreadable finding.
        data = read_attachment(part.attachment)
        results = [
            ("", item) if isinstance(item, Unreadable) else item
            for item in run_isolated(
                lambda: _results(record, part, data, terms),
                seconds=settings.GONGKAI_SCAN_SECONDS,
                memory_bytes=settings.GONGKAI_SCAN_MEMORY_MB * 1024 * 1024,
            )
        ]
    return [_row(record, part, result, label, origin=origin, now=now) for label, result in results]


def _results(
    record: Record, part: Part, data: bytes, terms: tuple[str, ...]
) -> Iterator[tuple[str, Finding | Unreadable]]:
    if part.source == models.Finding.Source.TITLE:
        for finding in scan_text(record.title, where={"field": "title"}, terms=terms):
            yield "", finding
        return
    segments: list[Segment] = []
    # pypdf reports damage through logging and warnings; it is reported as unreadable anyway.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL + 1)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for item in extract(part.name, data):
            if isinstance(item, Unreadable):
                yield "", item
                continue
            segments.append(item)
            for finding in scan_segment(item, terms=terms):
                yield item.label or "", finding
    if rules.is_assistance_notice(record.title, " ".join(s.text for s in segments[:200])):
        by_label: dict[str, set[str]] = {}
        for segment in segments:
            if segment.label:
                kinds = {f.kind for f in scan_segment(segment)}
                by_label.setdefault(segment.label, set()).update(kinds)
        for column in rules.forbidden_columns(segments, by_label):
            yield column.label, column.finding()


def _row(
    record: Record,
    part: Part,
    result: Finding | Unreadable,
    label: str,
    *,
    origin: str,
    now: datetime,
) -> models.Finding:
    common = {
        "agency_id": record.agency_id,
        "record": record,
        "attachment": part.attachment,
        "file_name": part.attachment.original_name if part.attachment else "",
        "source": part.source,
        "origin": origin,
        "scanner_version": SCANNER_VERSION,
        "found_at": now,
        "label": label[:200],
    }
    if isinstance(result, Unreadable):
        return models.Finding(
            **common,
            kind=UNREADABLE,
            severity="high",
            blocking=True,
            rule="unreadable",
            masked=result.reason[:200],
            where=result.where,
        )
    return models.Finding(
        **common,
        kind=result.kind,
        severity=result.severity,
        blocking=rules.blocks(result.kind, result.severity),
        rule=result.rule[:120],
        masked=result.masked[:200],
        where=dict(result.where),
    )
