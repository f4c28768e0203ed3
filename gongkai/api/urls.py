"""/api/: the read API and its OpenAPI 3 document. Every view here is public
(LoginRequiredMiddleware lets it through) and anonymous (REST_FRAMEWORK in settings)."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from gongkai.api import views

app_name = "api"


def public(view: Any) -> Callable[..., Any]:
    # DRF's as_view() returns a plain function: the decorator marks it for the middleware.
    return login_not_required(view.as_view())


urlpatterns = [
    path("v1/records/", public(views.RecordList), name="records"),
    path("v1/records/<int:pk>/", public(views.RecordDetail), name="record"),
    path("v1/columns/", public(views.ColumnList), name="columns"),
    path("schema/", public(SpectacularAPIView), name="schema"),
]
