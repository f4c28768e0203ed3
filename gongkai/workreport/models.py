"""What the office enters for a yearly work report (docs/work-report.md): the figures no
Gongkai module holds yet (letters, hotline, visits, petitions, proposals …), the prose of
each part with every saved version kept, and the rows of the year's task plan (the
attachment). The figures Gongkai computes come from the records (`sources.py`)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongkai.core import work_report as wr


class WorkFigure(models.Model):
    """An entered yearly figure, as typed ("15", "300多", "100%"); the core validates it on
    save (`parse_entered`), so a stored value always parses."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    key = models.CharField(_("figure"), max_length=40)  # a key of core.work_report.FIGURES
    value = models.CharField(_("value"), max_length=40)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "key"], name="work_figure_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}/{self.key}: {self.value}"


class WorkText(models.Model):
    """The office's paragraphs of one part of the report (one paragraph per line)."""

    class Part(models.TextChoices):
        OPENING = wr.PROSE_KEYS[0], wr.PROSE_LABELS[wr.PROSE_KEYS[0]]
        IMPLEMENTATION = wr.PROSE_KEYS[1], wr.PROSE_LABELS[wr.PROSE_KEYS[1]]
        PRACTICES = wr.PROSE_KEYS[2], wr.PROSE_LABELS[wr.PROSE_KEYS[2]]
        PROBLEMS = wr.PROSE_KEYS[3], wr.PROSE_LABELS[wr.PROSE_KEYS[3]]
        CLOSING = wr.PROSE_KEYS[4], wr.PROSE_LABELS[wr.PROSE_KEYS[4]]

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    part = models.CharField(_("part"), max_length=20, choices=Part.choices)
    text = models.TextField(_("text"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "part"], name="work_text_once_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}/{self.part}"


class WorkTextVersion(models.Model):
    """Every saved text of a part, kept; `WorkText` holds the current one."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    part = models.CharField(_("part"), max_length=20, choices=WorkText.Part.choices)
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"), blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    saved_at = models.DateTimeField()

    class Meta:
        ordering = ["agency_id", "year", "part", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "part", "version"], name="work_text_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}/{self.part} v{self.version}"


class WorkTask(models.Model):
    """A row of the attachment: a task of the year's plan (分工方案) and how it went."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    position = models.PositiveSmallIntegerField(_("position"))
    task = models.TextField(_("task"))
    unit = models.CharField(_("responsible unit"), max_length=200, blank=True)
    schedule = models.CharField(_("schedule"), max_length=100, blank=True)
    status = models.TextField(_("implementation status"), blank=True)

    class Meta:
        ordering = ["agency_id", "year", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "position"], name="work_task_position_once"
            ),
            models.CheckConstraint(condition=~models.Q(task=""), name="work_task_not_blank"),
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year} #{self.position}"

    def row(self) -> wr.TaskRow:
        return wr.TaskRow(self.task, self.unit, self.schedule, self.status)
