"""The life of a record: draft → review → approval → published → revoked, with 退文,
interpretations published in sync, index numbers and the comment history."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEvent
from gongkai.documents import services
from gongkai.documents.models import Record, Release
from gongkai.documents.tests.conftest import NOW, policy_data, publish


def test_a_record_goes_from_draft_to_published_with_an_index_number(cast, draft):
    record = publish(cast, draft)
    assert record.status == "published" and record.published_at == NOW
    assert record.index_number == "TESTA/2026-00001"
    assert record.document_number == "临民发〔2026〕3号"  # brackets made official
    assert [e.step for e in record.events.all()] == ["create", "submit", "pass_review", "approve"]
    assert Release.objects.filter(
        record=record, channel="website", released_on=date(2026, 3, 30)
    ).exists()
    events = AuditEvent.objects.filter(object_type="documents.record", object_id=str(record.pk))
    actions = list(events.order_by("seq").values_list("action", flat=True))
    assert actions[-4:] == [
        "record.submit",
        "review.scanned",
        "record.pass_review",
        "record.approve",
    ]


def test_index_numbers_follow_each_other_and_are_never_reused(cast, columns):
    numbers = []
    for n in range(3):
        record = services.record_create(
            actor=cast.drafter_a,
            agency=cast.agency,
            data=policy_data(cast, document_number=f"临民发〔2026〕{n + 10}号"),
            now=NOW,
        )
        numbers.append(publish(cast, record).index_number)
    assert numbers == ["TESTA/2026-00001", "TESTA/2026-00002", "TESTA/2026-00003"]
    services.record_revoke(
        actor=cast.approver,
        record=Record.objects.get(index_number=numbers[2]),
        reason="错发",
        now=NOW,
    )
    record = services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data=policy_data(cast, document_number=""),
        now=NOW,
    )
    assert publish(cast, record).index_number == "TESTA/2026-00004"


@pytest.mark.parametrize(
    ("attribute", "ground", "reason", "expected"),
    [
        ("", "", "", "未设置公开属性"),
        ("withheld", "", "", "须说明理由"),
        ("redacted", "third_party", "含个人信息", "删减后的文本"),
    ],
)
def test_a_record_without_attribute_or_reason_is_returned_to_its_drafter(
    cast, draft, attribute, ground, reason, expected
):
    draft.attribute, draft.ground, draft.attribute_reason = attribute, ground, reason
    draft.save()
    problems = services.record_submit(actor=cast.drafter_a, record=draft, now=NOW)
    assert any(expected in p for p in problems)
    draft.refresh_from_db()
    assert draft.status == "draft"
    assert draft.events.last().comment.startswith("退文")
    assert AuditEvent.objects.filter(action="record.returned").exists()


def test_steps_cannot_be_skipped(cast, draft):
    with pytest.raises(ValidationError):
        services.record_approve(actor=cast.approver, record=draft, now=NOW)
    services.record_submit(actor=cast.drafter_a, record=draft, now=NOW)
    with pytest.raises(ValidationError):
        services.record_approve(actor=cast.approver, record=draft, now=NOW)
    draft.refresh_from_db()
    assert draft.status == "submitted" and draft.index_number == ""


def test_a_record_cannot_be_published_twice(cast, draft):
    publish(cast, draft)
    with pytest.raises(ValidationError):
        services.record_approve(actor=cast.approver, record=draft, now=NOW + timedelta(hours=1))
    draft.refresh_from_db()
    assert draft.published_at == NOW


@pytest.mark.parametrize(
    ("name", "step"),
    [
        ("drafter_a", "review"),
        ("approver", "review"),
        ("reviewer", "approve"),
        ("drafter_a", "approve"),
        ("supervisor", "approve"),
    ],
)
def test_each_step_belongs_to_its_role(cast, draft, name, step):
    services.record_submit(actor=cast.drafter_a, record=draft, now=NOW)
    actor = getattr(cast, name)
    with pytest.raises(PermissionDenied):
        if step == "review":
            services.record_pass_review(actor=actor, record=draft, notes="", now=NOW)
        else:
            services.record_pass_review(actor=cast.reviewer, record=draft, notes="", now=NOW)
            services.record_approve(actor=actor, record=draft, now=NOW)


def test_a_drafter_of_another_unit_cannot_change_the_record(cast, draft):
    with pytest.raises(PermissionDenied):
        services.record_update(
            actor=cast.drafter_b, record=draft, version=draft.version, data={"title": "改"}
        )
    with pytest.raises(PermissionDenied):
        services.record_submit(actor=cast.drafter_b, record=draft, now=NOW)
    with pytest.raises(PermissionDenied):
        services.record_update(
            actor=cast.other_office, record=draft, version=draft.version, data={"title": "改"}
        )
    draft.refresh_from_db()
    assert draft.title == "临沧市最低生活保障实施细则"


def test_two_editors_cannot_silently_overwrite_each_other(cast, draft):
    opened = draft.version
    services.record_update(
        actor=cast.drafter_a, record=draft, version=opened, data={"title": "第一版"}
    )
    with pytest.raises(ValidationError, match="Someone else|他人"):
        services.record_update(
            actor=cast.office, record=draft, version=opened, data={"title": "第二版"}
        )
    draft.refresh_from_db()
    assert draft.title == "第一版"


def test_html_bodies_lose_scripts_handlers_and_javascript_links(cast, columns):
    record = services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data=policy_data(
            cast,
            document_number="",
            body='<p onclick="steal()">低保<script>alert(1)</script><a href="javascript:x()">链接</a></p>',
        ),
        now=NOW,
    )
    assert (
        "script" not in record.body
        and "onclick" not in record.body
        and "javascript" not in record.body
    )
    assert "低保" in record.body_text


def test_a_policy_that_needs_interpretation_waits_for_it_and_goes_live_with_it(cast, columns):
    policy = services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data=policy_data(cast, needs_interpretation=True, is_normative=True),
        now=NOW,
    )
    services.record_submit(actor=cast.drafter_a, record=policy, now=NOW)
    services.record_pass_review(actor=cast.reviewer, record=policy, notes="", now=NOW)
    with pytest.raises(ValidationError, match="解读"):
        services.record_approve(actor=cast.approver, record=policy, now=NOW)
    reading = services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data=policy_data(
            cast,
            title="《实施细则》解读",
            document_number="",
            genre="政策解读",
            interprets=policy,
            interpretation_form="qa",
            interpreter="社会救助科",
        ),
        now=NOW,
    )
    services.record_submit(actor=cast.drafter_a, record=reading, now=NOW)
    services.record_pass_review(actor=cast.reviewer, record=reading, notes="", now=NOW)
    with pytest.raises(ValidationError, match="政策文件"):
        services.record_approve(actor=cast.approver, record=reading, now=NOW)
    services.record_approve(actor=cast.approver, record=policy, now=NOW)
    reading.refresh_from_db()
    assert reading.status == "published" and reading.published_at == NOW


def test_an_approver_may_waive_the_interpretation_with_a_reason(cast, columns):
    policy = services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data=policy_data(cast, needs_interpretation=True),
        now=NOW,
    )
    services.record_submit(actor=cast.drafter_a, record=policy, now=NOW)
    services.record_pass_review(actor=cast.reviewer, record=policy, notes="", now=NOW)
    services.record_approve(
        actor=cast.approver, record=policy, now=NOW, waiver="转发上级文件，上级已解读"
    )
    policy.refresh_from_db()
    assert (
        policy.status == "published" and policy.interpretation_waiver == "转发上级文件，上级已解读"
    )


def test_a_scheduled_record_is_published_when_its_moment_comes(cast, draft):
    services.record_submit(actor=cast.drafter_a, record=draft, now=NOW)
    services.record_pass_review(actor=cast.reviewer, record=draft, notes="", now=NOW)
    services.record_approve(
        actor=cast.approver, record=draft, now=NOW, publish_at=NOW + timedelta(days=1)
    )
    draft.refresh_from_db()
    assert draft.status == "scheduled" and draft.index_number == ""
    assert services.records_release_due(now=NOW + timedelta(hours=1)) == 0
    assert services.records_release_due(now=NOW + timedelta(days=1)) == 1
    draft.refresh_from_db()
    assert draft.status == "published" and draft.published_at == NOW + timedelta(days=1)


def test_revoking_needs_a_reason_and_the_approver(cast, draft):
    publish(cast, draft)
    with pytest.raises(ValidationError):
        services.record_revoke(actor=cast.approver, record=draft, reason=" ", now=NOW)
    with pytest.raises(PermissionDenied):
        services.record_revoke(actor=cast.drafter_a, record=draft, reason="错发", now=NOW)
    services.record_revoke(actor=cast.approver, record=draft, reason="文件错发", now=NOW)
    draft.refresh_from_db()
    assert draft.status == "revoked" and draft.revoke_reason == "文件错发" and not draft.is_public


def test_a_returned_record_comes_back_to_the_drafter_with_the_reason(cast, draft):
    services.record_submit(actor=cast.drafter_a, record=draft, now=NOW)
    services.record_return(actor=cast.reviewer, record=draft, reason="附件含身份证号", now=NOW)
    draft.refresh_from_db()
    assert draft.status == "draft" and draft.events.last().comment == "附件含身份证号"
    assert draft.reviews.get().result == "returned"


def test_a_repealed_document_points_to_the_one_that_replaces_it(cast, columns):
    old = publish(
        cast,
        services.record_create(
            actor=cast.drafter_a, agency=cast.agency, data=policy_data(cast), now=NOW
        ),
    )
    new = publish(
        cast,
        services.record_create(
            actor=cast.drafter_a,
            agency=cast.agency,
            data=policy_data(cast, document_number="临民发〔2026〕9号"),
            now=NOW,
        ),
    )
    services.record_set_validity(
        actor=cast.approver,
        record=old,
        validity="repealed",
        changed_on=date(2026, 4, 1),
        replaced_by=new,
        reason="新细则施行",
    )
    old.refresh_from_db()
    assert old.validity == "repealed" and old.replaced_by == new
    assert list(new.replaces.all()) == [old]


def test_releases_on_other_channels_are_recorded_for_public_records_only(cast, draft):
    with pytest.raises(ValidationError):
        services.release_record(
            actor=cast.office, record=draft, channel="wechat", released_on=date(2026, 3, 30)
        )
    publish(cast, draft)
    services.release_record(
        actor=cast.office,
        record=draft,
        channel="wechat",
        released_on=date(2026, 3, 30),
        link="https://mp.weixin.qq.com/s/x",
    )
    assert set(draft.releases.values_list("channel", flat=True)) == {"website", "wechat"}


def test_on_request_records_are_never_public(cast, columns):
    record = services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data=policy_data(
            cast,
            attribute="on_request",
            ground="not_of_public_interest",
            attribute_reason="仅涉及个别对象",
        ),
        now=NOW,
    )
    record = publish(cast, record)
    assert record.status == "published" and not record.is_public
    assert not record.releases.exists()  # never counted as released on the website


def test_tick_publishes_what_is_due(cast, draft):
    from io import StringIO

    from django.core.management import call_command

    services.record_submit(actor=cast.drafter_a, record=draft, now=NOW)
    services.record_pass_review(actor=cast.reviewer, record=draft, notes="", now=NOW)
    services.record_approve(
        actor=cast.approver,
        record=draft,
        now=NOW,
        publish_at=NOW - timedelta(minutes=1) + timedelta(days=3650),
    )
    out = StringIO()
    call_command("tick", stdout=out)
    draft.refresh_from_db()
    assert draft.status == "scheduled" and ": 0" in out.getvalue()


def test_a_unit_bound_drafter_keeps_records_in_their_unit(cast, columns):
    with pytest.raises(ValidationError) as error:
        services.record_create(
            actor=cast.drafter_a, agency=cast.agency, data=policy_data(cast, unit=None), now=NOW
        )
    assert "unit" in error.value.message_dict
    record = services.record_create(
        actor=cast.office, agency=cast.agency, data=policy_data(cast, unit=None), now=NOW
    )
    assert record.unit is None  # the office may draft for the whole agency


def test_a_document_number_is_used_once_per_agency(cast, draft):
    with pytest.raises(ValidationError) as error:
        services.record_create(
            actor=cast.drafter_a, agency=cast.agency, data=policy_data(cast), now=NOW
        )
    assert "document_number" in error.value.message_dict
