"""The one way code switches to a customer's schema.

Services and selectors that read or write a customer's data take `customer=` and enter its schema
with `customer_schema(customer)`; views, serializers and tasks never switch schemas themselves.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from django_tenants.utils import tenant_context


class HasTenant(Protocol):
    """A pilot customer as this layer sees it: something with a tenant (schema) row."""

    @property
    def tenant(self) -> Any: ...


@contextmanager
def customer_schema(customer: HasTenant) -> Iterator[None]:
    """Run the block inside the customer's schema and restore the caller's schema afterwards."""
    with tenant_context(customer.tenant):
        yield
