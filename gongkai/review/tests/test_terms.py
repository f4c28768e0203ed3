"""The sensitive-term list in the console: each agency's reviewers and disclosure office keep
their agency's list, the system administrator the installation-wide one; every change is
audited, and a term that cannot be added says why on the form."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from gongkai.accounts.models import RoleAssignment
from gongkai.audit.models import AuditEvent
from gongkai.documents.tests.conftest import NOW
from gongkai.review import terms
from gongkai.review.models import SensitiveTerm
from gongkai.testing import make_user


@pytest.fixture
def other_reviewer(cast):
    return make_user("other_reviewer", RoleAssignment.Role.REVIEWER, cast.other_agency)


@pytest.fixture
def term(cast):
    return terms.term_create(
        actor=cast.reviewer, agency=cast.agency, term="专项小组", note="内部机构", now=NOW
    )


def add(client, user, **data):
    client.force_login(user)
    return client.post(reverse("review:term_new"), data)


def test_a_reviewer_adds_a_term_to_the_agencys_list_and_it_is_audited(client, cast):
    response = add(client, cast.reviewer, term="  专项小组 ", note="内部机构", scope="TESTA")
    assert response.status_code == 302
    term = SensitiveTerm.objects.get()
    assert (term.agency, term.term, term.note, term.created_by) == (
        cast.agency,
        "专项小组",
        "内部机构",
        cast.reviewer,
    )
    event = AuditEvent.objects.get(action="review.term_added")
    assert event.actor == cast.reviewer and event.agency == cast.agency
    assert event.changes["term"] == [None, "专项小组"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter a term."),
        ("   ", "Enter a term."),
        ("密", "at least 2"),
        ("长" * 101, "at most 100"),
    ],
)
def test_a_term_that_cannot_be_added_says_why_on_the_form(client, cast, text, message):
    client.cookies["django_language"] = "en"
    response = add(client, cast.reviewer, term=text, scope="TESTA")
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["term"])
    assert not SensitiveTerm.objects.exists()


def test_a_term_already_on_the_list_is_refused_on_the_form(client, cast, term):
    client.cookies["django_language"] = "en"
    response = add(client, cast.reviewer, term="专项小组", scope="TESTA")
    assert response.status_code == 200
    assert "already on the list" in str(response.context["form"].errors["term"])
    assert SensitiveTerm.objects.count() == 1


def test_a_term_on_the_installations_list_is_not_added_to_an_agencys(cast):
    terms.term_create(actor=cast.sysadmin, agency=None, term="专项小组", now=NOW)
    with pytest.raises(ValidationError, match="every agency"):
        terms.term_create(actor=cast.reviewer, agency=cast.agency, term="专项小组", now=NOW)


def test_the_system_administrator_keeps_the_installation_wide_list(client, cast):
    response = add(client, cast.sysadmin, term="某某工程", scope="*")
    assert response.status_code == 302
    assert SensitiveTerm.objects.get().agency is None
    assert AuditEvent.objects.get(action="review.term_added").agency is None


def test_a_reviewer_cannot_add_to_the_installation_wide_list(client, cast):
    response = add(client, cast.reviewer, term="某某工程", scope="*")
    assert response.status_code == 200 and "scope" in response.context["form"].errors
    with pytest.raises(PermissionDenied):
        terms.term_create(actor=cast.reviewer, agency=None, term="某某工程", now=NOW)
    assert not SensitiveTerm.objects.exists()


def test_a_reviewer_sees_the_installation_wide_terms_but_cannot_change_them(client, cast):
    wide = terms.term_create(actor=cast.sysadmin, agency=None, term="某某工程", now=NOW)
    client.force_login(cast.reviewer)
    response = client.get(reverse("review:terms"))
    assert "某某工程" in response.content.decode()
    assert reverse("review:term_delete", args=[wide.pk]) not in response.content.decode()
    assert client.post(reverse("review:term_delete", args=[wide.pk])).status_code == 404
    assert SensitiveTerm.objects.filter(pk=wide.pk).exists()


def test_the_note_is_edited_and_the_change_audited(client, cast, term):
    client.force_login(cast.reviewer)
    url = reverse("review:term_edit", args=[term.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"note": "项目代号"}).status_code == 302
    term.refresh_from_db()
    assert term.note == "项目代号"
    event = AuditEvent.objects.get(action="review.term_changed")
    assert event.changes == {"note": ["内部机构", "项目代号"]}


def test_a_term_is_deleted_and_the_deletion_audited(client, cast, term):
    client.force_login(cast.reviewer)
    assert client.get(reverse("review:term_delete", args=[term.pk])).status_code == 405
    assert client.post(reverse("review:term_delete", args=[term.pk])).status_code == 302
    assert not SensitiveTerm.objects.exists()
    event = AuditEvent.objects.get(action="review.term_deleted")
    assert event.changes["term"] == ["专项小组", None] and event.agency == cast.agency


@pytest.mark.parametrize("name", ["drafter_a", "approver", "supervisor"])
def test_those_who_do_not_manage_terms_are_refused(client, cast, term, name):
    client.force_login(getattr(cast, name))
    assert client.get(reverse("review:terms")).status_code == 403
    assert (
        client.post(reverse("review:term_new"), {"term": "某某", "scope": "TESTA"}).status_code
        == 403
    )
    assert client.post(reverse("review:term_delete", args=[term.pk])).status_code in (403, 404)
    assert SensitiveTerm.objects.count() == 1


def test_the_reviewer_of_another_agency_neither_sees_nor_changes_this_agencys_terms(
    client, cast, term, other_reviewer
):
    client.force_login(other_reviewer)
    response = client.get(reverse("review:terms"))
    assert response.status_code == 200 and "专项小组" not in response.content.decode()
    assert client.get(reverse("review:term_edit", args=[term.pk])).status_code == 404
    assert client.post(reverse("review:term_delete", args=[term.pk])).status_code == 404
    response = add(client, other_reviewer, term="某某", scope="TESTA")
    assert response.status_code == 200 and "scope" in response.context["form"].errors
    with pytest.raises(PermissionDenied):
        terms.term_create(actor=other_reviewer, agency=cast.agency, term="某某", now=NOW)
    assert SensitiveTerm.objects.count() == 1
