from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    verbose_name = _("Public portal")

    def ready(self) -> None:
        from gongkai.portal import signals  # noqa: F401  (forget stale page snapshots)
