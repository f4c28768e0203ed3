from django.urls import path

from gongkai.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.record_list, name="list"),
    path("<int:pk>/", views.record_detail, name="detail"),
]
