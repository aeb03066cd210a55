"""A report whose worker is SIGKILLed mid-build ends failed, with a retry, within minutes — never running forever."""

import os
import signal
import time

import pytest

from reports.build import report_sweep_stale
from reports.choices import ReportKind, ReportStatus
from reports.models import Report
from reports.services import report_request
from tests.reports.test_worker import worker_media  # noqa: F401  (fixture)

STALE_AFTER = 3  # seconds in this test; 120 in production (settings.REPORT_STALE_AFTER_SECONDS)


def _wait_status(report: Report, status: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status == status:
            return
        time.sleep(0.02)
    raise AssertionError(f"report still {report.status}, not {status}, after {timeout} s")


@pytest.mark.worker
@pytest.mark.usefixtures("worker_media")
def test_report_of_a_killed_worker_becomes_failed_with_a_retry(
    celery_worker_process, tenant_a, tenant_b, program_manager, pm_client, settings
) -> None:
    settings.REPORT_STALE_AFTER_SECONDS = STALE_AFTER
    report = report_request(kind=ReportKind.FINAL, language="ar", by=program_manager, draft=True)
    _wait_status(report, ReportStatus.RUNNING, timeout=60)
    os.killpg(celery_worker_process.pid, signal.SIGKILL)
    killed_at = time.monotonic()

    while report_sweep_stale() == 0:  # what beat runs every minute
        assert time.monotonic() - killed_at < STALE_AFTER + 10, "never swept"
        time.sleep(0.2)

    report.refresh_from_db()
    print(f"killed report failed after {time.monotonic() - killed_at:.1f} s (stale limit {STALE_AFTER} s)")
    assert report.status == ReportStatus.FAILED
    assert "stopped" in report.error
    assert not report.file
    page = pm_client.get("/admin/reports/").content.decode()
    assert 'class="js-retry"' in page


def test_sweeper_leaves_fresh_and_finished_reports_alone(tenant_a, settings) -> None:
    settings.REPORT_STALE_AFTER_SECONDS = 120
    running = Report.objects.create(kind=ReportKind.FINAL, language="en", status=ReportStatus.RUNNING)
    Report.objects.filter(pk=running.pk).update(started_at=running.created_at)
    done = Report.objects.create(kind=ReportKind.FINAL, language="en", status=ReportStatus.DONE)
    assert report_sweep_stale() == 0
    running.refresh_from_db()
    assert running.status == ReportStatus.RUNNING
    assert Report.objects.get(pk=done.pk).status == ReportStatus.DONE
