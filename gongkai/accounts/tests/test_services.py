import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.accounts import services
from gongkai.accounts.models import RoleAssignment, User
from gongkai.audit.models import AuditEvent

GOOD_PASSWORD = "Civil-affairs-2026"


def last_event(action):
    return AuditEvent.objects.filter(action=action).order_by("-seq").first()


def test_the_office_updates_the_guide_contact_data_and_it_is_audited(cast):
    services.agency_update(actor=cast.office, agency=cast.agency, data={"phone": "0883-2222222"})
    cast.agency.refresh_from_db()
    assert cast.agency.phone == "0883-2222222"
    event = last_event("agency.update")
    assert event.actor == cast.office
    assert event.changes == {"phone": ["0883-0000000", "0883-2222222"]}
    assert event.agency == cast.agency


@pytest.mark.parametrize(
    "name", ["drafter_a", "reviewer", "approver", "supervisor", "other_office"]
)
def test_others_may_not_change_the_agency(cast, name):
    with pytest.raises(PermissionDenied):
        services.agency_update(actor=getattr(cast, name), agency=cast.agency, data={"phone": "1"})
    cast.agency.refresh_from_db()
    assert cast.agency.phone == "0883-0000000"
    assert not AuditEvent.objects.filter(action="agency.update").exists()


def test_an_invalid_email_is_refused_and_nothing_is_saved(cast):
    with pytest.raises(ValidationError) as error:
        services.agency_update(
            actor=cast.office, agency=cast.agency, data={"email": "not-an-email"}
        )
    assert "email" in error.value.message_dict
    cast.agency.refresh_from_db()
    assert cast.agency.email == ""


def test_a_unit_code_must_be_unique_in_its_agency(cast):
    with pytest.raises(ValidationError):
        services.unit_create(
            actor=cast.office,
            agency=cast.agency,
            data={"code": "BGS", "name": "另一个", "kind": "internal"},
        )
    unit = services.unit_create(
        actor=cast.office,
        agency=cast.agency,
        data={"code": "YLFW", "name": "养老服务科", "kind": "internal"},
    )
    assert last_event("unit.create").object_id == str(unit.pk)


def test_the_sysadmin_creates_an_account_with_roles_and_units(cast):
    user = services.staff_create(
        actor=cast.sysadmin,
        username="newdrafter",
        password=GOOD_PASSWORD,
        data={"full_name": "新信息员", "agency": cast.agency, "is_active": True},
        roles=[RoleAssignment.Role.DRAFTER],
        units=[cast.unit_a],
    )
    assert user.check_password(GOOD_PASSWORD)
    assert user.roles == {RoleAssignment.Role.DRAFTER}
    event = last_event("staff.create")
    assert event.changes["roles"] == [[], ["drafter"]]
    assert event.changes["units"] == [[], ["BGS"]]
    assert GOOD_PASSWORD not in str(event.changes)


@pytest.mark.parametrize(
    "password", ["short-1A", "alllowercaseletters", "123456789012345", "password12345"]
)
def test_weak_passwords_are_refused_and_no_account_is_made(cast, password):
    with pytest.raises(ValidationError):
        services.staff_create(
            actor=cast.sysadmin,
            username="weak",
            password=password,
            data={"full_name": "弱", "agency": cast.agency, "is_active": True},
            roles=["drafter"],
        )
    assert not User.objects.filter(username="weak").exists()


@pytest.mark.parametrize("name", ["office", "supervisor", "drafter_a"])
def test_only_the_sysadmin_manages_accounts(cast, name):
    with pytest.raises(PermissionDenied):
        services.staff_update(
            actor=getattr(cast, name),
            user=cast.drafter_a,
            data={"is_active": False},
            roles=["drafter"],
        )
    cast.drafter_a.refresh_from_db()
    assert cast.drafter_a.is_active


def test_units_of_another_agency_cannot_be_given_to_a_staff_member(cast):
    from gongkai.accounts.models import Unit

    foreign = Unit.objects.create(
        agency=cast.other_agency, code="X", name="外单位", kind="internal"
    )
    with pytest.raises(ValidationError):
        services.staff_update(
            actor=cast.sysadmin, user=cast.drafter_a, data={}, roles=["drafter"], units=[foreign]
        )
    assert list(cast.drafter_a.units.all()) == [cast.unit_a]


def test_deactivating_and_changing_roles_records_before_and_after(cast):
    services.staff_update(
        actor=cast.sysadmin,
        user=cast.drafter_a,
        data={"is_active": False},
        roles=["drafter", "reviewer"],
        units=[cast.unit_a],
    )
    event = last_event("staff.update")
    assert event.changes == {
        "is_active": [True, False],
        "roles": [["drafter"], ["drafter", "reviewer"]],
    }


def test_a_password_reset_needs_a_strong_password_and_is_audited_with_its_reason(cast):
    with pytest.raises(ValidationError):
        services.staff_reset_password(
            actor=cast.sysadmin, user=cast.drafter_a, password="abc", reason="忘记"
        )
    services.staff_reset_password(
        actor=cast.sysadmin, user=cast.drafter_a, password=GOOD_PASSWORD, reason="本人忘记密码"
    )
    cast.drafter_a.refresh_from_db()
    assert cast.drafter_a.check_password(GOOD_PASSWORD)
    assert last_event("staff.reset_password").reason == "本人忘记密码"


def test_the_sysadmin_adds_an_agency_and_the_office_may_not(cast):
    data = {"name": "测试市退役军人事务局", "phone": "0883-3"}
    with pytest.raises(PermissionDenied):
        services.agency_create(actor=cast.office, code="TESTC", data=data)
    agency = services.agency_create(actor=cast.sysadmin, code="TESTC", data=data)
    assert agency.name == "测试市退役军人事务局"
    assert last_event("agency.create").changes["code"] == [None, "TESTC"]
    with pytest.raises(ValidationError):
        services.agency_create(actor=cast.sysadmin, code="lower", data={"name": "坏代码"})


def test_agency_bound_roles_need_an_agency(cast):
    with pytest.raises(ValidationError) as error:
        services.staff_create(
            actor=cast.sysadmin,
            username="floating",
            password=GOOD_PASSWORD,
            data={"full_name": "无机关", "agency": None, "is_active": True},
            roles=["drafter"],
        )
    assert "agency" in error.value.message_dict
    assert not User.objects.filter(username="floating").exists()


def test_the_sysadmin_cannot_lock_themselves_out(cast):
    for data, roles in [({"is_active": False}, ["sysadmin"]), ({}, ["supervisor"])]:
        with pytest.raises(ValidationError):
            services.staff_update(actor=cast.sysadmin, user=cast.sysadmin, data=data, roles=roles)
    cast.sysadmin.refresh_from_db()
    assert cast.sysadmin.is_active and cast.sysadmin.roles == {"sysadmin"}
