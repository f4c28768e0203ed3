"""Records in every state the public must or must not see, for the API's tests."""

import io
from types import SimpleNamespace

import pytest
from PIL import Image

from gongkai.documents import services
from gongkai.documents.columns import columns_install_standard
from gongkai.documents.models import Record
from gongkai.documents.tests.conftest import NOW, policy_data, publish
from gongkai.testing import dismiss_findings


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def _draft(cast, columns, **data) -> Record:
    return services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data=policy_data(cast, **data),
        columns=[columns["zcwj"]],
        now=NOW,
    )


@pytest.fixture
def columns(cast):
    columns_install_standard(actor=None, agency=cast.agency)
    return {c.slug: c for c in cast.agency.columns.all()}


@pytest.fixture
def records(cast, columns, settings, tmp_path):
    """One record of each kind, by name; only `public`, `redacted` and `reading` are public."""
    settings.MEDIA_ROOT = tmp_path
    public = _draft(cast, columns, needs_interpretation=True)
    services.attachment_add(actor=cast.drafter_a, record=public, name="图解.png", data=png_bytes())
    reading = _draft(
        cast,
        columns,
        title="《实施细则》解读",
        document_number="",
        genre="政策解读",
        interprets=public,
        interpretation_form="qa",
    )
    for record in (public, reading):
        services.record_submit(actor=cast.drafter_a, record=record, now=NOW)
        dismiss_findings(cast.reviewer, record, NOW)
        services.record_pass_review(actor=cast.reviewer, record=record, notes="", now=NOW)
    services.record_approve(actor=cast.approver, record=public, now=NOW)
    secret = "张三 身份证号 530900199001011234"
    redacted = publish(
        cast,
        _draft(
            cast,
            columns,
            title="低保对象名单",
            document_number="临民发〔2026〕4号",
            attribute="redacted",
            ground="third_party",
            attribute_reason="含个人信息",
            body=f"<p>{secret}</p>",
            redacted_body="<p>张* 身份证号 已删除</p>",
        ),
    )
    on_request = publish(
        cast,
        _draft(
            cast,
            columns,
            title="依申请公开的内部请示",
            document_number="临民发〔2026〕5号",
            attribute="on_request",
            ground="not_of_public_interest",
            attribute_reason="不涉及公众利益调整",
        ),
    )
    withheld = publish(
        cast,
        _draft(
            cast,
            columns,
            title="不公开的会议纪要",
            document_number="临民发〔2026〕6号",
            attribute="withheld",
            ground="process_information",
            attribute_reason="过程性信息",
        ),
    )
    revoked = publish(
        cast, _draft(cast, columns, title="撤回的通知", document_number="临民发〔2026〕7号")
    )
    services.record_revoke(actor=cast.approver, record=revoked, reason="错发", now=NOW)
    draft = _draft(cast, columns, title="尚未发布的草稿", document_number="临民发〔2026〕8号")
    return SimpleNamespace(
        public=public,
        reading=reading,
        redacted=redacted,
        on_request=on_request,
        withheld=withheld,
        revoked=revoked,
        draft=draft,
        secret=secret,
    )
