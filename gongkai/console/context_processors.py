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
    path = request.path
    items = []
    for item in NAV:
        if can(user, item.action):
            url = reverse(item.url_name)
            current = path == url if url.endswith("/console/") else path.startswith(url)
            items.append({"label": item.label, "url": url, "current": current})
    return lockout | {"console_nav": items}
