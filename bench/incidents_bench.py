"""Incidents at the design point: 100k incidents — queue page, staff API list, one timer-engine pass.

Run: .venv/bin/python bench/incidents_bench.py
(uses its own database, pilot_incidents_bench by default; re-creates its incidents on every run).
Prints latency (median / p95 of RUNS requests) and the number of queries of each request.
"""

import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilot.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pilot_incidents_bench")
os.environ.setdefault("EMAIL_URL", "memorymail://")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.builders import INCIDENTS_SQL, incidents_params  # noqa: E402
from incidents.choices import Category, Status  # noqa: E402
from incidents.models import Incident  # noqa: E402
from incidents.selectors import calendar_for, incident_queue, policy_map  # noqa: E402
from incidents.services import incident_timers_run, policies_ensure  # noqa: E402
from incidents.services.clocks import deadlines_set  # noqa: E402
from tenants.models import PilotCustomer  # noqa: E402
from tests.queries import statements  # noqa: E402

TOTAL = int(os.environ.get("INCIDENTS", "100000"))
OPEN_PCT = int(os.environ.get("OPEN_PCT", "15"))
DUE = int(os.environ.get("DUE", "1000"))  # incidents whose deadline passed since the last engine pass
RUNS = int(os.environ.get("RUNS", "20"))


def _customers() -> list[PilotCustomer]:
    rows = []
    for index in range(50):  # the design point's 50 customers
        slug = f"bench{index:02d}"
        customer, _created = PilotCustomer.objects.get_or_create(
            slug=slug, defaults={"name_en": slug, "name_ar": slug, "city": "Riyadh", "region": "riyadh", "ponds": 3}
        )
        rows.append(customer)
    return rows


def _incidents_create(customers: list[PilotCustomer]) -> None:
    """TOTAL incidents over two years, OPEN_PCT % active (bench/builders.py), then DUE fresh ones whose
    response deadline has just passed, for the timer engine."""
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE incidents_incident, incidents_historicalincident RESTART IDENTITY CASCADE")
        ids = [customer.pk for customer in customers]
        cursor.execute(INCIDENTS_SQL, incidents_params(count=TOTAL, open_pct=OPEN_PCT, customer_ids=ids))
    policies, now, rng = policy_map(), timezone.now(), random.Random(7)
    batch = []
    for index in range(DUE):
        severity = rng.choice([1, 2, 3])
        policy = policies[severity]
        reported_at = now - timedelta(minutes=policy.response_minutes + 1, days=7 if severity == 3 else 0)
        incident = Incident(title=f"Due incident {index}", category=Category.MINOR_BUG, severity=severity,
                            status=Status.OPEN, reported_at=reported_at)  # fmt: skip
        deadlines_set(incident, policy, calendar_for(policy=policy))
        batch.append(incident)
    Incident.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE incidents_incident; ANALYZE incidents_incident_customers")


def _explain(url_label: str, queryset) -> None:
    sql, params = queryset[:50].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, TIMING OFF) {sql}", params)
        plan = [row[0] for row in cursor.fetchall()]
    print(f"plan of {url_label}:")
    print("\n".join(f"    {line}" for line in plan if "Buffers" not in line))


def _measure(client: Client, url: str) -> tuple[float, float, int]:
    timings, queries = [], 0
    client.get(url)  # warm caches and connections
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(statements(captured.captured_queries))
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], queries


def main() -> None:
    call_command("migrate_schemas", shared=True, verbosity=0)
    policies_ensure()
    customers = _customers()
    started = time.perf_counter()
    _incidents_create(customers)
    print(f"created {TOTAL} incidents ({OPEN_PCT} % active) + {DUE} due in {time.perf_counter() - started:.1f} s")
    staff, _created = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    client = Client(HTTP_HOST="localhost", HTTP_X_FORWARDED_PROTO="https")  # DEBUG off: HTTPS only
    client.force_login(staff)
    for label, url in (
        ("queue page", "/admin/incidents/queue/"),
        ("queue page, one customer", f"/admin/incidents/queue/?customer={customers[3].slug}"),
        ("queue page, breached only", "/admin/incidents/queue/?breached=yes"),
        ("queue page, all statuses", "/admin/incidents/queue/?status=all"),
        ("queue page, all, page 100", "/admin/incidents/queue/?status=all&page=100"),
        ("API list", "/api/v1/incidents/"),
        ("API list, severity 1", "/api/v1/incidents/?severity=1"),
        ("API list, closed", "/api/v1/incidents/?status=closed"),
        ("API list, all", "/api/v1/incidents/?status=all"),
    ):
        median, p95, queries = _measure(client, url)
        print(f"{label:28s} median {median:7.1f} ms  p95 {p95:7.1f} ms  queries {queries}")
    _explain("the queue / API list (active)", incident_queue())
    _explain("?status=closed", incident_queue(status="closed"))
    _explain("?status=all", incident_queue(status="all"))
    _explain("one customer's active incidents", incident_queue(customer=customers[3]))
    for label in ("engine pass (due rows)", "engine pass (nothing due)"):
        started = time.perf_counter()
        result = incident_timers_run()
        elapsed = time.perf_counter() - started
        print(f"{label:28s} {elapsed * 1000:7.0f} ms  examined {result.examined} breaches {result.breaches}")


if __name__ == "__main__":
    main()
