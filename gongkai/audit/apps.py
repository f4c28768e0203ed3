from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "gongkai.audit"
    verbose_name = _("Audit trail")

    def ready(self) -> None:
        from gongkai.audit import signals  # noqa: F401  (refuses raw saves from loaddata)
