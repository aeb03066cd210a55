"""Back-office pages: every customer's SLOs side by side, one customer's SLOs per pilot phase, one
customer's health (score, usage, timeline) and its error trends."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.figures import figures_get, figures_time
from monitoring import selectors
from monitoring.errors import error_trends
from monitoring.selectors.health import (
    TIMELINE_WINDOW,
    customer_health_get,
    customer_timeline,
    feature_list_offered,
    health_snapshot_list,
    health_status_label,
    window_default,
)
from monitoring.services.health import component_label
from monitoring.timeline import timeline_svg
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
    """All customers' SLOs with their trend, then one compact row per customer (its trend is on its own page).
    The same for every viewer in a language: the rendered block is shared through core.figures (rebuilt at most
    once a minute; it says when). The banner about Prometheus is live."""
    _require_view(request)
    customers = list(customer_list_live())
    figures = figures_get("slo-overview", lambda: _figures_html(request, customers), [c.pk for c in customers])
    context = {
        **_status_context(request),
        "title": _("Service level objectives"),
        "figures": mark_safe(figures.value),  # rendered, and escaped, by the template engine
    }
    return render(request, "monitoring/backoffice/overview.html", context)


def _figures_html(request: HttpRequest, customers: list[PilotCustomer]) -> str:
    board = selectors.slo_board(customers=customers, customer_series=False)
    metrics = selectors.key_metric_latest(customer_ids=[c.pk for c in customers])
    context = {
        "overall": board[None],
        "rows": [(c, board.get(c.pk, []), _metrics_of(metrics, c.pk)) for c in customers],
        "figures_as_of": figures_time(),
    }
    return render_to_string("monitoring/backoffice/_overview_figures.html", context, request=request)


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


def customer_health(request: HttpRequest, slug: str) -> HttpResponse:
    """Usage, incidents, survey answers and SLOs of one customer on one time axis, and its health score."""
    _require_view(request)
    pilot_customer = get_object_or_404(PilotCustomer, slug=slug)
    start, end = window_default()
    report = customer_health_get(customer=pilot_customer, start=start, end=end)
    timeline = customer_timeline(customer=pilot_customer, start=end - TIMELINE_WINDOW, end=end)
    labels = [_("Active users"), _("Feature events"), _("Incidents"), _("Survey answers"), _("SLO compliance")]
    context = {
        **admin.site.each_context(request),
        "title": _("Health: %(customer)s") % {"customer": pilot_customer.name},
        "customer": pilot_customer,
        "report": report,
        "status_label": health_status_label(report.health.status),
        "components": [(component_label(k), c) for k, c in report.health.components.items()],
        "features": [(f, report.feature_usage.get(f.key, 0)) for f in feature_list_offered()],
        "timeline": timeline_svg(timeline, labels=labels, title=_("Timeline of the last 28 days")),
        "snapshots": health_snapshot_list(customer=pilot_customer)[:28],
    }
    return render(request, "monitoring/backoffice/health.html", context)


def customer_errors(request: HttpRequest, slug: str) -> HttpResponse:
    """5xx per day and top routes (Prometheus), top error messages (Loki when configured) this week."""
    _require_view(request)
    pilot_customer = get_object_or_404(PilotCustomer, slug=slug)
    start, end = window_default()
    context = {
        **admin.site.each_context(request),
        "title": _("Errors this week: %(customer)s") % {"customer": pilot_customer.name},
        "customer": pilot_customer,
        "configured": selectors.prometheus_configured(),
        "trends": error_trends(slug=pilot_customer.slug, start=start, end=end),
    }
    return render(request, "monitoring/backoffice/errors.html", context)
