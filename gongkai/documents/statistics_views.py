from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse


def statistics(request: HttpRequest) -> HttpResponse:
    """The yearly disclosure figures are part of the statistics dashboard now; old links
    keep their agency and year (the dashboard checks who may see them)."""
    kept = {key: request.GET[key] for key in ("agency", "year") if request.GET.get(key)}
    query = f"?{urlencode(kept)}" if kept else ""
    return redirect(reverse("dashboard:index") + query)
