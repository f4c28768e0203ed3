import contextvars
import ipaddress

from django.conf import settings
from django.http import HttpRequest

client_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("client_ip", default=None)


def request_ip(request: HttpRequest) -> str | None:
    """The client's address, trusting X-Forwarded-For only as far as GONGKAI_PROXY_COUNT says.

    Used both by the audit trail and by the login lockout (AXES_CLIENT_IP_CALLABLE), so
    the address that gets locked out is the one the audit trail shows.
    """
    candidate = request.META.get("REMOTE_ADDR", "")
    if settings.GONGKAI_PROXY_COUNT:
        forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        if len(forwarded) >= settings.GONGKAI_PROXY_COUNT:
            candidate = forwarded[-settings.GONGKAI_PROXY_COUNT]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None
