"""Reconsideration and litigation linked to a case: recorded and updated by the office,
audited, counted in the columns of table 四."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.applications import remedies
from gongkai.applications.models import Remedy
from gongkai.applications.tests.test_handling import LATER, register
from gongkai.audit.models import AuditEvent


def record(cast, case, **kw):
    values = {"kind": "reconsideration", "result": "pending", "year": 2026} | kw
    return remedies.remedy_record(actor=cast.office, application=case, now=LATER, **values)


def test_a_remedy_is_recorded_updated_and_counted(cast):
    case = register(cast)
    remedy = record(cast, case, note="某某申请复议")
    assert remedy.number == case.number and remedy.agency == cast.agency
    remedy = remedies.remedy_update(actor=cast.office, remedy=remedy, result="corrected", now=LATER)
    assert remedy.result == "corrected"
    record(cast, case, kind="direct_litigation", result="upheld")
    counts = remedies.table_four(list(Remedy.objects.all()))
    assert counts[2] == 1 and counts[5] == 1 and counts[6] == 1 and counts[10] == 1
    assert counts[15] == 0 and len(counts) == 15
    actions = list(AuditEvent.objects.values_list("action", flat=True))
    assert actions.count("application.remedy_recorded") == 2
    assert "application.remedy_updated" in actions


def test_the_same_kind_twice_in_a_year_is_refused(cast):
    case = register(cast)
    record(cast, case)
    with pytest.raises(ValidationError):
        record(cast, case)


def test_unknown_kinds_and_results_are_refused(cast):
    with pytest.raises(ValidationError):
        record(cast, register(cast), kind="appeal")


@pytest.mark.parametrize("who", ["other_office", "reviewer", "supervisor", "drafter_a"])
def test_only_the_agency_office_records_remedies(cast, who):
    case = register(cast)
    with pytest.raises(PermissionDenied):
        remedies.remedy_record(
            actor=getattr(cast, who), application=case, kind="reconsideration",
            result="pending", year=2026, now=LATER,
        )  # fmt: skip
    remedy = record(cast, case)
    with pytest.raises(PermissionDenied):
        remedies.remedy_update(actor=getattr(cast, who), remedy=remedy, result="upheld", now=LATER)


def test_the_console_lists_the_agency_year_with_table_four(client, cast):
    case = register(cast)
    client.force_login(cast.office)
    url = f"/console/applications/{case.pk}/remedies/"
    response = client.post(
        url, {"remedy-kind": "reconsideration", "remedy-result": "upheld", "remedy-year": 2026}
    )
    assert response.status_code == 302 and Remedy.objects.count() == 1
    page = client.get("/console/applications/remedies/?year=2026")
    assert (
        page.status_code == 200 and dict((c.number, n) for c, n in page.context["columns"])[1] == 1
    )


@pytest.mark.parametrize(
    "who, status", [("other_office", 404), ("reviewer", 404), ("drafter_a", 404)]
)
def test_the_console_refuses_others(client, cast, who, status):
    case = register(cast)
    client.force_login(getattr(cast, who))
    response = client.post(
        f"/console/applications/{case.pk}/remedies/",
        {"remedy-kind": "reconsideration", "remedy-result": "upheld", "remedy-year": 2026},
    )
    assert response.status_code == status and not Remedy.objects.exists()


@pytest.mark.parametrize("who", ["reviewer", "drafter_a"])
def test_the_list_is_the_office_s(client, cast, who):
    client.force_login(getattr(cast, who))
    assert client.get("/console/applications/remedies/").status_code == 403
