"""The outbox: every message the portal sends is a row first, delivered by Celery with retries.

Why: a message queued with `.delay()` after commit is lost when Redis is down at that moment, and a
message sent inside a request makes the user wait on SMTP. Here the row is written in the caller's
transaction; after commit a delivery task is tried once, without waiting (a broker that refuses is
left alone for a while), and the periodic flush delivers whatever is still pending.

Delivery is at most once per row: the row is locked (`SELECT … FOR UPDATE SKIP LOCKED`) while it is
sent and marked sent in the same transaction, so a task delivered twice finds nothing to do. Only a
crash between the SMTP server's acceptance and that commit can send a message twice.
"""

import datetime as dt
import logging
import time
from collections.abc import Callable
from typing import Any

from celery import current_app
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from core.schemas import current_schema_name, public_schema, schema_named
from ops import constants
from ops.choices import Channel, MessageStatus
from ops.models import OutgoingMessage
from ops.webhooks import WebhookRefused, webhook_send

logger = logging.getLogger(__name__)
DELIVER_TASK = "ops.tasks.outbox_deliver"
_after_sent: dict[str, Callable[[OutgoingMessage], None]] = {}
_broker_refused_until = 0.0


def _setting(name: str) -> int:
    return int(getattr(settings, name, getattr(constants, name)))


def outbox_after_sent_register(kind: str, hook: Callable[[OutgoingMessage], None]) -> None:
    """Run `hook(message)` in the message's schema when a message of `kind` has been delivered."""
    _after_sent[kind] = hook


def outbox_email_queue(
    *,
    kind: str,
    to: str,
    subject: str,
    body: str,
    html: str = "",
    language: str = "",
    topic: str = "",
    secret: bool = False,
    payload: dict[str, Any] | None = None,
) -> OutgoingMessage:
    """Queue one e-mail; it leaves after the current transaction commits."""
    return _queue(
        channel=Channel.EMAIL,
        kind=kind,
        recipient=to,
        subject=subject[:300],
        body=body,
        html=html,
        language=language,
        topic=topic,
        secret=secret,
        payload=payload or {},
    )


def outbox_webhook_queue(*, kind: str, url: str, payload: dict[str, Any], topic: str = "") -> OutgoingMessage:
    """Queue one JSON POST to `url`; it leaves after the current transaction commits."""
    return _queue(channel=Channel.WEBHOOK, kind=kind, recipient=url, payload=payload, topic=topic)


def _queue(**fields: object) -> OutgoingMessage:
    message = OutgoingMessage.objects.create(schema_name=current_schema_name(), **fields)
    transaction.on_commit(lambda: _delivery_kick(message.pk))
    return message


def _delivery_kick_of(pk: int) -> Callable[[], None]:
    return lambda: _delivery_kick(pk)


def _delivery_kick(message_id: int) -> None:
    """Ask a worker to deliver now; never waits on a broker that is down (the flush will deliver)."""
    global _broker_refused_until
    if time.monotonic() < _broker_refused_until:
        return
    try:
        current_app.tasks[DELIVER_TASK].apply_async((message_id,), retry=False)
    except Exception:  # broker down or unreachable: the periodic flush picks the row up
        _broker_refused_until = time.monotonic() + _setting("BROKER_BACKOFF_SECONDS")
        logger.warning("Broker refused outbox message %s; the flush will deliver it", message_id, exc_info=True)


def outbox_deliver(*, message_id: int, now: dt.datetime | None = None) -> bool:
    """Deliver one pending message; False when it is not pending (sent, failed, or being sent elsewhere)."""
    with public_schema(), transaction.atomic():
        message = (
            OutgoingMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, status=MessageStatus.PENDING)
            .first()
        )
        if message is None:
            return False
        try:
            _send(message)
        except Exception as exc:  # any failure of the outside world is retried later
            _failure_record(message, exc, now or timezone.now())
            return False
        _sent_record(message, now or timezone.now())
    return True


def outbox_flush(*, now: dt.datetime | None = None) -> int:
    """Deliver every pending message whose time has come; returns how many were sent."""
    now = now or timezone.now()
    with public_schema():
        due = (
            OutgoingMessage.objects.filter(status=MessageStatus.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at", "pk")
            .values_list("pk", flat=True)
        )
        ids = list(due[: _setting("OUTBOX_FLUSH_BATCH")])
    return sum(outbox_deliver(message_id=pk, now=now) for pk in ids)


def outbox_retry(*, messages: list[OutgoingMessage]) -> int:
    """Staff's *retry*: failed (or waiting) messages go back to pending, due now, with fresh attempts."""
    ids = [message.pk for message in messages if message.status != MessageStatus.SENT]
    count = (
        OutgoingMessage.objects.filter(pk__in=ids)
        .exclude(status=MessageStatus.SENT)
        .update(status=MessageStatus.PENDING, attempts=0, next_attempt_at=timezone.now())
    )
    for pk in ids:
        transaction.on_commit(_delivery_kick_of(pk))
    return count


def _send(message: OutgoingMessage) -> None:
    if message.channel == Channel.WEBHOOK:
        webhook_send(url=message.recipient, payload=message.payload)
        return
    email = EmailMultiAlternatives(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.recipient])
    if message.html:
        email.attach_alternative(message.html, "text/html")
    email.send()


def _sent_record(message: OutgoingMessage, now: dt.datetime) -> None:
    message.status, message.sent_at, message.attempts = MessageStatus.SENT, now, message.attempts + 1
    message.last_error = ""
    if message.secret:
        message.body = message.html = ""
    message.save(update_fields=["status", "sent_at", "attempts", "last_error", "body", "html"])
    hook = _after_sent.get(message.kind)
    if hook:
        _hook_run(hook, message)


def _hook_run(hook: Callable[[OutgoingMessage], None], message: OutgoingMessage) -> None:
    # A savepoint: a failing hook must not roll back the record that the message went out.
    try:
        with transaction.atomic(), schema_named(message.schema_name):
            hook(message)
    except Exception:
        logger.exception("After-delivery hook of outbox message %s failed", message.pk)


def _failure_record(message: OutgoingMessage, exc: Exception, now: dt.datetime) -> None:
    message.attempts += 1
    message.last_error = f"{exc.__class__.__name__}: {exc}"[:2000]
    # A webhook to a refused address (SSRF guard) will never succeed: failed at once, for staff to see.
    if message.attempts >= _setting("OUTBOX_MAX_ATTEMPTS") or isinstance(exc, WebhookRefused):
        message.status = MessageStatus.FAILED
        logger.error("Outbox message %s failed for good: %s", message.pk, message.last_error)
    else:
        message.next_attempt_at = now + dt.timedelta(seconds=retry_delay_seconds(message.attempts))
    message.save(update_fields=["attempts", "last_error", "status", "next_attempt_at"])


def retry_delay_seconds(attempts: int) -> int:
    """Exponential backoff after the n-th failed attempt: base, 2×base, 4×base … capped."""
    backoff: int = _setting("OUTBOX_RETRY_BASE_SECONDS") * 2 ** (attempts - 1)
    return min(backoff, _setting("OUTBOX_RETRY_MAX_SECONDS"))
