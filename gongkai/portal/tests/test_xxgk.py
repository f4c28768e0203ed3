"""The 政府信息公开 pages: the four sub-columns, the guide and the catalogue (条例第12条)."""

from datetime import date
from io import BytesIO

from openpyxl import load_workbook

from gongkai.accounts.models import Agency
from gongkai.portal.tests.conftest import make_record


def test_the_xxgk_page_shows_the_four_standard_subcolumns(client, cast, columns):
    report = make_record(cast, "2025年政府信息公开工作年度报告", columns=[columns["xxgknb"]])
    page = client.get("/xxgk/TESTA/").content.decode()
    for slug in ("xxgkzn", "xxgkzd", "fdzdgk", "xxgknb"):
        assert columns[slug].name in page
    assert columns["fd01"].name in page and "社会救助" in page
    assert f'href="/records/{report.pk}/"' in page and "2026-03-30" in page
    assert 'href="/xxgk/TESTA/catalogue/"' in page


def test_an_unknown_agency_has_no_xxgk_pages(client, cast):
    for path in ("", "guide/", "catalogue/", "catalogue.xlsx"):
        assert client.get(f"/xxgk/NOSUCH/{path}").status_code == 404


def test_the_xxgk_pages_work_for_an_agency_without_columns(client, cast):
    for path in ("", "guide/", "catalogue/", "catalogue.xlsx"):
        assert client.get(f"/xxgk/TESTB/{path}").status_code == 200, path


def test_the_guide_is_generated_from_the_agencys_data(client, cast, columns):
    Agency.objects.filter(pk=cast.agency.pk).update(
        disclosure_office_name="测试市民政局办公室",
        address="测试市人民路1号",
        office_hours="工作日 9:00—17:00",
        phone="0883-1234567",
        fax="0883-7654321",
        email="gk@example.gov.cn",
        website="https://mz.example.gov.cn/",
        guide_text="查阅场所：市档案馆、市图书馆。",
    )
    page = client.get("/xxgk/TESTA/guide/").content.decode()
    for text in (
        "测试市民政局办公室",
        "测试市人民路1号",
        "工作日 9:00—17:00",
        "0883-1234567",
        "0883-7654321",
        "gk@example.gov.cn",
        "https://mz.example.gov.cn/",
        "查阅场所：市档案馆、市图书馆。",
        columns["fd11"].name,  # the 编排体系: the column tree
        'href="/apply/"',  # 获取方式: applications
        'href="/xxgk/TESTA/catalogue/"',
    ):
        assert text in page, text


def test_the_catalogue_lists_index_name_summary_and_dates(client, cast, columns):
    record = make_record(
        cast,
        "低保实施细则",
        summary="规范低保",
        formed_on=date(2026, 3, 20),
        written_on=date(2026, 3, 2),
    )
    page = client.get("/xxgk/TESTA/catalogue/").content.decode()
    for text in (record.index_number, "低保实施细则", "规范低保", "2026-03-20", "2026-03-30"):
        assert text in page


def test_the_catalogue_downloads_as_xlsx_with_headers_and_rows(client, cast, columns):
    record = make_record(cast, "低保实施细则", summary="规范低保", written_on=date(2026, 3, 2))
    make_record(cast, "另一机关的信息", agency=cast.other_agency)
    response = client.get("/xxgk/TESTA/catalogue.xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert ".xlsx" in response["Content-Disposition"]
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0] == ("索引号", "名称", "内容概述", "生成日期", "发布日期")
    assert len(rows) == 2
    index, title, summary, generated, published = rows[1]
    assert (index, title, summary) == (record.index_number, "低保实施细则", "规范低保")
    assert generated.date() == date(2026, 3, 2) and published.date() == date(2026, 3, 30)


def test_the_catalogue_reads_a_bounded_number_of_queries(
    client, cast, columns, django_assert_max_num_queries
):
    for n in range(30):
        make_record(cast, f"信息{n}")
    with django_assert_max_num_queries(6):
        assert client.get("/xxgk/TESTA/catalogue/").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get("/xxgk/TESTA/catalogue.xlsx").status_code == 200


def test_a_bad_catalogue_page_is_not_found(client, cast):
    assert client.get("/xxgk/TESTA/catalogue/", {"page": "x"}).status_code == 404


def test_catalogue_cells_that_look_like_formulas_stay_text(client, cast):
    make_record(cast, '=HYPERLINK("http://evil.example")', summary="控制字符\x0b已删除")
    response = client.get("/xxgk/TESTA/catalogue.xlsx")
    row = list(load_workbook(BytesIO(response.content)).active.iter_rows())[1]
    assert row[1].value == '=HYPERLINK("http://evil.example")' and row[1].data_type == "s"
    assert row[2].value == "控制字符已删除"
