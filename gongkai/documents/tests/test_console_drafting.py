"""Drafting in the console: the metadata form for a new record and for editing a draft."""

import pytest
from django.urls import reverse
from django.utils import translation

from gongkai.documents import services
from gongkai.documents.models import Record
from gongkai.documents.tests.conftest import NOW, policy_data, publish


def form_data(cast, **overrides):
    data = {
        "title": "2026年第一季度城乡低保资金发放情况",
        "unit": cast.unit_a.pk,
        "issuing_body": "测试市民政局",
        "document_number": "",
        "written_on": "2026-03-25",
        "formed_on": "",
        "subject": "民政、扶贫、救灾\\社会福利",
        "genre": "统计数据",
        "keywords": "低保 资金",
        "summary": "第一季度低保资金发放情况。",
        "body": "<p>第一季度共发放低保资金……</p>",
        "attribute": "proactive",
        "ground": "",
        "attribute_reason": "",
    }
    return data | overrides


def edit_data(cast, record, **overrides):
    kept = {"title": record.title, "document_number": record.document_number}
    return form_data(cast, **(kept | {"version": record.version} | overrides))


def test_a_drafter_creates_a_draft_with_all_its_metadata(client, cast, columns):
    client.force_login(cast.drafter_a)
    data = form_data(
        cast,
        formed_on="2026-03-26",
        columns=[columns["gzdt"].pk, columns["shjz"].pk],
        is_normative="on",
        registration_number="LCDR-2026-001",
        note="此件公开发布",
    )
    response = client.post(reverse("documents:new"), data)
    record = Record.objects.get(title="2026年第一季度城乡低保资金发放情况")
    assert response.status_code == 302
    assert response["Location"] == reverse("documents:detail", args=[record.pk])
    assert record.status == "draft" and record.created_by == cast.drafter_a
    assert record.unit == cast.unit_a and record.genre == "统计数据"
    assert record.is_normative and record.registration_number == "LCDR-2026-001"
    assert set(record.columns.all()) == {columns["gzdt"], columns["shjz"]}
    assert record.events.get().step == "create"


def test_a_malformed_document_number_gets_the_services_message_on_its_field(client, cast, columns):
    client.force_login(cast.drafter_a)
    response = client.post(
        reverse("documents:new"), form_data(cast, document_number="临民发2026-3")
    )
    assert response.status_code == 200
    errors = response.context["form"].errors["document_number"]
    assert "格式不正确" in errors[0]
    assert "2026年第一季度城乡低保资金发放情况" in response.content.decode()  # input kept
    assert not Record.objects.exists()


def test_a_duplicate_document_number_is_a_field_error(client, cast, draft):
    client.force_login(cast.drafter_a)
    response = client.post(
        reverse("documents:new"), form_data(cast, document_number=draft.document_number)
    )
    assert response.status_code == 200 and response.context["form"].errors["document_number"]
    assert Record.objects.count() == 1


def test_missing_title_and_body_are_field_errors(client, cast, columns):
    client.force_login(cast.drafter_a)
    response = client.post(reverse("documents:new"), form_data(cast, title="", body=""))
    errors = response.context["form"].errors
    assert response.status_code == 200 and errors["title"] and errors["body"]


def test_a_date_the_calendar_cannot_count_is_a_field_error_and_nothing_is_saved(
    client, cast, columns
):
    client.force_login(cast.drafter_a)
    client.cookies["django_language"] = "zh-hans"
    data = form_data(cast, written_on="1900-01-01", formed_on="2100-01-04")
    response = client.post(reverse("documents:new"), data)
    errors = response.context["form"].errors
    assert response.status_code == 200
    assert errors["written_on"] == ["请填写 1901 年至 2099 年之间的日期。"]
    assert errors["formed_on"] == ["请填写 1901 年至 2099 年之间的日期。"]
    assert not Record.objects.exists()


def test_a_unit_bound_drafter_drafts_only_for_their_own_unit(client, cast, columns):
    client.force_login(cast.drafter_a)
    form = client.get(reverse("documents:new")).context["form"]
    assert list(form.fields["unit"].queryset) == [cast.unit_a]
    response = client.post(reverse("documents:new"), form_data(cast, unit=cast.unit_b.pk))
    assert response.status_code == 200 and response.context["form"].errors["unit"]
    response = client.post(reverse("documents:new"), form_data(cast, unit=""))
    assert response.status_code == 200 and response.context["form"].errors["unit"]
    assert not Record.objects.exists()


def test_the_office_drafts_for_any_unit_or_the_whole_agency(client, cast, columns):
    client.force_login(cast.office)
    form = client.get(reverse("documents:new")).context["form"]
    assert set(form.fields["unit"].queryset) == {cast.unit_a, cast.unit_b}
    assert client.post(reverse("documents:new"), form_data(cast, unit="")).status_code == 302
    assert Record.objects.get().unit is None


def test_columns_of_another_agency_cannot_be_chosen(client, cast, columns):
    from gongkai.documents.columns import columns_install_standard

    columns_install_standard(actor=None, agency=cast.other_agency)
    foreign = cast.other_agency.columns.first()
    client.force_login(cast.drafter_a)
    response = client.post(reverse("documents:new"), form_data(cast, columns=[foreign.pk]))
    assert response.status_code == 200 and response.context["form"].errors["columns"]


@pytest.mark.parametrize(
    ("name", "expected"), [("reviewer", 403), ("approver", 403), ("supervisor", 403)]
)
def test_those_who_do_not_draft_cannot_open_the_new_record_form(client, cast, name, expected):
    client.force_login(getattr(cast, name))
    assert client.get(reverse("documents:new")).status_code == expected
    assert client.post(reverse("documents:new"), form_data(cast)).status_code == expected
    assert not Record.objects.exists()


def test_the_public_is_sent_to_the_login_page(client, cast):
    response = client.post(reverse("documents:new"), form_data(cast))
    assert response.status_code == 302 and "/console/login/" in response["Location"]


def test_an_interpretation_names_the_policy_it_interprets(client, cast, columns):
    policy = services.record_create(
        actor=cast.drafter_a,
        agency=cast.agency,
        data=policy_data(cast, needs_interpretation=True),
        now=NOW,
    )
    client.force_login(cast.drafter_a)
    form = client.get(reverse("documents:new")).context["form"]
    assert list(form.fields["interprets"].queryset) == [policy]
    data = form_data(
        cast,
        title="《实施细则》政策解读",
        genre="政策解读",
        interprets=policy.pk,
        interpretation_form="qa",
        interpreter="办公室",
        by_principal="on",
    )
    assert client.post(reverse("documents:new"), data).status_code == 302
    reading = Record.objects.get(title="《实施细则》政策解读")
    assert reading.interprets == policy and reading.by_principal
    page = client.get(reverse("documents:detail", args=[policy.pk])).content.decode()
    assert "《实施细则》政策解读" in page


def test_the_drafter_edits_a_draft(client, cast, draft, columns):
    client.force_login(cast.drafter_a)
    form = client.get(reverse("documents:edit", args=[draft.pk])).context["form"]
    assert form["version"].value() == draft.version
    assert form["columns"].value() == [columns["zcwj"].pk]
    data = edit_data(cast, draft, title="临沧市最低生活保障实施细则（修订）", columns=[])
    assert client.post(reverse("documents:edit", args=[draft.pk]), data).status_code == 302
    draft.refresh_from_db()
    assert draft.title == "临沧市最低生活保障实施细则（修订）" and draft.version == 2
    assert not draft.columns.exists()


def test_a_stale_version_shows_the_services_message_and_keeps_the_input(client, cast, draft):
    opened = draft.version
    services.record_update(
        actor=cast.office, record=draft, version=opened, data={"title": "办公室改过的标题"}
    )
    client.force_login(cast.drafter_a)
    data = edit_data(cast, draft, title="我改的标题", summary="我写的概述")
    data["version"] = opened
    response = client.post(reverse("documents:edit", args=[draft.pk]), data)
    assert response.status_code == 200
    with translation.override("zh-hans"):
        expected = translation.gettext(
            "Someone else saved this record after you opened it. Reload it and apply your "
            "changes again."
        )
    assert response.context["form"].non_field_errors() == [expected]
    shown = response.content.decode()
    assert "我改的标题" in shown and "我写的概述" in shown
    draft.refresh_from_db()
    assert draft.title == "办公室改过的标题"


def test_a_record_past_drafting_cannot_be_edited(client, cast, draft):
    publish(cast, draft)
    client.force_login(cast.office)
    response = client.get(reverse("documents:edit", args=[draft.pk]))
    assert response.status_code == 302
    assert 'data-testid="record-edit"' not in client.get(response["Location"]).content.decode()
    response = client.post(
        reverse("documents:edit", args=[draft.pk]), edit_data(cast, draft, title="改")
    )
    draft.refresh_from_db()
    assert draft.title == "临沧市最低生活保障实施细则"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("drafter_b", 404),
        ("other_office", 404),
        ("reviewer", 403),
        ("approver", 403),
        ("supervisor", 403),
        ("sysadmin", 403),
    ],
)
def test_others_cannot_edit_the_draft(client, cast, draft, name, expected):
    client.force_login(getattr(cast, name))
    url = reverse("documents:edit", args=[draft.pk])
    assert client.get(url).status_code == expected
    assert client.post(url, edit_data(cast, draft, title="改")).status_code == expected
    draft.refresh_from_db()
    assert draft.title == "临沧市最低生活保障实施细则"
