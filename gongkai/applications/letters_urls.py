"""Letters in the applications console (included by console_urls, same namespace)."""

from django.urls import path

from gongkai.applications import letters_views as views

urlpatterns = [
    path("letters/templates/", views.template_list, name="letter_templates"),
    path("letters/templates/<slug:kind>/", views.template_edit, name="letter_template"),
    path(
        "letters/templates/<slug:kind>/<slug:outcome>/",
        views.template_edit,
        name="letter_template_outcome",
    ),
    path("<int:pk>/letters/issue/<slug:kind>/", views.letter_issue, name="letter_issue"),
    path("<int:pk>/letters/<int:letter>/<slug:fmt>/", views.letter_file, name="letter_file"),
]
