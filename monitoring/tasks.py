"""Celery tasks of the monitoring app: thin wrappers around services."""

from celery import shared_task

from monitoring.constants import PULL_MAX_RETRIES
from monitoring.services import metrics_pull_run
from monitoring.services.health import health_refresh_all


def retry_countdown(retries: int) -> int:
    """Exponential backoff: 30 s, 60 s, 120 s — all inside the 5-minute beat interval."""
    return 30 * 2**retries


@shared_task(name="monitoring.tasks.metrics_pull", bind=True, ignore_result=True, max_retries=PULL_MAX_RETRIES)
def metrics_pull(self) -> dict:
    """Beat runs this every 5 minutes (pilot/schedule.py). A Prometheus outage is recorded by the
    service and retried with backoff; once retries are spent the next beat run back-fills the gap."""
    result = metrics_pull_run()
    if result.retryable and self.request.retries < self.max_retries:
        raise self.retry(countdown=retry_countdown(self.request.retries))
    if result.ok and not result.skipped:
        health_refresh_all_task.delay()  # new usage and SLO samples: the health scores follow
    return {"ok": result.ok, "queries": result.queries, "samples": result.samples, "error": result.error}


@shared_task(name="monitoring.tasks.health_refresh_all", ignore_result=True)
def health_refresh_all_task() -> int:
    """Hourly (pilot/schedule.py) and after every metric pull that fetched something."""
    return health_refresh_all()
