"""The console's statistics dashboard (/console/statistics/)."""

from django.urls import path

from gongkai.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:key>.csv", views.table_csv, name="csv"),
]
