from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    """The staff's way through the back office: navigation, language choice, shared page pieces."""

    name = "backoffice"
    verbose_name = _("Back office")
