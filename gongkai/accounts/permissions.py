"""The one place where Gongkai decides whether a staff member may do something.

Views, API endpoints and commands ask `can()` or call `require()`; nothing else checks
roles. The role × action table is gongkai.core.roles; this module adds the scope: most
roles act only inside their own agency, and a staff member bound to units acts on
those units only where the action concerns a unit.
"""

from typing import Any

from django.core.exceptions import PermissionDenied

from gongkai.accounts.models import Agency, Unit, User
from gongkai.core.roles import ALLOWED, CROSS_AGENCY_ROLES, Action, Role, role_allows

__all__ = [
    "Action",
    "Role",
    "can",
    "require",
    "require_somewhere",
    "sees_every_agency",
    "visible_agencies",
]


def _agency_of(target: Any) -> Agency | None:
    if isinstance(target, Agency):
        return target
    if isinstance(target, Unit | User):
        return target.agency
    return None


def can(user: Any, action: Action, target: Any = None) -> bool:
    """May `user` take `action` on `target` (an agency, unit or staff member, or None)?"""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    roles: frozenset[Role] = user.roles
    agency = _agency_of(target)
    own = target is None or (agency is not None and agency.pk == user.agency_id)
    return role_allows(roles, action, own_agency=own)


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
