"""Reads of agencies, units and staff that fetch and check permission in one call."""

from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import Http404

from gongkai.accounts.models import Agency, Unit, User
from gongkai.accounts.permissions import Action, can, sees_every_agency, visible_agencies


def agency_get_for(*, user: Any, code: str, action: Action = Action.VIEW_AGENCY) -> Agency:
    agency = Agency.objects.filter(code=code).first()
    if agency is None or not can(user, action, agency):
        raise Http404
    return agency


def unit_get_for(*, user: Any, pk: int, action: Action) -> Unit:
    unit = Unit.objects.select_related("agency").filter(pk=pk).first()
    if unit is None or not can(user, action, unit):
        raise Http404
    return unit


def staff_list_for(*, user: Any) -> QuerySet[User]:
    staff = User.objects.all()
    if not sees_every_agency(user, Action.VIEW_STAFF):
        staff = staff.filter(agency__in=visible_agencies(user, Action.VIEW_STAFF))
    return (
        staff.select_related("agency")
        .prefetch_related("role_assignments", "units")
        .order_by("agency__code", "username")
    )


def staff_get_for(*, user: Any, pk: int, action: Action = Action.VIEW_STAFF) -> User:
    staff = User.objects.select_related("agency").filter(pk=pk).first()
    if staff is None or not can(user, action, staff):
        raise Http404
    return staff


def staff_is_locked_out(*, user: User) -> bool:
    """Whether failed logins have reached the lockout limit for this account."""
    failures = AccessAttempt.objects.filter(username=user.username).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return (failures or 0) >= settings.AXES_FAILURE_LIMIT
