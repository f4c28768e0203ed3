"""What the office enters for an annual report: the figures of table 二 that no Gongkai
module holds (行政许可, 行政处罚, 行政强制, 行政事业性收费) and the prose of sections 一, 五, 六.

Both are kept per agency and year. A figure is stored as typed and validated by the core
(`parse_value`) when the report is built, so a bad one is named with its cell.
"""

from django.conf import settings
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


class ReportTextVersion(models.Model):
    """Every saved text of a section, kept: `ReportText` holds the current one."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    section = models.CharField(_("section"), max_length=2, choices=ReportText.Section.choices)
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"), blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    saved_at = models.DateTimeField()

    class Meta:
        ordering = ["agency_id", "year", "section", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "section", "version"], name="report_text_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}/{self.section} v{self.version}"


class ChecksOverride(models.Model):
    """An approver's (分管领导) permission to publish despite the blocking findings listed in
    `findings`; used by the next publication of that year and recorded on it."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    findings = models.JSONField(default=list)  # the blocking findings it covers (json)
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField()
    used = models.BooleanField(default=False)

    class Meta:
        ordering = ["agency_id", "year", "-granted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year} override #{self.pk}"


class PublishedReport(models.Model):
    """A frozen version of the report: its JSON and HTML as published. Later changes to the
    records do not touch it; a correction is a new version with a note of what changed."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    version = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField()  # report_json, findings included
    html = models.TextField()
    note = models.TextField(_("what changed"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    published_at = models.DateTimeField()
    override_reason = models.TextField(blank=True)
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    override_at = models.DateTimeField(null=True, blank=True)
    # The record in the 政府信息公开年报 column that shows this version on the portal.
    record = models.ForeignKey(
        "documents.Record", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["agency_id", "year", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "version"], name="published_report_version_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year} v{self.version}"


class EnteredTables(models.Model):
    """Tables 二, 三 and 四 of a year kept outside Gongkai, as published then, typed into the
    report's own XLSX layout and loaded, so the next year's cross-year checks (X1, X2) have
    last year's figures from the first year. One per agency and year; loading again
    replaces it (audited)."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    snapshot = models.JSONField()  # {"sections": [{"number", "table": table_json}]}
    file_name = models.CharField(_("file name"), max_length=200)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    entered_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="entered_tables_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year} entered"
