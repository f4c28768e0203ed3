"""The whole role × action matrix, written out by hand so that a change to the table in
gongkai.core.roles must be matched here on purpose."""

import pytest

from gongkai.accounts.permissions import Action, can, visible_agencies

A = Action
# For each member of the cast: the actions allowed on their own agency and on another one.
EVERY_STAFF = {A.VIEW_CONSOLE, A.VIEW_AGENCY, A.VIEW_CALENDAR, A.VIEW_RECORDS}
DRAFTER = EVERY_STAFF | {A.DRAFT_RECORD, A.RECORD_RELEASE}
REVIEWER = EVERY_STAFF | {A.REVIEW_RECORD, A.VIEW_FINDINGS, A.HANDLE_LEAK, A.MANAGE_TERMS}
APPROVER = EVERY_STAFF | {
    A.APPROVE_RECORD,
    A.REVOKE_RECORD,
    A.VIEW_FINDINGS,
    A.HANDLE_LEAK,
    A.VIEW_ANNUAL_REPORT,
    A.OVERRIDE_REPORT_CHECKS,  # 分管领导 lets a report with failed checks be published
}
CONTENT = {
    A.DRAFT_RECORD,
    A.REVIEW_RECORD,
    A.APPROVE_RECORD,
    A.REVOKE_RECORD,
    A.RECORD_RELEASE,
    A.HANDLE_LEAK,
    A.VIEW_APPLICATIONS,  # applicants' personal data: the handling agency's office only
    A.HANDLE_APPLICATIONS,
    A.EDIT_ANNUAL_REPORT,  # the annual report is the agency's own work
    A.PUBLISH_ANNUAL_REPORT,
    A.OVERRIDE_REPORT_CHECKS,
}
OFFICE = EVERY_STAFF | {
    A.DRAFT_RECORD,
    A.RECORD_RELEASE,
    A.MANAGE_COLUMNS,
    A.VIEW_STATISTICS,
    A.MANAGE_AGENCY,
    A.VIEW_STAFF,
    A.MANAGE_CALENDAR,
    A.VIEW_AUDIT,
    A.EXPORT_AUDIT,
    A.VIEW_FINDINGS,
    A.HANDLE_LEAK,
    A.MANAGE_TERMS,
    A.VIEW_APPLICATIONS,
    A.HANDLE_APPLICATIONS,
    A.VIEW_APPLICATION_QUEUES,
    A.VIEW_ANNUAL_REPORT,
    A.EDIT_ANNUAL_REPORT,
    A.PUBLISH_ANNUAL_REPORT,
}
READ_ALL = {
    A.VIEW_STATISTICS,
    A.VIEW_CONSOLE,
    A.VIEW_AGENCY,
    A.VIEW_STAFF,
    A.VIEW_CALENDAR,
    A.VIEW_AUDIT,
    A.EXPORT_AUDIT,
    A.VIEW_RECORDS,
    A.VIEW_FINDINGS,
    A.VIEW_APPLICATION_QUEUES,
    A.VIEW_ANNUAL_REPORT,
}
# CREATE_AGENCY has no target agency: only the system administrator may add one.
EXPECTED = {
    # name: (allowed in own agency, allowed in the other agency)
    "drafter_a": (DRAFTER, set()),
    "drafter_b": (DRAFTER, set()),
    "reviewer": (REVIEWER, set()),
    "approver": (APPROVER, set()),
    "office": (OFFICE, set()),
    "supervisor": (READ_ALL, READ_ALL),
    "sysadmin": (set(Action) - CONTENT, set(Action) - CONTENT),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("action", list(Action))
def test_each_role_may_do_exactly_what_the_matrix_says(cast, name, action):
    user = getattr(cast, name)
    own, other = EXPECTED[name]
    assert can(user, action, cast.agency) is (action in own)
    assert can(user, action, cast.other_agency) is (action in other)


@pytest.mark.parametrize("action", list(Action))
def test_the_office_of_another_agency_is_refused_everything_in_ours(cast, action):
    assert not can(cast.other_office, action, cast.agency)
    assert not can(cast.other_office, action, cast.unit_a)
    assert not can(cast.other_office, action, cast.drafter_a)


@pytest.mark.parametrize("action", list(Action))
def test_the_public_may_do_nothing_in_the_console(action):
    from django.contrib.auth.models import AnonymousUser

    assert not can(AnonymousUser(), action)
    assert visible_agencies(AnonymousUser(), action) == []


def test_a_supervisor_changes_nothing_anywhere(cast):
    for action in (A.MANAGE_AGENCY, A.MANAGE_STAFF, A.MANAGE_CALENDAR):
        assert not can(cast.supervisor, action, cast.agency)
        assert not can(cast.supervisor, action)


def test_a_disabled_account_may_do_nothing(cast):
    cast.sysadmin.is_active = False
    assert not any(can(cast.sysadmin, action) for action in Action)


def test_units_and_staff_belong_to_the_agency_they_are_in(cast):
    assert can(cast.office, A.MANAGE_AGENCY, cast.unit_b)
    assert not can(cast.other_office, A.MANAGE_AGENCY, cast.unit_b)
    assert [a.code for a in visible_agencies(cast.office, A.VIEW_AUDIT)] == ["TESTA"]
    assert [a.code for a in visible_agencies(cast.supervisor, A.VIEW_AUDIT)] == ["TESTA", "TESTB"]


def test_a_drafter_bound_to_a_unit_works_on_that_units_objects_only(cast):
    from gongkai.documents.models import Record

    record_a = Record(agency=cast.agency, unit=cast.unit_a, title="甲", body="x")
    agency_wide = Record(agency=cast.agency, unit=None, title="乙", body="x")
    assert can(cast.drafter_a, A.VIEW_RECORDS, record_a)
    assert not can(cast.drafter_b, A.VIEW_RECORDS, record_a)
    assert can(cast.drafter_b, A.VIEW_RECORDS, agency_wide)
    # Agency-wide roles are not narrowed by the unit their account sits in.
    cast.office.units.set([cast.unit_b])
    assert can(cast.office, A.VIEW_RECORDS, record_a)
    assert can(cast.reviewer, A.VIEW_RECORDS, record_a)
