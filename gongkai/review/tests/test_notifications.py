"""Notifications in the console: each staff member reads their own, marks them read (audited:
who knew of a leak, and when), and sees the unread count in the header."""

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.documents.tests.conftest import NOW
from gongkai.review.models import Notification
from gongkai.review.sweep import sweep
from gongkai.review.tests.sweeping import ID_NUMBER, plant_in_body, published


@pytest.fixture
def notice(cast):
    plant_in_body(published(cast))
    sweep(now=NOW)
    return Notification.objects.get(recipient=cast.office)


def test_the_office_sees_its_notification_and_the_unread_count(client, cast, notice):
    client.force_login(cast.office)
    response = client.get(reverse("review:notifications"))
    text = response.content.decode()
    assert response.status_code == 200 and response.context["unread"] == 1
    assert notice.subject in text and "1101**********002X" in text and ID_NUMBER not in text
    assert 'data-testid="unread-badge">1<' in text
    assert reverse("documents:detail", args=[notice.record_id]) in text


def test_the_home_page_links_the_unread_notifications(client, cast, notice):
    client.force_login(cast.office)
    response = client.get(reverse("console:home"))
    assert response.context["review"]["unread_notifications"] == 1
    assert reverse("review:notifications") in response.content.decode()


def test_marking_a_notification_read_is_audited(client, cast, notice):
    client.force_login(cast.office)
    response = client.post(reverse("review:notification_read", args=[notice.pk]))
    assert response.status_code == 302
    notice.refresh_from_db()
    assert notice.read_at is not None
    event = AuditEvent.objects.get(action="review.notification_read")
    assert event.actor == cast.office and event.agency == cast.agency
    assert client.get(reverse("review:notifications")).context["unread"] == 0


def test_mark_all_read(client, cast, notice):
    client.force_login(cast.office)
    assert client.post(reverse("review:notifications_read_all")).status_code == 302
    assert not Notification.objects.filter(read_at__isnull=True).exists()


@pytest.mark.parametrize("name", ["reviewer", "other_office", "drafter_a"])
def test_nobody_reads_or_marks_another_staff_members_notifications(client, cast, notice, name):
    client.force_login(getattr(cast, name))
    response = client.get(reverse("review:notifications"))
    assert response.status_code == 200 and notice.subject not in response.content.decode()
    assert client.post(reverse("review:notification_read", args=[notice.pk])).status_code == 404
    client.post(reverse("review:notifications_read_all"))
    notice.refresh_from_db()
    assert notice.read_at is None


def test_marking_read_takes_a_post(client, cast, notice):
    client.force_login(cast.office)
    assert client.get(reverse("review:notification_read", args=[notice.pk])).status_code == 405


def test_the_list_takes_a_bounded_number_of_queries(
    client, cast, notice, django_assert_max_num_queries
):
    for n in range(5):
        plant_in_body(published(cast, title=f"救助决定{n}", document_number=""))
    sweep(now=NOW)
    client.force_login(cast.office)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("review:notifications"))
    assert len(response.context["page"]) == 6
