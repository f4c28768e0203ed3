"""The console header's count of unread notifications (one query per console page)."""

from typing import Any

from django import template

from gongkai.review.selectors import unread_count

register = template.Library()


@register.simple_tag
def unread_notifications(user: Any) -> int:
    return unread_count(user=user)
