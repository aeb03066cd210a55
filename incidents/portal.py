"""This app's card on the customer's portal dashboard."""

from django.http import HttpRequest

from incidents.models import ACTIVE_STATUSES
from incidents.selectors import incident_list_customer_view


def panel(request: HttpRequest) -> dict | None:
    """Context for the card (with a "template" key), or None to show no card."""
    if getattr(request, "customer", None) is None:
        return None
    open_incidents = incident_list_customer_view(customer=request.customer).filter(status__in=ACTIVE_STATUSES)
    return {"template": "incidents/portal/_panel.html", "open_incidents": list(open_incidents[:5])}
