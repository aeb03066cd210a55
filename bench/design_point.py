"""The design point's data set in its own database (DESIGN.md): 50 live customers, 200k survey responses,
100k incidents (15 % active), two years of 5-minute SLI samples — times BENCH_SCALE (default 1).

Run: .venv/bin/python bench/design_point.py   (or `make bench`, which builds it first)
Database: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/pilot_bench), created and migrated
here; `seed_demo` (once) gives the program, staff and the three demo customers, 47 bench customers are provisioned
through the service (timed: provisioning at up to 50 customers). Each part is skipped when already there,
so re-runs take seconds; a different BENCH_SCALE needs a fresh database (`dropdb pilot_bench`).
"""

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCALE = float(os.environ.get("BENCH_SCALE", "1"))
os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pilot_bench")
os.environ.setdefault("REDIS_URL", os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/9"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilot.settings")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
os.environ.setdefault("EMAIL_URL", "consolemail://")

CUSTOMERS = 50
RESPONSES_PER_CUSTOMER = round(4000 * SCALE)  # 200k at scale 1
INCIDENTS = round(100_000 * SCALE)
OPEN_PCT = 15
SLI_DAYS = max(1, round(730 * SCALE))


def _prepare_database() -> None:
    subprocess.run([sys.executable, str(ROOT / "scripts/ensure_db.py")], check=True)
    subprocess.run([str(ROOT / "scripts/migrate.sh")], check=True, cwd=ROOT, env=os.environ, stdout=subprocess.DEVNULL)


_prepare_database()

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tenants.utils import tenant_context  # noqa: E402

from bench.builders import INCIDENTS_SQL, SLI_SAMPLES_SQL, feedback_fill_sql, incidents_params  # noqa: E402
from feedback.models import Response  # noqa: E402
from feedback.services.surveys import survey_default_ensure, survey_publish  # noqa: E402
from incidents.models import Incident  # noqa: E402
from monitoring.models import SliSample, Slo  # noqa: E402
from monitoring.services import daily_rollup_refresh, slo_defaults_ensure  # noqa: E402
from monitoring.services.pull import grid_floor  # noqa: E402
from rollups.services import rollups_reconcile  # noqa: E402
from tenants.choices import Status  # noqa: E402
from tenants.models import PilotCustomer  # noqa: E402
from tenants.services.customers import CandidateInput, customer_status_change  # noqa: E402
from tenants.services.provisioning import customer_onboard  # noqa: E402


def _timed(label: str, step: Callable[[], str]) -> None:
    started = time.perf_counter()
    detail = step()
    print(f"  {label}: {detail} ({time.perf_counter() - started:.1f} s)", flush=True)


def customers_ensure() -> str:
    """The demo's three plus bench customers up to 50, provisioned by the service (each timed), all live."""
    have = PilotCustomer.objects.filter(tenant__isnull=False).count()
    times = []
    for index in range(have - 3, CUSTOMERS - 3):
        slug = f"bench{index:02d}"
        data = CandidateInput(slug=slug, name_en=slug, city="Riyadh", ponds=3, contact_email=f"admin@{slug}.example")
        started = time.perf_counter()
        customer_onboard(data=data)
        times.append(time.perf_counter() - started)
    for customer in PilotCustomer.objects.filter(tenant__isnull=False).exclude(status=Status.LIVE):
        customer_status_change(customer=customer, to_status=Status.LIVE)
    if not times:
        return "already there"
    return (
        f"{len(times)} provisioned, median {statistics.median(times):.2f} s, "
        f"last {times[-1]:.2f} s, max {max(times):.2f} s"
    )


def responses_ensure() -> str:
    filled = 0
    for customer in PilotCustomer.objects.filter(tenant__isnull=False).select_related("tenant"):
        with tenant_context(customer.tenant):
            if Response.objects.exists():
                continue
            survey = survey_publish(survey=survey_default_ensure())
            with connection.cursor() as cursor:
                cursor.execute(feedback_fill_sql(responses=RESPONSES_PER_CUSTOMER), {"survey": survey.pk})
            filled += 1
    return f"{filled} customers filled with {RESPONSES_PER_CUSTOMER} responses each"


def incidents_ensure() -> str:
    if Incident.objects.filter(title__startswith="Bench incident").exists():
        return "already there"
    ids = list(PilotCustomer.objects.filter(tenant__isnull=False).order_by("pk").values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(INCIDENTS_SQL, incidents_params(count=INCIDENTS, open_pct=OPEN_PCT, customer_ids=ids))
    return f"{INCIDENTS:,} incidents, {OPEN_PCT} % active"


def samples_ensure() -> str:
    slo_defaults_ensure()
    end = grid_floor(timezone.now())
    start = end - timedelta(days=SLI_DAYS)
    if SliSample.objects.filter(at__lte=start + timedelta(days=1)).exists():
        return "already there"
    ids = list(PilotCustomer.objects.filter(tenant__isnull=False).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(SLI_SAMPLES_SQL, {"start": start, "end": end, "customers": ids})
        daily_rollup_refresh(start=start, end=end)
        cursor.execute("ANALYZE monitoring_slisample; ANALYZE monitoring_slidaily")
    return f"{SLI_DAYS} days x {len(ids)} customers x {Slo.objects.count()} SLOs"


def demo_ensure() -> str:
    """The demo (program, staff, three customers) once: a second seed_demo on an aged database is not needed."""
    if get_user_model().objects.filter(username="pm").exists():
        return "already there"
    call_command("seed_demo", stdout=StringIO())
    return "seed_demo"


def summaries_ensure() -> str:
    """The per-customer summaries the cross-customer pages read (rollups): the bulk SQL above writes
    answers without the services, so the summaries are rebuilt from every schema, as the reconciliation does."""
    return f"{rollups_reconcile()} customers summarised"


def vacuum() -> str:
    """What autovacuum does to a production database between bulk loads: visibility maps set (a COUNT of the
    15,000 active incidents becomes an index-only scan, 15 ms -> about 2 ms) and statistics fresh. This
    machine's PostgreSQL runs with autovacuum off, so without this every run read freshly loaded tables. Once
    done it is quick: pages already all-visible are skipped."""
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    return "VACUUM (ANALYZE) of the database"


def build() -> None:
    print(f"design point x {SCALE} in {connection.settings_dict['NAME']}:", flush=True)
    started = time.perf_counter()
    _timed("demo data", demo_ensure)
    _timed("customers", customers_ensure)
    _timed("survey responses", responses_ensure)
    _timed("incidents", incidents_ensure)
    _timed("SLI samples", samples_ensure)
    _timed("summaries", summaries_ensure)
    _timed("vacuum", vacuum)
    print(f"  data set ready in {time.perf_counter() - started:.0f} s", flush=True)


if __name__ == "__main__":
    build()
