"""The demo agency 临沧市民政局 (DESIGN.md "Demo data"): units, one account per role, the
standard columns, and its records — the seed and about fifty more, published through the
workflow (gongkai.demo.publish) — its published information of 2017 as historic data
(gongkai.demo.history) and the office's entries of its 2017 work report
(gongkai.demo.work_report). Loading twice changes nothing; reset puts the agency, units
and accounts back as loaded and deletes no record."""

from dataclasses import dataclass

from axes.utils import reset as axes_reset
from django.db import transaction

from gongkai.accounts.models import Agency, RoleAssignment, Unit, User
from gongkai.audit.services import audit_log, diff, snapshot
from gongkai.demo.history import load_history
from gongkai.demo.publish import load_records
from gongkai.demo.work_report import load_work_report

AGENCY = {
    "code": "LCMZJ",
    "name": "临沧市民政局",
    "disclosure_office_name": "临沧市民政局办公室（政务公开办）",
    "address": "云南省临沧市临翔区（演示数据）",
    "postcode": "677000",
    "office_hours": "工作日 上午9:00—12:00，下午14:30—18:00（法定节假日除外）",
    "phone": "0883-0000000（演示）",
    "fax": "0883-0000001（演示）",
    "email": "gongkai@example.org",
    "website": "https://mzj.example.org/",
}
UNITS = [
    ("BGS", "办公室", Unit.Kind.INTERNAL),
    ("SHJZ", "社会救助科", Unit.Kind.INTERNAL),
    ("YLFW", "养老服务科", Unit.Kind.INTERNAL),
    ("SHSW", "社会事务科", Unit.Kind.INTERNAL),
    ("QHDM", "区划地名科", Unit.Kind.INTERNAL),
    ("SFLY", "临沧市社会福利院", Unit.Kind.AFFILIATED),
    ("JZGLZ", "临沧市救助管理站", Unit.Kind.AFFILIATED),
]


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: str
    unit_code: str | None
    in_agency: bool = True

    @property
    def password(self) -> str:
        return f"Demo-{self.username}-2026"


R = RoleAssignment.Role
ACCOUNTS = [
    DemoAccount("drafter", "李信息", R.DRAFTER, "SHJZ"),
    DemoAccount("reviewer", "王保密", R.REVIEWER, None),
    DemoAccount("approver", "张分管", R.APPROVER, None),
    DemoAccount("office", "赵公开", R.DISCLOSURE_OFFICE, "BGS"),
    DemoAccount("supervisor", "陈督查", R.SUPERVISOR, None, in_agency=False),
    DemoAccount("admin", "刘管理", R.SYSADMIN, None, in_agency=False),
]


@transaction.atomic
def load_demo(*, reset: bool = False) -> list[str]:
    """Create what is missing (reset: also restore what was changed); return what was done."""
    done: list[str] = []
    agency = _agency(done, reset)
    units = {code: _unit(agency, code, name, kind, done, reset) for code, name, kind in UNITS}
    for account in ACCOUNTS:
        _account(account, agency, units, done, reset)
    load_records(agency=agency, units=units, done=done)
    load_history(agency=agency, units=units, done=done)
    load_work_report(agency=agency, done=done)
    return done


def _agency(done: list[str], reset: bool) -> Agency:
    agency = Agency.objects.filter(code=AGENCY["code"]).first()
    if agency is None:
        agency = Agency.objects.create(**AGENCY)
        changes = diff({}, AGENCY)
        audit_log(actor=None, action="agency.create", target=agency, changes=changes, reason="demo")
        done.append(f"agency {agency.code}")
    elif reset and (changes := diff(snapshot(agency, list(AGENCY)), AGENCY)):
        Agency.objects.filter(pk=agency.pk).update(**AGENCY)
        audit_log(
            actor=None, action="agency.update", target=agency, changes=changes, reason="demo reset"
        )
        done.append(f"agency {agency.code} restored")
    return agency


def _unit(agency: Agency, code: str, name: str, kind: str, done: list[str], reset: bool) -> Unit:
    wanted = {"name": name, "kind": kind, "active": True}
    unit = Unit.objects.filter(agency=agency, code=code).first()
    if unit is None:
        unit = Unit.objects.create(agency=agency, code=code, **wanted)
        changes = diff({}, {"code": code, **wanted})
        audit_log(actor=None, action="unit.create", target=unit, changes=changes, reason="demo")
        done.append(f"unit {code}")
    elif reset and (changes := diff(snapshot(unit, list(wanted)), wanted)):
        Unit.objects.filter(pk=unit.pk).update(**wanted)
        audit_log(
            actor=None, action="unit.update", target=unit, changes=changes, reason="demo reset"
        )
        done.append(f"unit {code} restored")
    return unit


def _account(
    account: DemoAccount, agency: Agency, units: dict[str, Unit], done: list[str], reset: bool
) -> None:
    user = User.objects.filter(username=account.username).first()
    if user is not None and not reset:
        return
    fields = ["full_name", "agency", "is_active"]
    if user is None:
        user, before = User(username=account.username), {}
        done.append(f"account {account.username}")
    else:
        before = snapshot(user, fields) | {
            "roles": sorted(user.roles),
            "units": sorted(u.code for u in user.units.all()),
        }
        done.append(f"account {account.username} restored")
        axes_reset(username=account.username)
    user.full_name = account.full_name
    user.agency = agency if account.in_agency else None
    user.is_active = True
    user.set_password(account.password)
    user.save()
    RoleAssignment.objects.filter(user=user).exclude(role=account.role).delete()
    RoleAssignment.objects.get_or_create(user=user, role=account.role)
    user.units.set([units[account.unit_code]] if account.unit_code else [])
    unit_codes = [account.unit_code] if account.unit_code else []
    after = snapshot(user, fields) | {"roles": [str(account.role)], "units": unit_codes}
    changes = diff(before, after) | {"password": ["—", "演示密码 (demo password)"]}
    audit_log(actor=None, action="staff.demo_load", target=user, changes=changes, reason="demo")
