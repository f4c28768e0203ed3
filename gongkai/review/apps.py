from django.apps import AppConfig


class ReviewConfig(AppConfig):
    name = "gongkai.review"
    # Not marked for translation yet: the zh-hans catalogue gets the app's strings with its UI.
    verbose_name = "保密审查 (confidentiality and privacy review)"
