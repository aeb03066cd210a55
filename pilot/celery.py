"""The Celery app. Tenant-aware: a task runs in the schema it was sent from."""

import os
from logging.config import dictConfig
from typing import Any

from celery.signals import beat_init, setup_logging, worker_process_init
from django.conf import settings as django_settings
from tenant_schemas_celery.app import CeleryApp

from pilot.tracing import tracing_configure

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


def task_route(name: str, args: Any, kwargs: Any, options: Any, task: Any = None, **kw: Any) -> dict | None:
    """Report builds go to their own queue (settings.REPORTS_QUEUE); everything else to the default one.
    Read at every send, so a test can point reports at a queue of its own."""
    if name == "reports.tasks.report_build":
        return {"queue": django_settings.REPORTS_QUEUE}
    return None


@worker_process_init.connect
def tracing_in_worker(**kwargs: Any) -> None:
    """Each worker child (prefork) or the worker itself (solo) exports its spans, when OTLP is configured."""
    tracing_configure(service_name="pilot-worker")


@beat_init.connect
def tracing_in_beat(**kwargs: Any) -> None:
    tracing_configure(service_name="pilot-beat")
