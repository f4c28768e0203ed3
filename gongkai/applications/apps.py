from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    verbose_name = _("disclosure on application")

    def ready(self) -> None:
        # Open deadlines follow calendar changes (recompute.py).
        from gongkai.applications import recompute

        recompute.connect()
