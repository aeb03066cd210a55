"""Usage and health at the design point: 50 provisioned, live customers.

1. One metric pull against a real Prometheus (promtool back-filled: 50 tenants × 3 hours of the SLO
   counters plus 5 feature counters and the active-users gauge): HTTP queries, SQL statements and
   wall time, for a steady pull (one grid point) and a 3-hour back-fill — usage included.
2. Two years of daily usage (50 customers × 5 features × 730 days) in the tables, then: the hourly
   recompute of every customer's health, the back-office health page of one customer, and the staff
   API `GET /api/v1/customers/{slug}/health/` (median and p95 over RUNS, SQL statements).

Run: .venv/bin/python bench/health_bench.py
(own database, pilot_health_bench by default; the 50 customers are provisioned once, ~1 s each, and
kept between runs; RUNS=15 can be changed.)
"""

import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilot.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pilot_health_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/10")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "on")
os.environ.setdefault("SECURE_SSL_REDIRECT", "off")  # the test client speaks plain HTTP
subprocess.run([sys.executable, "scripts/ensure_db.py"], cwd=ROOT, check=True)
subprocess.run(["scripts/migrate.sh"], cwd=ROOT, check=True, env=os.environ)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.measure import program_manager_client, timing_print  # noqa: E402
from monitoring.definitions import USAGE_FEATURE_DEFAULTS  # noqa: E402
from monitoring.models import FeatureUsageDaily, PullState  # noqa: E402
from monitoring.prometheus import PrometheusClient  # noqa: E402
from monitoring.services import metrics_pull_run, slo_defaults_ensure  # noqa: E402
from monitoring.services.health import health_refresh_all  # noqa: E402
from tenants.choices import Status  # noqa: E402
from tenants.models import PilotCustomer  # noqa: E402
from tests.monitoring.conftest import prometheus_launch  # noqa: E402
from tests.monitoring.test_prometheus_integration import BLOCKS, T0, _blocks, _openmetrics  # noqa: E402

CUSTOMERS = 50
RUNS = int(os.environ.get("RUNS", "15"))


FEATURES = [key for key, _en, _ar in USAGE_FEATURE_DEFAULTS]


def customers_ensure() -> list[PilotCustomer]:
    """50 provisioned customers (real schemas: the health score reads each one's feedback), all live."""
    for index in range(CUSTOMERS):
        slug = f"health{index:02d}"
        if not PilotCustomer.objects.filter(slug=slug, tenant__isnull=False).exists():
            call_command("create_pilot_customer", slug=slug, name=slug, city="Riyadh", ponds=3, verbosity=0)
    PilotCustomer.objects.filter(slug__startswith="health").update(status=Status.LIVE)
    return list(PilotCustomer.objects.filter(slug__startswith="health").select_related("tenant").order_by("slug"))


def _usage_openmetrics(slugs: list[str]) -> str:
    """Feature counters (constant per-minute rates) and the active-users gauge, same minutes as the SLO data."""
    start, lines = int(T0.timestamp()), ["# TYPE aquafarm_feature_events counter"]
    for i, slug in enumerate(slugs):
        for j, feature in enumerate(FEATURES):
            labels = f'tenant="{slug}",feature="{feature}"'
            lines += [f"aquafarm_feature_events_total{{{labels}}} {1000 + m * (i + j + 1)} {start + 60 * m}"
                      for m in range(5 * BLOCKS + 1)]  # fmt: skip
    return "\n".join(lines) + "\n"


def bench_pull(customers: list[PilotCustomer]) -> None:
    slugs = [c.slug for c in customers]
    slo_part = _openmetrics({slug: _blocks(i) for i, slug in enumerate(slugs)})  # ends with "# EOF"
    body = slo_part.replace("# EOF\n", "") + _usage_openmetrics(slugs) + "# EOF\n"
    with tempfile.TemporaryDirectory() as tmp:
        url, server = prometheus_launch(body, Path(tmp))
        try:
            _pulls(url)
        finally:
            server.terminate()
            server.wait()


def _pulls(url: str) -> None:
    end = T0 + timedelta(minutes=5 * BLOCKS)
    for label, covered in (("steady pull (1 point)", end - timedelta(minutes=5)), ("3-hour back-fill", T0)):
        FeatureUsageDaily.objects.filter(day__lte=(T0 + timedelta(days=1)).date()).delete()
        PullState.objects.update_or_create(pk=1, defaults={"covered_until": covered, "stale_since": None})
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = metrics_pull_run(now=end + timedelta(minutes=1), client=PrometheusClient(url))
            took = time.perf_counter() - started
        print(f"{label}: ok={result.ok} HTTP queries={result.queries} rows={result.samples} "
              f"SQL={len(captured.captured_queries)} wall={took:.2f} s")  # fmt: skip


def usage_ensure(customers: list[PilotCustomer]) -> None:
    """Two years of daily feature usage and active users for every customer, generated in SQL."""
    today = timezone.localdate()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM monitoring_featureusagedaily; DELETE FROM monitoring_activeusersdaily")
        cursor.execute(
            """
            INSERT INTO monitoring_featureusagedaily (customer_id, feature, day, events)
            SELECT c.id, f, d::date, floor(random() * 200)
            FROM tenants_pilotcustomer c, unnest(%s::varchar[]) AS f,
                 generate_series(%s::date - 730, %s::date, '1 day') AS d
            WHERE c.slug LIKE 'health%%'
            """,
            [FEATURES, today, today],
        )
        cursor.execute(
            """
            INSERT INTO monitoring_activeusersdaily (customer_id, day, users)
            SELECT c.id, d::date, 3 + floor(random() * 8)
            FROM tenants_pilotcustomer c, generate_series(%s::date - 730, %s::date, '1 day') AS d
            WHERE c.slug LIKE 'health%%'
            """,
            [today, today],
        )
        cursor.execute("ANALYZE monitoring_featureusagedaily; ANALYZE monitoring_activeusersdaily")
    print(f"daily usage rows: {FeatureUsageDaily.objects.count():,}")


def main() -> None:
    slo_defaults_ensure()
    started = time.perf_counter()
    customers = customers_ensure()
    print(f"{len(customers)} provisioned live customers ready in {time.perf_counter() - started:.0f} s")
    bench_pull(customers)
    usage_ensure(customers)
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        health_refresh_all()
        print(f"health_refresh_all (50 customers): {time.perf_counter() - started:.2f} s, "
              f"{len(captured.captured_queries)} SQL statements")  # fmt: skip
    client, one = program_manager_client("bench-health-pm"), customers[7]
    assert client.get(f"/api/v1/customers/{one.slug}/health/", secure=True).status_code == 200
    page, api = f"/admin/monitoring/customers/{one.slug}/health/", f"/api/v1/customers/{one.slug}/health/"
    timing_print(f"GET {page}", lambda: client.get(page, secure=True), RUNS)
    timing_print(f"GET {api}", lambda: client.get(api, secure=True), RUNS)
    year = {"start": "2025-06-01", "end": "2026-06-01"}
    timing_print(f"GET {api}?start=…&end=… (one year)", lambda: client.get(api, year, secure=True), RUNS)
    timing_print(
        "GET /admin/ (program dashboard with the health card)", lambda: client.get("/admin/", secure=True), RUNS
    )


if __name__ == "__main__":
    main()
