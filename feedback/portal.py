"""This app's card on the customer's portal dashboard."""

from django.http import HttpRequest


def panel(request: HttpRequest) -> dict | None:
    """Context for the card (with a "template" key), or None to show no card."""
    return None
