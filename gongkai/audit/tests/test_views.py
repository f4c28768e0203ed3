import csv
import datetime
import io

import pytest
from django.urls import reverse

from gongkai.audit.services import audit_log


@pytest.fixture
def events(cast):
    audit_log(actor=cast.drafter_a, action="record.create", target=cast.unit_a, reason="甲")
    audit_log(
        actor=cast.office, action="agency.update", target=cast.agency, changes={"phone": ["1", "2"]}
    )
    audit_log(actor=cast.other_office, action="agency.update", target=cast.other_agency)
    return cast


def test_the_office_sees_its_own_agencys_trail_only(client, events):
    client.force_login(events.office)
    page = client.get(reverse("audit:list")).content.decode()
    assert "record.create" in page and "测试市民政局" in page
    assert "测试市人力资源和社会保障局" not in page


def test_the_trail_filters_by_user_action_object_and_date(client, events):
    client.force_login(events.office)
    page = client.get(reverse("audit:list"), {"actor": "drafter_a"}).content.decode()
    assert "record.create" in page and "agency.update" not in page
    page = client.get(reverse("audit:list"), {"action": "agency"}).content.decode()
    assert "agency.update" in page and "record.create" not in page
    page = client.get(reverse("audit:list"), {"object_query": "办公室"}).content.decode()
    assert "record.create" in page and "agency.update" not in page
    page = client.get(
        reverse("audit:list"), {"since": "2000-01-01", "until": "2000-01-02"}
    ).content.decode()
    assert "record.create" not in page


def test_a_reversed_date_range_is_explained(client, events):
    client.force_login(events.office)
    page = client.get(
        reverse("audit:list"), {"since": "2026-02-01", "until": "2026-01-01"}
    ).content.decode()
    assert "结束日期早于开始日期" in page


def test_the_office_exports_csv_with_chinese_headers(client, events):
    client.force_login(events.office)
    response = client.get(reverse("audit:export"), {"action": "agency"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:5] == ["序号", "时间", "用户", "机关", "操作"]
    assert [r[4] for r in rows[1:]] == ["agency.update"]
    assert "测试市人力资源和社会保障局" not in text


@pytest.mark.parametrize("name", ["drafter_a", "reviewer", "approver"])
def test_staff_without_the_office_role_cannot_read_the_trail(client, events, name):
    client.force_login(getattr(events, name))
    assert client.get(reverse("audit:list")).status_code == 403
    assert client.get(reverse("audit:export")).status_code == 403


def test_the_public_cannot_read_the_trail(client, events):
    assert client.get(reverse("audit:list")).status_code == 302
    assert client.get(reverse("audit:export")).status_code == 302


def test_a_supervisor_reads_every_agencys_trail(client, events):
    client.force_login(events.supervisor)
    page = client.get(reverse("audit:list")).content.decode()
    assert "测试市人力资源和社会保障局" in page and "测试市民政局" in page


def test_the_list_takes_a_fixed_number_of_queries(client, events, django_assert_max_num_queries):
    for n in range(60):
        audit_log(
            actor=events.office, action="test.bulk", target=events.agency, changes={"n": [n, n]}
        )
    client.force_login(events.office)
    with django_assert_max_num_queries(10):
        client.get(reverse("audit:list"))


def test_an_invalid_filter_shows_no_rows_and_exports_nothing(client, events):
    client.force_login(events.office)
    page = client.get(reverse("audit:list"), {"action": "agency", "since": "bad"}).content.decode()
    assert "record.create" not in page and "agency.update" not in page
    response = client.get(reverse("audit:export"), {"action": "agency", "since": "bad"})
    assert response.status_code == 400
    assert "有效的日期" in response.content.decode()


def test_exported_cells_cannot_run_as_formulas(client, cast):
    audit_log(actor=cast.office, action="agency.update", target=cast.agency, reason="=HYPERLINK(1)")
    client.force_login(cast.office)
    response = client.get(reverse("audit:export"), {"action": "agency"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][9] == "'=HYPERLINK(1)"


def test_calendar_changes_are_shown_to_every_agencys_office(client, cast):
    from gongkai.workcalendar.models import CalendarDay

    day = CalendarDay.objects.create(day=datetime.date(2027, 2, 5), kind="holiday", name="春节")
    audit_log(actor=cast.other_office, action="calendar_day.create", target=day, agency=None)
    client.force_login(cast.office)
    assert "calendar_day.create" in client.get(reverse("audit:list")).content.decode()
