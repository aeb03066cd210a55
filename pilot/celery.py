"""The Celery app. Tenant-aware: a task runs in the schema it was sent from."""

import os
from logging.config import dictConfig
from typing import Any

from celery.signals import setup_logging
from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilot.settings")

app = CeleryApp("pilot")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def logging_from_settings(**kwargs: Any) -> None:
    """Workers and beat log like the web (settings.LOGGING: JSON lines on stdout with the task's id), not in
    Celery's own format; a receiver of this signal stops Celery from configuring logging (LOG_LEVEL sets the level)."""
    from django.conf import settings

    dictConfig(settings.LOGGING)
