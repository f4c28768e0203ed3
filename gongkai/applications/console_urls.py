from django.urls import path

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
]
