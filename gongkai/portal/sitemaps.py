"""/sitemap.xml (django.contrib.sitemaps): every public record and every visible column.

The app django.contrib.sitemaps is not installed: its view works without it, and the
template is ours (portal/sitemap.xml). Past `limit` URLs a section continues on
/sitemap.xml?p=2 and so on."""

from datetime import datetime
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from gongkai.documents.models import Column, Record
from gongkai.documents.selectors import public_records
from gongkai.portal.links import column_url, record_url
from gongkai.portal.selectors import visible_columns


class RecordSitemap(Sitemap):
    limit = 40000  # with the columns, a page stays under the protocol's 50,000 URLs

    def items(self) -> QuerySet[Record]:
        return public_records().select_related(None).only("pk", "updated_at").order_by("pk")

    def location(self, item: Record) -> str:
        return record_url(item)

    def lastmod(self, item: Record) -> datetime:
        return item.updated_at


class ColumnSitemap(Sitemap):
    def items(self) -> list[Column]:
        return visible_columns()

    def location(self, item: Column) -> str:
        return column_url(item)


SITEMAPS: dict[str, Any] = {"columns": ColumnSitemap, "records": RecordSitemap}


@login_not_required
def sitemap_xml(request: HttpRequest) -> HttpResponse:
    return sitemap(request, SITEMAPS, template_name="portal/sitemap.xml")
