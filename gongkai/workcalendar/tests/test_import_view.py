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


def test_bad_rows_are_listed_in_english(english, cast):
    english.force_login(cast.office)
    bad = NOTICE_2027 + "2027-02-30,放假,春节\n2027-02-08,下班,春节\n".encode()
    page = english.post(URL, {"file": upload(bad), "year": "2027"}).content.decode()
    assert "Line 6: The date “2027-02-30” is not valid: write it as YYYY-MM-DD." in page
    assert "Line 7: The kind “下班” is not known: use holiday" in page
    assert not CalendarDay.objects.exists()


def test_a_file_with_a_nul_byte_is_refused_with_its_line(english, cast):
    # PostgreSQL would refuse the row with a DataError: a 500 instead of an explanation.
    english.force_login(cast.office)
    bad = NOTICE_2027 + "2027-02-08,放假,春\x00节\n".encode()
    response = english.post(URL, {"file": upload(bad), "year": "2027"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Line 6: It contains a NUL character: the file may be damaged." in page
    assert not CalendarDay.objects.exists()


def test_a_file_that_is_not_that_years_notice_is_refused_in_english(english, cast):
    english.force_login(cast.office)
    response = english.post(URL, {"file": upload(), "complete": "on", "year": "2028"})
    assert (
        "The file has no date in 2028, so it cannot be imported as that year&#x27;s notice."
        in response.content.decode()
    )
    assert not CalendarDay.objects.exists()


def test_an_empty_post_asks_for_the_file(english, cast):
    english.force_login(cast.office)
    response = english.post(URL, {})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
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
    assert client.post(URL, {}).status_code == 403
    assert not CalendarDay.objects.exists()


def test_the_public_is_sent_to_the_login_page(client, db):
    assert client.get(URL).status_code == 302
