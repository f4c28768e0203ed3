"""Disclosure on application (依申请公开, 条例第27–45条): applications, their recorded events,
the files that come with them, letters, fees and remedies.

The rules (vocabulary, workflow table, clock, fees) are plain Python in
gongkai.core.applications; a case's status and deadline are derived from its events there
and cached here for lists. Identity numbers and identity images are encrypted at rest
(gongkai.applications.crypto); lists show them masked.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gongkai.core import applications as rules


def _choices(enum: type) -> list[tuple[str, str]]:
    return [(member.value, member.label) for member in enum]  # type: ignore[attr-defined]


def _outcome_choices() -> list[tuple[str, str]]:
    """The rows of table 三, labelled as the annual report prints them."""
    return [(o.value, rules.OUTCOMES[o].ledger) for o in rules.Outcome]


class Application(models.Model):
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="applications"
    )
    unit = models.ForeignKey(
        "accounts.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("handling unit"),
    )
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handler"),
    )
    # 登记号: from the agency's template and a gapless per-year sequence.
    number = models.CharField(_("registration number"), max_length=60)
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveIntegerField()
    # The tracking code is shown once, on the receipt; only its hash is kept.
    tracking_hash = models.CharField(max_length=64, unique=True)
    # The public form's one-time key: a form submitted twice registers one application.
    submission_key = models.CharField(max_length=64, blank=True)

    channel = models.CharField(_("channel"), max_length=12, choices=_choices(rules.Channel))
    received_on = models.DateField(_("date of receipt"))  # 条例第31条
    dated_on = models.DateField(_("date of the application"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("registered at"))

    applicant_kind = models.CharField(
        _("applicant"), max_length=16, choices=_choices(rules.ApplicantKind)
    )
    name = models.CharField(_("name or organisation"), max_length=200)
    legal_representative = models.CharField(_("legal representative"), max_length=100, blank=True)
    id_document = models.CharField(
        _("identity document"), max_length=24, choices=_choices(rules.IdentityDocument)
    )
    id_number_encrypted = models.TextField(blank=True)  # Fernet token of the number
    id_number_masked = models.CharField(_("identity number"), max_length=40, blank=True)
    id_last4_hash = models.CharField(max_length=64, blank=True)  # for /track/
    phone = models.CharField(_("phone"), max_length=40, blank=True)  # blank: ledger imports
    address = models.CharField(_("address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    description = models.TextField(_("information requested"))
    document_hint = models.CharField(
        _("document number or other features"), max_length=200, blank=True
    )
    provision_form = models.CharField(
        _("form of provision"), max_length=12, choices=_choices(rules.ProvisionForm), blank=True
    )
    delivery = models.CharField(
        _("delivery"), max_length=12, choices=_choices(rules.Delivery), blank=True
    )

    # Derived from the events (gongkai.core.applications), cached for lists and queues.
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=_choices(rules.Status),
        default=rules.Status.REGISTERED.value,
    )
    outcome = models.CharField(_("outcome"), max_length=24, choices=_outcome_choices(), blank=True)
    deadline = models.DateField(_("reply deadline"), null=True, blank=True)
    deadline_provisional = models.BooleanField(default=False)
    deadline_paused = models.BooleanField(default=False)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    extended = models.BooleanField(_("extended"), default=False)
    fee_amount = models.DecimalField(
        _("fee (yuan)"), max_digits=10, decimal_places=2, null=True, blank=True
    )

    class Source(models.TextChoices):
        FORM = "form", _("the public form")
        STAFF = "staff", _("registered by staff")
        LEDGER = "ledger", _("imported from a ledger")

    source = models.CharField(max_length=8, choices=Source.choices, default=Source.FORM)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("disclosure application")
        verbose_name_plural = _("disclosure applications")
        ordering = ["-year", "-seq"]
        indexes = [
            models.Index(fields=["agency", "status", "deadline"], name="application_queue_idx")
        ]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="application_number_unique"),
            models.UniqueConstraint(
                fields=["agency", "submission_key"],
                condition=~Q(submission_key=""),
                name="application_submitted_once",
            ),
            models.UniqueConstraint(
                fields=["agency", "year", "seq"], name="application_seq_unique_per_year"
            ),
            models.CheckConstraint(
                condition=Q(dated_on__isnull=True) | Q(dated_on__lte=models.F("received_on")),
                name="application_received_not_before_dated",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class ApplicationSequence(models.Model):
    """The last 登记号 serial of an agency's year; taken under a row lock, so numbers are
    gapless and unique even when many applications arrive at once."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="application_sequence_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"


class CaseEvent(models.Model):
    """One recorded step of a case (gongkai.core.applications.Event), with who and when."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(max_length=24, choices=_choices(rules.Step))
    day = models.DateField()
    outcome = models.CharField(max_length=24, choices=_outcome_choices(), blank=True)
    variant = models.CharField(max_length=24, blank=True)
    until = models.DateField(null=True, blank=True)
    party = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    note = models.TextField(blank=True)
    # What a step recorded beyond the rule's fields: a decision's reply items, a fee's
    # method and quantity.
    details = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["application_id", "day", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id} {self.step} {self.day}"

    def as_rule(self) -> rules.Event:
        return rules.Event(
            step=rules.Step(self.step),
            day=self.day,
            outcome=rules.Outcome(self.outcome) if self.outcome else None,
            variant=rules.Variant(self.variant) if self.variant else None,
            until=self.until,
            party=self.party,
            reason=self.reason,
        )


def application_file_path(instance: "ApplicationFile", filename: str) -> str:
    return f"applications/{instance.application_id}/{instance.sha256[:16]}{instance.extension}"


class ApplicationFile(models.Model):
    class Kind(models.TextChoices):
        IDENTITY = "identity", _("identity document image")  # encrypted at rest
        ATTACHMENT = "attachment", _("applicant's attachment")
        PROVIDED = "provided", _("information provided")
        CORRECTION = "correction", _("corrected application")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    file = models.FileField(upload_to=application_file_path, max_length=200)
    encrypted = models.BooleanField(default=False)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    # Information provided (PROVIDED) passes the privacy review before it is released: the
    # scanner's findings (masked previews only), and the reviewer's settlement.
    class Privacy(models.TextChoices):
        UNSCANNED = "unscanned", _("not scanned")
        CLEAR = "clear", _("nothing found")
        BLOCKED = "blocked", _("findings to settle")
        REDACTED = "redacted", _("redacted copy released")
        CLEARED = "cleared", _("findings dismissed with reasons")

    privacy = models.CharField(max_length=10, choices=Privacy.choices, default=Privacy.UNSCANNED)
    findings = models.JSONField(default=list, blank=True)
    privacy_note = models.TextField(blank=True)
    redacted_file = models.FileField(upload_to=application_file_path, max_length=200, blank=True)
    source_record = models.ForeignKey(
        "documents.Record", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["application_id", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Remedy(models.Model):
    """An administrative reconsideration or lawsuit about an application (annual report 表四)."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, null=True, blank=True, related_name="remedies"
    )
    number = models.CharField(_("registration number"), max_length=60, blank=True)
    kind = models.CharField(_("type"), max_length=40, choices=_choices(rules.RemedyKind))
    result = models.CharField(_("result"), max_length=24, choices=_choices(rules.RemedyResult))
    year = models.PositiveSmallIntegerField(_("year"))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "number", "kind", "year"], name="remedy_once_per_case_kind_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.kind}"


class LetterKind(models.TextChoices):
    """The letters of a case (issue 5 §4); a reply letter per decision type uses REPLY."""

    CORRECTION = "correction", _("notice to correct (补正告知书)")
    EXTENSION = "extension", _("notice of extension (延期答复告知书)")
    CONSULTATION = "consultation", _("letter consulting a third party (征求第三方意见函)")
    FEE = "fee", _("fee notice (收费通知书)")
    REPLY = "reply", _("reply (答复书)")


class LetterTemplate(models.Model):
    """An agency's template of one kind of letter. Templates are never edited in place: a
    change is a new version, and each letter records the version it was made from."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=LetterKind.choices)
    # For REPLY: the outcome (row of table 三) the template answers; blank: any outcome.
    outcome = models.CharField(_("outcome"), max_length=24, choices=_outcome_choices(), blank=True)
    version = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=100)
    # e.g. 临民公开复〔{year}〕{seq}号 — {year} and {seq} (per agency, kind and year)
    number_template = models.CharField(_("letter number"), max_length=60)
    body = models.TextField(_("text"))  # paragraphs; {placeholders} of the case
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["agency_id", "kind", "outcome", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "outcome", "version"], name="letter_template_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class LetterSequence(models.Model):
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=12, choices=LetterKind.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "kind", "year"], name="letter_sequence_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.kind}/{self.year}: {self.last}"


def letter_path(instance: "Letter", filename: str) -> str:
    return f"applications/{instance.application_id}/letters/{filename}"


class Letter(models.Model):
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="letters")
    kind = models.CharField(_("kind"), max_length=12, choices=LetterKind.choices)
    number = models.CharField(_("letter number"), max_length=60)
    year = models.PositiveSmallIntegerField()
    seq = models.PositiveIntegerField()
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="letters")
    template_version = models.PositiveIntegerField()
    dated_on = models.DateField(_("date of the letter"))
    text = models.TextField()  # the letter as issued, plain text
    docx = models.FileField(upload_to=letter_path, max_length=200)
    pdf = models.FileField(upload_to=letter_path, max_length=200)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField()

    class Meta:
        ordering = ["application_id", "issued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "number"], name="letter_number_unique"
            ),
            models.UniqueConstraint(
                fields=["agency", "kind", "year", "seq"], name="letter_seq_unique_per_year"
            ),
        ]

    def __str__(self) -> str:
        return self.number
