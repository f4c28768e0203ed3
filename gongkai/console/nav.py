"""The console's navigation: each entry is shown only to those who may use it."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from gongkai.core.roles import Action


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    action: Action


NAV = [
    NavItem(_("Home"), "console:home", Action.VIEW_CONSOLE),
    NavItem(_("Government information"), "documents:list", Action.VIEW_RECORDS),
    NavItem(_("My work"), "documents:work", Action.VIEW_RECORDS),
    NavItem(_("Columns"), "documents:columns", Action.MANAGE_COLUMNS),
    NavItem(
        _("Applications for disclosure"), "applications_console:list", Action.VIEW_APPLICATIONS
    ),
    NavItem(
        _("Overdue applications"), "applications_console:overdue", Action.VIEW_APPLICATION_QUEUES
    ),
    NavItem(
        _("Reconsideration and litigation"),
        "applications_console:remedies",
        Action.VIEW_APPLICATIONS,
    ),
    NavItem(
        _("Requested by several (Art. 44)"), "applications_console:art44", Action.VIEW_APPLICATIONS
    ),
    NavItem(
        _("Letter templates"), "applications_console:letter_templates", Action.HANDLE_APPLICATIONS
    ),
    NavItem(_("Statistics dashboard"), "dashboard:index", Action.VIEW_STATISTICS),
    NavItem(_("Annual report"), "reports:index", Action.VIEW_ANNUAL_REPORT),
    NavItem(_("Work report"), "workreport:index", Action.VIEW_ANNUAL_REPORT),
    NavItem(_("Agency and units"), "console:agency", Action.VIEW_AGENCY),
    NavItem(_("Staff"), "console:staff_list", Action.VIEW_STAFF),
    NavItem(_("Working-day calendar"), "workcalendar:year", Action.VIEW_CALENDAR),
    NavItem(_("Reply deadline"), "workcalendar:deadline", Action.VIEW_CALENDAR),
    NavItem(_("Audit trail"), "audit:list", Action.VIEW_AUDIT),
    NavItem(_("Privacy findings"), "review:findings", Action.VIEW_FINDINGS),
    NavItem(_("Sensitive terms"), "review:terms", Action.MANAGE_TERMS),
]
