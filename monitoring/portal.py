"""This app's card on the customer's portal dashboard."""

from django.http import HttpRequest

from monitoring import selectors


def panel(request: HttpRequest) -> dict | None:
    """Context for the card (with a "template" key), or None to show no card."""
    if getattr(request, "customer", None) is None:
        return None
    return {
        "template": "monitoring/portal/_panel.html",
        "slos": selectors.slo_summary(customer=request.customer),
        "state": selectors.pull_state_get(),
    }
