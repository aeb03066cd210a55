"""Provisioning: the schema from the base schema's script and the initial data in a pinned number of statements."""

from collections.abc import Iterator

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from farms.models import LedgerAccount, Pond
from farms.services import CHART_OF_ACCOUNTS
from tenants.models import PilotCustomer
from tenants.services.customers import CandidateInput
from tenants.services.pgtools import schema_drop
from tenants.services.provisioning import customer_onboard
from tests.queries import statements

# Measured: 108 with the base schema's script (266 with django-tenants' clone_schema and migrate --fake,
# whose clone alone took 1.8-2.5 s); the rest are ~1 ms each (customer, steps, admin, groups, farm).
PROVISIONING_MAX_STATEMENTS = 110


def _onboard(slug: str, ponds: int) -> list[str]:
    data = CandidateInput(slug=slug, name_en=slug, city="Riyadh", ponds=ponds, contact_email=f"admin@{slug}.example")
    with CaptureQueriesContext(connection) as captured:
        customer_onboard(data=data)
    return statements(captured.captured_queries)


@pytest.fixture
def schemas_dropped(transactional_db: None) -> Iterator[None]:
    """transactional_db empties tables, not schemas: other tests must not find these."""
    yield
    connection.set_schema_to_public()
    for schema in ("speed_one", "speed_five"):
        schema_drop(schema=schema)


def test_provisioning_statements_are_pinned_and_do_not_grow_with_ponds(schemas_dropped: None) -> None:
    small = _onboard("speed-one", ponds=1)
    large = _onboard("speed-five", ponds=5)
    assert len(large) == len(small) <= PROVISIONING_MAX_STATEMENTS, len(large)
    # No clone_schema(), no migrate --fake (its post-migrate signals read every content type).
    assert not [sql for sql in large if "clone_schema" in sql or sql.startswith('SELECT "django_content_type"')]
    customer = PilotCustomer.objects.get(slug="speed-five")
    with tenant_context(customer.tenant):
        assert Pond.objects.count() == 5 and Pond.history.count() == 5
        assert LedgerAccount.objects.count() == len(CHART_OF_ACCOUNTS)
        with connection.cursor() as cursor:  # the copy has the base schema's rows (migrations, permissions)
            cursor.execute("SELECT count(*) FROM django_migrations")
            assert cursor.fetchone()[0] > 20
