"""Serving a report's PDF: always through the app (permission checked by the caller), never a public URL."""

from django.http import FileResponse
from django.urls import reverse

from reports.models import Report


class ReportNotReady(Exception):
    """The report has no file yet (queued, running or failed)."""


def report_filename(report: Report) -> str:
    subject = report.customer.slug if report.customer_id else "final"
    day = report.created_at.date().isoformat()
    return f"aquafarm-pilot-report-{subject}-{report.language}-{day}.pdf"


def report_file_response(report: Report) -> FileResponse:
    if not report.is_done:
        raise ReportNotReady(report.status)
    response = FileResponse(
        report.file.open("rb"), as_attachment=True, filename=report_filename(report), content_type="application/pdf"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def report_status_payload(report: Report, *, download_route: str) -> dict[str, object]:
    """What the progress polling of a page reads: status, progress and, once done, where to download."""
    download = reverse(download_route, args=[report.pk]) if report.is_done else None
    return {
        "id": report.pk,
        "status": report.status,
        "status_display": report.get_status_display(),
        "progress": report.progress,
        "download_url": download,
    }
