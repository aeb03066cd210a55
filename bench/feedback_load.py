"""Survey submissions per second through the real stack (gunicorn + django-tenants + PostgreSQL), with
every invitation submitted twice at the same moment: afterwards there must be exactly one response per
invitation (none lost, none duplicated) and every answer stored.

Run (after `scripts/migrate.sh` and `manage.py seed_demo` on the same database):
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/pilot_feedback REDIS_URL=redis://127.0.0.1:6379/2 \
    .venv/bin/python bench/feedback_load.py [--invitations 400] [--clients 16] [--workers 4]

It starts gunicorn on 127.0.0.1:8102, creates its own unpublished survey round with inactive contacts
in the `riyadh` schema, and deletes all of it at the end.
"""

import argparse
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilot.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pilot_feedback")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/2")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_tenants.utils import tenant_context  # noqa: E402

from feedback.models import Answer, Contact, FeedbackItem, Question, Response, Survey, SurveyRound  # noqa: E402
from feedback.services.rollups import feedback_rollups_rebuild  # noqa: E402
from feedback.services.rounds import invitation_create  # noqa: E402
from feedback.services.surveys import survey_default_ensure  # noqa: E402
from feedback.tokens import token_for  # noqa: E402
from tenants.models import PilotCustomer  # noqa: E402

PORT = 8102
HOST = "riyadh.localhost"
BENCH_KEY = "bench-load"
ANSWERS = {
    "satisfaction": "4",
    "recommend": "9",
    "effort": "6",
    "features": ["reports", "daily-entry"],
    "problems": "minor",
    "pain-point": "Slow sync",
    "request": "",
}
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _setup(customer: PilotCustomer, count: int) -> list[str]:
    """An unpublished copy of the default survey, one round, `count` inactive contacts: the bench's own."""
    with tenant_context(customer.tenant):
        default = survey_default_ensure()
        survey, _ = Survey.objects.get_or_create(key=BENCH_KEY, defaults={"title_en": "Bench", "title_ar": "Bench"})
        for question in default.questions.all():
            Question.objects.get_or_create(
                survey=survey,
                key=question.key,
                defaults={
                    f.name: getattr(question, f.name)
                    for f in Question._meta.concrete_fields
                    if f.name not in ("id", "survey", "key")
                },
            )
        now = timezone.now()
        survey_round = SurveyRound.objects.create(
            survey=survey,
            week_start=now.date() - timedelta(days=3650),
            opened_at=now,
            closes_at=now + timedelta(days=1),
        )
        contacts = Contact.objects.bulk_create(
            [Contact(name=f"bench {n}", email=f"bench-{n}@load.example", active=False) for n in range(count)]
        )
        return [token_for(invitation_create(survey_round=survey_round, contact=c).token_nonce) for c in contacts]


def _cleanup(customer: PilotCustomer) -> None:
    """Everything the bench's links wrote, the feedback items of their free texts included: left behind (an
    item outlives its answer), they piled up run after run, and every later answer recounted them."""
    with tenant_context(customer.tenant):
        items = FeedbackItem.objects.filter(answer__response__invitation__round__survey__key=BENCH_KEY)
        FeedbackItem.history.filter(id__in=list(items.values_list("pk", flat=True))).delete()
        items.delete()
        Response.objects.filter(invitation__round__survey__key=BENCH_KEY).delete()
        SurveyRound.objects.filter(survey__key=BENCH_KEY).delete()
        Survey.history.filter(key=BENCH_KEY).delete()
        Survey.objects.filter(key=BENCH_KEY).delete()
        Contact.objects.filter(email__endswith="@load.example").delete()
        Contact.history.filter(email__endswith="@load.example").delete()
        # Each answer appended a row to the summaries (rollups.services.feedback_day_add): rebuilt from what is
        # left, they do not keep the deleted answers or pile up rows run after run.
        feedback_rollups_rebuild(customer)


def _server(workers: int) -> subprocess.Popen:
    env = {**os.environ, "PORTAL_PORT": str(PORT), "DEBUG": "true"}
    process = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "pilot.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            str(workers),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(100):
        try:
            requests.get(f"http://127.0.0.1:{PORT}/healthz", timeout=5)
            return process
        except requests.RequestException:
            time.sleep(0.2)
    raise RuntimeError("gunicorn did not start")


def _submit_twice(token: str) -> list[int]:
    """Open the link, then send the same form twice at once from two connections (a double tap)."""
    url = f"http://127.0.0.1:{PORT}/s/{token}/?lang=en"
    session = requests.Session()
    page = session.get(url, headers={"Host": f"{HOST}:{PORT}"}, timeout=30)
    data = {**ANSWERS, "csrfmiddlewaretoken": CSRF.search(page.text).group(1)}
    headers = {"Host": f"{HOST}:{PORT}", "Referer": f"http://{HOST}:{PORT}/", "Origin": f"http://{HOST}:{PORT}"}
    with ThreadPoolExecutor(2) as pair:
        posts = [
            pair.submit(session.post, url, data=data, headers=headers, allow_redirects=False, timeout=30)
            for _ in range(2)
        ]
        return [p.result().status_code for p in posts]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--invitations", type=int, default=400)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args()
    customer = PilotCustomer.objects.select_related("tenant").get(slug="riyadh")
    _cleanup(customer)
    cache.clear()  # the guess counter of 127.0.0.1 from earlier runs
    tokens = _setup(customer, args.invitations)
    server = None
    try:
        server = _server(args.workers)
        started = time.perf_counter()
        with ThreadPoolExecutor(args.clients) as pool:
            statuses = [s for pair in pool.map(_submit_twice, tokens) for s in pair]
        elapsed = time.perf_counter() - started
    finally:
        if server is not None:
            os.killpg(server.pid, 15)
            server.wait(timeout=20)
    with tenant_context(customer.tenant):
        responses = Response.objects.filter(invitation__round__survey__key=BENCH_KEY)
        per_invitation = responses.values("invitation").annotate(n=Count("id")).filter(n__gt=1).count()
        answers = Answer.objects.filter(response__in=responses).count()
        total = responses.count()
    _cleanup(customer)
    ok = statuses.count(302)
    print(
        f"invitations {len(tokens)}, submissions {len(statuses)} ({ok} accepted, others: "
        f"{sorted(set(statuses) - {302})}), {args.clients} clients x 2, {args.workers} gunicorn workers"
    )
    print(f"{len(statuses) / elapsed:.1f} submissions/s ({elapsed:.1f} s, each with its page load)")
    print(
        f"responses stored {total} (expected {len(tokens)}), duplicated {per_invitation}, "
        f"answers {answers} (expected {7 * len(tokens)})"
    )
    if total != len(tokens) or per_invitation or answers != 7 * len(tokens) or ok != len(statuses):
        sys.exit("LOST OR DUPLICATED RESPONSES")


if __name__ == "__main__":
    main()
