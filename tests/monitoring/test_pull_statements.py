"""A metric pull's database work depends on neither the length of history nor the number of customers."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from monitoring.models import SliSample, Slo, SloAlert
from monitoring.services import alerts_evaluate, metrics_pull_run
from tenants.choices import Status
from tenants.models import CustomerTenant, PilotCustomer
from tests.monitoring.fakes import FakePrometheus, constant

NOW = dt.datetime(2026, 3, 10, 9, 2, 30, tzinfo=dt.UTC)
STEP = dt.timedelta(minutes=5)


def _customers(count: int, first: int = 0) -> list[str]:
    """Live customers with tenant rows; the pull never enters their schemas, so none is created."""
    slugs = []
    for index in range(first, first + count):
        slug = f"pull{index:02d}"
        customer = PilotCustomer.objects.create(
            slug=slug, name_en=slug, name_ar=slug, city="Riyadh", region="riyadh", ponds=3, status=Status.LIVE
        )
        CustomerTenant.objects.create(customer=customer, schema_name=f"pull_{index:02d}")
        slugs.append(slug)
    return slugs


def _prometheus(slos: dict[str, Slo], slugs: list[str], good: float) -> FakePrometheus:
    answers = {}
    for slo in slos.values():
        answers[slo.good_query] = {slug: constant(good) for slug in slugs}
        answers[slo.total_query] = {slug: constant(1000.0) for slug in slugs}
    return FakePrometheus(answers)


def _history(days: int) -> None:
    """`days` of 5-minute samples for every customer and SLO before NOW, in one statement."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO monitoring_slisample (slo_id, customer_id, at, good, total)
            SELECT s.id, c.id, g.at, 1000, 1000 FROM monitoring_slo s, tenants_pilotcustomer c,
                   generate_series(%s::timestamptz, %s::timestamptz, '5 minutes') AS g(at)
            WHERE c.slug LIKE 'pull%%'
            """,
            [NOW - dt.timedelta(days=days), NOW - dt.timedelta(minutes=10)],
        )


def _pull_statements(client: FakePrometheus, now: dt.datetime) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert metrics_pull_run(now=now, client=client).ok
    return [query["sql"] for query in captured.captured_queries]


def test_steady_pull_statements_do_not_grow_with_history_or_customers(slos) -> None:
    few = _customers(3)
    _pull_statements(_prometheus(slos, few, 1000.0), NOW - STEP)  # the first pull creates the pull state
    short = _pull_statements(_prometheus(slos, few, 1000.0), NOW)
    many = few + _customers(30, first=3)
    _history(days=2)
    long = _pull_statements(_prometheus(slos, many, 1000.0), NOW + STEP)
    assert SliSample.objects.count() > 70_000
    assert len(long) == len(short) <= 20, long


def _writes_to(table: str, statements: list[str]) -> int:
    return sum(1 for sql in statements if sql.startswith(("INSERT", "UPDATE")) and f'"{table}"' in sql.split("(")[0])


def test_alert_rows_are_written_in_bulk_and_only_when_an_alert_changes(slos) -> None:
    slugs = _customers(6)
    _history(days=1)
    burning = _prometheus(slos, slugs, 0.0)  # every request fails: every SLO of every customer burns
    first = _pull_statements(burning, NOW)
    opened = SloAlert.objects.filter(resolved_at__isnull=True)
    assert opened.count() >= 2 * 6  # several SLOs and levels per customer
    # One INSERT for every new alert; an UPDATE links the page alerts to their incidents.
    assert _writes_to("monitoring_sloalert", first) == 2
    assert _writes_to("monitoring_historicalsloalert", first) == 2
    _pull_statements(burning, NOW + STEP)
    with CaptureQueriesContext(connection) as captured:
        unchanged = alerts_evaluate(now=NOW + STEP)  # the same burn rates again: nothing to write
    still = [query["sql"] for query in captured.captured_queries]
    assert (unchanged.opened, unchanged.resolved) == (0, 0)
    assert _writes_to("monitoring_sloalert", still) == _writes_to("monitoring_historicalsloalert", still) == 0
    assert len(still) <= 5, still
    healed = _pull_statements(_prometheus(slos, slugs, 1000.0), NOW + dt.timedelta(days=2))
    assert not opened.exists()
    assert _writes_to("monitoring_sloalert", healed) == _writes_to("monitoring_historicalsloalert", healed) == 1
