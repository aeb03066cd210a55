"""Incident lists that scale with what is open: finished incidents left out unless asked for, a plan that
the stored-deadline indexes serve, and a query count that does not depend on how many incidents exist."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from bench.builders import INCIDENTS_SQL, incidents_params
from incidents.models import ACTIVE_STATUSES, Incident
from incidents.selectors import incident_list_customer_view, incident_queue
from incidents.services import incident_resolve, incident_transition
from tests.conftest import TenantClient
from tests.incidents.factories import incident_make

pytestmark = pytest.mark.django_db
API, QUEUE = "/api/v1/incidents/", "/admin/incidents/queue/"


def _finished(customer, count: int = 1) -> list[Incident]:
    rows = []
    for _ in range(count):
        incident = incident_resolve(incident=incident_make(customer, severity=3), by=None)
        rows.append(incident_transition(incident=incident, to="closed", by=None))
    return rows


def _ids(client: TenantClient, params: dict | None = None) -> list[int]:
    return [row["id"] for row in client.get(API, params or {}).json()["results"]]


def test_api_lists_active_incidents_unless_a_status_is_asked(support_client: TenantClient, tenant_a) -> None:
    active = incident_make(tenant_a, severity=1)
    resolved = incident_resolve(incident=incident_make(tenant_a, severity=2), by=None)
    (closed,) = _finished(tenant_a)
    assert _ids(support_client) == [active.pk]
    assert _ids(support_client, {"status": "closed"}) == [closed.pk]
    assert _ids(support_client, {"status": "resolved"}) == [resolved.pk]
    everything = _ids(support_client, {"status": "all"})
    assert everything[0] == active.pk and set(everything) == {active.pk, resolved.pk, closed.pk}
    # One incident by id is found whatever its status (retrieve and actions are not lists).
    assert support_client.get(f"{API}{closed.pk}/").status_code == 200


def test_queue_page_leaves_finished_incidents_out_unless_all(support_client: TenantClient, tenant_a) -> None:
    active = incident_make(tenant_a, severity=1, title="Still burning")
    _finished(tenant_a)
    Incident.objects.filter(status="closed").update(title="Long gone")
    page = support_client.get(QUEUE).content.decode()
    assert "Still burning" in page and "Long gone" not in page
    assert "Long gone" in support_client.get(QUEUE, {"status": "all"}).content.decode()
    assert active.due_at == active.response_due_at  # stored by PostgreSQL, not computed per query


@pytest.mark.parametrize("url", [API, QUEUE])
def test_list_queries_are_the_same_for_few_and_many_incidents(
    url: str, support_client: TenantClient, tenant_a, tenant_b, django_assert_max_num_queries
) -> None:
    incident_make(tenant_a, severity=2)
    support_client.get(url)
    with django_assert_max_num_queries(30) as few:
        assert support_client.get(url).status_code == 200
    for _ in range(15):
        incident_make(tenant_b, severity=1)
    _finished(tenant_a, 10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert support_client.get(url).status_code == 200


def _plan(queryset) -> str:
    sql, params = queryset[:50].query.sql_with_params()
    with connection.cursor() as cursor:
        # A test table is tiny and a sort of 3 rows is cheapest: ask what the indexes allow instead.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL enable_bitmapscan = off; SET LOCAL enable_sort = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET LOCAL enable_seqscan = on; SET LOCAL enable_bitmapscan = on; SET LOCAL enable_sort = on")
    return plan


@pytest.mark.parametrize(
    ("filters", "index"),
    [
        ({}, "incident_active_due"),
        ({"status": "closed"}, "incident_status_due"),
        ({"status": "all"}, "incident_all_due"),
    ],
)
def test_each_list_order_is_an_index_scan_without_a_sort(filters: dict, index: str, tenant_a) -> None:
    incident_make(tenant_a)
    plan = _plan(incident_queue(**filters))
    assert index in plan and "Sort" not in plan, plan


def test_queue_pages_without_counting_every_incident(support_client: TenantClient, tenant_a) -> None:
    with connection.cursor() as cursor:  # 120 incidents, about half of them active, in one statement
        cursor.execute(INCIDENTS_SQL, incidents_params(count=120, open_pct=50, customer_ids=[tenant_a.pk]))
    with CaptureQueriesContext(connection) as captured:
        first = support_client.get(QUEUE).content.decode()
    assert not [query for query in captured.captured_queries if "COUNT(" in query["sql"].upper()]
    assert "page=2" in first and "page=0" not in first
    second = support_client.get(QUEUE, {"page": "2"}).content.decode()
    active = Incident.objects.filter(finished=False).count()  # g % 100 < 50 of g = 1..120: 70
    assert first.count("Bench incident ") == 50 and second.count("Bench incident ") == active - 50
    assert "page=3" not in second and "page=1" in second
    assert support_client.get(QUEUE, {"page": "9" * 30}).status_code == 200  # past the end: empty, never a 500


@pytest.mark.django_db(transaction=True)
def test_a_customer_s_open_incidents_are_read_from_indexes_alone(tenant_a) -> None:
    """The portal's home card: the newest active incidents of one customer, in order from the partial index, the
    customer's links from the link index without reading the link table."""
    incident_make(tenant_a)
    with connection.cursor() as cursor:
        # As autovacuum keeps it in production: with pages not yet marked all-visible, an index-only scan costs
        # what a plain one does and the planner took Django's smaller one-column index (a flaky plan otherwise).
        cursor.execute("VACUUM (ANALYZE) incidents_incident_customers")
    open_incidents = incident_list_customer_view(customer=tenant_a).filter(status__in=ACTIVE_STATUSES)
    with transaction.atomic():  # _plan's SET LOCAL lasts for a transaction
        plan = _plan(open_incidents)
    assert "incident_active_reported" in plan and "Sort" not in plan, plan
    assert "Index Only Scan using incident_link_customer_first" in plan, plan
