from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The years gongkai.core.workcalendar can compute (SUPPORTED_YEARS): lunardate's table.
FIRST_DAY = date(1901, 1, 1)
LAST_DAY = date(2099, 12, 31)


def notice_title(year: int) -> str:
    """The title pattern of the State Council's yearly holiday notice (applications.md §12)."""
    return f"国务院办公厅关于{year}年部分节假日安排的通知"


class CalendarDay(models.Model):
    """A day the disclosure office entered: it overrides the chinesecalendar package."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("day off")  # 放假
        WORKDAY = "workday", _("working day")  # 调休上班

    day = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=50, help_text=_("e.g. 春节, 调休上班"))
    source = models.CharField(
        _("source notice"),
        max_length=200,
        blank=True,
        help_text=_("e.g. 国务院办公厅关于2027年部分节假日安排的通知"),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["day"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(day__gte=FIRST_DAY, day__lte=LAST_DAY),
                name="calendar_day_in_range",
                violation_error_message=_("Dates must lie in the years 1901 to 2099."),
            ),
            models.CheckConstraint(
                condition=models.Q(kind__in=["holiday", "workday"]), name="calendar_day_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.name}"


class OfficialYear(models.Model):
    """A year whose State Council holiday notice has been entered completely.

    Deadlines reaching into a year that is neither here nor in the package are provisional.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    notice = models.CharField(_("notice"), max_length=200)
    # None: recorded from the command line (`gongkai calendar import --official-year`).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("official calendar year")
        verbose_name_plural = _("official calendar years")
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(year__gte=FIRST_DAY.year, year__lte=LAST_DAY.year),
                name="official_year_in_range",
                violation_error_message=_("Years must lie between 1901 and 2099."),
            )
        ]

    def __str__(self) -> str:
        return str(self.year)
