"""The one place where Gongkai decides whether a staff member may do something.

Views, API endpoints and commands ask `can()` or call `require()`; nothing else checks
roles. The role × action table is gongkai.core.roles; this module adds the scope: most
roles act only inside their own agency, and a staff member bound to units acts on
those units only where the action concerns a unit.
"""

from typing import Any

from django.core.exceptions import PermissionDenied

from gongkai.accounts.models import Agency, Unit
from gongkai.core.roles import (
    ALLOWED,
    CROSS_AGENCY_ROLES,
    UNIT_BOUND_ROLES,
    Action,
    Role,
    role_allows,
)

__all__ = [
    "Action",
    "Role",
    "can",
    "require",
    "require_somewhere",
    "sees_every_agency",
    "unit_bound",
    "visible_agencies",
]


def _agency_of(target: Any) -> Agency | None:
    if isinstance(target, Agency):
        return target
    agency = getattr(target, "agency", None)
    return agency if isinstance(agency, Agency) else None


def _unit_id_of(target: Any) -> int | None:
    if isinstance(target, Unit):
        return target.pk
    unit_id = getattr(target, "unit_id", None)
    return unit_id if isinstance(unit_id, int) else None


def unit_ids(user: Any) -> frozenset[int]:
    """The units a staff member is bound to (empty: the whole agency); cached per request."""
    cached = getattr(user, "_gongkai_unit_ids", None)
    if cached is None:
        cached = frozenset(user.units.values_list("pk", flat=True))
        user._gongkai_unit_ids = cached
    return cached


def can(user: Any, action: Action, target: Any = None) -> bool:
    """May `user` take `action` on `target` (an agency, a unit, a staff member, an object
    with `agency` and `unit`, or None for the installation)?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    roles: frozenset[Role] = user.roles
    agency = _agency_of(target)
    own_agency = target is None or (agency is not None and agency.pk == user.agency_id)
    unit_id = _unit_id_of(target)
    own_unit = unit_id is None or not unit_ids(user) or unit_id in unit_ids(user)
    return role_allows(roles, action, own_agency=own_agency, own_unit=own_unit)


def unit_bound(user: Any) -> frozenset[int] | None:
    """For list pages: the unit ids a user is limited to, or None when not limited."""
    roles: frozenset[Role] = user.roles
    if not roles or any(r not in UNIT_BOUND_ROLES for r in roles) or not unit_ids(user):
        return None
    return unit_ids(user)


def require(user: Any, action: Action, target: Any = None) -> None:
    if not can(user, action, target):
        raise PermissionDenied


def sees_every_agency(user: Any, action: Action) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return any(action in ALLOWED[r] and r in CROSS_AGENCY_ROLES for r in user.roles)


def visible_agencies(user: Any, action: Action) -> list[Agency]:
    """The agencies whose objects `user` may take `action` on (for list pages and filters)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    if sees_every_agency(user, action):
        return list(Agency.objects.all())
    if user.agency_id is not None and role_allows(user.roles, action, own_agency=True):
        return [user.agency]
    return []


def require_somewhere(user: Any, action: Action) -> list[Agency]:
    """For list pages: the agencies `user` may take `action` in; refuse if there are none."""
    agencies = visible_agencies(user, action)
    if not agencies and not sees_every_agency(user, action):
        raise PermissionDenied
    return agencies
