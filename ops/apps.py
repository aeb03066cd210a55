from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the portal: the outbox of outgoing messages and the heartbeats of periodic tasks."""

    name = "ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from ops import signals, tasks  # noqa: F401  (heartbeat signals; tasks registered for the outbox kick)
