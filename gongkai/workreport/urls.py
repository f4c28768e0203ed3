"""The console's pages of the yearly work report (/console/work-report/)."""

from django.urls import path

from gongkai.workreport import views

app_name = "workreport"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:code>/<int:year>/", views.detail, name="detail"),
    path("<str:code>/<int:year>/download/<str:fmt>/", views.download, name="download"),
    path("<str:code>/<int:year>/figures/", views.figures, name="figures"),
    path("<str:code>/<int:year>/text/<str:part>/", views.text, name="text"),
    path("<str:code>/<int:year>/tasks/", views.tasks, name="tasks"),
]
