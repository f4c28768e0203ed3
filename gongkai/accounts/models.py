from functools import cached_property

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core.applications import DEFAULT_REGISTRATION_TEMPLATE, check_registration_template
from gongkai.core.roles import Role as CoreRole
from gongkai.core.workcalendar import MessageError

agency_code_validator = RegexValidator(
    r"^[A-Z][A-Z0-9]{1,19}$",
    _("Use 2 to 20 capital letters or digits, starting with a letter, e.g. LCMZJ."),
)
unit_code_validator = RegexValidator(
    r"^[A-Z0-9]{1,10}$", _("Use 1 to 10 capital letters or digits, e.g. SJZ.")
)

# What an application's 登记号 may hold (Application.number), with the longest agency code.
REGISTRATION_NUMBER_MAX_LENGTH = 60


def validate_registration_template(template: str) -> None:
    """The agency's 登记号 template: core ``check_registration_template`` (its Chinese reason,
    naming an unknown field), and numbers that fit the registration number's column."""
    try:
        check_registration_template(template)
    except MessageError as exc:
        raise ValidationError(str(exc), code=exc.message.code) from None
    longest = template.format(agency_code="X" * 20, year=2026, month=12, seq=99999)
    if len(longest) > REGISTRATION_NUMBER_MAX_LENGTH:
        raise ValidationError(
            _("A registration number from this template could be longer than %(max)s characters."),
            code="too_long",
            params={"max": REGISTRATION_NUMBER_MAX_LENGTH},
        )


class ContactInfo(models.Model):
    """What the disclosure guide must tell the public (条例第12条)."""

    address = models.CharField(_("address"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    office_hours = models.CharField(_("office hours"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    fax = models.CharField(_("fax"), max_length=40, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        abstract = True


class Agency(ContactInfo):
    """An administrative organ that discloses in its own name, e.g. 临沧市民政局."""

    code = models.CharField(
        _("agency code"), max_length=20, unique=True, validators=[agency_code_validator]
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    index_template = models.CharField(
        _("index number template"),
        max_length=100,
        default="{agency_code}/{year}-{seq:05d}",
        help_text=_("Fields: {agency_code} {unit_code} {year} {seq} {uscc} {date}."),
    )
    guide_text = models.TextField(
        _("additional guide text"),
        blank=True,
        help_text=_(
            "Shown in the disclosure guide after the parts generated from the agency's data "
            "(条例第12条): e.g. the classification of information and how to apply."
        ),
    )
    application_number_template = models.CharField(
        _("registration number template"),
        max_length=60,
        default=DEFAULT_REGISTRATION_TEMPLATE,
        validators=[validate_registration_template],
        help_text=_(
            "The 登记号 of disclosure applications. Fields: {agency_code} {year} {month} {seq}; "
            "{year} and {seq} are required, the sequence starts again each year."
        ),
    )
    disclosure_office_name = models.CharField(
        _("disclosure office"),
        max_length=100,
        blank=True,
        help_text=_("The body that handles disclosure work (政府信息公开工作机构)."),
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Unit(ContactInfo):
    """A 内设科室 or 下属事业单位 of an agency; its code appears in index numbers."""

    class Kind(models.TextChoices):
        INTERNAL = "internal", _("internal department")  # 内设科室
        AFFILIATED = "affiliated", _("affiliated institution")  # 下属事业单位
        DISPATCHED = "dispatched", _("dispatched office")  # 派出机构

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="units", verbose_name=_("agency")
    )
    code = models.CharField(_("unit code"), max_length=10, validators=[unit_code_validator])
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["agency", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="unit_code_unique_in_agency"),
            models.UniqueConstraint(fields=["agency", "name"], name="unit_name_unique_in_agency"),
        ]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A staff account. The public never logs in."""

    full_name = models.CharField(_("full name"), max_length=50)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("agency"),
    )
    units = models.ManyToManyField(Unit, blank=True, related_name="staff", verbose_name=_("units"))

    objects = UserManager()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    @cached_property
    def roles(self) -> frozenset[CoreRole]:
        return frozenset(CoreRole(a.role) for a in self.role_assignments.all())


class RoleAssignment(models.Model):
    class Role(models.TextChoices):
        DRAFTER = CoreRole.DRAFTER, _("drafter")  # 信息员
        REVIEWER = CoreRole.REVIEWER, _("confidentiality reviewer")  # 保密审查员
        APPROVER = CoreRole.APPROVER, _("approver")  # 分管领导
        DISCLOSURE_OFFICE = CoreRole.DISCLOSURE_OFFICE, _("disclosure office")  # 公开办
        SUPERVISOR = CoreRole.SUPERVISOR, _("supervisor")  # 督查
        SYSADMIN = CoreRole.SYSADMIN, _("system administrator")  # 系统管理员

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("role assignment")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="role_assigned_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()}"
