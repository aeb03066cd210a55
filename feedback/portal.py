"""This app's card on the customer's portal dashboard: the open survey and the most wanted items."""

from django.http import HttpRequest

from feedback.selectors import feedback_item_list, survey_round_open_get


def panel(request: HttpRequest) -> dict | None:
    """Context for the card (with a "template" key), or None to show no card."""
    return {
        "template": "feedback/portal/_panel.html",
        "items": list(feedback_item_list()[:3]),
        "survey_round": survey_round_open_get(),
    }
