"""Backup and restore of one customer: time and size, for a demo customer and a large one.

Run (after `scripts/migrate.sh` and `manage.py seed_demo` on the same database, not a shared one):
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/pilot_backup_bench .venv/bin/python bench/tenants_backup.py

1. `riyadh` (demo data): backup, then restore beside it (`--as`), verified against the manifest.
2. `bigfarm` (created here; RESPONSES survey responses, INCIDENTS incidents): backup, purge,
   restore under its own slug — every count and checksum verified by the restore itself.
Backups go to a temporary BACKUP_DIR; the copies are removed at the end.
"""

import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pilot.settings")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/pilot_backup_bench")
os.environ.setdefault("EMAIL_URL", "memorymail://")
os.environ["BACKUP_DIR"] = tempfile.mkdtemp(prefix="backup-bench-")

import django

django.setup()

from django.utils import timezone  # noqa: E402
from django_tenants.utils import tenant_context  # noqa: E402

from feedback.models import Answer, Contact, Invitation, Response, SurveyRound  # noqa: E402
from feedback.services.surveys import survey_default_ensure  # noqa: E402
from feedback.tokens import nonce_new, token_for, token_hash  # noqa: E402
from incidents.choices import Category  # noqa: E402
from incidents.models import Incident  # noqa: E402
from incidents.selectors import calendar_for, policy_map  # noqa: E402
from incidents.services import policies_ensure  # noqa: E402
from incidents.services.clocks import deadlines_set  # noqa: E402
from tenants.models import PilotCustomer  # noqa: E402
from tenants.services import pgtools  # noqa: E402
from tenants.services.backup import customer_backup, customer_purge, customer_restore  # noqa: E402
from tenants.services.customers import CandidateInput  # noqa: E402
from tenants.services.provisioning import customer_onboard  # noqa: E402

RESPONSES = int(os.environ.get("RESPONSES", "4000"))
INCIDENTS = int(os.environ.get("INCIDENTS", "2000"))
BIG = CandidateInput(slug="bigfarm", name_en="Big Farm", city="Riyadh", ponds=5, contact_email="o@bigfarm.example")


def _responses_create(count: int) -> None:
    survey = survey_default_ensure()
    questions = list(survey.questions.all())
    now = timezone.now()
    survey_round = SurveyRound.objects.create(
        survey=survey, week_start=now.date() - timedelta(days=7), opened_at=now, closes_at=now + timedelta(days=1)
    )
    contacts = Contact.objects.bulk_create(
        [Contact(name=f"bench {n}", email=f"bench-{n}@big.example") for n in range(count)]
    )
    nonces = [nonce_new() for _ in contacts]
    invitations = Invitation.objects.bulk_create(
        [
            Invitation(
                round=survey_round, contact=c, token_nonce=n, token_hash=token_hash(token_for(n)), expires_at=now
            )
            for c, n in zip(contacts, nonces, strict=True)
        ]
    )
    responses = Response.objects.bulk_create(
        [Response(invitation=i, language="ar", submitted_at=now, updated_at=now) for i in invitations]
    )
    rng = random.Random(11)
    answers = [
        Answer(response=r, question=q, score=rng.randint(1, 5), text="ok" if q.kind == "text" else "")
        for r in responses
        for q in questions
    ]
    Answer.objects.bulk_create(answers, batch_size=5000)


def _incidents_create(customer: PilotCustomer, count: int) -> None:
    policies_ensure()
    policies, now, rng = policy_map(), timezone.now(), random.Random(7)
    batch = []
    for index in range(count):
        severity = rng.choice([1, 2, 3])
        incident = Incident(
            title=f"Big incident {index}", category=rng.choice(Category.values), severity=severity, reported_at=now
        )
        deadlines_set(incident, policies[severity], calendar_for(policy=policies[severity]))
        batch.append(incident)
    created = Incident.objects.bulk_create(batch, batch_size=2000)
    through = Incident.customers.through
    through.objects.bulk_create([through(incident_id=i.pk, pilotcustomer_id=customer.pk) for i in created])


def _timed(label: str, action):
    started = time.monotonic()
    result = action()
    print(f"  {label}: {time.monotonic() - started:.2f} s")
    return result


def _size(backup) -> str:
    return f"{backup.size / 1024:.0f} KiB, {backup.schema_rows} schema rows, {backup.public_rows} public rows"


def _copy_remove(slug: str) -> None:
    copy = PilotCustomer.objects.select_related("tenant").get(slug=slug)
    schema = copy.tenant.schema_name
    copy.tenant.delete()
    copy.delete()
    pgtools.schema_drop(schema=schema)


def demo() -> None:
    riyadh = PilotCustomer.objects.select_related("tenant").get(slug="riyadh")
    print("riyadh (demo data):")
    backup = _timed("backup", lambda: customer_backup(customer=riyadh))
    print(f"  size: {_size(backup)}")
    _timed("restore beside it (--as), verified", lambda: customer_restore(path=Path(backup.path), slug="riyadh",
                                                                         as_slug="riyadh-copy"))  # fmt: skip
    _copy_remove("riyadh-copy")


def big() -> None:
    print(f"bigfarm ({RESPONSES} survey responses, {INCIDENTS} incidents):")
    customer = customer_onboard(data=BIG).customer
    with tenant_context(customer.tenant):
        _timed("building the data", lambda: _responses_create(RESPONSES))
    _incidents_create(customer, INCIDENTS)
    customer = PilotCustomer.objects.select_related("tenant").get(pk=customer.pk)
    backup = _timed("backup", lambda: customer_backup(customer=customer))
    print(f"  size: {_size(backup)}")
    purged = _timed("purge (backup first, then delete)", lambda: customer_purge(customer=customer))
    _timed("restore under its own slug, verified", lambda: customer_restore(path=Path(purged.path), slug="bigfarm"))
    restored = PilotCustomer.objects.select_related("tenant").get(slug="bigfarm")
    with tenant_context(restored.tenant):
        print(f"  after restore: {Response.objects.count()} responses, {Answer.objects.count()} answers,", end=" ")
    print(f"{restored.incidents.count()} incidents linked")
    purge_again = customer_purge(customer=restored)  # leave the database as it was (but for the archives)
    print(f"  (removed again; last archive {purge_again.path})")


if __name__ == "__main__":
    print(f"pg_dump: {pgtools.tool_version('pg_dump')}; BACKUP_DIR={os.environ['BACKUP_DIR']}")
    demo()
    big()
