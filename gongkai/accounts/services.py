"""Changes to agencies, units and staff. Each checks permission, changes, and audits in
one transaction.

`actor=None` is the system: the `gongkai staff` command run by an operator who has a
shell on the server (and so the database anyway). Views always pass request.user.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.accounts.models import Agency, RoleAssignment, Unit, User
from gongkai.accounts.permissions import Action, Role, require
from gongkai.audit.services import audit_log, diff, snapshot
from gongkai.core.roles import CROSS_AGENCY_ROLES

AGENCY_FIELDS = [
    "name",
    "index_template",
    "application_number_template",
    "guide_text",
    "disclosure_office_name",
    "address",
    "postcode",
    "office_hours",
    "phone",
    "fax",
    "email",
    "website",
]
UNIT_FIELDS = [
    "code",
    "name",
    "kind",
    "active",
    "address",
    "postcode",
    "office_hours",
    "phone",
    "fax",
    "email",
    "website",
]
STAFF_FIELDS = ["full_name", "phone", "email", "is_active", "agency"]


def _require(actor: User | None, action: Action, target: Any = None) -> None:
    if actor is not None:
        require(actor, action, target)


def _apply(obj: Any, fields: list[str], data: Mapping[str, Any]) -> dict[str, list[Any]]:
    # "before" comes from the database: a bound ModelForm has already changed `obj`.
    stored = type(obj).objects.select_for_update().filter(pk=obj.pk).first() if obj.pk else None
    before = snapshot(stored, fields) if stored is not None else {}
    for name in fields:
        if name in data:
            setattr(obj, name, data[name])
    obj.full_clean()
    return diff(before, snapshot(obj, fields))


@transaction.atomic
def agency_create(*, actor: User, code: str, data: Mapping[str, Any]) -> Agency:
    require(actor, Action.CREATE_AGENCY)
    agency = Agency(code=code)
    changes = _apply(agency, ["code", *AGENCY_FIELDS], data | {"code": code})
    agency.save()
    audit_log(actor=actor, action="agency.create", target=agency, changes=changes)
    return agency


@transaction.atomic
def agency_update(*, actor: User, agency: Agency, data: Mapping[str, Any]) -> Agency:
    require(actor, Action.MANAGE_AGENCY, agency)
    changes = _apply(agency, AGENCY_FIELDS, data)
    if changes:
        agency.save()
        audit_log(actor=actor, action="agency.update", target=agency, changes=changes)
    return agency


@transaction.atomic
def unit_create(*, actor: User, agency: Agency, data: Mapping[str, Any]) -> Unit:
    require(actor, Action.MANAGE_AGENCY, agency)
    unit = Unit(agency=agency)
    changes = _apply(unit, UNIT_FIELDS, data)
    unit.save()
    audit_log(actor=actor, action="unit.create", target=unit, changes=changes)
    return unit


@transaction.atomic
def unit_update(*, actor: User, unit: Unit, data: Mapping[str, Any]) -> Unit:
    require(actor, Action.MANAGE_AGENCY, unit)
    changes = _apply(unit, UNIT_FIELDS, data)
    if changes:
        unit.save()
        audit_log(actor=actor, action="unit.update", target=unit, changes=changes)
    return unit


def _check_roles_and_units(user: User, roles: list[str], units: list[Unit]) -> None:
    if not roles:
        raise ValidationError({"roles": _("Give the account at least one role.")})
    if user.agency_id is None and not set(roles) <= CROSS_AGENCY_ROLES:
        raise ValidationError(
            {"agency": _("Only supervisors and system administrators may have no agency.")}
        )
    if any(u.agency_id != user.agency_id for u in units):
        raise ValidationError({"units": _("The units must belong to the staff member's agency.")})


def _set_roles_and_units(
    user: User, roles: Iterable[str], units: Iterable[Unit]
) -> dict[str, list[Any]]:
    before = {"roles": sorted(user.roles), "units": sorted(u.code for u in user.units.all())}
    roles, units = list(roles), list(units)
    _check_roles_and_units(user, roles, units)
    user.role_assignments.exclude(role__in=list(roles)).delete()
    for role in roles:
        RoleAssignment.objects.get_or_create(user=user, role=role)
    user.units.set(units)
    user.__dict__.pop("roles", None)
    after = {"roles": sorted(user.roles), "units": sorted(u.code for u in units)}
    return diff(before, after)


@transaction.atomic
def staff_create(
    *,
    actor: User | None,
    username: str,
    password: str,
    data: Mapping[str, Any],
    roles: Iterable[str],
    units: Iterable[Unit] = (),
) -> User:
    _require(actor, Action.MANAGE_STAFF, data.get("agency"))
    user = User(username=username)
    user.set_unusable_password()  # replaced below, once the password has been checked
    changes = _apply(user, ["username", *STAFF_FIELDS], data | {"username": username})
    validate_password(password, user)
    user.set_password(password)
    user.save()
    changes |= _set_roles_and_units(user, roles, units)
    audit_log(actor=actor, action="staff.create", target=user, changes=changes)
    return user


@transaction.atomic
def staff_update(
    *,
    actor: User,
    user: User,
    data: Mapping[str, Any],
    roles: Iterable[str],
    units: Iterable[Unit] = (),
) -> User:
    roles = list(roles)
    require(actor, Action.MANAGE_STAFF, user)
    if user.pk == actor.pk and (data.get("is_active") is False or Role.SYSADMIN not in roles):
        # Nobody may lock themselves out; another administrator has to do it.
        raise ValidationError(_("You cannot deactivate your own account or drop your own role."))
    old_agency = user.agency
    changes = _apply(user, STAFF_FIELDS, data)
    require(actor, Action.MANAGE_STAFF, user)  # also over the agency it is moved to
    user.save()
    changes |= _set_roles_and_units(user, roles, units)
    if changes:
        audit_log(actor=actor, action="staff.update", target=user, changes=changes)
    if "agency" in changes and old_agency is not None:
        # The agency the account leaves sees the move in its own trail too.
        audit_log(
            actor=actor,
            action="staff.leave_agency",
            target=user,
            agency=old_agency,
            changes=changes,
        )
    return user


@transaction.atomic
def staff_reset_password(*, actor: User | None, user: User, password: str, reason: str) -> None:
    _require(actor, Action.MANAGE_STAFF, user)
    validate_password(password, user)
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_log(actor=actor, action="staff.reset_password", target=user, reason=reason)


@transaction.atomic
def staff_unlock(*, actor: User | None, user: User, reason: str) -> int:
    """Lift a login lockout early; returns how many failure records were cleared.

    Clears the failures recorded against the account and those from the addresses it was
    attacked from, so an address locked by the same attack is free again too.
    """
    _require(actor, Action.MANAGE_STAFF, user)
    addresses = set(
        AccessAttempt.objects.filter(username=user.username).values_list("ip_address", flat=True)
    )
    cleared = axes_reset(username=user.username)
    for address in addresses - {None}:
        cleared += axes_reset(ip=address)
    audit_log(
        actor=actor, action="staff.unlock", target=user, changes={"cleared": cleared}, reason=reason
    )
    return cleared


@transaction.atomic
def password_change(*, user: User, old_password: str, new_password: str) -> None:
    """A staff member changes their own password."""
    if not user.check_password(old_password):
        raise ValidationError({"old_password": _("The current password is wrong.")})
    validate_password(new_password, user)
    user.set_password(new_password)
    user.save(update_fields=["password"])
    audit_log(actor=user, action="staff.change_own_password", target=user)
