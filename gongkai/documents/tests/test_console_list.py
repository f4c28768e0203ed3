"""The record list: filters, "my work" per role, pagination and its query count."""

from datetime import date

import pytest
from django.urls import reverse

from gongkai.documents import services
from gongkai.documents.models import Record
from gongkai.documents.tests.conftest import NOW, policy_data, publish
from gongkai.testing import dismiss_findings


def make(cast, title, *, unit=None, actor=None, **fields):
    record = services.record_create(
        actor=actor or cast.drafter_a,
        agency=cast.agency,
        data=policy_data(cast, title=title, document_number="", unit=unit or cast.unit_a),
        now=NOW,
    )
    if fields:
        Record.objects.filter(pk=record.pk).update(**fields)
    return record


def titles(client, url_name="documents:list", **params):
    response = client.get(reverse(url_name), params)
    assert response.status_code == 200
    return {record.title for record in response.context["page"]}


@pytest.fixture
def desk(cast, columns):
    """Records in every state of the workflow, drafted by drafter_a unless said otherwise."""
    own = make(cast, "我的草稿")
    office = make(cast, "办公室起草的草稿", actor=cast.office)
    returned = make(cast, "被退回的稿件", actor=cast.office)
    services.record_submit(actor=cast.office, record=returned, now=NOW)
    services.record_return(actor=cast.reviewer, record=returned, reason="请补充", now=NOW)
    waiting_review = make(cast, "待审查的稿件")
    services.record_submit(actor=cast.drafter_a, record=waiting_review, now=NOW)
    waiting_approval = make(cast, "待审批的稿件")
    services.record_submit(actor=cast.drafter_a, record=waiting_approval, now=NOW)
    dismiss_findings(cast.reviewer, waiting_approval, NOW)
    services.record_pass_review(actor=cast.reviewer, record=waiting_approval, notes="", now=NOW)
    published = publish(cast, make(cast, "已发布的信息"))
    other_unit = make(cast, "救助科的草稿", unit=cast.unit_b, actor=cast.drafter_b)
    return {
        r.title: r
        for r in [own, office, returned, waiting_review, waiting_approval, published, other_unit]
    }


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("drafter_a", {"我的草稿", "被退回的稿件"}),
        ("drafter_b", {"救助科的草稿"}),
        ("reviewer", {"待审查的稿件"}),
        ("approver", {"待审批的稿件"}),
    ],
)
def test_my_work_shows_what_waits_for_each_role(client, cast, desk, name, expected):
    client.force_login(getattr(cast, name))
    assert titles(client, "documents:work") == expected


def test_my_work_of_the_office_is_everything_of_its_agency(client, cast, desk):
    client.force_login(cast.office)
    assert titles(client, "documents:work") == set(desk)


def test_the_list_filters_by_status_unit_genre_year_and_text(client, cast, desk):
    client.force_login(cast.office)
    assert titles(client, status="published") == {"已发布的信息"}
    assert titles(client, unit=cast.unit_b.pk) == {"救助科的草稿"}
    assert titles(client, q="退回") == {"被退回的稿件"}
    Record.objects.filter(title="我的草稿").update(genre="工作动态", written_on=date(2025, 5, 1))
    assert titles(client, genre="工作动态") == {"我的草稿"}
    assert titles(client, year=2025) == {"我的草稿"}
    assert titles(client, q=desk["已发布的信息"].index_number) == {"已发布的信息"}


def test_the_list_filters_by_column(client, cast, desk, columns):
    desk["我的草稿"].columns.set([columns["gzdt"]])
    client.force_login(cast.office)
    assert titles(client, column=columns["gzdt"].pk) == {"我的草稿"}


def test_an_invalid_filter_is_explained_and_ignored(client, cast, desk):
    client.force_login(cast.office)
    response = client.get(reverse("documents:list"), {"year": "二〇二五", "status": "nonsense"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"year", "status"}
    assert len(response.context["page"]) == len(desk)


def test_a_drafter_cannot_filter_their_way_into_another_unit(client, cast, desk):
    client.force_login(cast.drafter_a)
    response = client.get(reverse("documents:list"), {"unit": cast.unit_b.pk})
    assert response.context["form"].errors["unit"]
    assert "救助科的草稿" not in {r.title for r in response.context["page"]}


def test_other_agencies_records_stay_out_of_the_list(client, cast, desk):
    client.force_login(cast.other_office)
    assert titles(client) == set() and titles(client, "documents:work") == set()


def test_the_public_is_sent_to_the_login_page(client, cast):
    for name in ["documents:list", "documents:work"]:
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/console/login/" in response["Location"]


def test_the_new_record_button_is_shown_to_those_who_draft(client, cast):
    client.force_login(cast.drafter_a)
    assert 'data-testid="record-new"' in client.get(reverse("documents:list")).content.decode()
    client.force_login(cast.supervisor)
    assert 'data-testid="record-new"' not in client.get(reverse("documents:list")).content.decode()


def test_the_list_pages_fifty_records_at_a_time_and_keeps_the_filters(client, cast, columns):
    Record.objects.bulk_create(
        Record(agency=cast.agency, unit=cast.unit_a, title=f"动态{n}", body="x", genre="工作动态")
        for n in range(60)
    )
    client.force_login(cast.office)
    response = client.get(reverse("documents:list"), {"genre": "工作动态"})
    assert len(response.context["page"]) == 50
    assert "genre=%E5%B7%A5%E4%BD%9C%E5%8A%A8%E6%80%81&amp;page=2" in response.content.decode()
    response = client.get(reverse("documents:list"), {"genre": "工作动态", "page": 2})
    assert len(response.context["page"]) == 10


@pytest.mark.parametrize("url_name", ["documents:list", "documents:work"])
@pytest.mark.parametrize("name", ["drafter_a", "office", "supervisor"])
def test_the_list_takes_a_fixed_number_of_queries(
    client, cast, columns, django_assert_max_num_queries, url_name, name
):
    records = Record.objects.bulk_create(
        Record(
            agency=cast.agency,
            unit=cast.unit_a,
            title=f"动态{n}",
            body="x",
            created_by=cast.drafter_a,
        )
        for n in range(40)
    )
    for record in records:
        record.columns.set([columns["gzdt"]])
    client.force_login(getattr(cast, name))
    with django_assert_max_num_queries(14):
        response = client.get(reverse(url_name), {"q": "动态"})
    assert len(response.context["page"]) == 40
