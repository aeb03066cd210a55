from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FarmsConfig(AppConfig):
    name = "farms"
    verbose_name = _("Farm set-up")
