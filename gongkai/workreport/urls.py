"""The console's pages of the yearly work report (/console/work-report/)."""

from django.urls import path

from gongkai.reports import console_views

app_name = "workreport"

urlpatterns = [
    path("", console_views.index, name="index"),
]
