"""What a record's staff page shows of the privacy review: the scan's progress, why the review
cannot be passed yet, and the open findings grouped for the reviewer's buttons."""

from dataclasses import dataclass, field
from typing import Any

from gongkai.accounts.permissions import Action, can
from gongkai.core import disclosure
from gongkai.core.privacy import gate as rules
from gongkai.documents.models import Attachment, Record
from gongkai.review import services
from gongkai.review.models import Finding, ScanJob

SHOWN_PER_GROUP = 5


@dataclass
class Group:
    """Open findings of one kind under one label in one part of the record."""

    first: Finding
    count: int = 0
    blocking: bool = False
    samples: list[Finding] = field(default_factory=list)

    @property
    def locations(self) -> str:
        return "、".join(where(f) for f in self.samples)


@dataclass
class Part:
    title: str
    attachment: Attachment | None
    groups: list[Group]

    @property
    def blocking(self) -> bool:
        return any(g.blocking for g in self.groups)

    @property
    def assistance_list(self) -> bool:
        return any(g.first.kind == rules.ASSISTANCE_COLUMN for g in self.groups)


def where(finding: Finding) -> str:
    """A location a reviewer can find: 第3页, 低保名单!C7, 第12行, 正文表格 …"""
    at = finding.where or {}
    bits = []
    if "member" in at:
        bits.append(str(at["member"]))
    if "sheet" in at and "cell" in at:
        bits.append(f"{at['sheet']}!{at['cell']}")
    elif "page" in at:
        bits.append(f"第{at['page']}页")
    elif "line" in at:
        bits.append(f"第{at['line']}行")
    elif "paragraph" in at:
        bits.append(f"第{at['paragraph']}段")
    elif "part" in at:
        bits.append(str(at["part"]))
    if at.get("hidden"):
        bits.append("（隐藏）")
    return " ".join(bits) or "—"


def record_panel(*, user: Any, record: Record) -> dict[str, Any]:
    job = services.latest_job(record)
    findings = list(
        services.open_findings(record).select_related("attachment").order_by("source", "pk")
    )
    parts: dict[tuple[str, int | None], Part] = {}
    for attachment in record.attachments.all():
        parts[(Finding.Source.ATTACHMENT, attachment.pk)] = Part(
            attachment.original_name, attachment, []
        )
    groups: dict[tuple[Any, ...], Group] = {}
    for finding in findings:
        part_key = (
            (finding.source, finding.attachment_id)
            if finding.source == Finding.Source.ATTACHMENT
            else (finding.source, None)
        )
        if part_key not in parts:
            title = Finding.Source(finding.source).label
            parts[part_key] = Part(str(title), finding.attachment, [])
        key = (*part_key, finding.kind, finding.severity, finding.label)
        group = groups.get(key)
        if group is None:
            group = groups[key] = Group(first=finding)
            parts[part_key].groups.append(group)
        group.count += 1
        group.blocking = group.blocking or finding.blocking
        if len(group.samples) < SHOWN_PER_GROUP:
            group.samples.append(finding)
    if record.status == disclosure.Status.SUBMITTED:
        may_settle = can(user, Action.REVIEW_RECORD, record)
    elif record.status in services.LEAK_STATUSES:
        may_settle = can(user, Action.HANDLE_LEAK, record)
    else:
        may_settle = False
    settled = record.findings.exclude(state=Finding.State.OPEN).exclude(
        state=Finding.State.SUPERSEDED
    )
    return {
        "job": job,
        "job_active": job is not None and job.active,
        "job_failed": job is not None and job.state == ScanJob.State.FAILED,
        "gate_problems": (
            services.gate_problems(record) if record.status == disclosure.Status.SUBMITTED else []
        ),
        "parts": [p for p in parts.values() if p.groups],
        "open_count": len(findings),
        "blocking_count": sum(f.blocking for f in findings),
        "may_settle": may_settle,
        "may_withdraw": record.status in services.LEAK_STATUSES
        and can(user, Action.HANDLE_LEAK, record)
        and record.status == disclosure.Status.PUBLISHED,
        "settled": list(settled.select_related("resolved_by").order_by("-resolved_at")[:50]),
        "settled_count": settled.count(),
    }
