"""Atom feeds (django.contrib.syndication): one per column and one of the whole site.
A Feed instance serves every request, so it keeps no state between its methods."""

import re
from dataclasses import dataclass
from datetime import datetime

from django.contrib.syndication.views import Feed
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, SyndicationFeed
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from gongkai.documents.models import Column, Record
from gongkai.portal import selectors
from gongkai.portal.links import column_url, record_url
from gongkai.portal.selectors import ColumnTree

FEED_SIZE = 30
# XML 1.0 cannot hold these; text pasted from word processors sometimes carries them.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def xml_text(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)


class RecordItems:
    """Entries: title, link, published date, summary and the publishing agency."""

    feed_type: type[SyndicationFeed] = Atom1Feed

    def item_title(self, item: Record) -> str:
        return xml_text(item.title)

    def item_link(self, item: Record) -> str:
        return record_url(item)

    def item_description(self, item: Record) -> str:
        return xml_text(item.summary or Truncator(item.body_text).chars(200))

    def item_pubdate(self, item: Record) -> datetime | None:
        return item.published_at

    def item_updateddate(self, item: Record) -> datetime | None:
        return item.published_at

    def item_author_name(self, item: Record) -> str:
        return item.agency.name


class LatestFeed(RecordItems, Feed):
    def title(self) -> str:
        site = selectors.site_agency()
        name = site.name if site else _("Gongkai")
        return _("%(site)s: latest government information") % {"site": name}

    def link(self) -> str:
        return reverse("home")

    def feed_url(self) -> str:
        return reverse("portal:feed_latest")

    def items(self) -> QuerySet[Record]:
        return selectors.latest_records()[:FEED_SIZE]


@dataclass(frozen=True)
class FeedColumn:
    column: Column
    tree: ColumnTree


class ColumnFeed(RecordItems, Feed):
    def get_object(self, request: HttpRequest, pk: int) -> FeedColumn:
        return FeedColumn(*selectors.column_get_public(pk=pk))

    def title(self, obj: FeedColumn) -> str:
        return xml_text(f"{obj.column.agency.name} · {obj.column.name}")

    def subtitle(self, obj: FeedColumn) -> str:
        return xml_text(obj.column.description)

    def link(self, obj: FeedColumn) -> str:
        return column_url(obj.column)

    def feed_url(self, obj: FeedColumn) -> str:
        return reverse("portal:feed_column", args=[obj.column.pk])

    def author_name(self, obj: FeedColumn) -> str:
        return obj.column.agency.name

    def items(self, obj: FeedColumn) -> QuerySet[Record]:
        return selectors.column_records(obj.column, obj.tree)[:FEED_SIZE]
