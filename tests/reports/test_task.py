"""The build task: claim, progress, store only a complete PDF, fail readably, stay idempotent."""

import hashlib

import pytest

from reports import builder
from reports.build import report_build
from reports.choices import ReportKind, ReportStatus
from reports.models import Report
from reports.services import report_create, report_request
from reports.tasks import report_build as report_build_task


@pytest.fixture
def queued(no_other_apps, tenant_a, program_manager) -> Report:
    return report_create(kind=ReportKind.FINAL, language="en", by=program_manager, draft=True)


def test_task_builds_and_stores_the_pdf_with_checksum_and_size(queued: Report) -> None:
    report_build_task.delay(queued.pk)
    queued.refresh_from_db()
    assert queued.status == ReportStatus.DONE and queued.progress == 100
    data = queued.file.read()
    assert data.startswith(b"%PDF") and len(data) == queued.size
    assert hashlib.sha256(data).hexdigest() == queued.checksum
    assert queued.duration_ms is not None and queued.attempts == 1


def test_a_second_run_of_the_same_report_does_nothing(queued: Report, monkeypatch) -> None:
    report_build(report_id=queued.pk)
    first = Report.objects.get(pk=queued.pk)
    monkeypatch.setattr(builder, "report_pdf_build", lambda **kwargs: pytest.fail("rendered twice"))
    again = report_build(report_id=queued.pk)
    assert again.status == ReportStatus.DONE and again.file.name == first.file.name and again.attempts == 1


def test_failure_leaves_status_failed_with_a_message_and_no_file(queued: Report, monkeypatch, report_media) -> None:
    def explode(**kwargs: object) -> bytes:
        kwargs["progress"](40)
        raise ValueError("font missing")

    monkeypatch.setattr(builder, "report_pdf_build", explode)
    report = report_build(report_id=queued.pk)
    assert report.status == ReportStatus.FAILED
    assert "font missing" in report.error and "could not be built" in report.error
    assert not report.file and report.checksum == ""
    assert not any(report_media.rglob("*.pdf"))


def test_request_queues_the_build_only_after_commit(
    no_other_apps, tenant_a, program_manager, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        report = report_request(kind=ReportKind.CUSTOMER, language="ar", customer=tenant_a, by=program_manager)
    assert report.status == ReportStatus.QUEUED and len(callbacks) == 1
    callbacks[0]()
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE and report.customer == tenant_a


def test_task_of_a_report_sent_from_a_customer_schema_reads_the_public_row(queued: Report, tenant_a) -> None:
    from django_tenants.utils import tenant_context

    with tenant_context(tenant_a.tenant):
        report_build_task.delay(queued.pk)
    queued.refresh_from_db()
    assert queued.status == ReportStatus.DONE


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"kind": "final", "language": "fr"}, "language"),
        ({"kind": "weekly", "language": "en"}, "kind"),
        ({"kind": "customer", "language": "en"}, "customer"),
    ],
)
def test_bad_requests_are_refused_per_field(db, kwargs: dict, field: str) -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        report_create(**kwargs)
    assert field in error.value.message_dict
