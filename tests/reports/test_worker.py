"""The report is built by a real Celery worker process over the real Redis."""

import hashlib
import time
from pathlib import Path

import pytest

from reports.choices import ReportKind, ReportStatus
from reports.models import Report
from reports.services import report_request


@pytest.fixture
def worker_media(monkeypatch: pytest.MonkeyPatch, settings) -> Path:
    """The worker writes where this test reads (requested before the worker fixture)."""
    monkeypatch.setenv("MEDIA_ROOT", str(settings.MEDIA_ROOT))
    return Path(settings.MEDIA_ROOT)


def _wait_done(report: Report, timeout: float = 60.0) -> Report:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in (ReportStatus.DONE, ReportStatus.FAILED):
            return report
        time.sleep(0.25)
    raise AssertionError(f"report still {report.status} after {timeout} s")


@pytest.mark.worker
def test_a_real_worker_builds_the_final_report(worker_media, celery_worker_process, tenant_a, program_manager):
    report = report_request(
        kind=ReportKind.FINAL, language="ar", by=program_manager, draft=True
    )  # no transaction: queued now

    report = _wait_done(report)

    assert report.status == ReportStatus.DONE, report.error
    assert report.progress == 100
    content = (worker_media / report.file.name).read_bytes()
    assert content.startswith(b"%PDF")
    assert report.size == len(content)
    assert report.checksum == hashlib.sha256(content).hexdigest()
