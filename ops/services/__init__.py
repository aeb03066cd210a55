from ops.services.heartbeats import heartbeat_finish, heartbeat_start
from ops.services.outbox import (
    outbox_after_sent_register,
    outbox_deliver,
    outbox_email_queue,
    outbox_flush,
    outbox_retry,
    outbox_webhook_queue,
)
from ops.services.schedule import beat_schedule_sync

__all__ = [
    "beat_schedule_sync",
    "heartbeat_finish",
    "heartbeat_start",
    "outbox_after_sent_register",
    "outbox_deliver",
    "outbox_email_queue",
    "outbox_flush",
    "outbox_retry",
    "outbox_webhook_queue",
]
