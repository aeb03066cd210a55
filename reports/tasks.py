"""Celery tasks of the reports app: fetch by id, call the service."""

from celery import shared_task

from reports.services import report_build as report_build_service


@shared_task(name="reports.tasks.report_build", ignore_result=True, acks_late=True)
def report_build(report_id: int) -> str:
    """Build one report. Safe to run twice: the service claims the row before rendering."""
    return report_build_service(report_id=report_id).status
