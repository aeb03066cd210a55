"""Monitoring at the design point: 50 customers.

1. One pull against a real Prometheus (promtool back-filled, 50 tenants, 3 hours of 1-minute
   counters): HTTP queries and wall time, for a steady 5-minute pull and for a 3-hour back-fill.
2. Dashboard latency over two years of 5-minute SLI samples for 50 customers × 4 SLOs
   (~42 million rows): the back-office board, one customer's slo_summary, and the overall one.

Run: .venv/bin/python bench/monitoring_bench.py
(own database, pilot_monitoring_bench by default; DAYS=730 and RUNS=15 can be changed; the
samples are generated once and kept between runs.)
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
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pilot_monitoring_bench")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/4")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench")
subprocess.run([sys.executable, "scripts/ensure_db.py"], cwd=ROOT, check=True)
subprocess.run(["scripts/migrate.sh"], cwd=ROOT, check=True, env=os.environ)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.measure import program_manager_client, timing_print  # noqa: E402
from monitoring.models import PullState, SliSample, Slo  # noqa: E402
from monitoring.prometheus import PrometheusClient  # noqa: E402
from monitoring.selectors import slo_board, slo_summary  # noqa: E402
from monitoring.services import daily_rollup_refresh, metrics_pull_run, slo_defaults_ensure  # noqa: E402
from monitoring.services.pull import grid_floor  # noqa: E402
from tenants.choices import Status  # noqa: E402
from tenants.models import CustomerTenant, PilotCustomer  # noqa: E402
from tests.monitoring.conftest import prometheus_launch  # noqa: E402
from tests.monitoring.test_prometheus_integration import BLOCKS, T0, _blocks, _openmetrics  # noqa: E402

CUSTOMERS = 50
DAYS = int(os.environ.get("DAYS", "730"))
RUNS = int(os.environ.get("RUNS", "15"))


def customers_ensure() -> list[PilotCustomer]:
    """50 live customers with tenant rows; their schemas are not needed (monitoring data is public)."""
    rows = []
    for index in range(CUSTOMERS):
        slug = f"bench{index:02d}"
        customer, _ = PilotCustomer.objects.get_or_create(
            slug=slug,
            defaults={
                "name_en": slug,
                "name_ar": slug,
                "city": "Riyadh",
                "region": "riyadh",
                "ponds": 3,
                "status": Status.LIVE,
            },  # fmt: skip
        )
        CustomerTenant.objects.get_or_create(schema_name=f"bench_{index:02d}", defaults={"customer": customer})
        rows.append(customer)
    return rows


def bench_pull(customers: list[PilotCustomer]) -> None:
    data = {c.slug: _blocks(i) for i, c in enumerate(customers)}
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        url, server = prometheus_launch(_openmetrics(data), Path(tmp))
        print(f"promtool back-fill of {CUSTOMERS} tenants × 3 h and start: {time.perf_counter() - started:.1f} s")
        try:
            end = T0 + timedelta(minutes=5 * BLOCKS)
            for label, covered in (("steady pull (1 point)", end - timedelta(minutes=5)), ("3-hour back-fill", T0)):
                SliSample.objects.filter(customer__slug__startswith="bench", at__lte=T0 + timedelta(days=1)).delete()
                PullState.objects.update_or_create(pk=1, defaults={"covered_until": covered, "stale_since": None})
                started = time.perf_counter()
                with CaptureQueriesContext(connection) as captured:
                    result = metrics_pull_run(now=end + timedelta(minutes=1), client=PrometheusClient(url))
                took = time.perf_counter() - started
                print(f"{label}: ok={result.ok} HTTP queries={result.queries} samples={result.samples}", end=" ")
                print(f"database statements={len(captured.captured_queries)} wall={took:.2f} s")
        finally:
            server.terminate()
            server.wait()


def samples_ensure(customers: list[PilotCustomer]) -> None:
    """DAYS of 5-minute samples per customer and SLO, generated in SQL, then the daily roll-ups."""
    end = grid_floor(timezone.now())
    start = end - timedelta(days=DAYS)
    have = SliSample.objects.filter(at__gt=start + timedelta(days=1)).exclude(at__lte=T0 + timedelta(days=1)).count()
    expected = DAYS * 288 * CUSTOMERS * 4
    if have >= expected * 0.99:
        print(f"samples already there: {have:,}")
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE monitoring_slisample, monitoring_slidaily")
        for slo in Slo.objects.all():
            cursor.execute(
                """
                INSERT INTO monitoring_slisample (slo_id, customer_id, at, good, total)
                SELECT %s, c.id, g.at, 1000 - floor(random() * 8), 1000
                FROM tenants_pilotcustomer c, generate_series(%s::timestamptz, %s::timestamptz, '5 minutes') AS g(at)
                WHERE c.slug LIKE 'bench%%'
                """,
                [slo.pk, start + timedelta(minutes=5), end],
            )
    print(f"inserted {expected:,} samples in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    daily_rollup_refresh(start=start, end=end)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE monitoring_slisample")
        cursor.execute("ANALYZE monitoring_slidaily")
    print(f"daily roll-ups in {time.perf_counter() - started:.0f} s")


def main() -> None:
    slo_defaults_ensure()
    customers = customers_ensure()
    bench_pull(customers)
    samples_ensure(customers)
    print(f"SLI samples in the table: {SliSample.objects.count():,}")
    one = customers[7]
    timing_print("slo_board, 50 customers × 4 SLOs", lambda: slo_board(customers=customers), RUNS)
    timing_print("slo_summary(customer)", lambda: slo_summary(customer=one), RUNS)
    timing_print("slo_summary() overall", lambda: slo_summary(), RUNS)
    client = program_manager_client("bench-pm")
    timing_print(
        "GET /admin/monitoring/slos/ (back office, 50 customers)",
        lambda: client.get("/admin/monitoring/slos/", secure=True),
        RUNS,
    )
    page = f"/admin/monitoring/slos/{one.slug}/"
    timing_print(f"GET {page} (phases too)", lambda: client.get(page, secure=True), RUNS)


if __name__ == "__main__":
    main()
