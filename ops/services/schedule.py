"""Registering the code's beat schedule with django-celery-beat, keeping an operator's edits."""

from dataclasses import dataclass, field
from typing import Any

from celery.schedules import crontab
from django.conf import settings
from django.db import transaction
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from ops.models import TaskHeartbeat


@dataclass
class ScheduleSyncResult:
    created: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


@transaction.atomic
def beat_schedule_sync(
    *, entries: dict[str, dict[str, Any]], overrides: dict[str, int] | None = None
) -> ScheduleSyncResult:
    """Create the periodic task of every entry that has none; leave existing ones as the operator set them.

    Only the task path and the description follow the code on existing rows (a renamed task must keep
    running); `enabled`, the interval and the crontab are the operator's. `overrides` (entry → seconds,
    from settings) replaces an entry's schedule on creation only: tests and demos run timers faster.
    """
    result = ScheduleSyncResult()
    for name, entry in entries.items():
        existing = PeriodicTask.objects.filter(name=name).first()
        if existing:
            PeriodicTask.objects.filter(pk=existing.pk).update(task=entry["task"], description=entry["description"])
            result.kept.append(name)
        else:
            _periodic_task_create(name, entry, (overrides or {}).get(name))
            result.created.append(name)
        TaskHeartbeat.objects.get_or_create(name=name, defaults={"task": entry["task"]})
    return result


def _periodic_task_create(name: str, entry: dict[str, Any], override_seconds: int | None) -> PeriodicTask:
    schedule = override_seconds if override_seconds is not None else entry["schedule"]
    fields = {"name": name, "task": entry["task"], "description": entry["description"]}
    if isinstance(schedule, crontab):
        fields["crontab"] = _crontab_get(schedule)
    else:
        fields["interval"], _ = IntervalSchedule.objects.get_or_create(
            every=max(int(schedule), 1), period=IntervalSchedule.SECONDS
        )
    return PeriodicTask.objects.create(**fields)


def _crontab_get(schedule: crontab) -> CrontabSchedule:
    spec = {
        "minute": schedule._orig_minute,
        "hour": schedule._orig_hour,
        "day_of_week": schedule._orig_day_of_week,
        "day_of_month": schedule._orig_day_of_month,
        "month_of_year": schedule._orig_month_of_year,
        "timezone": settings.TIME_ZONE,
    }
    found = CrontabSchedule.objects.filter(**spec).first()
    return found or CrontabSchedule.objects.create(**spec)
