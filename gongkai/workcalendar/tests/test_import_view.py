"""Uploading a calendar file in the console (disclosure office only)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.workcalendar.models import CalendarDay, OfficialYear

from .conftest import READERS
from .test_import import NOTICE_2027

URL = reverse("workcalendar:import")


def upload(data=NOTICE_2027):
    return SimpleUploadedFile("2027.csv", data, content_type="text/csv")


def test_the_office_uploads_the_complete_notice_of_a_year(client, cast):
    client.force_login(cast.office)
    assert client.get(URL, {"year": 2027}).status_code == 200
    response = client.post(
        URL, {"file": upload(), "complete": "on", "year": "2027", "notice": ""}, follow=True
    )
    assert response.redirect_chain[-1][0].endswith("?year=2027")
    assert CalendarDay.objects.count() == 4
    assert OfficialYear.objects.get().year == 2027
    assert 'data-testid="provisional-banner"' not in response.content.decode()


def test_a_file_with_bad_rows_lists_them_and_imports_nothing(client, cast):
    client.force_login(cast.office)
    bad = NOTICE_2027 + "2027-02-30,放假,春节\n2027-02-08,下班,春节\n".encode()
    response = client.post(URL, {"file": upload(bad), "year": "2027"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "第 6 行：日期“2027-02-30”无效" in page and "第 7 行：类型“下班”无法识别" in page
    assert not CalendarDay.objects.exists()


def test_the_complete_box_needs_a_year(english, cast):
    english.force_login(cast.office)
    response = english.post(URL, {"file": upload(), "complete": "on", "year": ""})
    assert "Give the year of the notice." in response.content.decode()
    assert not CalendarDay.objects.exists()


@pytest.mark.parametrize("name", READERS)
def test_others_are_refused(client, cast, name):
    client.force_login(getattr(cast, name))
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"file": upload(), "year": "2027"}).status_code == 403
    assert not CalendarDay.objects.exists()


def test_the_public_is_sent_to_the_login_page(client, db):
    assert client.get(URL).status_code == 302
