"""The Celery app. Tenant-aware: a task runs in the schema it was sent from."""

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilot.settings")

app = CeleryApp("pilot")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
