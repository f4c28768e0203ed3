"""The publication gate and sweeps: findings of the privacy scanner on records, the jobs that
scan them, the sensitive-term list, sweeps of what is published and the notices they send.

A finding holds a masked preview and a location, never the value (privacy.md §7.11).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core.privacy import gate


class Finding(models.Model):
    class Source(models.TextChoices):
        TITLE = "title", _("title")
        BODY = "body", _("body")
        ATTACHMENT = "attachment", _("attachment")

    class Origin(models.TextChoices):
        GATE = "gate", _("review before publication")
        SWEEP = "sweep", _("sweep of published records")

    class State(models.TextChoices):
        OPEN = gate.State.OPEN.value, _("open")
        REDACTED = gate.State.REDACTED.value, _("masked in the published version")
        DISMISSED = gate.State.DISMISSED.value, _("false positive")
        REMOVED = gate.State.REMOVED.value, _("file removed")
        WITHDRAWN = gate.State.WITHDRAWN.value, _("record withdrawn")
        ACKNOWLEDGED = gate.State.ACKNOWLEDGED.value, _("left as is at sign-off")
        SUPERSEDED = gate.State.SUPERSEDED.value, _("superseded by a new scan")

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(
        "documents.Record", on_delete=models.CASCADE, related_name="findings"
    )
    review = models.ForeignKey(
        "documents.Review",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scan_findings",
    )
    attachment = models.ForeignKey(
        "documents.Attachment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
    )
    file_name = models.CharField(_("file"), max_length=200, blank=True)
    source = models.CharField(_("where"), max_length=12, choices=Source.choices)
    origin = models.CharField(_("found by"), max_length=8, choices=Origin.choices)
    kind = models.CharField(_("kind"), max_length=40)
    severity = models.CharField(_("severity"), max_length=8)
    blocking = models.BooleanField(_("blocks publication"), default=False)
    rule = models.CharField(max_length=120)
    masked = models.CharField(_("masked preview"), max_length=200)
    where = models.JSONField(default=dict)
    # The column header a finding sits under (for "mask these columns").
    label = models.CharField(max_length=200, blank=True)
    scanner_version = models.CharField(max_length=20)
    state = models.CharField(_("state"), max_length=14, choices=State.choices, default="open")
    reason = models.TextField(_("reason"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    found_at = models.DateTimeField()

    class Meta:
        verbose_name = _("privacy finding")
        verbose_name_plural = _("privacy findings")
        # By the columns themselves: ordering by a nullable foreign key would join its table,
        # and PostgreSQL refuses FOR UPDATE on the nullable side of an outer join.
        ordering = ["record_id", "source", "attachment_id", "pk"]
        indexes = [
            models.Index(fields=["agency", "state", "blocking"], name="finding_agency_state_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="dismissed") | ~Q(reason=""),
                name="finding_dismissed_needs_reason",
            ),
            models.CheckConstraint(
                condition=Q(state="open") | Q(resolved_at__isnull=False),
                name="finding_settled_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(source="attachment") | ~Q(file_name=""),
                name="finding_attachment_named",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.record_id} {self.kind} {self.masked}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN


class ScanJob(models.Model):
    """The scan of one record's title, body and attachments, with its progress.

    Small records are scanned inside the submission; larger ones by ``gongkai tick`` (or
    ``gongkai gate run``) while the record page shows the progress.
    """

    class State(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("scanning")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    record = models.ForeignKey("documents.Record", on_delete=models.CASCADE, related_name="+")
    review = models.ForeignKey(
        "documents.Review", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    state = models.CharField(max_length=8, choices=State.choices, default=State.QUEUED)
    parts_total = models.PositiveIntegerField(default=0)  # title and body, then each file
    parts_done = models.PositiveIntegerField(default=0)
    bytes_total = models.PositiveBigIntegerField(default=0)
    bytes_done = models.PositiveBigIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField()
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["record"],
                condition=Q(state__in=["queued", "running"]),
                name="scanjob_one_active_per_record",
            )
        ]

    def __str__(self) -> str:
        return f"{self.record_id} {self.state}"

    @property
    def active(self) -> bool:
        return self.state in {self.State.QUEUED, self.State.RUNNING}

    @property
    def percent(self) -> int:
        if self.bytes_total:
            return min(100, round(100 * self.bytes_done / self.bytes_total))
        return round(100 * self.parts_done / self.parts_total) if self.parts_total else 0


class SensitiveTerm(models.Model):
    """A word the disclosure office does not want published (issue 4: ``sensitive_term``).

    ``agency`` empty: the term applies to every agency of the installation.
    """

    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency"),
    )
    term = models.CharField(_("term"), max_length=100)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("sensitive term")
        verbose_name_plural = _("sensitive terms")
        ordering = ["agency_id", "term"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "term"], name="sensitive_term_unique_in_agency"
            ),
            models.UniqueConstraint(
                fields=["term"],
                condition=Q(agency__isnull=True),
                name="sensitive_term_unique_installation_wide",
            ),
            models.CheckConstraint(condition=~Q(term=""), name="sensitive_term_not_empty"),
        ]

    def __str__(self) -> str:
        return self.term


class Sweep(models.Model):
    """A rescan of what is published (``gongkai sweep``, or the scheduled one in ``tick``)."""

    class State(models.TextChoices):
        RUNNING = "running", _("running")
        DONE = "done", _("done")

    state = models.CharField(max_length=8, choices=State.choices, default=State.RUNNING)
    scanner_version = models.CharField(max_length=20)
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    scheduled = models.BooleanField(default=False)
    records_total = models.PositiveIntegerField(default=0)
    records_done = models.PositiveIntegerField(default=0)
    findings_new = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"sweep {self.started_at:%Y-%m-%d %H:%M}"


class PublishedScan(models.Model):
    """What the last sweep saw of a published record: its fingerprint is the scanner version,
    the terms in effect and the hashes of what the public sees; a sweep skips a record whose
    fingerprint has not changed, so a sweep can be stopped and run again."""

    record = models.OneToOneField(
        "documents.Record", on_delete=models.CASCADE, related_name="published_scan"
    )
    fingerprint = models.CharField(max_length=64)
    scanned_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.record_id} {self.scanned_at:%Y-%m-%d}"


class Notification(models.Model):
    """A notice in a staff member's console (and by e-mail where they have an address)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(
        "documents.Record", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    subject = models.CharField(max_length=200)
    text = models.TextField(blank=True)
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread_idx")]

    def __str__(self) -> str:
        return self.subject
