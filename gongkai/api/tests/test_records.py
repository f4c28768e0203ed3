"""/api/v1/records/: only what the public may read, ever; filters that refuse nonsense."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.documents import services
from gongkai.documents.models import Record
from gongkai.documents.tests.conftest import NOW, policy_data, publish

LIST = "/api/v1/records/"


def titles(client, **params) -> set[str]:
    response = client.get(LIST, params)
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["results"]}


def test_the_list_shows_published_public_records_only(client, records):
    assert titles(client) == {records.public.title, records.reading.title, records.redacted.title}


@pytest.mark.parametrize("name", ["draft", "on_request", "withheld", "revoked"])
def test_a_record_the_public_may_not_see_is_not_found(client, records, name):
    response = client.get(f"{LIST}{getattr(records, name).pk}/")
    assert response.status_code == 404


def test_no_request_answers_with_a_hidden_record_s_title(client, records):
    hidden = [records.draft, records.on_request, records.withheld, records.revoked]
    body = b"".join(
        client.get(path).content
        for path in [LIST, f"{LIST}?page_size=100", f"{LIST}{records.public.pk}/"]
    ).decode()
    assert not any(record.title in body for record in hidden)


def test_a_staff_session_does_not_widen_what_the_api_shows(client, cast, records):
    client.force_login(cast.office)
    assert client.get(f"{LIST}{records.draft.pk}/").status_code == 404
    assert records.draft.title not in titles(client)


def test_a_redacted_record_shows_its_redacted_body_only(client, records):
    detail = client.get(f"{LIST}{records.redacted.pk}/").json()
    assert detail["body"] == "<p>张* 身份证号 已删除</p>"
    assert detail["attribute"] == "redacted"
    assert records.secret not in client.get(f"{LIST}{records.redacted.pk}/").content.decode()


def test_the_detail_links_files_interpretations_and_releases(client, records):
    detail = client.get(f"{LIST}{records.public.pk}/").json()
    [attachment] = detail["attachments"]
    pk = records.public.attachments.get().pk
    assert attachment["url"] == f"http://testserver/records/{records.public.pk}/files/{pk}/"
    assert attachment["name"] == "图解.png" and attachment["kind"] == "png"
    assert client.get(attachment["url"]).status_code == 200
    assert client.get(detail["page"]).status_code == 200
    assert [i["title"] for i in detail["interpretations"]] == [records.reading.title]
    assert [r["channel"] for r in detail["releases"]] == ["website"]
    assert detail["index_number"] == "TESTA/2026-00001"
    assert [c["slug"] for c in detail["columns"]] == ["zcwj"]
    reading = client.get(f"{LIST}{records.reading.pk}/").json()
    assert reading["interprets"]["id"] == records.public.pk


def test_a_link_to_a_record_that_is_not_public_is_left_out(client, cast, records):
    Record.objects.filter(pk=records.public.pk).update(replaced_by=records.draft)
    assert client.get(f"{LIST}{records.public.pk}/").json()["replaced_by"] is None


def test_the_list_takes_a_fixed_number_of_queries(client, cast, columns):
    def add_records(first: int) -> None:
        for n in range(first, first + 5):
            data = policy_data(cast, document_number=f"临民发〔2026〕{n + 20}号")
            record = services.record_create(
                actor=cast.drafter_a,
                agency=cast.agency,
                data=data,
                columns=[columns["zcwj"], columns["fd01"]],
                now=NOW,
            )
            publish(cast, record)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    add_records(0)
    five = count()
    add_records(5)
    assert count() == five <= 4  # count, visible columns, page, their columns


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"genre": "通知"}, {"public", "redacted"}),
        ({"genre": "政策解读"}, {"reading"}),
        ({"q": "名单"}, {"redacted"}),
        ({"subject": "民政、扶贫、救灾"}, {"public", "reading", "redacted"}),
        ({"subject": "综合政务\\政务公开"}, set()),
        ({"year": "2026"}, {"public", "reading", "redacted"}),
        ({"year": "2025"}, set()),
        ({"validity": "repealed"}, set()),
        ({"column": "zcwj", "agency": "TESTA"}, {"public", "reading", "redacted"}),
        ({"column": "gzdt"}, set()),
        ({"updated_since": "2100-01-01"}, set()),
        ({"updated_since": "2000-01-01T00:00:00+08:00"}, {"public", "reading", "redacted"}),
    ],
)
def test_filters(client, records, params, expected):
    assert titles(client, **params) == {getattr(records, name).title for name in expected}


def test_a_column_is_also_found_by_its_id(client, records, columns):
    assert records.public.title in titles(client, column=str(columns["zcwj"].pk))


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"year": "二〇二六"}, "year"),
        ({"year": "99999"}, "year"),
        ({"genre": "小说"}, "genre"),
        ({"subject": "天文"}, "subject"),
        ({"validity": "valid"}, "validity"),
        ({"updated_since": "2026-13-45"}, "updated_since"),
        ({"column": "nosuch"}, "column"),
        ({"column": "999999"}, "column"),
        ({"agency": "NOSUCH"}, "agency"),
        ({"q": "a\x00b"}, "q"),
        ({"q": "长" * 101}, "q"),
    ],
)
def test_a_bad_filter_is_a_400_naming_the_parameter(client, records, params, field):
    response = client.get(LIST, params)
    assert response.status_code == 400
    assert response.json()[field]


def test_a_hidden_column_cannot_be_used_to_find_records(client, records, columns):
    columns["zcwj"].hidden = True
    columns["zcwj"].save()
    assert client.get(LIST, {"column": "zcwj"}).status_code == 400
    assert client.get(f"{LIST}{records.public.pk}/").json()["columns"] == []


def test_pages_have_a_count_and_links(client, records):
    page = client.get(LIST, {"page_size": 2}).json()
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]
    assert client.get(LIST, {"page": 99}).status_code == 404


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_cannot_change_anything(client, records, method):
    for path in [LIST, f"{LIST}{records.public.pk}/", "/api/v1/columns/"]:
        response = getattr(client, method)(path, {"title": "x"}, content_type="application/json")
        assert response.status_code == 405
    assert titles(client) >= {records.public.title}
