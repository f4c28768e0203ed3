from django.db import models


class SiteGeneration(models.Model):
    """A number raised by every site-wide change (columns, agencies, units): page
    snapshots rendered under an older number are no longer served."""

    value = models.PositiveBigIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="site_generation_single_row")
        ]

    def __str__(self) -> str:
        return str(self.value)


class PageSnapshot(models.Model):
    """A public page as rendered for anonymous visitors (静态化发布): served as it is
    until its record or the site changes. Record pages name their record, so a snapshot
    of a record that is no longer public is never served, even for an instant."""

    path = models.CharField(max_length=300, unique=True)
    record = models.ForeignKey(
        "documents.Record", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    generation = models.CharField(max_length=40)
    content_type = models.CharField(max_length=100)
    content = models.TextField()
    rendered_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.path
