from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkReportConfig(AppConfig):
    name = "gongkai.workreport"
    verbose_name = _("yearly work report")
