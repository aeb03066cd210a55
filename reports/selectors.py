"""Reads of report records."""

from django.db.models import QuerySet

from reports.choices import ReportKind
from reports.models import Report
from tenants.models import PilotCustomer


def report_list(*, customer: PilotCustomer | None = None, kind: str | None = None) -> QuerySet[Report]:
    """Reports newest first, with what the history lists show (customer, requester) joined."""
    reports = Report.objects.select_related("customer", "requested_by")
    if customer is not None:
        reports = reports.filter(customer=customer)
    if kind is not None:
        reports = reports.filter(kind=kind)
    return reports


def report_list_for_customer(*, customer: PilotCustomer) -> QuerySet[Report]:
    """What a customer may see: its own customer reports, never the final report or another's.

    No join on the requester: on a customer domain `auth_user` resolves to the customer's own table.
    """
    return Report.objects.select_related("customer").filter(customer=customer, kind=ReportKind.CUSTOMER)
