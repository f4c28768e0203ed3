"""The record page and its workflow steps, walked through the console as staff do."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from gongkai.audit.models import AuditEvent
from gongkai.documents import services
from gongkai.documents.models import Record, Release
from gongkai.documents.tests.conftest import NOW, policy_data, publish
from gongkai.testing import dismiss_findings


def step(client, record, name, **data):
    return client.post(reverse("documents:step", args=[record.pk, name]), data)


def page(client, record):
    response = client.get(reverse("documents:detail", args=[record.pk]))
    assert response.status_code == 200
    return response.content.decode()


def submitted(cast, record):
    assert services.record_submit(actor=cast.drafter_a, record=record, now=NOW) == []
    return record


def reviewed(cast, record):
    submitted(cast, record)
    dismiss_findings(cast.reviewer, record, NOW)
    services.record_pass_review(actor=cast.reviewer, record=record, notes="", now=NOW)
    return record


def test_a_record_goes_from_drafting_to_publication_through_the_console(client, cast, columns):
    client.force_login(cast.drafter_a)
    response = client.post(
        reverse("documents:new"),
        {
            "title": "关于做好2026年低保提标工作的通知",
            "unit": cast.unit_a.pk,
            "document_number": "临民发[2026]7号",
            "written_on": "2026-03-20",
            "genre": "通知",
            "columns": [columns["zcwj"].pk],
            "body": "<p>各县（区）民政局：</p>",
            "attribute": "proactive",
        },
    )
    record = Record.objects.get(title="关于做好2026年低保提标工作的通知")
    assert response.status_code == 302
    assert record.document_number == "临民发〔2026〕7号"
    assert list(record.columns.all()) == [columns["zcwj"]]

    assert step(client, record, "submit").status_code == 302
    client.force_login(cast.reviewer)
    assert 'data-testid="step-pass-review"' in page(client, record)
    assert step(client, record, "pass-review", notes="无涉密内容").status_code == 302
    client.force_login(cast.approver)
    assert 'data-testid="step-approve"' in page(client, record)
    assert step(client, record, "approve").status_code == 302

    record.refresh_from_db()
    assert record.status == "published"
    assert record.index_number.startswith("TESTA/")
    shown = page(client, record)
    assert record.index_number in shown and "无涉密内容" in shown
    assert [e.step for e in record.events.all()] == ["create", "submit", "pass_review", "approve"]


def test_a_record_submitted_without_its_reason_is_returned_and_the_page_says_why(
    client, cast, draft
):
    draft.attribute = "withheld"
    draft.save()
    client.force_login(cast.drafter_a)
    assert step(client, draft, "submit").status_code == 302
    draft.refresh_from_db()
    assert draft.status == "draft"
    shown = page(client, draft)
    assert 'data-testid="returned-reason"' in shown
    assert "退文" in shown and "须说明理由" in shown


def test_a_reviewers_return_shows_its_reason_to_the_drafter_until_resubmitted(client, cast, draft):
    submitted(cast, draft)
    client.force_login(cast.reviewer)
    assert step(client, draft, "return", reason="附件含身份证号，请删减").status_code == 302
    client.force_login(cast.drafter_a)
    shown = page(client, draft)
    assert 'data-testid="returned-reason"' in shown and "附件含身份证号，请删减" in shown
    submitted(cast, draft)
    assert 'data-testid="returned-reason"' not in page(client, draft)


def test_a_return_without_a_reason_is_refused_with_a_field_error(client, cast, draft):
    submitted(cast, draft)
    client.force_login(cast.reviewer)
    response = step(client, draft, "return", reason="  ")
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    draft.refresh_from_db()
    assert draft.status == "submitted"


def test_a_crafted_post_that_skips_the_review_changes_nothing(client, cast, draft):
    submitted(cast, draft)
    client.force_login(cast.approver)
    assert 'data-testid="step-approve"' not in page(client, draft)
    response = step(client, draft, "approve")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    draft.refresh_from_db()
    assert draft.status == "submitted" and draft.index_number == ""
    assert not AuditEvent.objects.filter(action="record.approve").exists()


@pytest.mark.parametrize(
    ("name", "step_name", "expected"),
    [
        ("drafter_a", "approve", 403),
        ("drafter_a", "pass-review", 403),
        ("reviewer", "approve", 403),
        ("approver", "pass-review", 403),
        ("supervisor", "pass-review", 403),
        ("sysadmin", "pass-review", 403),
        ("drafter_b", "pass-review", 404),
        ("other_office", "pass-review", 404),
    ],
)
def test_a_step_belongs_to_its_role_and_others_are_refused(
    client, cast, draft, name, step_name, expected
):
    submitted(cast, draft)
    client.force_login(getattr(cast, name))
    assert step(client, draft, step_name, notes="x").status_code == expected
    draft.refresh_from_db()
    assert draft.status == "submitted"


def test_the_public_is_sent_to_the_login_page(client, cast, draft):
    response = step(client, draft, "submit")
    assert response.status_code == 302 and "/console/login/" in response["Location"]
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_get_never_takes_a_step(client, cast, draft):
    client.force_login(cast.drafter_a)
    response = client.get(reverse("documents:step", args=[draft.pk, "submit"]))
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == "draft"


def test_an_unknown_step_is_not_found(client, cast, draft):
    client.force_login(cast.office)
    assert step(client, draft, "publish-twice").status_code == 404


@pytest.mark.parametrize(
    ("name", "status", "offered", "not_offered"),
    [
        ("drafter_a", "draft", ["submit"], ["approve", "pass-review"]),
        ("reviewer", "submitted", ["pass-review", "return"], ["approve", "submit"]),
        ("approver", "reviewed", ["approve", "schedule", "return"], ["pass-review"]),
        ("supervisor", "reviewed", [], ["approve", "return", "submit"]),
        ("approver", "published", ["revoke", "archive", "validity"], ["approve"]),
        ("drafter_a", "published", ["release"], ["revoke"]),
    ],
)
def test_the_page_offers_only_the_steps_this_user_may_take_now(
    client, cast, draft, name, status, offered, not_offered
):
    if status in {"submitted", "reviewed"}:
        submitted(cast, draft)
    if status == "reviewed":
        dismiss_findings(cast.reviewer, draft, NOW)
        services.record_pass_review(actor=cast.reviewer, record=draft, notes="", now=NOW)
    if status == "published":
        publish(cast, draft)
    client.force_login(getattr(cast, name))
    shown = page(client, draft)
    for name in offered:
        assert f'data-testid="step-{name}"' in shown
    for name in not_offered:
        assert f'data-testid="step-{name}"' not in shown


def test_a_supervisor_reads_the_page_but_every_post_is_refused(client, cast, draft):
    reviewed(cast, draft)
    client.force_login(cast.supervisor)
    assert "临沧市最低生活保障实施细则" in page(client, draft)
    for name in ["approve", "schedule", "return", "revoke", "validity", "release"]:
        assert step(client, draft, name, reason="x").status_code == 403
    draft.refresh_from_db()
    assert draft.status == "reviewed"


def test_an_approver_schedules_publication_for_a_later_moment(client, cast, draft):
    reviewed(cast, draft)
    client.force_login(cast.approver)
    later = timezone.localtime() + timedelta(days=2)
    response = step(client, draft, "schedule", publish_at=later.strftime("%Y-%m-%dT%H:%M"))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "scheduled" and draft.scheduled_for is not None


def test_a_moment_in_the_past_cannot_be_scheduled(client, cast, draft):
    reviewed(cast, draft)
    client.force_login(cast.approver)
    response = step(client, draft, "schedule", publish_at="2020-01-01T09:00")
    assert response.status_code == 200 and response.context["form"].errors["publish_at"]
    draft.refresh_from_db()
    assert draft.status == "reviewed"


def test_a_policy_needing_interpretation_is_published_only_with_a_waiver(client, cast, columns):
    policy = services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data=policy_data(cast, needs_interpretation=True),
        now=NOW,
    )
    reviewed(cast, policy)
    client.force_login(cast.approver)
    assert 'name="waiver"' in page(client, policy)
    response = step(client, policy, "approve")
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    policy.refresh_from_db()
    assert policy.status == "reviewed"
    assert step(client, policy, "approve", waiver="时间紧迫，解读随后发布").status_code == 302
    policy.refresh_from_db()
    assert policy.status == "published"
    assert policy.interpretation_waiver == "时间紧迫，解读随后发布"


def test_the_waiver_is_not_offered_for_a_record_without_interpretation(client, cast, draft):
    reviewed(cast, draft)
    client.force_login(cast.approver)
    assert 'name="waiver"' not in page(client, draft)


def test_an_approver_revokes_with_a_reason_and_the_page_says_so(client, cast, draft):
    publish(cast, draft)
    client.force_login(cast.approver)
    assert step(client, draft, "revoke", reason="").status_code == 200
    draft.refresh_from_db()
    assert draft.status == "published"
    assert step(client, draft, "revoke", reason="内容有误，重新发布").status_code == 302
    draft.refresh_from_db()
    assert draft.status == "revoked" and draft.revoke_reason == "内容有误，重新发布"
    assert 'data-testid="revoked-banner"' in page(client, draft)


def test_an_approver_archives_a_published_record(client, cast, draft):
    publish(cast, draft)
    client.force_login(cast.approver)
    assert step(client, draft, "archive").status_code == 302
    draft.refresh_from_db()
    assert draft.status == "archived"


def test_an_approver_marks_a_document_repealed_and_names_its_replacement(client, cast, draft):
    publish(cast, draft)
    newer = services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data=policy_data(cast, title="新实施细则", document_number="临民发〔2026〕9号"),
        now=NOW,
    )
    newer = publish(cast, newer)
    client.force_login(cast.approver)
    response = step(
        client,
        draft,
        "validity",
        validity="repealed",
        changed_on="2026-04-01",
        replaced_by=newer.index_number,
        reason="被新细则取代",
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.validity == "repealed" and draft.replaced_by == newer
    assert draft.validity_changed_on == date(2026, 4, 1)
    shown = page(client, draft)
    assert 'data-testid="validity-banner"' in shown and "新实施细则" in shown


def test_an_unknown_replacement_or_a_missing_date_is_a_field_error(client, cast, draft):
    publish(cast, draft)
    client.force_login(cast.approver)
    response = step(client, draft, "validity", validity="repealed", replaced_by="NOPE/1")
    errors = response.context["form"].errors
    assert response.status_code == 200 and errors["replaced_by"] and errors["changed_on"]
    draft.refresh_from_db()
    assert draft.validity == "current"


def test_a_drafter_records_the_wechat_release_of_a_published_record(client, cast, draft):
    publish(cast, draft)
    client.force_login(cast.drafter_a)
    response = step(
        client,
        draft,
        "release",
        channel="wechat",
        released_on="2026-03-31",
        link="https://mp.weixin.qq.com/s/abc",
    )
    assert response.status_code == 302
    release = Release.objects.get(record=draft, channel="wechat")
    assert release.link == "https://mp.weixin.qq.com/s/abc"
    assert "https://mp.weixin.qq.com/s/abc" in page(client, draft)


def test_a_release_cannot_be_recorded_for_an_unpublished_record(client, cast, draft):
    client.force_login(cast.drafter_a)
    response = step(client, draft, "release", channel="wechat", released_on="2026-03-31")
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert not Release.objects.filter(record=draft).exists()


def test_the_page_shows_the_comment_history_and_the_timeliness(client, cast, draft):
    draft.written_on = date(2026, 1, 5)  # some 55 working days before 2026-03-30
    draft.save()
    publish(cast, draft)
    client.force_login(cast.office)
    shown = page(client, draft)
    assert 'data-testid="history"' in shown and "Reviewer" in shown and "Approver" in shown
    assert 'data-testid="late"' in shown


def test_a_record_published_in_time_is_not_flagged_late(client, cast, draft):
    publish(cast, draft)  # written 2026-03-02, published 2026-03-30: 20 working days
    client.force_login(cast.office)
    assert 'data-testid="late"' not in page(client, draft)


def test_the_body_is_shown_without_scripts_even_if_stored_with_one(client, cast, draft):
    Record.objects.filter(pk=draft.pk).update(body='<p>低保</p><script>alert("x")</script>')
    client.force_login(cast.drafter_a)
    shown = page(client, draft)
    assert "低保" in shown and 'alert("x")' not in shown


def test_the_record_page_takes_a_fixed_number_of_queries(
    client, cast, draft, django_assert_max_num_queries
):
    publish(cast, draft)
    client.force_login(cast.approver)
    with django_assert_max_num_queries(24):
        client.get(reverse("documents:detail", args=[draft.pk]))
