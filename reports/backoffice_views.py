"""Back-office pages: generate a report, watch its progress, download it, see the history."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from reports.choices import ReportKind, ReportLanguage
from reports.downloads import ReportNotReady, report_file_response
from reports.models import Report
from reports.selectors import report_list
from reports.services import ReportQueueUnavailable, report_request
from tenants.selectors import customer_list_provisioned

HISTORY_ROWS = 50


def _require(request: HttpRequest, action: str) -> None:
    if not request.user.has_perm(f"reports.{action}_report"):
        raise PermissionDenied


def _status(report: Report) -> dict:
    download = reverse("reports-backoffice-download", args=[report.pk]) if report.is_done else None
    return {
        "id": report.pk,
        "status": report.status,
        "status_display": report.get_status_display(),
        "progress": report.progress,
        "error": report.error,
        "download_url": download,
    }


@require_GET
def reports_home(request: HttpRequest) -> TemplateResponse:
    _require(request, "view")
    context = {
        **admin.site.each_context(request),
        "title": _("PDF reports"),
        "reports": report_list()[:HISTORY_ROWS],
        "customers": customer_list_provisioned(),
        "languages": ReportLanguage.choices,
        "can_add": request.user.has_perm("reports.add_report"),
    }
    return TemplateResponse(request, "reports/backoffice/home.html", context)


@require_POST
def report_generate(request: HttpRequest) -> HttpResponse:
    _require(request, "add")
    slug = request.POST.get("customer", "")
    customer = customer_list_provisioned().filter(slug=slug).first() if slug else None
    if slug and customer is None:
        messages.error(request, _("Unknown customer %(slug)s.") % {"slug": slug})
        return redirect("reports-backoffice-home")
    kind = ReportKind.CUSTOMER if customer else ReportKind.FINAL
    try:
        report_request(kind=kind, language=request.POST.get("language", ""), customer=customer, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except ReportQueueUnavailable:
        messages.error(request, _("The report queue is unavailable; please try again in a few minutes."))
    else:
        messages.success(request, _("The report is being generated."))
    return redirect("reports-backoffice-home")


@require_GET
def report_status(request: HttpRequest, pk: int) -> JsonResponse:
    _require(request, "view")
    return JsonResponse(_status(get_object_or_404(Report, pk=pk)))


@require_GET
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "view")
    try:
        return report_file_response(get_object_or_404(report_list(), pk=pk))
    except ReportNotReady:
        return HttpResponse(_("The report is not ready to download yet."), status=409, content_type="text/plain")
