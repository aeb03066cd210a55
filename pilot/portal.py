"""This app's card on the customer's portal dashboard: its training session."""

from django.http import HttpRequest

from pilot.selectors import training_card_for_customer
from pilot.selectors.training import STATE_LABELS


def panel(request: HttpRequest) -> dict | None:
    """Context for the card (with a "template" key), or None to show no card."""
    customer = getattr(request, "customer", None)
    if customer is None:
        return None
    card = training_card_for_customer(customer=customer, email=request.user.email)
    return {
        "template": "pilot/portal/_training_panel.html",
        "training": card,
        "state": card.state if card else None,
        "state_label": STATE_LABELS.get(card.state, "") if card else "",
    }
