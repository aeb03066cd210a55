"""How late, with beat's production schedule, a breach is recorded and its escalation e-mail delivered.

Run on a migrated, seeded database (`make run` once, then stop it):
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/pilot REDIS_URL=redis://127.0.0.1:6379/3 \
    .venv/bin/python bench/timers_latency.py [--incidents 5]

It starts one Celery worker and one beat (the periodic tasks as registered by `beat_schedule_sync`:
timers every 60 s, outbox flush every 30 s), opens severity-1 incidents whose response deadlines fall
one every 37 s from a minute from now, waits until each is breached and e-mailed, prints the delays from
the deadline, and closes the incidents it opened.
"""

import argparse
import datetime as dt
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilot.settings")

import django  # noqa: E402

django.setup()

from django.utils import timezone  # noqa: E402

from incidents.models import Incident, IncidentEvent  # noqa: E402
from incidents.services import IncidentInput, incident_open, policies_ensure  # noqa: E402
from ops.models import OutgoingMessage  # noqa: E402
from tenants.selectors import customer_list_live  # noqa: E402


def _processes(mail_dir: str) -> list[subprocess.Popen]:
    env = {**os.environ, "EMAIL_URL": f"filemail:///{mail_dir}", "LOG_LEVEL": "WARNING"}
    celery = [sys.executable, "-m", "celery", "-A", "pilot"]
    beat = [*celery, "beat", "-S", "django_celery_beat.schedulers:DatabaseScheduler", "--pidfile="]
    return [
        subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL)
        for command in ([*celery, "worker", "-c", "2"], beat)
    ]


def _open(count: int) -> list[Incident]:
    policies_ensure()
    customer, first_due = customer_list_live().first(), timezone.now() + dt.timedelta(seconds=60)
    incidents = []
    for index in range(count):
        due = first_due + dt.timedelta(seconds=37 * index)
        data = IncidentInput(
            title=f"bench: timers latency {index}",
            category="system_down",
            severity=1,
            customers=[customer],
            reported_at=due - dt.timedelta(minutes=15),
        )
        incidents.append(incident_open(data=data))
    return incidents


def _delays(incident: Incident) -> tuple[float, float] | None:
    breach = IncidentEvent.objects.filter(incident=incident, kind="breach", clock="response").first()
    if breach is None:
        return None
    recorded = dt.datetime.fromisoformat(breach.data["recorded_at"])
    # The warning before the deadline was escalated too: only the breach's own messages count.
    sent = OutgoingMessage.objects.filter(
        topic=f"incident:{incident.pk}", created_at__gte=recorded, sent_at__isnull=False
    ).order_by("sent_at")
    if not sent.exists():
        return None
    due = incident.response_due_at
    return (recorded - due).total_seconds(), (sent.first().sent_at - due).total_seconds()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--incidents", type=int, default=5)
    args = parser.parse_args()
    processes = _processes(tempfile.mkdtemp(prefix="timers-mail-"))
    incidents = _open(args.incidents)
    try:
        deadline = time.monotonic() + 60 + 37 * args.incidents + 180
        results: dict[int, tuple[float, float]] = {}
        while len(results) < len(incidents) and time.monotonic() < deadline:
            time.sleep(2)
            for incident in incidents:
                delays = _delays(incident)
                if delays:
                    results[incident.pk] = delays
    finally:
        for process in processes:
            os.killpg(process.pid, signal.SIGTERM)
        Incident.objects.filter(pk__in=[i.pk for i in incidents]).update(status="closed", next_check_at=None)
    for pk, (breach, mail) in sorted(results.items()):
        print(f"incident {pk}: breach recorded {breach:5.1f} s after the deadline, e-mail sent {mail:5.1f} s after")
    breaches, mails = [r[0] for r in results.values()], [r[1] for r in results.values()]
    print(f"median: breach {statistics.median(breaches):.1f} s, e-mail {statistics.median(mails):.1f} s")
    print(f"outbox delay (e-mail minus breach), median: {statistics.median(m - b for b, m in results.values()):.2f} s")


if __name__ == "__main__":
    main()
