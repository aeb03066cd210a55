"""Incident counts kept by PostgreSQL (IncidentCountDelta, migration 0007): exact after every kind of write, never
a lock between writers, folded without changing a total, and the staff API's `count` read from them."""

import threading
import time
from collections import Counter
from collections.abc import Callable

import pytest
from django.db import connection, connections, transaction
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from incidents.models import Incident, IncidentCountDelta
from incidents.selectors import incident_count
from incidents.services import incident_acknowledge, incident_counts_compact, incident_resolve
from tests.conftest import TenantClient
from tests.incidents.factories import incident_make

URL = "/api/v1/incidents/"


def _kept() -> dict[tuple[str, int], int]:
    totals = IncidentCountDelta.objects.values_list("status", "severity").annotate(total=Sum("delta"))
    return {(status, severity): total for status, severity, total in totals if total}


def _counted() -> dict[tuple[str, int], int]:
    return dict(Counter(Incident.objects.values_list("status", "severity")))


def _in_thread(work: Callable[[], None], failures: list[Exception]) -> None:
    """A thread's body: its own database connection, closed at the end; an error is kept for the test to see."""
    try:
        work()
    except Exception as error:
        failures.append(error)
    finally:
        connections.close_all()


@pytest.mark.django_db
def test_the_counts_follow_every_kind_of_write(tenant_a, support_engineer) -> None:
    critical, high, medium = (incident_make(tenant_a, severity=severity) for severity in (1, 2, 3))
    incident_acknowledge(incident=high, by=support_engineer)
    incident_resolve(incident=medium, by=support_engineer, note="fixed")
    assert _kept() == _counted() == {("open", 1): 1, ("acknowledged", 2): 1, ("resolved", 3): 1}
    Incident.objects.filter(pk=critical.pk).update(severity=2)  # a bulk write no service sees
    with connection.cursor() as cursor:
        cursor.execute("UPDATE incidents_incident SET status = 'closed' WHERE id = %s", [medium.pk])
    Incident.objects.filter(pk=high.pk).update(title="Renamed")  # no status or severity change: nothing added
    assert _kept() == _counted() == {("open", 2): 1, ("acknowledged", 2): 1, ("closed", 3): 1}
    high.delete()
    assert _kept() == _counted() == {("open", 2): 1, ("closed", 3): 1}
    assert incident_count(statuses=["open", "acknowledged"]) == 1 and incident_count(statuses=["closed"]) == 1
    assert incident_count(statuses=["open"], severity=1) == 0


@pytest.mark.django_db
def test_folding_leaves_one_row_per_pair_and_every_total_as_it_was(tenant_a, support_engineer) -> None:
    for severity in (1, 1, 2, 3, 3, 3):
        incident_make(tenant_a, severity=severity)
    incident_resolve(incident=Incident.objects.filter(severity=2).get(), by=support_engineer, note="")
    before = _kept()
    assert IncidentCountDelta.objects.count() > len(before)
    assert incident_counts_compact() == len(before) == 3  # open/1, open/3, resolved/2; open/2 folded to nothing
    assert _kept() == before == _counted()
    assert IncidentCountDelta.objects.count() == 3
    assert incident_counts_compact() == 3 and _kept() == before  # again: nothing changes


@pytest.mark.django_db
def test_truncating_the_incidents_empties_their_counts(tenant_a) -> None:
    incident_make(tenant_a)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # Django's foreign keys are checked at commit otherwise
        cursor.execute("TRUNCATE incidents_incident CASCADE")
    assert not IncidentCountDelta.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_writers_never_wait_on_each_other_or_on_folding(tenant_a) -> None:
    """One writer keeps its transaction open after adding an incident; another writer and a fold each finish
    under a 2 s lock timeout meanwhile (a shared counter row would make them wait), and the totals are exact once
    the first commits."""
    added, release, failures = threading.Event(), threading.Event(), []

    def slow_writer() -> None:
        with transaction.atomic():
            incident_make(tenant_a, severity=1)
            added.set()
            release.wait(30)

    writer = threading.Thread(target=_in_thread, args=(slow_writer, failures))
    writer.start()
    try:
        assert added.wait(30), failures
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '2s'")
        incident_make(tenant_a, severity=1)
        incident_counts_compact()
        assert _kept() == {("open", 1): 1}  # the other writer's change is not visible yet, and not lost
    finally:
        release.set()
        writer.join(30)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = 0")
    assert not failures
    assert _kept() == _counted() == {("open", 1): 2}


@pytest.mark.django_db(transaction=True)
def test_writers_and_two_folds_at_once_keep_every_total(tenant_a, support_engineer) -> None:
    stop, failures = threading.Event(), []

    def write() -> None:
        for number in range(15):
            incident = incident_make(tenant_a, severity=1 + number % 3)
            if number % 2:
                incident_resolve(incident=incident, by=support_engineer, note="")

    def fold() -> None:
        while not stop.is_set():
            incident_counts_compact()

    writers = [threading.Thread(target=_in_thread, args=(write, failures)) for _ in range(2)]
    folders = [threading.Thread(target=_in_thread, args=(fold, failures)) for _ in range(2)]
    for thread in writers + folders:
        thread.start()
    for thread in writers:
        thread.join(120)
    stop.set()
    for thread in folders:
        thread.join(30)
    assert not failures
    assert _kept() == _counted() and sum(_counted().values()) == 30


@pytest.mark.django_db
@pytest.mark.parametrize(
    "params",
    [{}, {"status": "all"}, {"status": "resolved"}, {"severity": "1"}, {"severity": "0"}, {"customer": "nowhere"}]
    + [{"customer": "alpha"}, {"breached": "false"}, {"status": "all", "severity": "3"}, {"breached": "true"}],
)
def test_the_api_count_is_every_row_the_list_pages_through(
    params: dict, support_client: TenantClient, tenant_a, tenant_b, support_engineer
) -> None:
    for severity, customer in [(1, tenant_a), (2, tenant_b), (3, tenant_a), (3, None)]:
        incident_make(customer, severity=severity)
    incident_resolve(incident=Incident.objects.filter(severity=2).get(), by=support_engineer, note="")
    body = support_client.get(URL, {**params, "limit": 500}).json()
    assert body["count"] == len(body["results"])
    assert body["count"] > 0 or params.get("customer") == "nowhere" or params.get("breached") == "true"


@pytest.mark.django_db
def test_a_filter_value_the_list_does_not_know_is_a_400_naming_it(support_client: TenantClient, tenant_a) -> None:
    """They used to answer 200: `?severity=abc` with every incident, `?status=bogus` with none."""
    incident_make(tenant_a)
    for params, named in [
        ({"severity": "abc"}, "severity"),
        ({"severity": "²"}, "severity"),
        ({"severity": "7"}, "severity"),
        ({"status": "bogus"}, "status"),
        ({"status": "ALL"}, "status"),
        ({"breached": "maybe"}, "breached"),
        ({"customer": "no such slug!"}, "customer"),
    ]:
        response = support_client.get(URL, params)
        assert response.status_code == 400, params
        assert set(response.json()) == {named}, params


@pytest.mark.django_db
def test_the_default_list_counts_no_incident_rows(support_client: TenantClient, tenant_a) -> None:
    for _ in range(3):
        incident_make(tenant_a)
    with CaptureQueriesContext(connection) as statements:
        body = support_client.get(URL).json()
    assert body["count"] == 3
    counts = [query["sql"] for query in statements.captured_queries if "COUNT(" in query["sql"].upper()]
    assert counts == [], counts


@pytest.mark.django_db
def test_every_incident_counts_in_all_even_with_a_status_written_by_hand(
    support_client: TenantClient, tenant_a
) -> None:
    """`?status=all` lists every row whatever its status, so its count sums every status, not the known ones."""
    incident = incident_make(tenant_a)
    incident_make(tenant_a)
    with connection.cursor() as cursor:  # an import or a repair by hand; the column has no CHECK of statuses
        cursor.execute("UPDATE incidents_incident SET status = 'archived' WHERE id = %s", [incident.pk])
    body = support_client.get(URL, {"status": "all"}).json()
    assert body["count"] == len(body["results"]) == 2


def _waiting_on_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")  # the activity view is otherwise read once per transaction
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.django_db(transaction=True)
def test_truncating_while_a_fold_is_uncommitted_still_leaves_no_count(tenant_a) -> None:
    """The fold's summed row is new: a DELETE whose snapshot was taken before the fold committed would not see it,
    and a total would outlive its incidents. The TRUNCATE trigger waits for the fold, then deletes."""
    incident_make(tenant_a)
    incident_make(tenant_a)
    failures: list[Exception] = []

    def truncate() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("TRUNCATE incidents_incident CASCADE")

    truncating = threading.Thread(target=_in_thread, args=(truncate, failures))
    with transaction.atomic():
        incident_counts_compact()
        truncating.start()
        deadline = time.monotonic() + 10
        while not _waiting_on_a_lock() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert _waiting_on_a_lock(), failures  # the TRUNCATE waits for this fold
    truncating.join(30)
    assert not failures and not Incident.objects.exists()
    assert not IncidentCountDelta.objects.exists()
