"""Back-office pages: every customer's SLOs side by side, and one customer's SLOs per pilot phase."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from monitoring import selectors
from tenants.models import PilotCustomer
from tenants.selectors import customer_list_live


def _require_view(request: HttpRequest) -> None:
    if not request.user.has_perm("monitoring.view_slo"):
        raise PermissionDenied


def _status_context(request: HttpRequest) -> dict:
    return {
        **admin.site.each_context(request),
        "configured": selectors.prometheus_configured(),
        "state": selectors.pull_state_get(),
    }


def overview(request: HttpRequest) -> HttpResponse:
    _require_view(request)
    customers = list(customer_list_live())
    board = selectors.slo_board(customers=customers)
    metrics = selectors.key_metric_latest(customer_ids=[c.pk for c in customers])
    rows = [(c, board.get(c.pk, []), _metrics_of(metrics, c.pk)) for c in customers]
    context = {**_status_context(request), "title": _("Service level objectives"), "overall": board[None], "rows": rows}
    return render(request, "monitoring/backoffice/overview.html", context)


def _metrics_of(metrics: dict, customer_id: int) -> list[tuple[str, float]]:
    return [
        (key, value[1]) for (cid, key), value in sorted(metrics.items(), key=lambda i: i[0][1]) if cid == customer_id
    ]


def customer(request: HttpRequest, slug: str) -> HttpResponse:
    _require_view(request)
    pilot_customer = get_object_or_404(PilotCustomer, slug=slug)
    context = {
        **_status_context(request),
        "title": _("Service level objectives: %(customer)s") % {"customer": pilot_customer.name},
        "customer": pilot_customer,
        "slos": selectors.slo_summary(customer=pilot_customer),
        "phases": selectors.phase_compliance(customer=pilot_customer),
        "alerts": selectors.alert_list(customer=pilot_customer)[:20],
    }
    return render(request, "monitoring/backoffice/customer.html", context)
