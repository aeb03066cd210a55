"""Reads of report records."""

from datetime import datetime

from django.db.models import QuerySet

from reports.choices import ReportKind, RequestChannel
from reports.models import Report, ReportNarrative
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


def report_portal_requests_since(*, customer: PilotCustomer, since: datetime) -> QuerySet[Report]:
    """The customer's own requests made on its portal since `since` (the rate limit counts them)."""
    return Report.objects.filter(customer=customer, channel=RequestChannel.PORTAL, created_at__gte=since)


def narrative_field(part: str, language: str) -> str:
    """The ReportNarrative field of one written part in one language (`recommendations_ar`)."""
    return f"{part}_{language}"


def report_narrative_get(*, for_update: bool = False) -> ReportNarrative:
    """The final report's written parts; an empty (unsaved) row until someone writes them."""
    rows = (
        ReportNarrative.objects.select_for_update()
        if for_update
        else ReportNarrative.objects.select_related("updated_by")
    )
    return rows.filter(pk=1).first() or ReportNarrative(pk=1)
