"""Customer-portal pages: the customer asks for its own report, watches it being built, downloads it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from reports.choices import ReportStatus
from reports.constants import PORTAL_LIST_ROWS
from reports.downloads import ReportNotReady, report_file_response, report_status_payload
from reports.forms import PortalRequestForm
from reports.selectors import report_list_for_customer
from reports.services import ReportQueueUnavailable, ReportRequestLimited, report_request_from_portal

BUILDING = (ReportStatus.QUEUED, ReportStatus.RUNNING)


def _page(request: HttpRequest, *, form: PortalRequestForm | None = None, status: int = 200) -> TemplateResponse:
    reports = list(report_list_for_customer(customer=request.customer)[:PORTAL_LIST_ROWS])
    context = {
        "reports": reports,
        "form": form or PortalRequestForm(initial={"language": get_language()}),
        "building": any(report.status in BUILDING for report in reports),
    }
    return TemplateResponse(request, "reports/portal/list.html", context, status=status)


@require_GET
@login_required
def reports_page(request: HttpRequest) -> TemplateResponse:
    return _page(request)


@login_required  # outermost: a stranger is sent to sign in whatever the method
@require_POST
def report_request(request: HttpRequest) -> HttpResponse:
    """Ask for the customer's own report; a refusal re-renders the page with its reason (4xx)."""
    form = PortalRequestForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, status=400)
    try:
        report_request_from_portal(
            customer=request.customer, language=form.cleaned_data["language"], email=request.user.email
        )
    except ReportRequestLimited as limited:
        messages.error(request, str(limited))
        return _page(request, form=form, status=429)
    except ValidationError as error:
        form.add_error(None, error)
        return _page(request, form=form, status=400)
    except ReportQueueUnavailable:
        messages.error(request, _("Reports cannot be prepared right now; please try again in a few minutes."))
        return _page(request, form=form, status=503)
    messages.success(request, _ready_message(request.user.email))
    return redirect("reports-portal-list")


def _ready_message(email: str) -> str:
    if email:
        return _("We are preparing your report. It appears below when it is ready, and we e-mail %(email)s.") % {
            "email": email
        }
    return _("We are preparing your report. It appears below when it is ready.")


@require_GET
@login_required
def report_status(request: HttpRequest, pk: int) -> JsonResponse:
    report = get_object_or_404(report_list_for_customer(customer=request.customer), pk=pk)
    return JsonResponse(report_status_payload(report, download_route="reports-portal-download"))


@require_GET
@login_required
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(report_list_for_customer(customer=request.customer), pk=pk)
    try:
        return report_file_response(report)
    except ReportNotReady:
        return HttpResponse(_("The report is not ready to download yet."), status=409, content_type="text/plain")
