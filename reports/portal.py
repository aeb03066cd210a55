"""This app's card on the customer's portal dashboard: the customer's own finished reports and
the way to ask for a new one."""

from django.http import HttpRequest

from reports.choices import ReportStatus
from reports.selectors import report_list_for_customer

PANEL_ROWS = 5


def panel(request: HttpRequest) -> dict | None:
    """Context for the card (with a "template" key); shown even before any report, to offer the request."""
    reports = list(report_list_for_customer(customer=request.customer).filter(status=ReportStatus.DONE)[:PANEL_ROWS])
    return {"template": "reports/portal/_panel.html", "reports": reports}
