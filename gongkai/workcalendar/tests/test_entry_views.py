"""Entering, changing and deleting single days (disclosure office only)."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.audit.models import AuditEvent
from gongkai.workcalendar import services
from gongkai.workcalendar.models import CalendarDay

from .conftest import READERS

NEW = reverse("workcalendar:entry_new")
DAY = {"day": "2027-10-04", "kind": "holiday", "name": "国庆节", "source": "", "note": ""}


def delete_url(entry):
    return reverse("workcalendar:entry_delete", args=[entry.pk])


def test_the_office_enters_a_day_and_returns_to_its_year(client, cast):
    client.force_login(cast.office)
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, DAY)
    assert response.status_code == 302 and response["Location"].endswith("?year=2027")
    assert CalendarDay.objects.get().name == "国庆节"
    assert AuditEvent.objects.filter(action="calendar_day.create", actor=cast.office).exists()


def test_the_form_starts_from_the_entry_of_the_day_asked_for(client, cast):
    services.calendar_day_set(actor=None, day=date(2027, 10, 4), kind="holiday", name="国庆节")
    client.force_login(cast.office)
    page = client.get(NEW, {"day": "2027-10-04"}).content.decode()
    assert 'value="国庆节"' in page


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("day", "2027-02-30", "输入一个有效的日期。"),
        ("day", "1900-12-31", "日期 1900-12-31 超出支持范围（1901–2099 年）"),
        ("kind", "rest", "选择一个有效的选项"),
        ("name", "", "必填项"),  # Django's (or an app's) 这个字段是必填项。
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(client, cast, field, value, message):
    client.force_login(cast.office)
    response = client.post(NEW, DAY | {field: value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CalendarDay.objects.exists()


def test_a_date_out_of_range_is_explained_in_english(english, cast):
    english.force_login(cast.office)
    page = english.post(NEW, DAY | {"day": "1900-12-31"}).content.decode()
    assert "The date 1900-12-31 is outside the supported years (1901–2099)." in page
    assert not CalendarDay.objects.exists()


def test_an_empty_post_shows_what_is_required_and_saves_nothing(english, cast):
    english.force_login(cast.office)
    response = english.post(NEW, {})
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("This field is required.") == 3  # date, kind, name
    assert not CalendarDay.objects.exists()


def test_an_empty_delete_asks_for_the_reason_and_keeps_the_day(english, cast):
    entry = services.calendar_day_set(actor=None, day=date(2027, 1, 1), kind="holiday", name="元旦")
    english.force_login(cast.office)
    response = english.post(delete_url(entry), {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert CalendarDay.objects.exists()


@pytest.mark.parametrize("name", READERS)
def test_others_are_refused_an_empty_post_too(client, cast, name):
    entry = services.calendar_day_set(actor=None, day=date(2027, 1, 1), kind="holiday", name="元旦")
    client.force_login(getattr(cast, name))
    assert client.post(NEW, {}).status_code == 403
    assert client.post(delete_url(entry), {}).status_code == 403
    assert CalendarDay.objects.count() == 1


@pytest.mark.parametrize("name", READERS)
def test_others_are_refused(client, cast, name):
    entry = services.calendar_day_set(actor=None, day=date(2027, 1, 1), kind="holiday", name="元旦")
    client.force_login(getattr(cast, name))
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, DAY).status_code == 403
    assert client.post(delete_url(entry), {"reason": "x"}).status_code == 403
    assert list(CalendarDay.objects.values_list("name", flat=True)) == ["元旦"]


def test_the_office_deletes_a_day_with_a_reason(client, cast):
    entry = services.calendar_day_set(actor=None, day=date(2027, 1, 1), kind="holiday", name="元旦")
    client.force_login(cast.office)
    response = client.post(delete_url(entry), {"reason": "录入错误"})
    assert response.status_code == 302
    assert not CalendarDay.objects.exists()
    assert AuditEvent.objects.get(action="calendar_day.delete").reason == "录入错误"


def test_a_delete_without_a_reason_keeps_the_day(client, cast):
    entry = services.calendar_day_set(actor=None, day=date(2027, 1, 1), kind="holiday", name="元旦")
    client.force_login(cast.office)
    response = client.post(delete_url(entry), {"reason": "  "})
    assert response.status_code == 200 and "必填项" in response.content.decode()
    assert CalendarDay.objects.exists()


def test_deleting_a_day_that_is_gone_is_not_found(client, cast):
    client.force_login(cast.office)
    response = client.post(reverse("workcalendar:entry_delete", args=[999]), {"reason": "x"})
    assert response.status_code == 404


def test_the_public_is_sent_to_the_login_page(client, db):
    assert client.get(NEW).status_code == 302
