from celery import shared_task
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection

from tenants.services.backup import customer_backup_all as backup_all


@shared_task
def schema_probe() -> dict:
    """Report the schema this task ran in (used to check tenant-aware task routing)."""
    return {"schema": connection.schema_name, "users": get_user_model().objects.count()}


@shared_task(name="tenants.tasks.customer_backup_all", ignore_result=True)
def customer_backup_all() -> int:
    """Nightly: a verified backup of every customer into BACKUP_DIR, keeping the last BACKUP_KEEP."""
    return len(backup_all(keep=settings.BACKUP_KEEP))
