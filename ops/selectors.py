"""Reads of the ops app: heartbeats of periodic tasks and the state of the outbox."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone

from core.schemas import public_schema
from ops import constants
from ops.choices import MessageStatus
from ops.models import OutgoingMessage, TaskHeartbeat


@dataclass(frozen=True)
class Staleness:
    stale: bool
    last_run_at: dt.datetime | None  # None: never ran (or never registered)


def heartbeat_stale(*, name: str, after_seconds: int, now: dt.datetime | None = None) -> Staleness:
    """Whether the beat entry `name` has been silent for longer than `after_seconds`.

    A task that never ran counts from its registration (`beat_schedule_sync` at deploy), so a fresh
    deployment is not reported stopped before it had a chance to run; an unregistered entry is stale.
    """
    now = now or timezone.now()
    with public_schema():
        beat = TaskHeartbeat.objects.filter(name=name).first()
    if beat is None:
        return Staleness(stale=True, last_run_at=None)
    runs = [moment for moment in (beat.last_started_at, beat.last_finished_at) if moment]
    last_run = max(runs) if runs else None
    silent_since = last_run or beat.registered_at
    return Staleness(stale=(now - silent_since).total_seconds() > after_seconds, last_run_at=last_run)


def timers_staleness(*, now: dt.datetime | None = None) -> Staleness:
    """Whether the incident timers have been silent too long (readyz, the dashboard's banner)."""
    after = getattr(settings, "TIMERS_STALE_AFTER_SECONDS", constants.TIMERS_STALE_AFTER_SECONDS)
    return heartbeat_stale(name=constants.TIMERS_SCHEDULE_ENTRY, after_seconds=after, now=now)


def outbox_counts() -> dict[str, int]:
    """Messages waiting and messages that failed for good (staff see both in the back office)."""
    with public_schema():
        return OutgoingMessage.objects.aggregate(
            pending=Count("pk", filter=Q(status=MessageStatus.PENDING)),
            failed=Count("pk", filter=Q(status=MessageStatus.FAILED)),
        )
