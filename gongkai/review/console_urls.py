"""Findings per agency and unit, sweeps, the sensitive-term list, notifications."""

from django.urls import path

from gongkai.review import console_views as views

urlpatterns = [
    path("findings/", views.findings, name="findings"),
    path("sweeps/", views.sweeps, name="sweeps"),
    path("sweeps/run/", views.sweep_run, name="sweep_run"),
    path("terms/", views.term_list, name="terms"),
    path("terms/new/", views.term_new, name="term_new"),
    path("terms/<int:pk>/edit/", views.term_edit, name="term_edit"),
    path("terms/<int:pk>/delete/", views.term_delete, name="term_delete"),
    path("notifications/", views.notification_list, name="notifications"),
    path("notifications/<int:pk>/read/", views.notification_read, name="notification_read"),
    path("notifications/read/", views.notifications_read_all, name="notifications_read_all"),
]
