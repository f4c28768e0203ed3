from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from gongkai.accounts.permissions import can
from gongkai.console.nav import NAV


def console(request: HttpRequest) -> dict[str, Any]:
    lockout = {"lockout_minutes": round(settings.AXES_COOLOFF_TIME * 60)}
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return lockout
    visible = [(item, reverse(item.url_name)) for item in NAV if can(user, item.action)]
    # The longest URL that prefixes the path is the current page (the console home is "/console/").
    matching = [url for _item, url in visible if request.path.startswith(url)]
    current = max(matching, key=len, default=None)
    items = [{"label": item.label, "url": url, "current": url == current} for item, url in visible]
    return lockout | {"console_nav": items}
