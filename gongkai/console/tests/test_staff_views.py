import pytest
from django.urls import reverse

from gongkai.accounts.models import User


def test_the_sysadmin_creates_an_account_through_the_form(client, cast):
    client.force_login(cast.sysadmin)
    response = client.post(
        reverse("console:staff_new"),
        {
            "username": "zhang",
            "full_name": "张三",
            "agency": cast.agency.pk,
            "is_active": "on",
            "roles": ["reviewer"],
            "units": [cast.unit_b.pk],
            "password": "Secure-pass-2026",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="zhang")
    assert user.roles == {"reviewer"} and list(user.units.all()) == [cast.unit_b]


def test_a_weak_initial_password_is_explained_and_nothing_is_created(client, cast):
    client.force_login(cast.sysadmin)
    response = client.post(
        reverse("console:staff_new"),
        {
            "username": "li",
            "full_name": "李四",
            "agency": cast.agency.pk,
            "roles": ["drafter"],
            "password": "12345",
        },
    )
    assert response.status_code == 200
    assert "密码" in response.content.decode()
    assert not User.objects.filter(username="li").exists()


def test_the_office_sees_its_own_staff_only_and_cannot_edit(client, cast):
    client.force_login(cast.office)
    page = client.get(reverse("console:staff_list")).content.decode()
    assert "drafter_a" in page and "other_office" not in page
    assert (
        client.get(reverse("console:staff_detail", args=[cast.other_office.pk])).status_code == 404
    )
    response = client.post(
        reverse("console:staff_detail", args=[cast.drafter_a.pk]),
        {"full_name": "x", "roles": ["sysadmin"]},
    )
    assert response.status_code == 403
    assert cast.drafter_a.roles == {"drafter"}


@pytest.mark.parametrize("name", ["drafter_a", "reviewer", "approver"])
def test_ordinary_staff_cannot_list_accounts(client, cast, name):
    client.force_login(getattr(cast, name))
    assert client.get(reverse("console:staff_list")).status_code == 403
    assert client.get(reverse("console:staff_new")).status_code == 403


def test_a_supervisor_lists_staff_of_every_agency_read_only(client, cast):
    client.force_login(cast.supervisor)
    page = client.get(reverse("console:staff_list")).content.decode()
    assert "drafter_a" in page and "other_office" in page
    assert reverse("console:staff_new") not in page
    assert client.get(reverse("console:staff_new")).status_code == 403


def test_the_staff_list_takes_a_fixed_number_of_queries(
    client, cast, django_assert_max_num_queries
):
    from gongkai.testing import make_user

    for i in range(20):
        make_user(f"extra{i}", "drafter", cast.agency, (cast.unit_a,))
    client.force_login(cast.sysadmin)
    with django_assert_max_num_queries(12):
        client.get(reverse("console:staff_list"))
