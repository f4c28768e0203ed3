"""Page snapshots: public pages rendered once and served from the database.

Chinese government sites publish static pages (静态化发布): a page is rendered when its
content changes, not on every visit. Gongkai does the same without a separate web
server: an anonymous visitor's page is looked up in one query; a miss renders it live
and stores it. `gongkai portal render` (and every `gongkai tick`) renders what is missing.

Invalidation: a change to a record (or its attachments or releases) deletes the
snapshots of that record, of the records its page links to, and of every list page — in
the same transaction as the change. A site-wide change (a column, an agency, a unit)
raises the site generation; other processes notice within GENERATION_TTL seconds.
"""

import functools
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Q
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

import gongkai
from gongkai.documents.models import Record
from gongkai.portal.models import PageSnapshot, SiteGeneration

GENERATION_KEY = "gongkai:portal:generation"
GENERATION_TTL = 2  # seconds another worker may serve pages of the previous site generation
PUBLIC_STATUSES = (Record.Status.PUBLISHED.value, Record.Status.ARCHIVED.value)
PUBLIC_ATTRIBUTES = (Record.Attribute.PROACTIVE.value, Record.Attribute.REDACTED.value)
# The same gate as documents.selectors.public_records(): a snapshot of a record page is
# served only while its record is public (tests/test_snapshots.py holds them together).
LOOKUP_SQL = f"""
    SELECT s.content_type, s.content
    FROM {PageSnapshot._meta.db_table} s
    LEFT JOIN {Record._meta.db_table} r ON r.id = s.record_id
    WHERE s.path = %s AND s.generation = %s
      AND (s.record_id IS NULL OR (r.status IN (%s, %s) AND r.attribute IN (%s, %s)))
"""


def current_generation() -> str:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = SiteGeneration.objects.filter(id=1).values_list("value", flat=True).first() or 0
        cache.set(GENERATION_KEY, value, GENERATION_TTL)
    # A new release of Gongkai renders its pages anew: templates may have changed.
    return f"{gongkai.__version__}-{value}"


def bump_generation() -> None:
    if not SiteGeneration.objects.filter(id=1).update(value=F("value") + 1):
        SiteGeneration.objects.get_or_create(id=1, defaults={"value": 1})
    cache.delete(GENERATION_KEY)
    transaction.on_commit(lambda: cache.delete(GENERATION_KEY))


def forget_records(record_ids: Iterable[int | None]) -> None:
    """Drop the snapshots of these records' pages and of every list page."""
    ids = {pk for pk in record_ids if pk is not None}
    PageSnapshot.objects.filter(Q(record_id__in=ids) | Q(record__isnull=True)).delete()


def snapshot_key(request: HttpRequest) -> str | None:
    """The path a page is stored under, or None when it must be rendered live: only what
    every anonymous visitor sees alike (GET, no session, default language), with no query
    but a page number (filtered lists are too many to keep)."""
    if not is_cacheable(request):
        return None
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return request.path
    page = request.GET.get("page", "")
    if list(request.GET) == ["page"] and page.isdigit() and len(page) < 6:
        return f"{request.path}?page={int(page)}"
    return None


def is_cacheable(request: HttpRequest) -> bool:
    if request.method != "GET":
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return language in (None, "", settings.LANGUAGE_CODE)


def snapshot(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve the view's page from its snapshot when there is a fresh one."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = snapshot_key(request)
        if key is None:
            return view(request, *args, **kwargs)
        generation = current_generation()
        stored = _lookup(key, generation)
        if stored is not None:
            return HttpResponse(stored[1], content_type=stored[0])
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            record_id = kwargs.get("pk") if getattr(view, "record_pk", False) else None
            _store(key, generation, response, record_id=record_id)
        return response

    return wrapper


def _lookup(path: str, generation: str) -> tuple[str, str] | None:
    """The stored page, in one plain SQL query: this is the hot path of the portal, and
    building the same query through the ORM costs more than running it."""
    with connection.cursor() as cursor:
        cursor.execute(LOOKUP_SQL, [path, generation, *PUBLIC_STATUSES, *PUBLIC_ATTRIBUTES])
        row = cursor.fetchone()
    return (row[0], row[1]) if row else None


def record_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Mark a view whose `pk` names the record the page shows (see PUBLIC)."""
    view.record_pk = True  # type: ignore[attr-defined]
    return view


def _store(path: str, generation: str, response: HttpResponse, *, record_id: Any) -> None:
    values = {
        "generation": generation,
        "record_id": record_id,
        "content_type": response.get("Content-Type", "text/html; charset=utf-8"),
        "content": response.content.decode(response.charset),
        "rendered_at": timezone.now(),
    }
    try:
        with transaction.atomic():
            PageSnapshot.objects.update_or_create(path=path[:300], defaults=values)
    except IntegrityError:
        pass  # another worker stored the same page a moment ago
