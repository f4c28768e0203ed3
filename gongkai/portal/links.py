"""The public URL of a column or a record. The 政府信息公开 column and its guide have
pages of their own (/xxgk/<agency code>/), so links to them go there directly."""

from django.urls import reverse

from gongkai.documents.models import Column, Record

OWN_PAGES = {"xxgk": "portal:xxgk", "xxgkzn": "portal:guide"}


def column_url(column: Column) -> str:
    own_page = OWN_PAGES.get(column.slug)
    if own_page is not None:
        return reverse(own_page, args=[column.agency.code])
    return reverse("portal:column", args=[column.pk])


def record_url(record: Record) -> str:
    return reverse("portal:record", args=[record.pk])
