"""What the office enters for an annual report: the figures of table 二 that no Gongkai
module holds (行政许可, 行政处罚, 行政强制, 行政事业性收费) and the prose of sections 一, 五, 六.

Both are kept per agency and year. A figure is stored as typed and validated by the core
(`parse_value`) when the report is built, so a bad one is named with its cell.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportFigure(models.Model):
    class Key(models.TextChoices):
        LICENSING = "licensing", "行政许可"
        PENALTY = "penalty", "行政处罚"
        COERCION = "coercion", "行政强制"
        CHARGES = "charges", "行政事业性收费（万元）"

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    key = models.CharField(_("figure"), max_length=20, choices=Key.choices)
    value = models.CharField(_("value"), max_length=40)  # as typed; checked by the core
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "key"], name="report_figure_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}/{self.key}: {self.value}"


class ReportText(models.Model):
    """The office's paragraphs of section 一, 五 or 六 (one paragraph per line)."""

    class Section(models.TextChoices):
        OVERVIEW = "一", "一、总体情况"
        PROBLEMS = "五", "五、存在的主要问题及改进情况"
        OTHER = "六", "六、其他需要报告的事项"

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    section = models.CharField(_("section"), max_length=2, choices=Section.choices)
    text = models.TextField(_("text"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "section"], name="report_text_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}/{self.section}"

    @property
    def paragraphs(self) -> list[str]:
        return [line.strip() for line in self.text.splitlines() if line.strip()]
