"""The column tree in the console: the disclosure office keeps it; others are refused."""

import pytest
from django.urls import reverse

from gongkai.documents.columns import STANDARD, columns_install_standard
from gongkai.documents.models import Column


def test_the_office_installs_the_standard_columns_once(client, cast):
    client.force_login(cast.office)
    response = client.post(reverse("documents:columns_install"), {"agency": "TESTA"})
    assert response.status_code == 302
    assert cast.agency.columns.count() == len(STANDARD)
    client.post(reverse("documents:columns_install"), {"agency": "TESTA"})
    assert cast.agency.columns.count() == len(STANDARD)
    page = client.get(reverse("documents:columns")).content.decode()
    assert "政府信息公开指南" in page and "法定主动公开内容" in page


def test_installing_takes_a_post(client, cast):
    client.force_login(cast.office)
    assert client.get(reverse("documents:columns_install")).status_code == 405
    assert not Column.objects.exists()


def test_the_tree_lists_children_under_their_parent(client, cast):
    columns_install_standard(actor=None, agency=cast.agency)
    client.force_login(cast.office)
    tree = client.get(reverse("documents:columns")).context["tree"]
    names = [(column.name, depth) for column, depth in tree]
    parent = names.index(("法定主动公开内容", 1))
    assert names[parent + 1] == ("行政法规、规章和规范性文件", 2)
    assert names.index(("政府信息公开", 0)) < parent


def test_the_office_adds_and_edits_a_column(client, cast):
    columns_install_standard(actor=None, agency=cast.agency)
    parent = cast.agency.columns.get(slug="fdzdgk")
    client.force_login(cast.office)
    data = {
        "name": "殡葬服务",
        "slug": "bzfw",
        "kind": "key_area",
        "parent": parent.pk,
        "position": 40,
    }
    assert client.post(reverse("documents:column_new"), data).status_code == 302
    column = cast.agency.columns.get(slug="bzfw")
    assert column.parent == parent and column.kind == "key_area" and not column.hidden
    data |= {"name": "殡葬管理服务", "hidden": "on"}
    url = reverse("documents:column_edit", args=[column.pk])
    assert client.post(url, data).status_code == 302
    column.refresh_from_db()
    assert column.name == "殡葬管理服务" and column.hidden


def test_a_duplicate_short_name_or_a_loop_is_a_field_error(client, cast):
    columns_install_standard(actor=None, agency=cast.agency)
    top = cast.agency.columns.get(slug="xxgk")
    child = cast.agency.columns.get(slug="xxgkzn")
    client.force_login(cast.office)
    data = {"name": "重复", "slug": "xxgk", "kind": "other", "position": 1}
    response = client.post(reverse("documents:column_new"), data)
    assert response.status_code == 200 and response.context["form"].errors["slug"]
    data = {"name": top.name, "slug": "xxgk", "kind": "other", "position": 1, "parent": child.pk}
    response = client.post(reverse("documents:column_edit", args=[top.pk]), data)
    assert response.status_code == 200 and response.context["form"].errors["parent"]
    top.refresh_from_db()
    assert top.parent is None


@pytest.mark.parametrize("name", ["drafter_a", "reviewer", "approver", "supervisor"])
def test_others_are_refused(client, cast, name):
    columns_install_standard(actor=None, agency=cast.agency)
    column = cast.agency.columns.first()
    client.force_login(getattr(cast, name))
    assert client.get(reverse("documents:columns")).status_code == 403
    assert client.post(reverse("documents:columns_install"), {"agency": "TESTA"}).status_code == 403
    data = {"name": "x", "slug": "x", "kind": "other", "position": 1}
    assert client.post(reverse("documents:column_new"), data).status_code == 403
    assert client.post(reverse("documents:column_edit", args=[column.pk]), data).status_code == 403
    assert not Column.objects.filter(slug="x").exists()


def test_the_office_of_another_agency_cannot_reach_these_columns(client, cast):
    columns_install_standard(actor=None, agency=cast.agency)
    column = cast.agency.columns.first()
    client.force_login(cast.other_office)
    assert client.get(reverse("documents:columns"), {"agency": "TESTA"}).status_code == 404
    assert client.post(reverse("documents:columns_install"), {"agency": "TESTA"}).status_code == 404
    data = {"name": "x", "slug": "x", "kind": "other", "position": 1}
    assert client.post(reverse("documents:column_edit", args=[column.pk]), data).status_code == 404
    page = client.get(reverse("documents:columns")).content.decode()
    assert "测试市人力资源和社会保障局" in page and column.name not in page


def test_the_public_is_sent_to_the_login_page(client, cast):
    response = client.get(reverse("documents:columns"))
    assert response.status_code == 302 and "/console/login/" in response["Location"]


def test_the_nav_shows_columns_to_the_office_only(client, cast):
    client.force_login(cast.office)
    url = reverse("documents:columns")
    assert url in client.get(reverse("documents:list")).content.decode()
    client.force_login(cast.drafter_a)
    assert url not in client.get(reverse("documents:list")).content.decode()
