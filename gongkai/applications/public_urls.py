"""/apply/ and /track/: the public side of 依申请公开, at the site root."""

from django.urls import path

from gongkai.applications import public_views as views

app_name = "applications_public"
urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/receipt/", views.receipt, name="receipt"),
    path("track/", views.track, name="track"),
    path("track/case/", views.case, name="case"),
    path("track/case/files/<int:pk>/", views.case_file, name="case_file"),
    path("track/case/correct/", views.case_correct, name="case_correct"),
    path("track/case/letters/<int:pk>/", views.case_letter, name="case_letter"),
]
