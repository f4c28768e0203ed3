"""The console's pages of findings and sweeps, and the count on the home page: masked values
only, each agency's findings for its own staff (and for the supervisor and administrator),
"withdraw now" for those who handle leaks."""

import pytest
from django.urls import reverse

from gongkai.accounts.models import RoleAssignment
from gongkai.documents.tests.conftest import NOW
from gongkai.review.models import Finding, Sweep
from gongkai.review.sweep import sweep
from gongkai.review.tests.sweeping import ID_NUMBER, plant_in_body, published
from gongkai.testing import make_user

MASKED_ID = "1101**********002X"


@pytest.fixture
def leak(cast):
    record = plant_in_body(published(cast))
    sweep(now=NOW)
    return record


@pytest.fixture
def other_reviewer(cast):
    """A reviewer of another agency: may see findings, but not this agency's."""
    return make_user("other_reviewer", RoleAssignment.Role.REVIEWER, cast.other_agency)


def page(client, user, name="review:findings", query=""):
    client.force_login(user)
    return client.get(reverse(name) + query)


def test_the_public_is_sent_to_the_login_page(client, db):
    for name in ("review:findings", "review:sweeps", "review:terms", "review:notifications"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/console/login/" in response["Location"]


def test_a_drafter_is_refused_the_findings_and_the_sweeps(client, cast, leak):
    assert page(client, cast.drafter_a).status_code == 403
    assert page(client, cast.drafter_a, "review:sweeps").status_code == 403
    assert client.post(reverse("review:sweep_run")).status_code == 403


@pytest.mark.parametrize("name", ["reviewer", "approver", "office"])
def test_those_who_handle_leaks_see_masked_findings_with_withdraw_now(client, cast, leak, name):
    response = page(client, getattr(cast, name))
    text = response.content.decode()
    assert response.status_code == 200
    assert MASKED_ID in text and "138****5678" in text and ID_NUMBER not in text
    assert reverse("review:withdraw_now", args=[leak.pk]) in text
    assert 'name="reason"' in text and "required" in text
    assert reverse("documents:detail", args=[leak.pk]) in text


def test_withdraw_now_from_the_list_revokes_the_record_and_comes_back(client, cast, leak):
    client.force_login(cast.reviewer)
    back = reverse("review:findings") + "?state=open"
    response = client.post(
        reverse("review:withdraw_now", args=[leak.pk]), {"reason": "公开了身份证号码", "next": back}
    )
    assert response.status_code == 302 and response["Location"] == back
    leak.refresh_from_db()
    assert leak.status == "revoked"
    assert set(leak.findings.filter(origin="sweep").values_list("state", flat=True)) == {
        "withdrawn"
    }


def test_a_reviewer_of_another_agency_does_not_see_this_agencys_findings(
    client, cast, leak, other_reviewer
):
    response = page(client, other_reviewer)
    assert response.status_code == 200
    assert MASKED_ID not in response.content.decode()
    assert leak.title not in response.content.decode()
    assert cast.agency.name not in page(client, other_reviewer, "review:findings").content.decode()


def test_the_supervisor_sees_every_agency_but_cannot_withdraw(client, cast, leak):
    response = page(client, cast.supervisor)
    text = response.content.decode()
    assert response.status_code == 200 and MASKED_ID in text
    assert reverse("review:withdraw_now", args=[leak.pk]) not in text
    assert 'name="agency"' in text  # a filter by agency: they see more than one


def test_the_counts_per_agency_and_unit_show_open_blocking_findings(client, cast, leak):
    response = page(client, cast.reviewer)
    [row] = response.context["counts"]
    assert row["agency__name"] == cast.agency.name
    assert row["record__unit__name"] == cast.unit_a.name
    assert (row["leaks"], row["blocking_all"], row["other"]) == (2, 2, 0)
    assert response.context["last_sweep"] == Sweep.objects.get()


def test_filters_narrow_the_list(client, cast, leak):
    Finding.objects.filter(kind="cn_mobile").update(
        state="dismissed", reason="测试", resolved_at=NOW
    )
    rows = page(client, cast.reviewer).context["rows"]
    assert [f.kind for f in rows] == ["cn_resident_id"]  # open ones by default
    rows = page(client, cast.reviewer, query="?state=dismissed").context["rows"]
    assert [f.kind for f in rows] == ["cn_mobile"]
    rows = page(client, cast.reviewer, query="?state=&kind=cn_mobile&origin=sweep").context["rows"]
    assert [f.kind for f in rows] == ["cn_mobile"]
    rows = page(client, cast.reviewer, query=f"?state=&unit={cast.unit_b.pk}").context["rows"]
    assert rows == []
    query = f"?agency={cast.other_agency.pk}&state="
    assert page(client, cast.supervisor, query=query).context["rows"] == []


def test_the_list_takes_a_bounded_number_of_queries(
    client, cast, leak, django_assert_max_num_queries
):
    for n in range(5):
        plant_in_body(published(cast, title=f"救助决定{n}", document_number=""))
    sweep(now=NOW)
    client.force_login(cast.reviewer)
    with django_assert_max_num_queries(15):
        response = client.get(reverse("review:findings"))
    assert len(response.context["rows"]) == 12


def test_the_reviewer_runs_a_sweep_of_their_agency_from_the_console(client, cast):
    record = plant_in_body(published(cast))
    response = page(client, cast.reviewer, "review:sweeps")
    assert reverse("review:sweep_run") in response.content.decode()
    response = client.post(reverse("review:sweep_run"), follow=True)
    assert response.status_code == 200
    run = Sweep.objects.get()
    assert run.started_by == cast.reviewer and not run.scheduled
    assert record.findings.filter(origin="sweep").count() == 2
    assert "1" in str(list(response.context["messages"])[0])


@pytest.mark.parametrize("name", ["supervisor", "sysadmin", "drafter_a"])
def test_those_who_do_not_handle_leaks_cannot_run_a_sweep(client, cast, name):
    user = getattr(cast, name)
    client.force_login(user)
    assert client.post(reverse("review:sweep_run")).status_code == 403
    assert not Sweep.objects.exists()


def test_the_sweep_list_shows_counts_only_to_those_who_see_every_agency(client, cast, leak):
    assert page(client, cast.supervisor, "review:sweeps").context["show_counts"] is True
    response = page(client, cast.reviewer, "review:sweeps")
    assert response.context["show_counts"] is False
    assert reverse("review:sweep_run") in response.content.decode()
    assert (
        reverse("review:sweep_run")
        not in page(client, cast.supervisor, "review:sweeps").content.decode()
    )


def test_the_home_page_counts_leaks_for_reviewers_and_not_for_drafters(client, cast, leak):
    response = page(client, cast.reviewer, "console:home")
    assert response.context["review"]["leaks"] == 2
    assert response.context["review"]["in_review"] == 0
    assert 'data-testid="leak-count"' in response.content.decode()
    response = page(client, cast.drafter_a, "console:home")
    assert "leaks" not in response.context["review"]
    assert 'data-testid="leak-count"' not in response.content.decode()


def test_the_home_page_of_another_agency_counts_none_of_these_leaks(
    client, cast, leak, other_reviewer
):
    assert page(client, other_reviewer, "console:home").context["review"]["leaks"] == 0


def test_the_navigation_shows_findings_to_reviewers_only(client, cast):
    findings = reverse("review:findings")
    assert findings in page(client, cast.reviewer, "console:home").content.decode()
    text = page(client, cast.drafter_a, "console:home").content.decode()
    assert findings not in text.split("<main")[0]
