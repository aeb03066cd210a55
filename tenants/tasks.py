from celery import shared_task
from django.contrib.auth import get_user_model
from django.db import connection


@shared_task
def schema_probe() -> dict:
    """Report the schema this task ran in (used to check tenant-aware task routing)."""
    return {"schema": connection.schema_name, "users": get_user_model().objects.count()}
