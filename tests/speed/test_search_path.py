"""`SET search_path` is sent when the schema changes, not before every query (pilot/postgresql_backend)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from incidents.models import Incident
from tenants.models import PilotCustomer


def _sets(captured: CaptureQueriesContext) -> int:
    return sum(1 for query in captured.captured_queries if query["sql"].startswith("SET search_path"))


def test_queries_in_one_schema_share_one_search_path(tenant_a: PilotCustomer) -> None:
    with tenant_context(tenant_a.tenant), CaptureQueriesContext(connection) as captured:
        for _ in range(5):
            list(PilotCustomer.objects.all()[:1])
            with tenant_context(tenant_a.tenant):  # re-entering the same schema sends nothing
                list(Incident.objects.all()[:1])
    assert len(captured.captured_queries) >= 10
    assert _sets(captured) <= 1


def test_switching_schema_sends_search_path_again(tenant_a: PilotCustomer, tenant_b: PilotCustomer) -> None:
    with CaptureQueriesContext(connection) as captured:
        for tenant in (tenant_a.tenant, tenant_b.tenant, tenant_a.tenant):
            with tenant_context(tenant):
                assert connection.schema_name == tenant.schema_name
                with connection.cursor() as cursor:
                    cursor.execute("SELECT current_schema()")
                    assert cursor.fetchone()[0] == tenant.schema_name
    assert _sets(captured) >= 3


def test_a_rolled_back_search_path_is_sent_again(tenant_a: PilotCustomer) -> None:
    with tenant_context(tenant_a.tenant):
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
        connection.savepoint_rollback(connection.savepoint())  # django-tenants forgets the path here
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            assert cursor.fetchone()[0] == tenant_a.tenant.schema_name


def test_a_customer_page_sends_search_path_only_on_schema_changes(customer_a_client) -> None:
    customer_a_client.get("/")
    with CaptureQueriesContext(connection) as captured:
        assert customer_a_client.get("/").status_code == 200
    paths = [query["sql"] for query in captured.captured_queries if query["sql"].startswith("SET search_path")]
    # The page reads the customer's schema and, for one panel, public: a few changes for ~15 queries,
    # never the same path twice in a row (before: one SET per query).
    assert len(captured.captured_queries) - len(paths) > 8
    assert len(paths) <= 4
    assert all(first != second for first, second in zip(paths, paths[1:], strict=False))
