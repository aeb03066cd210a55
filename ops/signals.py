"""Celery signals: every task sent by beat records a heartbeat (django-celery-beat names it in a header)."""

from typing import Any

from celery import signals

from ops.choices import RunOutcome
from ops.services.heartbeats import heartbeat_finish, heartbeat_start

_OUTCOMES = {"SUCCESS": RunOutcome.SUCCESS, "RETRY": RunOutcome.RETRY}


def _entry_name(task: Any) -> str | None:
    request = getattr(task, "request", None)
    name = getattr(request, "periodic_task_name", None)
    return name or ((getattr(request, "headers", None) or {}).get("periodic_task_name"))


@signals.task_prerun.connect
def _heartbeat_on_start(task: Any = None, **kwargs: Any) -> None:
    name = _entry_name(task)
    if name:
        heartbeat_start(name=name, task=task.name)


@signals.task_postrun.connect
def _heartbeat_on_finish(task: Any = None, state: str | None = None, retval: Any = None, **kwargs: Any) -> None:
    name = _entry_name(task)
    if name:
        outcome = _OUTCOMES.get(state or "", RunOutcome.FAILURE)
        heartbeat_finish(name=name, outcome=outcome, error="" if outcome != RunOutcome.FAILURE else repr(retval))
