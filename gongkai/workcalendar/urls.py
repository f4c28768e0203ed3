from django.urls import path

from gongkai.workcalendar import views

app_name = "workcalendar"
urlpatterns = [
    path("", views.year, name="year"),
    path("days/new/", views.entry_new, name="entry_new"),
    path("days/<int:pk>/delete/", views.entry_delete, name="entry_delete"),
    path("import/", views.import_csv, name="import"),
    path("official/", views.official_year, name="official_year"),
    path("export.csv", views.export_csv, name="export"),
    path("deadline/", views.deadline, name="deadline"),
]
