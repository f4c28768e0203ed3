"""The console's pages of the annual report (/console/reports/)."""

from django.urls import path

from gongkai.reports import console_views as views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/<int:year>/", views.detail, name="detail"),
    path("<str:code>/<int:year>/download/<str:fmt>/", views.download, name="download"),
    path(
        "<str:code>/<int:year>/v<int:version>.<str:fmt>",
        views.published_version,
        name="published",
    ),
    path("<str:code>/<int:year>/figures/", views.figures, name="figures"),
    path("<str:code>/<int:year>/text/<str:section>/", views.text, name="text"),
    path("<str:code>/<int:year>/override/", views.override, name="override"),
    path("<str:code>/<int:year>/publish/", views.publish, name="publish"),
    path("<str:code>/<int:year>/entered/", views.entered_tables, name="entered"),
]
