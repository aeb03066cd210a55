"""This app's card on the customer's portal dashboard."""

from django.http import HttpRequest

from feedback.selectors import feedback_item_list


def panel(request: HttpRequest) -> dict | None:
    """Context for the card (with a "template" key), or None to show no card."""
    return {"template": "feedback/portal/_panel.html", "items": list(feedback_item_list()[:3])}
