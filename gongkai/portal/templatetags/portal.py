from datetime import date

from django import template

from gongkai.documents.models import Column, Record
from gongkai.portal import links, selectors

register = template.Library()


@register.filter
def column_url(column: Column) -> str:
    return links.column_url(column)


@register.filter
def generated_on(record: Record) -> date | None:
    return selectors.generated_on(record)
