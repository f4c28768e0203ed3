from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai.console import staff_views, views

app_name = "console"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.password_change, name="password_change"),
    path("agency/", views.agency, name="agency"),
    path("agency/new/", views.agency_new, name="agency_new"),
    path("agency/<str:code>/", views.agency, name="agency_detail"),
    path("agency/<str:code>/edit/", views.agency_edit, name="agency_edit"),
    path("agency/<str:code>/units/new/", views.unit_new, name="unit_new"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("staff/", staff_views.staff_list, name="staff_list"),
    path("staff/new/", staff_views.staff_new, name="staff_new"),
    path("staff/<int:pk>/", staff_views.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/unlock/", staff_views.staff_unlock, name="staff_unlock"),
    path("staff/<int:pk>/password/", staff_views.staff_reset_password, name="staff_password"),
]
