"""Time and queries of the pages that summarise customers, at 3, 20 and 50 customers.

Run after `scripts/migrate.sh`, `manage.py seed_demo` and `bench/reports_bench.py` (which provisions
bench customers and fills their summaries) on the same database:
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/pilot_wt17a REDIS_URL=redis://127.0.0.1:6379/14 \
    .venv/bin/python bench/summary_pages.py [--runs 7]

For each size, the customers beyond it are made candidates inside a transaction that is rolled back
(the database is left as it was). Single user, Django's test client in this process (DEBUG off),
median of `runs` requests after one warm-up; statements without `SET search_path`. Run it with
FIGURES_CACHE_SECONDS=0 to time the computation every minute's first viewer pays (the others read it from
Redis). A benchmark, not a test.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilot.settings")
os.environ["DEBUG"] = "off"
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-of-enough-length-0123456789")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from tenants.choices import Status  # noqa: E402
from tenants.selectors import customer_list_provisioned  # noqa: E402
from tests.queries import statements  # noqa: E402

PAGES = {
    "program dashboard /admin/": "/admin/",
    "scorecard": "/admin/pilot/scorecard/",
    "feedback dashboard": "/admin/feedback/dashboard/",
    "staff API surveys/results": "/api/v1/surveys/results/",
    "staff API surveys": "/api/v1/surveys/",
    "surveys page": "/admin/feedback/surveys/",
    "SLO overview": "/admin/monitoring/slos/",
    "incidents queue": "/admin/incidents/queue/",
    "staff API incidents list": "/api/v1/incidents/",
}


class Rollback(Exception):
    pass


def _measure(client: Client, path: str, runs: int) -> tuple[float, int]:
    client.get(path, HTTP_HOST="localhost")
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path, HTTP_HOST="localhost", secure=True)
            times.append(time.perf_counter() - started)
        assert response.status_code == 200, (path, response.status_code)
    return statistics.median(times) * 1000, len(statements(queries.captured_queries))


def _size(customers: int, client: Client, runs: int) -> None:
    try:
        with transaction.atomic():
            keep = list(customer_list_provisioned().values_list("pk", flat=True)[:customers])
            customer_list_provisioned().exclude(pk__in=keep).update(status=Status.CANDIDATE)
            for name, path in PAGES.items():
                ms, queries = _measure(client, path, runs)
                print(f"{name:28s} customers={customers:3d} median={ms:7.1f} ms queries={queries}")
            raise Rollback
    except Rollback:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    client = Client()
    client.force_login(get_user_model().objects.get(username="pm"))
    for customers in (3, 20, 50):
        _size(customers, client, args.runs)


if __name__ == "__main__":
    main()
