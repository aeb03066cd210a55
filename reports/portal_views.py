"""Customer-portal page: the customer downloads its own report."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from reports.downloads import ReportNotReady, report_file_response
from reports.selectors import report_list_for_customer


@require_GET
@login_required
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(report_list_for_customer(customer=request.customer), pk=pk)
    try:
        return report_file_response(report)
    except ReportNotReady:
        return HttpResponse(_("The report is not ready to download yet."), status=409, content_type="text/plain")
