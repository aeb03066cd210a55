"""The one way code switches to a customer's schema.

Services and selectors that read or write a customer's data take `customer=` and enter its schema
with `customer_schema(customer)`; views, serializers and tasks never switch schemas themselves.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol, cast

from django.db import connection
from django_tenants.utils import get_public_schema_name, schema_context, tenant_context


class HasTenant(Protocol):
    """A pilot customer as this layer sees it: something with a tenant (schema) row."""

    @property
    def tenant(self) -> Any: ...


@contextmanager
def customer_schema(customer: HasTenant | None) -> Iterator[None]:
    """Run the block inside the customer's schema and restore the caller's schema afterwards; with None,
    stay in the current schema (code already running for one customer, e.g. its own request)."""
    if customer is None:
        yield
        return
    with tenant_context(customer.tenant):
        yield


@contextmanager
def public_schema() -> Iterator[None]:
    """Run the block in the public schema (the vendor's data) whatever schema the caller is in."""
    with schema_context(get_public_schema_name()):
        yield


@contextmanager
def schema_named(schema_name: str) -> Iterator[None]:
    """Run the block in the schema recorded on a row (e.g. an outbox message remembers where it was queued)."""
    with schema_context(schema_name):
        yield


def current_schema_name() -> str:
    """The schema the connection is in now (django-tenants adds it to the connection)."""
    return str(cast(Any, connection).schema_name)


def current_tenant() -> Any:
    """The tenant row of the schema the connection is in (django-tenants adds it to the connection)."""
    return cast(Any, connection).tenant


def schema_public_set() -> None:
    """Leave the connection in the public schema (after work that ran in a customer's schema)."""
    cast(Any, connection).set_schema_to_public()
