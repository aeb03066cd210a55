"""Customer-portal page: the customer's own service status in plain words (never another customer's;
the SRE view with budgets and burn rates stays in the back office)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from monitoring import selectors


@login_required
def slo_list(request: HttpRequest) -> HttpResponse:
    if getattr(request, "customer", None) is None:
        raise Http404
    context = {
        "status": selectors.plain_status_shared(customer=request.customer),
        "configured": selectors.prometheus_configured(),
    }
    return render(request, "monitoring/portal/slos.html", context)
