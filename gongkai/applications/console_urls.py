from django.urls import include, path

from gongkai.applications import console_views as views

app_name = "applications_console"
urlpatterns = [
    path("", views.application_list, name="list"),
    path("new/", views.application_new, name="new"),
    path("overdue/", views.application_overdue, name="overdue"),
    path("<int:pk>/", views.application_detail, name="detail"),
    path("<int:pk>/step/<slug:step>/", views.application_step, name="step"),
    path("<int:pk>/identity/", views.application_identity, name="identity"),
    path("<int:pk>/files/<int:file>/", views.application_file, name="file"),
    # provided.py, remedies.py, art44.py
    path("<int:pk>/provided/upload/", views.provided_upload, name="provided_upload"),
    path("<int:pk>/provided/record/", views.provided_from_record, name="provided_record"),
    path("<int:pk>/provided/<int:file>/<slug:how>/", views.provided_settle, name="provided_settle"),
    path("<int:pk>/remedies/", views.remedy_new, name="remedy_new"),
    path("remedies/", views.remedy_list, name="remedies"),
    path("remedies/<int:remedy>/", views.remedy_update, name="remedy_update"),
    path("art44/", views.art44_list, name="art44"),
    path("art44/create/", views.art44_create, name="art44_create"),
    path("", include("gongkai.applications.letters_urls")),  # letters/…, <pk>/letters/…
]
