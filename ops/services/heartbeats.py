"""Heartbeats of periodic tasks: when each beat entry last ran and how it ended."""

from django.db.models import F
from django.utils import timezone

from core.schemas import public_schema
from ops.choices import RunOutcome
from ops.models import TaskHeartbeat


def heartbeat_start(*, name: str, task: str) -> None:
    with public_schema():
        TaskHeartbeat.objects.update_or_create(
            name=name, defaults={"task": task, "last_started_at": timezone.now(), "last_outcome": RunOutcome.RUNNING}
        )


def heartbeat_finish(*, name: str, outcome: str, error: str = "") -> None:
    with public_schema():
        TaskHeartbeat.objects.filter(name=name).update(
            last_finished_at=timezone.now(), last_outcome=outcome, last_error=error[:2000], runs=F("runs") + 1
        )
