"""Time to provision one customer: cloning the base schema vs running every migration.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/pilot_bench .venv/bin/python bench/tenants_provisioning.py
(uses its own database; creates and then deletes its bench customers).
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

from tenants.models import PilotCustomer  # noqa: E402
from tenants.services.customers import CandidateInput  # noqa: E402
from tenants.services.provisioning import customer_onboard  # noqa: E402

RUNS = int(os.environ.get("RUNS", "5"))


def _provision_seconds(slug: str) -> float:
    data = CandidateInput(slug=slug, name_en=slug, city="Riyadh", ponds=3, contact_email=f"admin@{slug}.example")
    started = time.perf_counter()
    customer_onboard(data=data)
    return time.perf_counter() - started


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
    for mode, fake in (("clone", True), ("migrate", False)):
        settings.TENANT_CREATION_FAKES_MIGRATIONS = fake
        times = [_provision_seconds(f"bench-{mode}-{index}") for index in range(RUNS)]
        print(
            f"{mode:8s} median {statistics.median(times):.3f} s  min {min(times):.3f} s  max {max(times):.3f} s "
            f"over {RUNS} customers"
        )
    _cleanup("bench-")
    connection.close()


if __name__ == "__main__":
    main()
