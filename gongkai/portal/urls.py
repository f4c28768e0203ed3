from django.contrib.auth.decorators import login_not_required
from django.urls import path

from gongkai.portal import feeds, views
from gongkai.portal.sitemaps import sitemap_xml

app_name = "portal"
urlpatterns = [
    path("columns/<int:pk>/", views.column_detail, name="column"),
    path("records/<int:pk>/", views.record_detail, name="record"),
    path("records/<int:pk>/print/", views.record_print, name="record_print"),
    path(
        "records/<int:pk>/files/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment",
    ),
    path("search/", views.search, name="search"),
    path("xxgk/<str:code>/", views.xxgk, name="xxgk"),
    path("xxgk/<str:code>/guide/", views.guide, name="guide"),
    path("xxgk/<str:code>/catalogue/", views.catalogue, name="catalogue"),
    path("xxgk/<str:code>/catalogue.xlsx", views.catalogue_xlsx, name="catalogue_xlsx"),
    path("feeds/latest/", login_not_required(feeds.LatestFeed()), name="feed_latest"),
    path("feeds/columns/<int:pk>/", login_not_required(feeds.ColumnFeed()), name="feed_column"),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
]
