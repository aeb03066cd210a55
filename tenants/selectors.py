"""Reads of customers, and the one door through which code visits every customer's schema."""

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.db.models import OuterRef, QuerySet, Subquery

from core.schemas import customer_schema
from tenants.choices import Status
from tenants.constants import PROVISIONED_STATUSES
from tenants.models import Domain, PilotCustomer

T = TypeVar("T")


def customer_list() -> QuerySet[PilotCustomer]:
    """Customers with the address of their portal (`primary_domain`: the primary domain, else the first one added;
    None before provisioning) read in the same statement: a prefetch built fifty domain objects per API page, and
    loading each customer's tenant row another fifty."""
    domains = Domain.objects.filter(tenant__customer_id=OuterRef("pk")).order_by("-is_primary", "pk")
    return PilotCustomer.objects.annotate(primary_domain=Subquery(domains.values("domain")[:1]))


def customer_list_provisioned(*, statuses: Iterable[str] = PROVISIONED_STATUSES) -> QuerySet[PilotCustomer]:
    """Customers that have a schema, in the given statuses (all provisioned ones by default)."""
    return (
        PilotCustomer.objects.filter(status__in=list(statuses), tenant__isnull=False)
        .select_related("tenant")
        .order_by("slug")
    )


def customer_list_live() -> QuerySet[PilotCustomer]:
    return customer_list_provisioned(statuses=[Status.LIVE])


def customer_schemas_visit(
    read: Callable[[PilotCustomer], T], *, customers: Iterable[PilotCustomer] | None = None
) -> dict[int, T]:
    """Run `read(customer)` inside each customer's schema and collect the answers by customer id.

    Cross-tenant reads (analysis, the final report) go through here and nowhere else, so the
    schema is always restored to the caller's afterwards.
    """
    customers = customer_list_provisioned() if customers is None else customers
    results: dict[int, T] = {}
    for customer in customers:
        with customer_schema(customer):
            results[customer.pk] = read(customer)
    return results


def customer_get_with_schema(*, slug: str) -> PilotCustomer | None:
    """The customer of this slug if it has a schema (in any status, withdrawn included)."""
    return PilotCustomer.objects.filter(slug=slug, tenant__isnull=False).select_related("tenant").first()
