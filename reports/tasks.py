"""Celery tasks of the reports app: fetch by id, call the service."""

from celery import Task, shared_task
from django.conf import settings

from reports.build import report_build as report_build_service
from reports.build import report_sweep_stale as report_sweep_stale_service
from reports.choices import ReportStatus


@shared_task(bind=True, name="reports.tasks.report_build", ignore_result=True, acks_late=True, max_retries=3)
def report_build(self: Task, report_id: int) -> str:
    """Build one report. Safe to run twice: the service claims the row before rendering.

    A delivery that finds the report running under another claim (a redelivery after its worker
    died) looks again once that claim can be stale, instead of being acknowledged as done.
    """
    report = report_build_service(report_id=report_id)
    if report.status == ReportStatus.RUNNING:
        raise self.retry(countdown=settings.REPORT_STALE_AFTER_SECONDS + 1)
    return report.status


@shared_task(name="reports.tasks.report_sweep_stale", ignore_result=True)
def report_sweep_stale() -> int:
    return report_sweep_stale_service()
