"""/console/statistics/: charts with their tables, filters, CSV, and who is refused."""

import csv
import io
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest
from django.urls import reverse

URL = reverse("dashboard:index")
SVG = "{http://www.w3.org/2000/svg}"


class Tables(HTMLParser):
    """The page's tables as {data-testid: [[cell text, …], …]} and its inline SVGs."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.svgs: dict[str, str] = {}
        self._table: list[list[str]] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table" and attributes.get("data-testid"):
            self._table = self.tables.setdefault(attributes["data-testid"], [])
        elif tag == "tr" and self._table is not None:
            self._table.append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._table is not None:
            self._table[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def parse(page: str) -> Tables:
    found = Tables()
    found.feed(page)
    for chunk in page.split('<figure class="dashboard-chart" data-testid="chart-')[1:]:
        key, rest = chunk.split('"', 1)
        found.svgs[key] = rest[rest.index("<svg") : rest.index("</svg>") + 6]
    return found


def row(table: list[list[str]], label: str) -> list[str]:
    return next(r for r in table if r and r[0] == label)


@pytest.fixture
def office(client, cast, frozen):
    client.force_login(cast.office)
    return client


def test_the_office_sees_every_chart_with_its_table_beneath(office, published, applications):
    response = office.get(URL + "?year=2026")
    assert response.status_code == 200
    page = parse(response.content.decode())
    assert set(page.svgs) == {
        "releases",
        "columns",
        "timeliness",
        "applications",
        "outcomes",
        "handling",
    }
    assert set(page.tables) == {f"table-{key}" for key in page.svgs}
    releases = page.tables["table-releases"]
    assert releases[0] == ["月份", "门户网站", "微信公众号", "合计"]
    assert row(releases, "3月") == ["3月", "2", "1", "3"]
    assert row(releases, "合计") == ["合计", "3", "1", "4"]
    timeliness = page.tables["table-timeliness"]
    assert row(timeliness, "3月") == ["3月", "1", "1", "2", "50"]
    outcomes = page.tables["table-outcomes"]
    assert outcomes[0][1:7] == [
        "予以公开",
        "部分公开",
        "不予公开",
        "无法提供",
        "不予处理",
        "其他处理",
    ]
    assert row(outcomes, "4月") == ["4月", "0", "0", "0", "1", "0", "1", "2"]
    handling = page.tables["table-handling"]
    assert row(handling, "1月") == ["1月", "1", "24", "24"] and row(handling, "5月")[2] == "—"
    assert row(handling, "全年") == ["全年", "3", "24", "25"]


def test_each_chart_draws_one_bar_per_number_of_its_table(office, published, applications):
    page = parse(office.get(URL + "?year=2026").content.decode())
    root = ET.fromstring(page.svgs["releases"])
    assert root.get("role") == "img" and root.find(f"{SVG}title").text == "每月各渠道发布数量"
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "bar"]
    assert sorted((b.get("data-category"), b.get("data-value")) for b in bars) == [
        ("2", "1"),
        ("3", "1"),
        ("3", "2"),
    ]
    outcomes = ET.fromstring(page.svgs["outcomes"])
    april = [
        r
        for r in outcomes.iter(f"{SVG}rect")
        if r.get("class") == "bar" and r.get("data-category") == "4"
    ]
    assert {b.get("data-series") for b in april} == {"无法提供", "其他处理"}


def test_the_key_figures(office, published, applications):
    page = office.get(URL + "?year=2026").content.decode()
    for key, value in [
        ("published", "3"),
        ("late", "1"),
        ("received", "5"),
        ("median", "24"),
        ("p95", "25"),
        ("open-overdue", "1"),
        ("replied-late", "2"),
        ("overdue", "3"),
    ]:
        assert f'data-testid="{key}">{value}<' in page, key
    assert "2026-07-01" in page  # the day open cases were looked at


def test_the_year_defaults_to_the_current_one(office, published):
    page = office.get(URL).content.decode()
    assert 'data-testid="published">3<' in page and '<option value="2026" selected>' in page


def test_filter_by_unit_and_year(office, published, applications):
    page = parse(office.get(URL + "?year=2026&unit=SHJZ").content.decode())
    assert row(page.tables["table-releases"], "合计") == ["合计", "1", "1"]
    assert row(page.tables["table-applications"], "合计") == ["合计", "2", "1"]
    earlier = office.get(URL + "?year=2025").content.decode()
    assert 'data-testid="published">0<' in earlier and 'data-testid="received">1<' in earlier


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("year=abc", "请以四位数字填写年份"),
        ("year=2031", "请选择 2008 至 2026 年之间的年份"),
        ("year=1999", "请选择 2008 至 2026 年之间的年份"),
        ("unit=NOSUCH", "请选择本机关的内设科室或单位"),
    ],
)
def test_bad_filter_input_gets_a_chinese_message(office, published, query, message):
    response = office.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert message in response.content.decode()


def test_a_unit_of_another_agency_is_refused(office, cast):
    from gongkai.accounts.models import Unit

    Unit.objects.create(agency=cast.other_agency, code="RSK", name="人事科", kind="internal")
    assert office.get(URL + "?unit=RSK").status_code == 400


def test_the_csv_of_a_table(office, published, applications):
    response = office.get(reverse("dashboard:csv", args=["releases"]) + "?year=2026")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="statistics-TESTA-2026-releases.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["月份", "门户网站", "微信公众号", "合计"]
    assert rows[3] == ["3月", "2", "1", "3"] and rows[-1] == ["合计", "3", "1", "4"]
    unit = office.get(reverse("dashboard:csv", args=["handling"]) + "?year=2026&unit=SHJZ")
    assert "statistics-TESTA-SHJZ-2026-handling.csv" in unit["Content-Disposition"]
    assert office.get(reverse("dashboard:csv", args=["nosuch"])).status_code == 404
    assert office.get(reverse("dashboard:csv", args=["releases"]) + "?year=x").status_code == 400


def test_a_column_name_cannot_become_a_spreadsheet_formula(office, cast, published, columns):
    columns["zcwj"].name = "=HYPERLINK(1)"
    columns["zcwj"].save()
    response = office.get(reverse("dashboard:csv", args=["columns"]) + "?year=2026")
    header = next(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert "'=HYPERLINK(1)" in header


def test_the_supervisor_chooses_among_agencies(client, cast, frozen, published):
    client.force_login(cast.supervisor)
    page = client.get(URL + "?agency=TESTA&year=2026").content.decode()
    assert 'data-testid="published">3<' in page and 'name="agency"' in page
    other = client.get(URL + "?agency=TESTB&year=2026").content.decode()
    assert 'data-testid="published">0<' in other
    assert 'data-testid="received">' in other  # supervisors see the queues' counts


def test_the_anonymous_visitor_is_sent_to_log_in(client, frozen):
    response = client.get(URL)
    assert response.status_code == 302 and "/console/login/" in response["Location"]
    csv_url = reverse("dashboard:csv", args=["releases"])
    assert "/console/login/" in client.get(csv_url)["Location"]


@pytest.mark.parametrize("name", ["drafter_a", "drafter_b", "reviewer", "approver"])
def test_staff_without_the_figures_are_refused(client, cast, frozen, name):
    client.force_login(getattr(cast, name))
    assert client.get(URL).status_code == 403
    assert client.get(reverse("dashboard:csv", args=["releases"])).status_code == 403


def test_the_office_of_another_agency_gets_a_404(client, cast, frozen, published):
    client.force_login(cast.other_office)
    assert client.get(URL + "?agency=TESTA").status_code == 404
    assert (
        client.get(reverse("dashboard:csv", args=["releases"]) + "?agency=TESTA").status_code == 404
    )
    assert client.get(URL).status_code == 200  # its own agency
    assert client.get(URL + "?agency=NOSUCH").status_code == 404


def test_the_page_takes_a_fixed_number_of_queries(
    office, published, applications, django_assert_max_num_queries
):
    with django_assert_max_num_queries(25):
        assert office.get(URL + "?year=2026").status_code == 200


def test_the_old_figures_page_leads_to_the_dashboard_with_its_agency_and_year(office):
    response = office.get(reverse("documents:statistics") + "?agency=TESTA&year=2025")
    assert response.status_code == 302
    assert response["Location"] == URL + "?agency=TESTA&year=2025"


def test_the_navigation_has_the_dashboard_only(office):
    page = office.get(reverse("console:home")).content.decode()
    assert f'href="{URL}"' in page
    assert reverse("documents:statistics") not in page


def test_a_record_dated_before_the_calendar_is_left_out_of_timeliness_not_a_500(office, published):
    from datetime import date

    from gongkai.documents.models import Record

    Record.objects.filter(pk=published["february"].pk).update(formed_on=date(1900, 1, 1))
    response = office.get(URL + "?year=2026")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'data-testid="published">3<' in page
    assert 'data-testid="late">1<' in page  # the 1900 record is neither on time nor late
    assert (
        office.get(reverse("dashboard:csv", args=["timeliness"]) + "?year=2026").status_code == 200
    )
