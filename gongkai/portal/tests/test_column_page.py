from datetime import date, timedelta

import pytest

from gongkai.documents.models import Column
from gongkai.portal.tests.conftest import NOW, make_record


def titles(response):
    return response.content.decode()


def test_a_column_lists_its_records_and_those_of_its_subcolumns_newest_first(client, cast, columns):
    older = make_record(
        cast, "较早的救助信息", columns=[columns["shjz"]], published_at=NOW - timedelta(2)
    )
    newer = make_record(cast, "较新的法定信息", columns=[columns["fdzdgk"]], published_at=NOW)
    page = titles(client.get(f"/columns/{columns['fdzdgk'].pk}/"))
    assert page.index(newer.title) < page.index(older.title)
    assert "2026-03-28" in page and "2026-03-30" in page  # every item shows its 发布日期
    assert columns["shjz"].name in page  # sub-columns are listed
    assert "政府信息公开" in page  # breadcrumb


def test_a_hidden_column_and_the_columns_below_it_are_not_found(client, cast, columns):
    Column.objects.filter(pk=columns["fdzdgk"].pk).update(hidden=True)
    assert client.get(f"/columns/{columns['fdzdgk'].pk}/").status_code == 404
    assert client.get(f"/columns/{columns['shjz'].pk}/").status_code == 404
    assert client.get(f"/feeds/columns/{columns['shjz'].pk}/").status_code == 404
    assert client.get("/columns/999999/").status_code == 404


def test_records_in_a_hidden_subcolumn_are_not_listed_on_the_parent(client, cast, columns):
    Column.objects.filter(pk=columns["shjz"].pk).update(hidden=True)
    make_record(cast, "隐藏栏目里的信息", columns=[columns["shjz"]])
    assert "隐藏栏目里的信息" not in titles(client.get(f"/columns/{columns['fdzdgk'].pk}/"))


def test_the_xxgk_column_and_its_guide_have_their_own_pages(client, cast, columns):
    response = client.get(f"/columns/{columns['xxgk'].pk}/")
    assert response.status_code == 302 and response["Location"] == "/xxgk/TESTA/"
    response = client.get(f"/columns/{columns['xxgkzn'].pk}/")
    assert response["Location"] == "/xxgk/TESTA/guide/"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"subject": "民政、扶贫、救灾\\社会福利"}, {"福利文件"}),
        ({"subject": "民政、扶贫、救灾"}, {"福利文件", "救灾文件"}),
        ({"genre": "通知"}, {"福利文件"}),
        ({"year": "2025"}, {"救灾文件"}),
        ({"validity": "repealed"}, {"救灾文件"}),
        ({"genre": "通知", "year": "2025"}, set()),
    ],
)
def test_the_list_filters_by_subject_genre_year_and_validity(
    client, cast, columns, params, expected
):
    zcwj = columns["zcwj"]
    make_record(
        cast, "福利文件", columns=[zcwj], subject="民政、扶贫、救灾\\社会福利", genre="通知"
    )
    make_record(
        cast,
        "救灾文件",
        columns=[zcwj],
        subject="民政、扶贫、救灾\\减灾救灾",
        genre="意见",
        published_at=NOW.replace(year=2025),
        validity="repealed",
        validity_changed_on=date(2026, 1, 1),
    )
    page = titles(client.get(f"/columns/{zcwj.pk}/", params))
    assert {t for t in ("福利文件", "救灾文件") if t in page} == expected


def test_the_list_filters_by_unit(client, cast, columns):
    zcwj = columns["zcwj"]
    make_record(cast, "办公室的文件", columns=[zcwj], unit=cast.unit_a)
    make_record(cast, "救助科的文件", columns=[zcwj], unit=cast.unit_b)
    page = titles(client.get(f"/columns/{zcwj.pk}/", {"unit": cast.unit_b.pk}))
    assert "救助科的文件" in page and "办公室的文件" not in page


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "99999999999999999999999"},
        {"unit": "abc"},
        {"unit": "99999999999999999999999"},
        {"subject": "不存在的分类"},
        {"validity": "<script>"},
        {"genre": "x" * 5000},
    ],
)
def test_bad_filters_are_ignored_with_a_message(client, cast, columns, params):
    make_record(cast, "政策文件甲", columns=[columns["zcwj"]])
    response = client.get(f"/columns/{columns['zcwj'].pk}/", params)
    assert response.status_code == 200
    page = response.content.decode()
    assert "政策文件甲" in page and 'role="alert"' in page and "<script>" not in page


@pytest.mark.parametrize("number", ["abc", "0", "-1", "3", "1.5", "99999999999999999999999"])
def test_a_page_number_that_is_not_a_page_of_the_list_is_not_found(client, cast, columns, number):
    for n in range(25):
        make_record(cast, f"文件{n}", columns=[columns["zcwj"]])
    response = client.get(f"/columns/{columns['zcwj'].pk}/", {"page": number})
    assert response.status_code == 404


def test_the_list_is_paginated_by_twenty(client, cast, columns):
    for n in range(25):
        make_record(cast, f"文件{n:02d}", columns=[columns["zcwj"]])
    first = titles(client.get(f"/columns/{columns['zcwj'].pk}/"))
    second = titles(client.get(f"/columns/{columns['zcwj'].pk}/", {"page": "2"}))
    assert first.count('href="/records/') == 20 and second.count('href="/records/') == 5
    assert "?page=2" in first


def test_the_column_page_reads_a_bounded_number_of_queries(
    client, cast, columns, django_assert_max_num_queries
):
    for n in range(30):
        make_record(cast, f"文件{n}", columns=[columns["zcwj"], columns["shjz"]])
    with django_assert_max_num_queries(8):
        assert (
            client.get(f"/columns/{columns['zcwj'].pk}/", {"unit": cast.unit_a.pk}).status_code
            == 200
        )
