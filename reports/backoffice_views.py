"""Back-office pages: write the final report's text, generate a report (draft or final), watch its
progress, download it, see the history."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from reports.choices import ReportKind, ReportLanguage
from reports.downloads import ReportNotReady, report_file_response, report_status_payload
from reports.forms import NARRATIVE_FIELDS, NarrativeForm
from reports.models import Report
from reports.selectors import report_list, report_narrative_get
from reports.services import ReportQueueUnavailable, report_narrative_save, report_request
from tenants.selectors import customer_list_provisioned

HISTORY_ROWS = 50


def _require(request: HttpRequest, action: str) -> None:
    if not request.user.has_perm(f"reports.{action}_report"):
        raise PermissionDenied


def _customer_choices() -> list[tuple[str, str]]:
    """(slug, label) of each customer a report can be generated for: fifty customers' labels translated by one
    lookup of the wording, not one {% blocktranslate %} per option."""
    wording = _("Customer report — %(name)s")
    customers = customer_list_provisioned().select_related(None).only("slug", "name_en", "name_ar")
    return [(customer.slug, wording % {"name": customer.name}) for customer in customers]


def _home(request: HttpRequest, *, form: NarrativeForm | None = None, status: int = 200) -> TemplateResponse:
    narrative = report_narrative_get()
    context = {
        **admin.site.each_context(request),
        "title": _("PDF reports"),
        "reports": report_list()[:HISTORY_ROWS],
        "customers": _customer_choices(),
        "languages": ReportLanguage.choices,
        "can_add": request.user.has_perm("reports.add_report"),
        "can_write": request.user.has_perm("reports.change_reportnarrative"),
        "narrative": narrative,
        "narrative_form": form or NarrativeForm(instance=narrative),
    }
    return TemplateResponse(request, "reports/backoffice/home.html", context, status=status)


@require_GET
def reports_home(request: HttpRequest) -> TemplateResponse:
    _require(request, "view")
    return _home(request)


@require_POST
def report_narrative_edit(request: HttpRequest) -> HttpResponse:
    """Save the written parts as a draft; a bad field answers 400 with its message, nothing saved."""
    if not request.user.has_perm("reports.change_reportnarrative"):
        raise PermissionDenied
    form = NarrativeForm(request.POST, instance=report_narrative_get())
    if form.is_valid():
        try:
            report_narrative_save(texts=form.cleaned_data, by=request.user)
        except ValidationError as error:
            _errors_apply(form, error)
    if form.errors:
        return _home(request, form=form, status=400)
    messages.success(request, _("The report text is saved (draft)."))
    return redirect("reports-backoffice-home")


def _errors_apply(form: NarrativeForm, error: ValidationError) -> None:
    for field, errors in error.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


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
        report_request(
            kind=kind,
            language=request.POST.get("language", ""),
            customer=customer,
            by=request.user,
            draft=request.POST.get("version") == "draft",
        )
    except ValidationError as error:
        return _generate_refused(request, error)
    except ReportQueueUnavailable:
        messages.error(request, _("The report queue is unavailable; please try again in a few minutes."))
    else:
        messages.success(request, _("The report is being generated."))
    return redirect("reports-backoffice-home")


def _generate_refused(request: HttpRequest, error: ValidationError) -> TemplateResponse:
    """400 with the page: the written parts the final report lacks are marked on their boxes."""
    narrative = report_narrative_get()
    form = NarrativeForm({name: getattr(narrative, name) for name in NARRATIVE_FIELDS}, instance=narrative)
    form.is_valid()  # the saved text is valid; the refusal's errors go on the boxes below
    _errors_apply(form, error)
    return _home(request, form=form, status=400)


@require_GET
def report_status(request: HttpRequest, pk: int) -> JsonResponse:
    _require(request, "view")
    report = get_object_or_404(Report, pk=pk)
    # Staff also read why a build failed; customers never see the error text.
    return JsonResponse(
        {**report_status_payload(report, download_route="reports-backoffice-download"), "error": report.error}
    )


@require_GET
def report_download(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request, "view")
    try:
        return report_file_response(get_object_or_404(report_list(), pk=pk))
    except ReportNotReady:
        return HttpResponse(_("The report is not ready to download yet."), status=409, content_type="text/plain")
