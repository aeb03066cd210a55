"""Celery tasks of the incidents app: thin wrappers around services."""

from celery import shared_task

from incidents.services import incident_timers_run as timers_pass


@shared_task(name="incidents.tasks.incident_timers_run", ignore_result=True)
def incident_timers_run() -> dict:
    """Beat runs this every minute (pilot/schedule.py); safe to overlap and to retry."""
    return vars(timers_pass())
