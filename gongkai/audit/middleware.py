from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from gongkai.audit.context import client_ip, request_ip


class AuditContextMiddleware:
    """Makes the client's IP address available to audit_log for the length of a request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = client_ip.set(request_ip(request))
        try:
            return self.get_response(request)
        finally:
            client_ip.reset(token)
