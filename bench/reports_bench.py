"""Wall time and peak memory of the final PDF report for 3 and for 50 pilot customers.

    DATABASE_URL=... .venv/bin/python bench/reports_bench.py            # both sizes, each in a fresh process
    DATABASE_URL=... .venv/bin/python bench/reports_bench.py --one 50   # one size, in this process

Provisions bench customers (bench-01…) in the database of DATABASE_URL until there are 50
(idempotent; ~1.5 s each), and fills their public summaries (rollups) as the reconciliation would
leave them at the design point — two years of weekly survey figures (4,000 responses per customer,
200k in all) and 40 feedback-item rows each — in ~2 s for all 50. The feedback sections are the
real ones, read from those summaries; the incidents, SLO and program sections answer with the
contract-shaped figures of tests/reports/fakes.py so every page (charts, tables) is drawn.
A benchmark, not a test.
"""

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilot.settings")


def _setup(customers: int) -> list:
    import django

    django.setup()
    from tenants.selectors import customer_list_provisioned
    from tenants.services.customers import CandidateInput
    from tenants.services.provisioning import customer_onboard

    existing = customer_list_provisioned().count()
    for index in range(existing + 1, customers + 1):
        slug = f"bench-{index:02d}"
        data = CandidateInput(
            slug=slug,
            name_en=f"Bench Farm {index}",
            name_ar=f"مزرعة الاختبار {index}",
            city="Riyadh",
            ponds=3,
            contact_email=f"{slug}@example.com",
        )
        customer_onboard(data=data, admin_email=data.contact_email)
    chosen = list(customer_list_provisioned().prefetch_related("onboarding_steps")[:customers])
    _summaries_fill([c for c in chosen if c.slug.startswith("bench-")])  # the demo's own figures stay
    return chosen


WEEKS = 104  # two years of weekly rounds
RESPONSES_PER_WEEK = 38  # x 104 weeks x 50 customers = ~200k responses


def _summaries_fill(customers: list) -> None:
    """Design-point summary rows for each customer (what rollups_reconcile would store), idempotent."""
    from datetime import date, timedelta

    from rollups.services import DayFigures, ItemFigures, feedback_days_store, feedback_item_days_store

    first = date(2024, 12, 1)  # a Sunday
    for index, customer in enumerate(customers):
        weeks = [first + timedelta(weeks=w) for w in range(WEEKS)]
        days = [
            DayFigures(
                day=week,
                csat={"5": 14, "4": 12 + index % 3, "3": 6, "2": 3, "1": 3},
                nps={"10": 10, "9": 8, "8": 9, "7": 4, "6": 4, "3": 3},
                ces={"7": 12, "6": 14, "5": 8, "3": 4},
                invitations=45,
                responses=RESPONSES_PER_WEEK,
                features_used=130 + index % 20,
                features_offered=RESPONSES_PER_WEEK * 5,
            )
            for week in weeks
        ]
        feedback_days_store(customer_id=customer.pk, days=None, figures=days)
        items = [
            ItemFigures(weeks[i * 2], kind, f"{kind} {i}", votes=1 + i % 7, items=1, open_items=i % 2)
            for i in range(20)
            for kind in ("pain_point", "feature_request")
        ]
        feedback_item_days_store(customer_id=customer.pk, days=None, figures=items)


def run_one(customers: int, language: str) -> None:
    chosen = _setup(customers)
    from django.template import engines

    from reports import context
    from reports.builder import report_pdf_build
    from tests.reports.fakes import selector_functions

    engines.all()  # load the template libraries before the fakes go in
    # Feedback is read for real, from the summaries; the other apps answer with contract fakes.
    for name, function in selector_functions().items():
        if not name.startswith("feedback_"):
            setattr(context, name, function)
    context.customers_for_report = lambda *, customer=None: chosen
    started, cpu_started = time.perf_counter(), time.process_time()
    pdf = report_pdf_build(language=language)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / f"final-{customers}-{language}.pdf").write_bytes(pdf)
    print(
        # cpu: this process's CPU seconds; on a shared machine wall time also counts waiting for a core.
        f"customers={len(chosen):3d} lang={language} wall={wall:6.2f}s cpu={cpu:6.2f}s peak_rss={peak_mb:6.0f}MB "
        f"pdf={len(pdf) / 1024:7.0f}KB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", type=int)
    parser.add_argument("--lang", default="ar")
    args = parser.parse_args()
    if args.one:
        run_one(args.one, args.lang)
        return
    started = time.perf_counter()
    _setup(50)  # provision once, outside the measured runs
    print(f"data set: 50 customers provisioned and summarised in {time.perf_counter() - started:.1f} s")
    for customers in (3, 50):
        for language in ("ar", "en"):
            subprocess.run([sys.executable, __file__, "--one", str(customers), "--lang", language], check=True)


if __name__ == "__main__":
    main()
