"""Records in every state, made directly (fast) or through the workflow (real)."""

import itertools
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.base import ContentFile

from gongkai.documents import services
from gongkai.documents.columns import columns_install_standard
from gongkai.documents.models import Attachment, Record
from gongkai.testing import dismiss_findings

NOW = datetime(2026, 3, 30, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
_serial = itertools.count(1)
AFTER_PUBLICATION = {"published", "revoked", "archived"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def columns(cast):
    columns_install_standard(actor=None, agency=cast.agency)
    return {c.slug: c for c in cast.agency.columns.all()}


def make_record(cast, title, *, columns=(), status="published", attribute="proactive", **fields):
    """A record in any state, saved as the services would leave it."""
    published = status in AFTER_PUBLICATION
    values = {
        "agency": cast.agency,
        "unit": cast.unit_a,
        "title": title,
        "body": f"<p>{title}的正文</p>",
        "status": status,
        "attribute": attribute,
        "published_at": NOW - timedelta(seconds=next(_serial)) if published else None,
        "index_number": f"{cast.agency.code}/2026-{next(_serial):05d}" if published else "",
    } | fields
    record = Record(**values)
    record.body_text = services.plain_text(record.public_body)
    record.save()
    record.columns.set(columns)
    return record


def attach(record, name="说明.pdf", *, text="", data=b"%PDF-1.4 test file\n"):
    attachment = Attachment(
        record=record,
        original_name=name,
        kind="pdf",
        content_type="application/pdf",
        extension=".pdf",
        size=len(data),
        sha256="0" * 64,
        text=text,
    )
    attachment.file.save("test.pdf", ContentFile(data), save=True)
    return attachment


def publish_through_workflow(cast, columns, **data):
    """A record drafted, reviewed, approved and published by the cast, as in real life."""
    fields = {
        "title": "测试市最低生活保障实施细则",
        "unit": cast.unit_a,
        "issuing_body": "测试市民政局",
        "document_number": "临民发〔2026〕3号",
        "written_on": date(2026, 3, 2),
        "subject": "民政、扶贫、救灾\\社会福利",
        "genre": "通知",
        "keywords": "低保 救助",
        "summary": "规范低保的申请、审核和发放。",
        "body": "<p>为规范<b>低保</b>工作……</p><script>alert(1)</script>",
        "attribute": "proactive",
    } | data
    record = services.record_create(
        actor=cast.drafter_a, agency=cast.agency, data=fields, columns=[columns["zcwj"]], now=NOW
    )
    assert services.record_submit(actor=cast.drafter_a, record=record, now=NOW) == []
    dismiss_findings(cast.reviewer, record, NOW)
    services.record_pass_review(actor=cast.reviewer, record=record, notes="", now=NOW)
    return services.record_approve(actor=cast.approver, record=record, now=NOW)


@dataclass
class World:
    """One public record and one of each kind the public must never see."""

    public: Record
    hidden: list[Record]  # never public: 404 everywhere
    revoked: Record  # was public: 410 tombstone, absent from every list


@pytest.fixture
def world(cast, columns):
    filed = [columns[slug] for slug in ("zcwj", "tzgg", "shjz", "xxgknb")]
    public = publish_through_workflow(cast, columns)
    public.columns.set(filed)
    attach(public, "公开附件.pdf", text="附件里的低保标准")
    hidden = [
        make_record(cast, "草稿里的低保甲", columns=filed, status="draft"),
        make_record(cast, "待审的低保乙", columns=filed, status="submitted"),
        make_record(cast, "待批的低保丙", columns=filed, status="reviewed"),
        make_record(
            cast,
            "定时的低保丁",
            columns=filed,
            status="scheduled",
            scheduled_for=NOW + timedelta(1),
        ),
        make_record(cast, "依申请的低保戊", columns=filed, attribute="on_request"),
        make_record(cast, "不公开的低保己", columns=filed, attribute="withheld"),
        make_record(cast, "未定属性的低保庚", columns=filed, attribute=""),
    ]
    for record in hidden:
        attach(record, f"{record.title}.pdf", text="附件里的低保秘密")
    revoked = make_record(
        cast,
        "撤回的低保辛",
        columns=filed,
        status="revoked",
        revoked_at=NOW,
        revoke_reason="含张三的身份证号",
    )
    return World(public=public, hidden=hidden, revoked=revoked)
