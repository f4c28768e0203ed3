import pytest
from django.urls import reverse

from gongkai.accounts.models import Unit


def test_staff_see_their_agency_and_its_units(client, cast):
    client.force_login(cast.drafter_a)
    page = client.get(reverse("console:agency")).content.decode()
    assert "测试市民政局" in page and "社会救助科" in page
    assert reverse("console:agency_edit", args=["TESTA"]) not in page


def test_another_agencys_office_cannot_open_ours(client, cast):
    client.force_login(cast.other_office)
    assert client.get(reverse("console:agency_detail", args=["TESTA"])).status_code == 404
    assert client.get(reverse("console:agency_edit", args=["TESTA"])).status_code == 404


def test_a_supervisor_reads_every_agency_but_cannot_edit(client, cast):
    client.force_login(cast.supervisor)
    assert client.get(reverse("console:agency_detail", args=["TESTB"])).status_code == 200
    response = client.post(reverse("console:agency_edit", args=["TESTA"]), {"name": "改名"})
    assert response.status_code == 404
    cast.agency.refresh_from_db()
    assert cast.agency.name == "测试市民政局"


def test_the_office_edits_contact_data_with_field_errors_in_chinese(client, cast):
    client.force_login(cast.office)
    url = reverse("console:agency_edit", args=["TESTA"])
    bad = client.post(url, {"name": "测试市民政局", "email": "bad", "website": "nope"})
    assert bad.status_code == 200
    errors = bad.context["form"].errors
    assert set(errors) == {"email", "website"}
    assert "邮件地址" in errors["email"][0] or "Email 地址" in errors["email"][0]
    cast.agency.refresh_from_db()
    assert cast.agency.email == ""
    good = client.post(url, {"name": "测试市民政局", "email": "gk@example.org", "phone": "0883-1"})
    assert good.status_code == 302
    cast.agency.refresh_from_db()
    assert cast.agency.email == "gk@example.org"


def test_the_office_adds_a_unit_and_a_bad_code_is_explained(client, cast):
    client.force_login(cast.office)
    url = reverse("console:unit_new", args=["TESTA"])
    bad = client.post(url, {"code": "bad code", "name": "养老服务科", "kind": "internal"})
    assert bad.status_code == 200 and "大写字母" in bad.content.decode()
    client.post(url, {"code": "YLFW", "name": "养老服务科", "kind": "internal", "active": "on"})
    assert Unit.objects.filter(agency=cast.agency, code="YLFW").exists()


@pytest.mark.parametrize("name", ["drafter_a", "reviewer", "approver"])
def test_staff_without_the_office_role_cannot_add_units(client, cast, name):
    client.force_login(getattr(cast, name))
    response = client.post(
        reverse("console:unit_new", args=["TESTA"]), {"code": "X", "name": "X", "kind": "internal"}
    )
    assert response.status_code == 404
    assert not Unit.objects.filter(code="X").exists()


def test_the_agency_page_lists_units_in_a_fixed_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    for i in range(20):
        Unit.objects.create(agency=cast.agency, code=f"U{i}", name=f"单位{i}", kind="internal")
    client.force_login(cast.office)
    with django_assert_max_num_queries(12):
        client.get(reverse("console:agency"))


def test_the_sysadmin_adds_an_agency_through_the_form(client, cast):
    client.force_login(cast.sysadmin)
    bad = client.post(reverse("console:agency_new"), {"code": "bad", "name": "X"})
    assert bad.status_code == 200 and "大写字母" in bad.content.decode()
    response = client.post(
        reverse("console:agency_new"), {"code": "TESTC", "name": "测试市医疗保障局"}
    )
    assert response.status_code == 302
    assert "测试市医疗保障局" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("name", ["office", "supervisor", "drafter_a"])
def test_only_the_sysadmin_may_add_agencies(client, cast, name):
    client.force_login(getattr(cast, name))
    assert (
        client.post(reverse("console:agency_new"), {"code": "TESTC", "name": "X"}).status_code
        == 403
    )
    page = client.get(reverse("console:agency")).content.decode()
    assert reverse("console:agency_new") not in page
