"""This app's card on the customer's portal dashboard: the customer's own finished reports."""

from django.http import HttpRequest

from reports.choices import ReportStatus
from reports.selectors import report_list_for_customer

PANEL_ROWS = 5


def panel(request: HttpRequest) -> dict | None:
    """Context for the card (with a "template" key), or None to show no card."""
    reports = list(report_list_for_customer(customer=request.customer).filter(status=ReportStatus.DONE)[:PANEL_ROWS])
    if not reports:
        return None
    return {"template": "reports/portal/_panel.html", "reports": reports}
