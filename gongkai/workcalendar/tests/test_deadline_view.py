"""The reply deadline calculator: every staff member may use it; bad input is explained."""

import re
from datetime import date

import pytest
from django.urls import reverse

from gongkai.core.clock import Interval, reply_deadline
from gongkai.core.workcalendar import WorkCalendar
from gongkai.workcalendar import services

from .conftest import READERS, has_chinese

URL = reverse("workcalendar:deadline")


def computed(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("name", [*READERS, "office", "sysadmin", "other_office"])
def test_staff_compute_a_deadline_with_its_steps(client, cast, name):
    client.force_login(getattr(cast, name))
    page = computed(client, received="2026-03-02")
    assert 'data-testid="due">2026-03-30<' in page
    assert "第 20 个工作日为 2026-03-30（星期一），即答复期限" in page
    assert 'data-testid="provisional-warning"' not in page


def test_the_english_interface_explains_every_step_in_english(english, cast):
    english.force_login(cast.drafter_a)
    page = computed(english, received="2026-02-12")
    steps = re.search(r'<ol class="steps">(.*?)</ol>', page, re.S).group(1)
    assert not has_chinese(steps)
    assert (
        "The application was received on 2026-02-12 (Thursday). That day is not counted: "
        "20 working days are counted from the next day (OGI Regulations, art. 33(1))."
    ) in steps
    assert "2026-02-14 (Saturday): make-up working day (Spring Festival), counted as a " in steps
    assert "Skipped 2026-02-15 to 2026-02-23: Spring Festival (statutory holiday)." in steps
    assert "Working day 20 is 2026-03-18 (Wednesday): the reply is due by that day." in steps


@pytest.mark.parametrize(
    "params, paused",
    [
        (
            {
                "received": "2025-09-26",
                "corrected": "2025-09-29",
                "extended": "on",
                "pause_1_start": "2025-10-13",
                "pause_1_end": "2025-10-14",
            },
            [Interval(date(2025, 10, 13), date(2025, 10, 14))],
        ),
        ({"received": "2026-12-10"}, []),  # into provisional 2027
    ],
    ids=["every-kind-of-step", "provisional"],
)
def test_the_chinese_interface_shows_the_steps_of_the_command_line(client, cast, params, paused):
    # zh-hans translates each step's English msgid back into core's Chinese sentence.
    client.force_login(cast.drafter_a)
    page = computed(client, **params)
    deadline = reply_deadline(
        WorkCalendar(),
        received=date.fromisoformat(params["received"]),
        corrected=date.fromisoformat(params["corrected"]) if "corrected" in params else None,
        paused=paused,
        extended="extended" in params,
    )
    for step in deadline.steps:
        assert f"<li>{step.text}</li>" in page


def test_the_empty_form_shows_no_result(client, cast):
    client.force_login(cast.drafter_a)
    page = computed(client)
    assert 'name="received"' in page and 'data-testid="deadline-result"' not in page


def test_consultation_days_are_not_counted(client, cast):
    # applications.md §6: letter sent 04-03, answer 04-18 → 2025-05-16.
    client.force_login(cast.drafter_a)
    page = computed(
        client, received="2025-04-01", pause_1_start="2025-04-04", pause_1_end="2025-04-18"
    )
    assert 'data-testid="due">2025-05-16<' in page
    assert "其间 10 个工作日不计算" in page


def test_a_corrected_application_restarts_the_count_and_an_extension_adds_twenty(client, cast):
    client.force_login(cast.drafter_a)
    # applications.md §6: corrected application received 2025-03-20 → 2025-04-18.
    assert 'data-testid="due">2025-04-18<' in computed(
        client, received="2025-03-03", corrected="2025-03-20"
    )
    # applications.md §6: 2025-09-26 extended by 20 → 2025-11-27.
    assert 'data-testid="due">2025-11-27<' in computed(client, received="2025-09-26", extended="on")


def test_a_deadline_into_a_year_without_notice_is_marked_provisional(english, cast):
    english.force_login(cast.drafter_a)
    page = computed(english, received="2026-12-10")
    assert 'data-testid="provisional-warning"' in page
    services.calendar_day_set(actor=None, day=date(2027, 1, 1), kind="holiday", name="元旦")
    services.official_year_mark(actor=None, year=2027, notice="2027年通知")
    assert 'data-testid="provisional-warning"' not in computed(english, received="2026-12-10")


@pytest.mark.parametrize(
    "params, message",
    [
        ({"received": "not-a-date"}, "Enter a valid date."),
        (
            {"received": "1800-01-01"},
            "The date 1800-01-01 is outside the supported years (1901–2099).",
        ),
        (
            {"received": "2025-04-01", "corrected": "2025-03-01"},
            "The corrected application cannot arrive before the application.",
        ),
        (
            {"received": "2025-04-01", "pause_2_start": "2025-04-18", "pause_2_end": "2025-04-04"},
            "The last day is before the first day.",
        ),
        (
            {"received": "2025-04-01", "pause_1_start": "2025-04-18"},
            "Give both the first and the last day.",
        ),
        (
            {"received": "2099-12-20"},
            "Counting 20 working days from 2099-12-20, the reply deadline would fall after 2099, "
            "beyond the supported years (1901–2099).",
        ),
        ({"received": ""}, "This field is required."),
    ],
)
def test_bad_input_is_explained_without_a_result(english, cast, params, message):
    english.force_login(cast.drafter_a)
    page = computed(english, **params)
    assert message in page
    assert 'data-testid="deadline-result"' not in page


def test_errors_are_in_chinese_by_default(client, cast):
    client.force_login(cast.drafter_a)
    assert "输入一个有效的日期。" in computed(client, received="2025-13-01")


def test_the_public_is_sent_to_the_login_page(client, db):
    response = client.get(URL, {"received": "2026-03-02"})
    assert response.status_code == 302 and reverse("console:login") in response["Location"]
