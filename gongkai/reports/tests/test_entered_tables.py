"""An agency whose last report was published before it used Gongkai types that report's tables
into the workbook Gongkai downloads for that year and loads it; the next year's cross-year
check (X1, 上年结转) then compares with those published figures. A bad cell is refused with its
name and nothing is stored; only the agency's disclosure office may load tables."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from gongkai.audit.models import AuditEvent
from gongkai.core import annual_report as ar
from gongkai.reports import selectors, services
from gongkai.reports.entered import TOP
from gongkai.reports.models import EnteredTables
from gongkai.reports.render.grid import place

TZ = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 28, 10, 0, tzinfo=TZ)


def _coordinate(number: str, year: int, row: str, column: str) -> tuple[int, int]:
    table = ar.Table(ar.layout(number, ar.format_for_year(year)), {})
    for placed_row in place(table):
        for placed in placed_row:
            if placed.source.key == row and placed.cell.column == column:
                return TOP + placed.row, 1 + placed.column
    raise KeyError((row, column))


def _workbook(client, agency, year: int, cells: dict[tuple[str, str, str], object]) -> bytes:
    """The download of `year` with `cells` ((table, row, column) → value) typed in."""
    response = client.get(reverse("reports:download", args=[agency.code, year, "xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    for (number, row, column), value in cells.items():
        r, c = _coordinate(number, year, row, column)
        book[f"表{number}"].cell(r, c).value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _load(client, agency, year, data, name="2018年报.xlsx"):
    return client.post(
        reverse("reports:entered", args=[agency.code, year]),
        {"file": SimpleUploadedFile(name, data)},
    )


CARRIED = ("三", "carried_forward", "natural_person")


def test_entered_tables_of_last_year_feed_the_carry_over_check(client, cast, shanghai):
    client.force_login(cast.office)
    # 2018 as published outside Gongkai said 20 cases were carried forward; the records hold 18.
    data = _workbook(client, shanghai, 2018, {CARRIED: 20, ("三", "carried_forward", "total"): 20})
    assert _load(client, shanghai, 2018, data).status_code == 302
    stored = EnteredTables.objects.get(agency=shanghai, year=2018)
    assert stored.file_name == "2018年报.xlsx" and stored.entered_by == cast.office
    event = AuditEvent.objects.get(action="reports.tables_entered")
    assert event.changes["三.carried_forward.natural_person"] == [None, 20]

    checked = selectors.checked_report(shanghai, 2019)
    assert checked.last_year_entered == stored
    x1 = [f for f in checked.findings if f.check is ar.Check.CARRY_OVER]
    assert [(f.column, f.expected, f.actual) for f in x1] == [("自然人", 20, 18), ("总计", 20, 18)]
    page = client.get(reverse("reports:detail", args=[shanghai.code, 2019])).content.decode()
    assert "2018年报.xlsx" in page

    # Loading the corrected figures replaces the stored tables: the check holds.
    data = _workbook(client, shanghai, 2018, {CARRIED: 18, ("三", "carried_forward", "total"): 18})
    assert _load(client, shanghai, 2018, data).status_code == 302
    assert EnteredTables.objects.count() == 1
    checked = selectors.checked_report(shanghai, 2019)
    assert [f for f in checked.findings if f.check is ar.Check.CARRY_OVER] == []


@pytest.mark.parametrize(
    "change, words",
    [
        ({CARRIED: "很多"}, "表三“四、结转下年度继续办理”行“自然人”列"),
        ({CARRIED: -3}, "表三“四、结转下年度继续办理”行“自然人”列"),
    ],
)
def test_a_bad_cell_is_refused_with_its_name_and_nothing_is_stored(
    client, cast, shanghai, change, words
):
    client.force_login(cast.office)
    client.cookies["django_language"] = "zh-hans"
    response = _load(client, shanghai, 2018, _workbook(client, shanghai, 2018, change))
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not EnteredTables.objects.exists()
    assert not AuditEvent.objects.filter(action="reports.tables_entered").exists()


def test_a_workbook_of_another_shape_or_not_a_workbook_is_refused(client, cast, shanghai):
    client.force_login(cast.office)
    client.cookies["django_language"] = "zh-hans"
    response = client.get(reverse("reports:download", args=[shanghai.code, 2018, "xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    r, c = _coordinate("三", 2018, "new", "natural_person")
    book["表三"].cell(r, 1).value = "本年新收申请"
    out = io.BytesIO()
    book.save(out)
    page = _load(client, shanghai, 2018, out.getvalue()).content.decode()
    assert f"工作表“表三”的 A{r} 单元格应为“一、本年新收政府信息公开申请数量”" in page
    page = _load(client, shanghai, 2018, "序号,数量\n1,2\n".encode(), name="表.xlsx").content
    assert "表.xlsx".encode() in page
    assert not EnteredTables.objects.exists()


def test_a_year_published_in_gongkai_needs_no_entered_tables(client, cast, shanghai):
    services.report_publish(
        actor=cast.office, agency=shanghai, year=2019, now=NOW, today=NOW.date()
    )
    client.force_login(cast.office)
    page = client.get(reverse("reports:entered", args=[shanghai.code, 2019]))
    assert b'data-testid="entered-published"' in page.content
    assert b'data-testid="entered-form"' not in page.content
    data = _workbook(client, shanghai, 2019, {})
    client.cookies["django_language"] = "zh-hans"
    refused = _load(client, shanghai, 2019, data)
    assert refused.status_code == 200
    assert (
        "2019年度报告已在本平台公开（第1版），使用其公开时的表格，无需录入"
        in refused.content.decode()
    )
    assert not EnteredTables.objects.exists()


def test_only_the_agencys_office_loads_tables(client, cast, shanghai):
    data = b"PK"
    for name, codes in (
        ("supervisor", (403,)),
        ("drafter_a", (403, 404)),
        ("reviewer", (403, 404)),
        ("other_office", (404,)),
    ):
        client.force_login(getattr(cast, name))
        url = reverse("reports:entered", args=[shanghai.code, 2018])
        assert client.get(url).status_code in codes, name
        assert _load(client, shanghai, 2018, data).status_code in codes, name
    client.logout()
    assert client.get(reverse("reports:entered", args=[shanghai.code, 2018])).status_code == 302
    assert not EnteredTables.objects.exists()


def test_loading_again_audits_the_cells_that_changed_and_those_cleared(client, cast, shanghai):
    client.force_login(cast.office)
    new = ("三", "new", "natural_person")
    first = _workbook(client, shanghai, 2018, {CARRIED: 18, new: 12})
    assert _load(client, shanghai, 2018, first).status_code == 302
    second = _workbook(client, shanghai, 2018, {CARRIED: 19, new: None})
    assert _load(client, shanghai, 2018, second).status_code == 302
    event = AuditEvent.objects.filter(action="reports.tables_entered").order_by("pk").last()
    assert event.changes["三.carried_forward.natural_person"] == [18, 19]
    assert event.changes["三.new.natural_person"] == [12, None]
    assert "三.new.total" not in event.changes or event.changes["三.new.total"][1] is not None


def test_a_formula_without_a_computed_value_is_refused_not_taken_as_blank(client, cast, shanghai):
    client.force_login(cast.office)
    client.cookies["django_language"] = "zh-hans"
    data = _workbook(client, shanghai, 2018, {CARRIED: "=10+8"})  # openpyxl caches no value
    r, c = _coordinate(*CARRIED[:1], 2018, *CARRIED[1:])
    page = _load(client, shanghai, 2018, data).content.decode()
    assert f"工作表“表三”的 D{r} 单元格是没有计算结果的公式" in page
    assert not EnteredTables.objects.exists()
