"""Who may do what: the role × action table (DESIGN.md "Who uses it").

Scope (which agency or unit an action touches) is applied by
gongkai.accounts.permissions; this table only says which roles may attempt an action
at all, and whether the action only reads.
"""

import enum


class Role(enum.StrEnum):
    DRAFTER = "drafter"  # 信息员
    REVIEWER = "reviewer"  # 保密审查员
    APPROVER = "approver"  # 分管领导
    DISCLOSURE_OFFICE = "office"  # 公开办
    SUPERVISOR = "supervisor"  # 督查 (the city's 政务公开办): reads across agencies
    SYSADMIN = "sysadmin"  # 系统管理员


class Action(enum.StrEnum):
    VIEW_CONSOLE = "view_console"
    VIEW_AGENCY = "view_agency"
    CREATE_AGENCY = "create_agency"  # a new agency on this installation
    MANAGE_AGENCY = "manage_agency"  # contact data of the guide (条例第12条), units
    VIEW_STAFF = "view_staff"
    MANAGE_STAFF = "manage_staff"  # accounts, roles, unlocking
    VIEW_CALENDAR = "view_calendar"
    MANAGE_CALENDAR = "manage_calendar"  # holiday notices, 调休, local holidays
    VIEW_AUDIT = "view_audit"
    EXPORT_AUDIT = "export_audit"
    VIEW_RECORDS = "view_records"  # government-information records, drafts included
    DRAFT_RECORD = "draft_record"  # create and edit drafts, submit them
    REVIEW_RECORD = "review_record"  # 保密审查: pass or return
    APPROVE_RECORD = "approve_record"  # approve publication, schedule, return, waive interpretation
    REVOKE_RECORD = "revoke_record"  # 撤回 a published record; change its validity; archive
    RECORD_RELEASE = "record_release"  # record a release on WeChat, Weibo, notice boards …
    MANAGE_COLUMNS = "manage_columns"  # the column tree, the guide
    VIEW_STATISTICS = "view_statistics"  # yearly figures: channels, timeliness, interpretations
    VIEW_FINDINGS = "view_findings"  # privacy findings per agency and unit, sweeps (masked only)
    HANDLE_LEAK = "handle_leak"  # a finding on a published record: withdraw now, mask, dismiss
    MANAGE_TERMS = "manage_terms"  # the sensitive-term list the scanner looks for
    VIEW_APPLICATIONS = "view_applications"  # 依申请公开 cases, with the applicants' data
    HANDLE_APPLICATIONS = "handle_applications"  # register, correct, consult, extend, decide …
    VIEW_APPLICATION_QUEUES = "view_application_queues"  # queues and overdue cases, anonymous
    VIEW_ANNUAL_REPORT = "view_annual_report"  # 年度报告: preview, checks, downloads, versions
    EDIT_ANNUAL_REPORT = "edit_annual_report"  # entered figures of table 二, prose of 一, 五, 六
    PUBLISH_ANNUAL_REPORT = "publish_annual_report"  # freeze a version (a correction too)
    OVERRIDE_REPORT_CHECKS = "override_report_checks"  # allow publication despite failed checks


READ_ONLY_ACTIONS = frozenset(
    {
        Action.VIEW_CONSOLE,
        Action.VIEW_AGENCY,
        Action.VIEW_STAFF,
        Action.VIEW_CALENDAR,
        Action.VIEW_AUDIT,
        Action.EXPORT_AUDIT,
        Action.VIEW_RECORDS,
        Action.VIEW_STATISTICS,
        Action.VIEW_FINDINGS,
        Action.VIEW_APPLICATION_QUEUES,
        Action.VIEW_ANNUAL_REPORT,
    }
)

_EVERY_STAFF_MEMBER = frozenset(
    {Action.VIEW_CONSOLE, Action.VIEW_AGENCY, Action.VIEW_CALENDAR, Action.VIEW_RECORDS}
)

# The content workflow belongs to the agency's staff, not to the system administrator.
CONTENT_ACTIONS = frozenset(
    {
        Action.DRAFT_RECORD,
        Action.REVIEW_RECORD,
        Action.APPROVE_RECORD,
        Action.REVOKE_RECORD,
        Action.RECORD_RELEASE,
        Action.HANDLE_LEAK,
        Action.VIEW_APPLICATIONS,
        Action.HANDLE_APPLICATIONS,
        Action.EDIT_ANNUAL_REPORT,
        Action.PUBLISH_ANNUAL_REPORT,
        Action.OVERRIDE_REPORT_CHECKS,
    }
)

ALLOWED: dict[Role, frozenset[Action]] = {
    Role.DRAFTER: _EVERY_STAFF_MEMBER | {Action.DRAFT_RECORD, Action.RECORD_RELEASE},
    Role.REVIEWER: _EVERY_STAFF_MEMBER
    | {Action.REVIEW_RECORD, Action.VIEW_FINDINGS, Action.HANDLE_LEAK, Action.MANAGE_TERMS},
    Role.APPROVER: _EVERY_STAFF_MEMBER
    | {
        Action.APPROVE_RECORD,
        Action.REVOKE_RECORD,
        Action.VIEW_FINDINGS,
        Action.HANDLE_LEAK,
        Action.VIEW_ANNUAL_REPORT,
        Action.OVERRIDE_REPORT_CHECKS,
    },
    Role.DISCLOSURE_OFFICE: _EVERY_STAFF_MEMBER
    | {
        Action.DRAFT_RECORD,
        Action.RECORD_RELEASE,
        Action.MANAGE_COLUMNS,
        Action.VIEW_STATISTICS,
        Action.MANAGE_AGENCY,
        Action.VIEW_STAFF,
        Action.MANAGE_CALENDAR,
        Action.VIEW_AUDIT,
        Action.EXPORT_AUDIT,
        Action.VIEW_FINDINGS,
        Action.HANDLE_LEAK,
        Action.MANAGE_TERMS,
        Action.VIEW_APPLICATIONS,
        Action.HANDLE_APPLICATIONS,
        Action.VIEW_APPLICATION_QUEUES,
        Action.VIEW_ANNUAL_REPORT,
        Action.EDIT_ANNUAL_REPORT,
        Action.PUBLISH_ANNUAL_REPORT,
    },
    # A supervisor reads across agencies and changes nothing.
    Role.SUPERVISOR: READ_ONLY_ACTIONS,
    Role.SYSADMIN: frozenset(Action) - CONTENT_ACTIONS,
}

# Roles whose reach is every agency rather than their own.
CROSS_AGENCY_ROLES = frozenset({Role.SUPERVISOR, Role.SYSADMIN})
# A drafter bound to units works on those units' objects only; the other roles act for
# the whole agency even when their account belongs to a unit (the office sits in 办公室).
UNIT_BOUND_ROLES = frozenset({Role.DRAFTER})


def role_allows(
    roles: frozenset[Role], action: Action, *, own_agency: bool, own_unit: bool = True
) -> bool:
    """True when one of `roles` may take `action` on an object.

    own_agency: the object belongs to the user's agency; own_unit: it belongs to none of
    the agency's units, or to one of the user's (always true for a user without units).
    """
    for role in roles:
        if action not in ALLOWED[role]:
            continue
        if role in CROSS_AGENCY_ROLES:
            return True
        if own_agency and (own_unit or role not in UNIT_BOUND_ROLES):
            return True
    return False
