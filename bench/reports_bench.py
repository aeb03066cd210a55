"""Wall time and peak memory of the final PDF report for 3 and for 50 pilot customers.

    DATABASE_URL=... .venv/bin/python bench/reports_bench.py            # both sizes, each in a fresh process
    DATABASE_URL=... .venv/bin/python bench/reports_bench.py --one 50   # one size, in this process

Provisions bench customers (bench-01…) in the database of DATABASE_URL until there are 50
(idempotent), and answers the other apps' sections with the contract-shaped figures of
tests/reports/fakes.py so every page (charts, tables) is drawn. A benchmark, not a test.
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
    return list(customer_list_provisioned().prefetch_related("onboarding_steps")[:customers])


def run_one(customers: int, language: str) -> None:
    chosen = _setup(customers)
    from reports import context
    from reports.builder import report_pdf_build
    from tests.reports.fakes import selector_modules

    sys.modules.update(selector_modules())
    context.customers_for_report = lambda *, customer=None: chosen
    started = time.perf_counter()
    pdf = report_pdf_build(language=language)
    wall = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / f"final-{customers}-{language}.pdf").write_bytes(pdf)
    print(
        f"customers={len(chosen):3d} lang={language} wall={wall:6.2f}s peak_rss={peak_mb:6.0f}MB "
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
    _setup(50)  # provision once, outside the measured runs
    for customers in (3, 50):
        for language in ("ar", "en"):
            subprocess.run([sys.executable, __file__, "--one", str(customers), "--lang", language], check=True)


if __name__ == "__main__":
    main()
