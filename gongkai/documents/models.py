from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Record(models.Model):
    """A piece of government information (政府信息) held by an agency.

    The foundation stores the text and its document data; disclosure attributes,
    review, approval and publication come with the proactive-disclosure work.
    """

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
        verbose_name=_("unit"),
    )
    title = models.CharField(_("title"), max_length=300)
    document_number = models.CharField(_("document number"), max_length=100, blank=True)
    written_on = models.DateField(_("date written"), null=True, blank=True)
    body = models.TextField(_("body"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("government information record")
        verbose_name_plural = _("government information records")
        ordering = ["-written_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "document_number"],
                condition=~models.Q(document_number=""),
                name="record_document_number_unique_in_agency",
            )
        ]

    def __str__(self) -> str:
        return self.title
