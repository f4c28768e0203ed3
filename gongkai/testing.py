"""The standard cast of every test (STYLE.md): the public, drafters of two units, a
reviewer, an approver, the disclosure office, a supervisor and a system administrator of
one agency, plus the disclosure office of another agency who must not see its work."""

from dataclasses import dataclass

from gongkai.accounts.models import Agency, RoleAssignment, Unit, User

PASSWORD = "Test-password-2026"


@dataclass
class Cast:
    agency: Agency
    other_agency: Agency
    unit_a: Unit
    unit_b: Unit
    drafter_a: User
    drafter_b: User
    reviewer: User
    approver: User
    office: User
    supervisor: User
    sysadmin: User
    other_office: User

    def everyone(self) -> dict[str, User]:
        return {
            name: getattr(self, name)
            for name in (
                "drafter_a",
                "drafter_b",
                "reviewer",
                "approver",
                "office",
                "supervisor",
                "sysadmin",
                "other_office",
            )
        }


def make_user(
    username: str, role: str, agency: Agency | None, units: tuple[Unit, ...] = ()
) -> User:
    user = User.objects.create_user(
        username=username, password=PASSWORD, full_name=username.title(), agency=agency
    )
    RoleAssignment.objects.create(user=user, role=role)
    user.units.set(units)
    return user


def make_cast() -> Cast:
    agency = Agency.objects.create(code="TESTA", name="测试市民政局", phone="0883-0000000")
    other = Agency.objects.create(code="TESTB", name="测试市人力资源和社会保障局")
    unit_a = Unit.objects.create(agency=agency, code="BGS", name="办公室", kind=Unit.Kind.INTERNAL)
    unit_b = Unit.objects.create(
        agency=agency, code="SHJZ", name="社会救助科", kind=Unit.Kind.INTERNAL
    )
    R = RoleAssignment.Role
    return Cast(
        agency=agency,
        other_agency=other,
        unit_a=unit_a,
        unit_b=unit_b,
        drafter_a=make_user("drafter_a", R.DRAFTER, agency, (unit_a,)),
        drafter_b=make_user("drafter_b", R.DRAFTER, agency, (unit_b,)),
        reviewer=make_user("reviewer", R.REVIEWER, agency),
        approver=make_user("approver", R.APPROVER, agency),
        office=make_user("office", R.DISCLOSURE_OFFICE, agency),
        supervisor=make_user("supervisor", R.SUPERVISOR, None),
        sysadmin=make_user("sysadmin", R.SYSADMIN, None),
        other_office=make_user("other_office", R.DISCLOSURE_OFFICE, other),
    )


def dismiss_findings(reviewer: User, record: object, now: object) -> int:
    """The reviewer has looked at what the scanner could not read (pictures) and found
    nothing: every open finding of the record is dismissed, with that reason."""
    from gongkai.review.services import findings_dismiss_all

    return findings_dismiss_all(
        actor=reviewer, record=record, reason="已人工审查，无个人信息", now=now
    )
