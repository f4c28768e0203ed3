from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gongkai.accounts"
    verbose_name = _("Agencies and staff")

    def ready(self) -> None:
        from gongkai.accounts import signals  # noqa: F401  (login events go to the audit trail)
