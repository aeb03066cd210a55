"""Timings and query counts of the program's reads at the design point's scale.

Run (after `scripts/migrate.sh` and `manage.py seed_demo` on the same database):
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/pilot_program REDIS_URL=redis://127.0.0.1:6379/3 \
    .venv/bin/python bench/pilot_program.py [--customers 50] [--expenses 5000] [--runs 7]

Adds, inside one transaction that is rolled back at the end (the database is left as it was):
`customers` extra public customer rows each with its four core-function checklist items and a
training session of its own trainer with ten attendees, and `expenses` expenses. Prints the median
time and the query count of each selector and of the back-office pages.
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilot.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pilot_program")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/3")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from pilot.models import Attendee, BudgetLine, Expense, TrainingSession  # noqa: E402
from pilot.selectors import (  # noqa: E402
    budget_summary,
    dashboard_get,
    phase_list,
    program_get,
    risk_list,
    scorecard_get,
    training_summary,
)
from pilot.services.program import customer_checklist_seed  # noqa: E402
from tenants.models import PilotCustomer  # noqa: E402


class Rollback(Exception):
    pass


def _data(customers: int, expenses: int) -> None:
    program = program_get()
    users = get_user_model()
    for n in range(customers):
        customer = PilotCustomer.objects.create(
            slug=f"bench-{n}",
            name_en=f"Bench {n}",
            name_ar=f"تجربة {n}",
            city="Riyadh",
            region="riyadh",
            ponds=3,
            status="live",
        )
        customer_checklist_seed(customer=customer)
        trainer = users.objects.create(username=f"bench-trainer-{n}", is_staff=True)
        starts = timezone.make_aware(dt.datetime.combine(program.start_date + dt.timedelta(weeks=3), dt.time(9)))
        session = TrainingSession.objects.create(customer=customer, starts_at=starts, trainer=trainer)
        Attendee.objects.bulk_create(Attendee(session=session, name=f"P{i}", attended=i % 3 > 0) for i in range(10))
    line = BudgetLine.objects.order_by("pk").first()
    span = (program.end_date - program.start_date).days
    Expense.objects.bulk_create(
        Expense(line=line, date=program.start_date + dt.timedelta(days=i % span), amount=Decimal("3.50"))
        for i in range(expenses)
    )


def _measure(name: str, call: Callable[[], object], runs: int) -> None:
    times = []
    for _ in range(runs):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            result = call()
            if hasattr(result, "__iter__") and not isinstance(result, (str, bytes, dict)):
                list(result)
            times.append(time.perf_counter() - start)
    print(f"{name:32s} median {statistics.median(times) * 1000:8.1f} ms   {len(queries):4d} queries")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--customers", type=int, default=50)
    parser.add_argument("--expenses", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    today = timezone.localdate()
    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.get(username="pm"))
    try:
        with transaction.atomic():
            _data(args.customers, args.expenses)
            print(f"{args.customers} extra customers, {args.expenses} expenses, {args.runs} runs each")
            _measure("phase_list", lambda: phase_list(as_of=today), args.runs)
            _measure("budget_summary", lambda: budget_summary(as_of=today), args.runs)
            _measure("training_summary", training_summary, args.runs)
            _measure("risk_list", lambda: list(risk_list()), args.runs)
            _measure("scorecard_get", lambda: scorecard_get(as_of=today), args.runs)
            _measure("dashboard_get", lambda: dashboard_get(as_of=today), args.runs)
            for path in ("/admin/", "/admin/pilot/timeline/", "/admin/pilot/budget/", "/admin/pilot/scorecard/"):
                _measure(f"GET {path}", lambda path=path: client.get(path), args.runs)
            _measure("GET /api/v1/training-sessions/", lambda: client.get("/api/v1/training-sessions/"), args.runs)
            raise Rollback
    except Rollback:
        print("rolled back")


if __name__ == "__main__":
    main()
