"""This app's card on the customer's portal dashboard: "Is AquaFarm working for us?" in plain words."""

from django.http import HttpRequest

from monitoring import selectors


def panel(request: HttpRequest) -> dict | None:
    """Context for the card (with a "template" key), or None to show no card."""
    if getattr(request, "customer", None) is None:
        return None
    return {
        "template": "monitoring/portal/_panel.html",
        "status": selectors.plain_status_shared(customer=request.customer),
    }
