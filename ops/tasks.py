"""Celery tasks of the ops app: thin wrappers around the outbox services."""

from celery import shared_task

from ops.services import outbox_deliver as outbox_deliver_service
from ops.services import outbox_flush as outbox_flush_service


@shared_task(name="ops.tasks.outbox_deliver", ignore_result=True)
def outbox_deliver(message_id: int) -> bool:
    """Deliver one message now. Safe twice: the row is locked and marked sent in one transaction."""
    return outbox_deliver_service(message_id=message_id)


@shared_task(name="ops.tasks.outbox_flush", ignore_result=True)
def outbox_flush() -> int:
    """Beat runs this every 30 s (pilot/schedule.py): whatever is pending and due, with backoff."""
    return outbox_flush_service()
