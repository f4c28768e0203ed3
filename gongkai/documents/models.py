"""Government information (政府信息): records, their columns, attachments, history and
release channels. Rules (attributes, workflow, numbers) live in gongkai.core.disclosure."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gongkai.core import disclosure
from gongkai.core.taxonomy import GENRES, subject_choices
from gongkai.core.workcalendar import SUPPORTED_YEARS


class Column(models.Model):
    """A column (栏目) of an agency's site; records are filed in one or more."""

    class Kind(models.TextChoices):
        NEWS = "news", _("news and updates")  # 动态要闻类
        NOTICE = "notice", _("notices")  # 通知公告类
        POLICY = "policy", _("policy documents")  # 政策文件类
        KEY_AREA = "key_area", _("key area")  # 重点领域
        OTHER = "other", _("other")  # 其他

    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="columns",
        verbose_name=_("agency"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent column"),
    )
    name = models.CharField(_("name"), max_length=60)
    slug = models.SlugField(_("short name"), max_length=60, allow_unicode=False)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    description = models.CharField(_("description"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    hidden = models.BooleanField(
        _("hidden"), default=False, help_text=_("Hidden columns are not shown on the portal.")
    )

    class Meta:
        verbose_name = _("column")
        verbose_name_plural = _("columns")
        ordering = ["agency", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="column_slug_unique_in_agency"),
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")), name="column_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name


def _choices(values: tuple[str, ...] | list[str]) -> list[tuple[str, str]]:
    return [(v, v) for v in values]


class Record(models.Model):
    """A piece of government information, from draft to publication and after."""

    class Status(models.TextChoices):
        DRAFT = disclosure.Status.DRAFT.value, _("draft")  # 草稿
        SUBMITTED = disclosure.Status.SUBMITTED.value, _("awaiting confidentiality review")
        REVIEWED = disclosure.Status.REVIEWED.value, _("awaiting approval")
        SCHEDULED = disclosure.Status.SCHEDULED.value, _("scheduled")
        PUBLISHED = disclosure.Status.PUBLISHED.value, _("published")
        REVOKED = disclosure.Status.REVOKED.value, _("revoked")  # 撤回
        ARCHIVED = disclosure.Status.ARCHIVED.value, _("archived")

    class Attribute(models.TextChoices):
        PROACTIVE = disclosure.Attribute.PROACTIVE.value, "主动公开"
        REDACTED = disclosure.Attribute.REDACTED.value, "删减后公开"
        ON_REQUEST = disclosure.Attribute.ON_REQUEST.value, "依申请公开"
        WITHHELD = disclosure.Attribute.WITHHELD.value, "不公开"

    Ground = models.TextChoices(  # type: ignore[misc]
        "Ground", [(g.name, (g.value, label)) for g, label in disclosure.GROUND_LABELS.items()]
    )

    class Validity(models.TextChoices):
        CURRENT = "current", _("in force")  # 现行有效
        AMENDED = "amended", _("amended")  # 已修改
        REPEALED = "repealed", _("repealed")  # 已废止
        EXPIRED = "expired", _("expired")  # 已失效

    class InterpretationForm(models.TextChoices):
        TEXT = "text", _("text")  # 文字
        GRAPHIC = "graphic", _("graphic")  # 图解
        MEDIA = "media", _("audio or video")  # 音视频
        QA = "qa", _("questions and answers")  # 问答

    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="records",
        verbose_name=_("agency"),
    )
    unit = models.ForeignKey(
        "accounts.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="records",
        verbose_name=_("drafting unit"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(default=1)  # optimistic lock against lost updates

    # Metadata (reference proactive.md §9)
    index_number = models.CharField(_("index number"), max_length=80, blank=True)
    title = models.CharField(_("title"), max_length=300)
    issuing_body = models.CharField(_("issuing body"), max_length=200, blank=True)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    written_on = models.DateField(_("date written"), null=True, blank=True)
    formed_on = models.DateField(
        _("date formed or changed"),
        null=True,
        blank=True,
        help_text=_("条例第26条: publish within 20 working days of this day."),
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    scheduled_for = models.DateTimeField(_("scheduled for"), null=True, blank=True)
    subject = models.CharField(
        _("subject"), max_length=60, blank=True, choices=_choices(subject_choices())
    )
    genre = models.CharField(_("genre"), max_length=20, blank=True, choices=_choices(GENRES))
    keywords = models.CharField(_("keywords"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    columns = models.ManyToManyField(
        Column, blank=True, related_name="records", verbose_name=_("columns")
    )
    is_normative = models.BooleanField(_("normative document"), default=False)  # 行政规范性文件
    registration_number = models.CharField(_("registration number"), max_length=60, blank=True)
    validity = models.CharField(
        _("validity"), max_length=10, choices=Validity.choices, default=Validity.CURRENT
    )
    validity_changed_on = models.DateField(_("validity changed on"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaces",
        verbose_name=_("replaced by"),
    )
    body = models.TextField(_("body"))  # sanitized HTML (nh3) or plain text
    body_text = models.TextField(editable=False, blank=True)  # plain text, for search
    note = models.CharField(_("note"), max_length=200, blank=True)

    # Disclosure attribute (公开属性) and its legal basis
    attribute = models.CharField(
        _("disclosure attribute"), max_length=12, choices=Attribute.choices, blank=True
    )
    ground = models.CharField(_("legal basis"), max_length=30, choices=Ground.choices, blank=True)
    attribute_reason = models.TextField(_("reason"), blank=True)
    redacted_body = models.TextField(
        _("redacted body"), blank=True, help_text=_("What is published for 删减后公开.")
    )

    # Interpretation (政策解读)
    needs_interpretation = models.BooleanField(_("needs an interpretation"), default=False)
    interprets = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interpretations",
        verbose_name=_("interprets"),
    )
    interpretation_form = models.CharField(
        _("form of interpretation"), max_length=10, choices=InterpretationForm.choices, blank=True
    )
    interpreter = models.CharField(_("interpreter"), max_length=100, blank=True)
    by_principal = models.BooleanField(
        _("by the principal leader"), default=False, help_text=_("第一解读人")
    )
    interpretation_waiver = models.TextField(
        _("reason for publishing without interpretation"), blank=True
    )

    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("government information record")
        verbose_name_plural = _("government information records")
        ordering = ["-published_at", "-written_on", "-pk"]
        indexes = [
            models.Index(fields=["status", "attribute", "-published_at"], name="record_public_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "document_number"],
                condition=~Q(document_number=""),
                name="record_document_number_unique_in_agency",
            ),
            models.UniqueConstraint(
                fields=["index_number"],
                condition=~Q(index_number=""),
                name="record_index_number_unique",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True)
                | Q(status__in=["published", "revoked", "archived"]),
                name="record_published_at_only_once_published",
            ),
            models.CheckConstraint(
                condition=Q(index_number="") | Q(status__in=["published", "revoked", "archived"]),
                name="record_index_number_only_once_published",
            ),
            models.CheckConstraint(
                condition=~Q(interprets=models.F("pk")), name="record_not_own_interpretation"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """Dates the working-day calendar can count with (1901–2099): an earlier or later day
        is a typing error, and 条例第26条 timeliness could not be computed from it."""
        wrong = {
            name: _("Enter a date between 1901 and 2099.")
            for name in ("written_on", "formed_on", "validity_changed_on")
            if getattr(self, name) is not None and getattr(self, name).year not in SUPPORTED_YEARS
        }
        if wrong:
            raise ValidationError(wrong)

    @property
    def is_public(self) -> bool:
        return (
            self.status in {disclosure.Status.PUBLISHED, disclosure.Status.ARCHIVED}
            and self.attribute in disclosure.PUBLIC_ATTRIBUTES
        )

    @property
    def public_body(self) -> str:
        """What the portal shows: the redacted version for 删减后公开."""
        return self.redacted_body if self.attribute == disclosure.Attribute.REDACTED else self.body


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"records/{instance.record_id}/{instance.sha256[:16]}{instance.extension}"


class Attachment(models.Model):
    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    kind = models.CharField(max_length=10)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=8)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    text = models.TextField(blank=True)  # extracted for search (of the redacted copy, if any)
    # 删减后公开: the copy the reviewer accepted (gongkai.review) is what the public gets.
    redacted_file = models.FileField(upload_to=attachment_path, max_length=200, blank=True)
    redacted_sha256 = models.CharField(max_length=64, blank=True)
    redacted_size = models.PositiveBigIntegerField(null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["record", "position", "pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_redacted(self) -> bool:
        return bool(self.redacted_file)

    @property
    def public_file(self) -> Any:
        """What the portal serves: the redacted copy when there is one."""
        return self.redacted_file if self.redacted_file else self.file

    @property
    def public_size(self) -> int:
        return self.redacted_size if self.redacted_file and self.redacted_size else self.size


class RecordEvent(models.Model):
    """The comment history of a record's workflow (visible to staff on the record)."""

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(max_length=20)
    from_status = models.CharField(max_length=12)
    to_status = models.CharField(max_length=12)
    comment = models.TextField(blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField()

    class Meta:
        ordering = ["record", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.record_id} {self.step}"


class Review(models.Model):
    """A confidentiality and privacy review (保密审查) of one record.

    The privacy scanner fills the review's findings (gongkai.review.models.Finding); the
    reviewer settles them, and the sign-off records who, when and which scanner version.
    At most one review is open per record.
    """

    class Result(models.TextChoices):
        OPEN = "open", _("open")
        PASSED = "passed", _("passed")
        RETURNED = "returned", _("returned")

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="reviews")
    result = models.CharField(max_length=10, choices=Result.choices, default=Result.OPEN)
    scanner_version = models.CharField(max_length=20, blank=True)
    notes = models.TextField(blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["record", "-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["record"], condition=Q(result="open"), name="review_one_open_per_record"
            )
        ]

    def __str__(self) -> str:
        return f"{self.record_id} {self.result}"


class Release(models.Model):
    """A release of a record on one channel (协调发布); the website's is automatic."""

    class Channel(models.TextChoices):
        WEBSITE = "website", pgettext_lazy("release channel", "website")  # 门户网站
        WECHAT = "wechat", _("WeChat official account")  # 微信公众号
        WEIBO = "weibo", _("Weibo")  # 微博
        APP = "app", _("government app")  # 政务客户端
        NOTICE_BOARD = "board", _("notice board")  # 公开栏
        PRESS = "press", _("press conference")  # 新闻发布会

    record = models.ForeignKey(Record, on_delete=models.CASCADE, related_name="releases")
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    released_on = models.DateField(_("released on"))
    link = models.URLField(_("link"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="releases/", blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["record", "released_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["record", "channel"], name="release_once_per_channel")
        ]

    def __str__(self) -> str:
        return f"{self.record_id} {self.channel}"


class IndexSequence(models.Model):
    """The last serial used in an agency's 索引号 for a year: numbers are never reused."""

    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="index_sequence_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}: {self.last}"
