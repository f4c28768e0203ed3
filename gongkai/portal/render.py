"""Render missing page snapshots ahead of visitors (静态化发布)."""

from collections.abc import Iterator

from django.conf import settings
from django.test import Client
from django.urls import reverse

from gongkai.documents.selectors import public_records
from gongkai.portal.models import PageSnapshot
from gongkai.portal.snapshots import current_generation


def stale_paths(limit: int | None = None) -> Iterator[str]:
    """Public record pages without a fresh snapshot, newest records first."""
    fresh = PageSnapshot.objects.filter(generation=current_generation(), record__isnull=False)
    records = public_records().exclude(pk__in=fresh.values("record_id")).order_by("-published_at")
    for pk in records.values_list("pk", flat=True)[:limit]:
        yield reverse("portal:record", args=[pk])


def render_paths(paths: Iterator[str]) -> Iterator[int]:
    """Request each path as an anonymous visitor would; yields the status of each."""
    host = next(
        (h for h in settings.ALLOWED_HOSTS if h not in {"*", ""} and not h.startswith(".")),
        "localhost",
    )
    client = Client(HTTP_HOST=host.strip("[]") if host.startswith("[") else host)
    for path in paths:
        yield client.get(path, secure=settings.SECURE_SSL_REDIRECT).status_code
