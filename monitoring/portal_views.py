"""Customer-portal page: the customer's own SLOs (never another customer's)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from monitoring import selectors


@login_required
def slo_list(request: HttpRequest) -> HttpResponse:
    if getattr(request, "customer", None) is None:
        raise Http404
    context = {
        "slos": selectors.slo_summary(customer=request.customer),
        "configured": selectors.prometheus_configured(),
        "state": selectors.pull_state_get(),
    }
    return render(request, "monitoring/portal/slos.html", context)
