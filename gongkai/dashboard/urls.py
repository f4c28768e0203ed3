"""The console's statistics dashboard (/console/statistics/)."""

from django.urls import path

from gongkai.documents import statistics_views

app_name = "dashboard"

urlpatterns = [
    path("", statistics_views.statistics, name="index"),
]
