"""The year page: every staff member reads it; the disclosure office keeps it."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gongkai.workcalendar import services

from .conftest import READERS, has_chinese

URL = reverse("workcalendar:year")


@pytest.mark.parametrize("name", READERS)
def test_staff_read_the_year_without_the_edit_controls(client, cast, name):
    client.force_login(getattr(cast, name))
    response = client.get(URL, {"year": 2026})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-day="2026-02-14"' in page and "调休上班（春节）" in page
    assert reverse("workcalendar:entry_new") not in page
    assert reverse("workcalendar:import") not in page


def test_the_office_sees_the_edit_controls_and_a_delete_form_for_each_entry(client, cast):
    entry = services.calendar_day_set(
        actor=cast.office, day=date(2026, 5, 6), kind="holiday", name="泼水节"
    )
    client.force_login(cast.office)
    page = client.get(URL, {"year": 2026}).content.decode()
    assert reverse("workcalendar:entry_new") in page
    assert reverse("workcalendar:import") in page
    assert reverse("workcalendar:entry_delete", args=[entry.pk]) in page
    assert "泼水节" in page


def test_a_year_without_notice_carries_the_provisional_banner(english, cast):
    english.force_login(cast.drafter_a)
    page = english.get(URL, {"year": 2028}).content.decode()
    assert 'data-testid="provisional-banner"' in page
    assert "no State Council holiday notice has been entered for 2028" in page
    assert "provisional estimate" in page  # the source of each day, in its title


def day_titles(page: str) -> dict[str, str]:
    """The tooltip of each day: its date, reason and source."""
    return dict(re.findall(r'data-day="([\d-]+)" title="([^"]*)"', page))


def test_the_english_interface_gives_every_day_its_reason_in_english(english, cast):
    english.force_login(cast.drafter_a)
    titles = day_titles(english.get(URL, {"year": 2026}).content.decode())
    assert len(titles) == 365
    assert [title for title in titles.values() if has_chinese(title)] == []
    assert (
        titles["2026-01-01"]
        == "2026-01-01 New Year&#x27;s Day · State Council notice (bundled data)"
    )
    assert titles["2026-02-14"].startswith("2026-02-14 make-up working day (Spring Festival) · ")
    assert titles["2026-03-07"].startswith("2026-03-07 weekend · ")
    assert titles["2026-03-09"].startswith("2026-03-09 working day · ")


def test_the_english_interface_estimates_a_provisional_year_in_english(english, cast):
    english.force_login(cast.drafter_a)
    titles = day_titles(english.get(URL, {"year": 2027}).content.decode())
    assert [title for title in titles.values() if has_chinese(title)] == []
    assert titles["2027-02-09"] == (
        "2027-02-09 day off in lieu (Spring Festival) · provisional estimate"
    )


def test_a_name_the_office_typed_stays_as_typed_in_english(english, cast):
    services.calendar_day_set(actor=None, day=date(2026, 5, 6), kind="holiday", name="泼水节")
    english.force_login(cast.drafter_a)
    titles = day_titles(english.get(URL, {"year": 2026}).content.decode())
    assert titles["2026-05-06"] == "2026-05-06 泼水节 · entered by the disclosure office"


def test_the_chinese_interface_gives_the_reasons_of_the_command_line(client, cast):
    client.force_login(cast.drafter_a)
    titles = day_titles(client.get(URL, {"year": 2027}).content.decode())
    assert titles["2027-02-09"].startswith("2027-02-09 补休（春节） · ")
    assert titles["2027-02-06"].startswith("2027-02-06 春节 · ")
    assert titles["2027-02-13"].startswith("2027-02-13 周末 · ")


def test_a_package_year_has_no_banner_and_links_to_its_neighbours(english, cast):
    english.force_login(cast.drafter_a)
    page = english.get(URL, {"year": 2026}).content.decode()
    assert 'data-testid="provisional-banner"' not in page
    assert "?year=2025" in page and "?year=2027" in page
    assert "State Council notice (bundled data)" in page


def test_the_current_year_is_shown_by_default(client, cast):
    client.force_login(cast.drafter_a)
    assert client.get(URL).status_code == 200


@pytest.mark.parametrize("year", ["1900", "2100", "abc", "-1"])
def test_a_year_the_calendar_cannot_show_is_not_found(client, cast, year):
    client.force_login(cast.drafter_a)
    assert client.get(URL, {"year": year}).status_code == 404


def test_the_public_is_sent_to_the_login_page(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("console:login") in response["Location"]


def test_the_year_page_reads_the_database_as_often_however_many_days_are_entered(client, cast):
    client.force_login(cast.office)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            client.get(URL, {"year": 2027})
        return len(context)

    services.calendar_day_set(actor=None, day=date(2027, 3, 1), kind="holiday", name="x")
    few = queries()
    for day in range(2, 20):
        services.calendar_day_set(actor=None, day=date(2027, 3, day), kind="holiday", name="x")
    assert queries() == few


def test_a_year_downloads_as_a_file_the_import_reads(client, cast):
    client.force_login(cast.drafter_a)
    response = client.get(reverse("workcalendar:export"), {"year": 2026})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content.decode("utf-8-sig")
    assert body.startswith("date,kind,name,source,note\n")
    assert "2026-02-14,workday,春节," in body


def test_a_downloaded_name_a_spreadsheet_would_run_as_a_formula_is_text(client, cast):
    services.calendar_day_set(
        actor=None, day=date(2027, 1, 1), kind="holiday", name="=HYPERLINK(1)", note="@x"
    )
    client.force_login(cast.drafter_a)
    body = client.get(reverse("workcalendar:export"), {"year": 2027}).content.decode("utf-8-sig")
    assert "2027-01-01,holiday,'=HYPERLINK(1),,'@x\n" in body


@pytest.mark.parametrize("year, neighbour, beyond", [(1901, 1902, 1900), (2099, 2098, 2100)])
def test_the_first_and_last_years_show_without_a_link_beyond(client, cast, year, neighbour, beyond):
    client.force_login(cast.drafter_a)
    response = client.get(URL, {"year": year})
    page = response.content.decode()
    assert response.status_code == 200
    assert f"?year={neighbour}" in page and f"?year={beyond}" not in page
