"""Time of the feedback analysis (feedback_summary, the dashboard's single visit) over 50 customers with
4,000 responses each (200,000 responses, 1.4 million answers): the design point of DESIGN.md.

Run: DATABASE_URL=postgres://postgres@127.0.0.1:5432/pilot_feedback_bench .venv/bin/python bench/feedback_analysis.py
Uses its own database (created and migrated here); data is generated with SQL inside each schema, so
set-up takes a few minutes once and re-runs reuse it.
"""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilot.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pilot_feedback_bench")

CUSTOMERS = int(os.environ.get("CUSTOMERS", "50"))
RESPONSES = 4000  # of 5,000 invitations (250 contacts x 20 weeks) per customer
RUNS = int(os.environ.get("RUNS", "5"))

subprocess.run([sys.executable, str(ROOT / "scripts/ensure_db.py")], check=True)
subprocess.run([str(ROOT / "scripts/migrate.sh")], check=True, cwd=ROOT)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django_tenants.utils import tenant_context  # noqa: E402

from bench.builders import feedback_fill_sql  # noqa: E402
from feedback.models import Response  # noqa: E402
from feedback.selectors import feedback_dashboard, feedback_summary  # noqa: E402
from feedback.services.surveys import survey_default_ensure, survey_publish  # noqa: E402
from tenants.choices import Status  # noqa: E402
from tenants.models import PilotCustomer  # noqa: E402
from tenants.services.customers import CandidateInput, customer_status_change  # noqa: E402
from tenants.services.provisioning import customer_onboard  # noqa: E402

FILL = feedback_fill_sql(responses=RESPONSES)


def _customer(n: int) -> PilotCustomer:
    slug = f"bench{n:02d}"
    data = CandidateInput(slug=slug, name_en=slug, city="Riyadh", ponds=3, contact_email=f"admin@{slug}.example")
    customer = customer_onboard(data=data).customer
    if customer.status != Status.LIVE:
        customer = customer_status_change(customer=customer, to_status=Status.LIVE)
    with tenant_context(customer.tenant):
        if not Response.objects.exists():
            survey = survey_publish(survey=survey_default_ensure())
            with connection.cursor() as cursor:
                cursor.execute(FILL, {"survey": survey.pk})
    return customer


def _seconds(read) -> list[float]:
    times = []
    for _ in range(RUNS):
        started = time.perf_counter()
        read()
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    started = time.perf_counter()
    for n in range(CUSTOMERS):
        _customer(n)
    print(f"set-up {time.perf_counter() - started:.1f} s")
    summary = feedback_summary()
    total = summary.responses
    overall = _seconds(feedback_summary)
    dashboard = _seconds(feedback_dashboard)
    one = _seconds(
        lambda: feedback_summary(customer=PilotCustomer.objects.select_related("tenant").get(slug="bench00"))
    )
    print(
        f"{summary.customers} customers, {total} responses, satisfaction {summary.satisfaction_pct} %, "
        f"NPS {summary.nps}, weeks {len(summary.weekly)}"
    )
    for name, times in (
        ("feedback_summary (all)", overall),
        ("feedback_dashboard", dashboard),
        ("feedback_summary (one customer)", one),
    ):
        print(
            f"{name}: median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms over {RUNS} runs"
        )


if __name__ == "__main__":
    main()
