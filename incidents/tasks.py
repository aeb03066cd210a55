"""Celery tasks of the incidents app: thin wrappers around services."""

from celery import shared_task

from incidents.services import incident_counts_compact as counts_compact
from incidents.services import incident_timers_run as timers_pass


@shared_task(name="incidents.tasks.incident_timers_run", ignore_result=True)
def incident_timers_run() -> dict:
    """Beat runs this every minute (pilot/schedule.py); safe to overlap and to retry."""
    return vars(timers_pass())


@shared_task(name="incidents.tasks.incident_counts_compact", ignore_result=True)
def incident_counts_compact() -> int:
    """Beat runs this every 5 minutes (pilot/schedule.py); safe to overlap and to retry."""
    return counts_compact()
