"""Time and statements to provision one customer (the service call), in a warm process, at the size of the
database it runs on (the design point's: DATABASE_URL=<the `make bench` database> gives 50 customers), then a
bulk run of 20 in a row (no slowdown expected), then — with MIGRATE=1 — running every migration instead.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/pilot_bench .venv/bin/python bench/tenants_provisioning.py
(creates and then deletes its bench customers).
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilot.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pilot_bench")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from tenants.models import PilotCustomer  # noqa: E402
from tenants.services.customers import CandidateInput  # noqa: E402
from tenants.services.provisioning import customer_onboard  # noqa: E402

RUNS = int(os.environ.get("RUNS", "5"))
BULK = int(os.environ.get("BULK", "20"))


def _provision_seconds(slug: str) -> float:
    data = CandidateInput(slug=slug, name_en=slug, city="Riyadh", ponds=3, contact_email=f"admin@{slug}.example")
    started = time.perf_counter()
    customer_onboard(data=data)
    return time.perf_counter() - started


def _statements(slug: str) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as captured:
        seconds = _provision_seconds(slug)
    return seconds, len(captured.captured_queries)


def _line(label: str, times: list[float]) -> str:
    return (
        f"{label:22s} median {statistics.median(times):.3f} s  min {min(times):.3f} s  max {max(times):.3f} s "
        f"over {len(times)}"
    )


def _cleanup(prefix: str) -> None:
    """Raw SQL on purpose: the bench only ever touches its own customers and their schemas."""
    slugs = list(PilotCustomer.objects.filter(slug__startswith=prefix).values_list("slug", flat=True))
    with connection.cursor() as cursor:
        for slug in slugs:
            cursor.execute(f'DROP SCHEMA IF EXISTS "{slug.replace("-", "_")}" CASCADE')
        ids = "SELECT id FROM tenants_pilotcustomer WHERE slug LIKE %s"
        for table, column in (
            ("tenants_domain", "tenant_id IN (SELECT id FROM tenants_customertenant WHERE customer_id"),
            ("tenants_customertenant", "customer_id"),
            ("tenants_onboardingstep", "customer_id"),
            ("tenants_historicalonboardingstep", "customer_id"),
            ("tenants_customerstatuschange", "customer_id"),
            ("tenants_historicalpilotcustomer", "id"),
            ("tenants_pilotcustomer", "id"),
        ):
            closing = "))" if table == "tenants_domain" else ")"
            cursor.execute(f"DELETE FROM {table} WHERE {column} IN ({ids}{closing}", [f"{prefix}%"])


def main() -> None:
    call_command("migrate_schemas", shared=True, verbosity=0)
    call_command("prepare_base_schema", verbosity=0)
    _cleanup("bench-")
    print(f"{PilotCustomer.objects.filter(tenant__isnull=False).count()} customers provisioned already")
    settings.TENANT_CREATION_FAKES_MIGRATIONS = True
    warm = _provision_seconds("bench-warm")  # the process's first: dumps the base schema once
    print(f"first in the process   {warm:.3f} s (prepares the base schema's script)")
    single = [_statements(f"bench-one-{index}") for index in range(RUNS)]
    print(_line("service call", [t for t, _ in single]) + f", {single[-1][1]} statements each")
    bulk = [_provision_seconds(f"bench-bulk-{index}") for index in range(BULK)]
    print(_line(f"bulk run of {BULK}", bulk) + f"; first {bulk[0]:.3f} s, last {bulk[-1]:.3f} s")
    if os.environ.get("MIGRATE"):
        settings.TENANT_CREATION_FAKES_MIGRATIONS = False
        print(_line("every migration", [_provision_seconds(f"bench-migrate-{index}") for index in range(RUNS)]))
    _cleanup("bench-")
    connection.close()


if __name__ == "__main__":
    main()
