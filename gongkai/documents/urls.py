from django.urls import path

from gongkai.documents import statistics_views, views

app_name = "documents"
urlpatterns = [
    path("", views.record_list, name="list"),
    path("work/", views.record_work, name="work"),
    path("new/", views.record_new, name="new"),
    path("<int:pk>/", views.record_detail, name="detail"),
    path("<int:pk>/edit/", views.record_edit, name="edit"),
    path("<int:pk>/step/<slug:step>/", views.record_step, name="step"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path(
        "<int:pk>/attachments/<int:attachment>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path(
        "<int:pk>/attachments/<int:attachment>/remove/",
        views.attachment_remove,
        name="attachment_remove",
    ),
    path("<int:pk>/wechat/", views.record_wechat, name="wechat"),
    path("statistics/", statistics_views.statistics, name="statistics"),
    path("columns/", views.column_list, name="columns"),
    path("columns/new/", views.column_new, name="column_new"),
    path("columns/<int:pk>/edit/", views.column_edit, name="column_edit"),
    path("columns/install/", views.columns_install, name="columns_install"),
]
