"""Marking a year's notice as entered completely (disclosure office only)."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.workcalendar import services
from gongkai.workcalendar.models import OfficialYear

from .conftest import READERS

URL = reverse("workcalendar:official_year")


def test_the_office_marks_a_year_whose_days_are_entered(client, cast):
    services.calendar_day_set(actor=None, day=date(2027, 1, 1), kind="holiday", name="元旦")
    client.force_login(cast.office)
    page = client.get(URL, {"year": 2027}).content.decode()
    assert "国务院办公厅关于2027年部分节假日安排的通知" in page  # the title, suggested
    response = client.post(
        URL, {"year": "2027", "notice": "国务院办公厅关于2027年部分节假日安排的通知"}
    )
    assert response.status_code == 302
    assert OfficialYear.objects.get().recorded_by == cast.office


def test_a_year_with_nothing_entered_is_refused_with_a_reason(english, cast):
    english.force_login(cast.office)
    response = english.post(URL, {"year": "2027", "notice": "通知"})
    assert "Enter the days of the 2027 notice before marking the year official." in (
        response.content.decode()
    )
    assert not OfficialYear.objects.exists()


def test_a_year_out_of_range_is_refused(client, cast):
    client.force_login(cast.office)
    response = client.post(URL, {"year": "2100", "notice": "通知"})
    assert response.status_code == 200 and "2099" in response.content.decode()
    assert not OfficialYear.objects.exists()


def test_an_empty_post_shows_what_is_required(english, cast):
    english.force_login(cast.office)
    response = english.post(URL, {})
    assert response.status_code == 200
    assert response.content.decode().count("This field is required.") == 2  # year, notice
    assert not OfficialYear.objects.exists()


@pytest.mark.parametrize("name", READERS)
def test_others_are_refused(client, cast, name):
    client.force_login(getattr(cast, name))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"year": "2025", "notice": "通知"}).status_code == 403
    assert client.post(URL, {}).status_code == 403
    assert not OfficialYear.objects.exists()
