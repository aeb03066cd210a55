"""Serving a report's PDF: always through the app (permission checked by the caller), never a public URL."""

from django.http import FileResponse

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
