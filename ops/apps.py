from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running the portal: the outbox of outgoing messages and the heartbeats of periodic tasks."""

    name = "ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from core.permissions import permission_signals_connect
        from ops import signals, tasks  # noqa: F401  (heartbeat signals; tasks registered for the outbox kick)

        # In every process that can change grants (web, workers, commands): kept permission sets are re-read.
        permission_signals_connect()
