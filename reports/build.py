"""The report's build job, the body of the Celery task: claim the row, render, store the file, record
the outcome. Kept apart from reports.services (which queues this job) so that the task module and the
services that queue it do not import each other."""

import hashlib
import logging
import secrets
import time
from datetime import datetime, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ops.services import outbox_email_queue
from reports import builder
from reports.choices import ReportStatus
from reports.constants import ERROR_MAX_LENGTH, PORTAL_PATH, PROGRESS_DONE, READY_EMAIL_KIND, STORAGE_PREFIX
from reports.models import Report
from tenants.services.provisioning import portal_url

logger = logging.getLogger(__name__)


def _claim(report_id: int) -> bool:
    """queued → running, or re-claim a running report whose worker died (acks_late redelivery).

    The conditional UPDATE is the lock: of two deliveries of the same task only one gets row count 1.
    """
    now = timezone.now()
    claimable = Q(status=ReportStatus.QUEUED) | Q(status=ReportStatus.RUNNING, started_at__lt=_stale_before(now))
    updated = Report.objects.filter(claimable, pk=report_id).update(
        status=ReportStatus.RUNNING, started_at=now, progress=5, error="", attempts=F("attempts") + 1
    )
    return updated == 1


def _stale_before(now: datetime) -> datetime:
    return now - timedelta(seconds=settings.REPORT_STALE_AFTER_SECONDS)


def report_sweep_stale() -> int:
    """Mark failed every report still running past the stale limit: its worker died (beat, every minute).

    The conditional UPDATE is race-safe against a worker finishing at the same moment: a report
    that became done is no longer running and is left alone. Returns how many were failed.
    """
    return Report.objects.filter(status=ReportStatus.RUNNING, started_at__lt=_stale_before(timezone.now())).update(
        status=ReportStatus.FAILED,
        error=_("The worker building this report stopped before it finished. Generate it again."),
        finished_at=timezone.now(),
    )


def _progress_set(report_id: int, percent: int) -> None:
    Report.objects.filter(pk=report_id, status=ReportStatus.RUNNING).update(progress=percent)


def report_fail(report_id: int, message: str) -> None:
    Report.objects.filter(pk=report_id).exclude(status=ReportStatus.DONE).update(
        status=ReportStatus.FAILED, error=message[:ERROR_MAX_LENGTH], finished_at=timezone.now()
    )


def _file_name(report: Report) -> str:
    # The random part keeps names unguessable and lets a rebuilt report never overwrite an old file.
    subject = report.customer.slug if report.customer_id else "final"
    return f"{STORAGE_PREFIX}/{report.pk}-{subject}-{report.language}-{secrets.token_hex(8)}.pdf"


def _file_store(report: Report, pdf: bytes, started: float) -> None:
    """Save the finished PDF, then mark the row done; a row we no longer own gets no file."""
    storage = report.file.storage
    name = storage.save(_file_name(report), ContentFile(pdf))
    try:
        with transaction.atomic():
            done = Report.objects.filter(pk=report.pk, status=ReportStatus.RUNNING).update(
                status=ReportStatus.DONE,
                file=name,
                checksum=hashlib.sha256(pdf).hexdigest(),
                size=len(pdf),
                progress=PROGRESS_DONE,
                finished_at=timezone.now(),
                duration_ms=int((time.monotonic() - started) * 1000),
            )
            if done == 1 and report.notify_email:
                _ready_email_queue(report)
    except Exception:
        storage.delete(name)
        raise
    if done != 1:
        storage.delete(name)


def _ready_email_queue(report: Report) -> None:
    """Tell the customer who asked that the report waits on the portal (the e-mail carries no file)."""
    domain = report.customer.tenant.get_primary_domain().domain
    context = {"report": report, "customer": report.customer, "link": portal_url(domain, PORTAL_PATH)}
    with translation.override(report.language):
        subject = render_to_string("reports/email/ready_subject.txt", context).strip()
        body = render_to_string("reports/email/ready.txt", context)
    outbox_email_queue(
        kind=READY_EMAIL_KIND,
        to=report.notify_email,
        subject=subject,
        body=body,
        language=report.language,
        topic=f"report:{report.pk}",
    )


def report_build(*, report_id: int) -> Report:
    """Render a claimed report and store it. Idempotent: a report already running or finished is left alone.

    The file is written only after the PDF rendered completely; on any error the report ends failed
    with a readable message and no file.
    """
    if _claim(report_id):
        report = Report.objects.select_related("customer__tenant").get(pk=report_id)
        started = time.monotonic()
        try:
            pdf = builder.report_pdf_build(
                language=report.language,
                customer=report.customer,
                draft=report.draft,
                progress=lambda percent: _progress_set(report_id, percent),
            )
            _file_store(report, pdf, started)
        except Exception as error:
            logger.exception("report %s failed", report_id)
            report_fail(report_id, _("The report could not be built: %(error)s") % {"error": _error_text(error)})
    return Report.objects.get(pk=report_id)


def _error_text(error: Exception) -> str:
    return f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
