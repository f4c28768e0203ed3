"""Public pages are served from snapshots, and a snapshot never outlives its content."""

import pytest
from django.core.management import call_command

from gongkai.documents import services
from gongkai.documents.tests.conftest import NOW, policy_data, publish
from gongkai.portal.models import PageSnapshot


@pytest.fixture
def draft(cast, columns):
    return services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data=policy_data(cast),
        columns=[columns["zcwj"]],
        now=NOW,
    )


def test_a_record_page_is_stored_once_and_then_served_from_its_snapshot(
    client, cast, draft, django_assert_max_num_queries
):
    record = publish(cast, draft)
    first = client.get(f"/records/{record.pk}/")
    assert PageSnapshot.objects.filter(record=record).count() == 1
    with django_assert_max_num_queries(2):
        second = client.get(f"/records/{record.pk}/")
    assert second.content == first.content and "低保" in second.content.decode()


def test_a_revoked_record_is_gone_at_once_even_with_a_snapshot(client, cast, draft):
    record = publish(cast, draft)
    client.get(f"/records/{record.pk}/")
    services.record_revoke(actor=cast.approver, record=record, reason="错发", now=NOW)
    assert client.get(f"/records/{record.pk}/").status_code == 410


def test_a_change_to_the_record_renders_its_page_anew(cast, client, draft):
    record = publish(cast, draft)
    client.get(f"/records/{record.pk}/")
    services.release_record(
        actor=cast.office, record=record, channel="wechat", released_on=NOW.date()
    )
    assert "微信公众号" in client.get(f"/records/{record.pk}/").content.decode()


def test_a_renamed_column_renders_every_page_anew(cast, client, columns, draft):
    from gongkai.documents.columns import column_save

    record = publish(cast, draft)
    client.get(f"/records/{record.pk}/")
    column_save(
        actor=cast.office, agency=cast.agency, column=columns["zcwj"], data={"name": "规范性文件"}
    )
    assert "规范性文件" in client.get(f"/records/{record.pk}/").content.decode()


def test_staff_and_other_languages_always_get_a_live_page(cast, client, draft):
    record = publish(cast, draft)
    client.cookies["django_language"] = "en"
    client.get(f"/records/{record.pk}/")
    assert not PageSnapshot.objects.exists()


def test_the_render_command_renders_what_is_missing_and_can_run_again(
    cast, draft, settings, capsys
):
    settings.ALLOWED_HOSTS = ["gongkai.example.gov.cn"]
    record = publish(cast, draft)
    call_command("portal", "render")
    assert PageSnapshot.objects.filter(record=record).exists()
    call_command("portal", "render")
    assert "0" in capsys.readouterr().out.splitlines()[-1]


def test_the_snapshot_gate_matches_the_public_records_gate():
    from gongkai.documents.models import Record
    from gongkai.portal.snapshots import PUBLIC_ATTRIBUTES, PUBLIC_STATUSES

    assert set(PUBLIC_STATUSES) == {Record.Status.PUBLISHED, Record.Status.ARCHIVED}
    assert set(PUBLIC_ATTRIBUTES) == {Record.Attribute.PROACTIVE, Record.Attribute.REDACTED}


def test_numbered_pages_are_kept_but_filtered_lists_are_always_live(cast, client, columns, draft):
    publish(cast, draft)
    column = columns["zcwj"]
    client.get(f"/columns/{column.pk}/?page=1")
    client.get(f"/columns/{column.pk}/?genre=通知")
    client.get(f"/columns/{column.pk}/?page=1&genre=通知")
    assert list(PageSnapshot.objects.values_list("path", flat=True)) == [
        f"/columns/{column.pk}/?page=1"
    ]
