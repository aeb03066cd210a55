"""The timer engine against the real PostgreSQL: once-only alarms, racing engines, catch-up after downtime."""

import threading

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.db import connection

from incidents.choices import EventKind
from incidents.models import Incident, IncidentEvent, SeverityPolicy
from incidents.services import incident_timers_run, policies_ensure
from incidents.tasks import incident_timers_run as timers_task
from tests.incidents.factories import incident_make, riyadh


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """One engine pass whose after-commit e-mails run, as they do outside the test's transaction."""

    def run_once(**kwargs: object):
        with django_capture_on_commit_callbacks(execute=True):
            return incident_timers_run(**kwargs)

    return run_once


def _escalate_to(address: str) -> None:
    policies_ensure()
    SeverityPolicy.objects.filter(severity=1).update(escalation_emails=f"{address}\noncall@aquafarm.example ar")


@pytest.mark.django_db
def test_warning_then_breach_each_recorded_and_told_once(tenant_a, run) -> None:
    _escalate_to("lead@aquafarm.example")
    with time_machine.travel(riyadh(2026, 3, 1, 9), tick=False):
        incident = incident_make(tenant_a, severity=1)
    with time_machine.travel(riyadh(2026, 3, 1, 9, 11), tick=False):
        assert run().warnings == 1
        assert run().warnings == 0
    with time_machine.travel(riyadh(2026, 3, 1, 9, 16), tick=False):
        assert run().breaches == 1
        assert timers_task.delay().get() == {"examined": 0, "warnings": 0, "breaches": 0, "emails": 0}
    kinds = list(incident.events.values_list("kind", flat=True))
    assert kinds.count("warning") == 1 and kinds.count("breach") == 1 and kinds.count("escalation") == 2
    assert len(mail.outbox) == 4  # two recipients × (warning, breach)
    arabic = next(message for message in mail.outbox if message.to == ["oncall@aquafarm.example"])
    assert "الموعد" in arabic.body or "الحادثة" in arabic.subject


@pytest.mark.django_db
def test_catch_up_after_an_hour_down_records_true_times_and_tells_once(tenant_a, run) -> None:
    _escalate_to("lead@aquafarm.example")
    with time_machine.travel(riyadh(2026, 3, 1, 9), tick=False):
        severity_1 = incident_make(tenant_a, severity=1)
        severity_2 = incident_make(tenant_a, severity=2, category="feature_malfunction")
    with time_machine.travel(riyadh(2026, 3, 1, 10, 5), tick=False):
        result = run()
    assert (result.warnings, result.breaches) == (2, 2)
    severity_1.refresh_from_db()
    severity_2.refresh_from_db()
    assert severity_1.response_warned_at == riyadh(2026, 3, 1, 9, 10)
    assert severity_1.response_breached_at == riyadh(2026, 3, 1, 9, 15)
    assert severity_2.response_breached_at == riyadh(2026, 3, 1, 10)
    # Only breaches are told after downtime: a stale warning would be noise.
    assert len([m for m in mail.outbox if "lead@aquafarm.example" in m.to]) == 1


@pytest.mark.django_db
def test_manage_command_runs_one_pass(tenant_a, capsys) -> None:
    with time_machine.travel(riyadh(2026, 3, 1, 9), tick=False):
        incident_make(tenant_a, severity=1)
    with time_machine.travel(riyadh(2026, 3, 1, 9, 20), tick=False):
        call_command("incident_timers")
    assert "breaches=1" in capsys.readouterr().out


@pytest.mark.django_db(transaction=True)
def test_two_engines_at_once_record_one_breach_and_send_one_email_each(tenant_a) -> None:
    _escalate_to("lead@aquafarm.example")
    SeverityPolicy.objects.filter(severity=1).update(escalation_emails="lead@aquafarm.example")
    with time_machine.travel(riyadh(2026, 3, 1, 9), tick=False):
        incidents = [incident_make(tenant_a, severity=1) for _ in range(40)]
    Incident.objects.update(response_warned_at=riyadh(2026, 3, 1, 9, 10))  # only the breach is left
    start = threading.Barrier(2)
    results = []

    def engine() -> None:
        try:
            start.wait()
            results.append(incident_timers_run(now=riyadh(2026, 3, 1, 9, 30), batch_size=5))
        finally:
            connection.close()

    threads = [threading.Thread(target=engine) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(result.breaches for result in results) == len(incidents)
    assert IncidentEvent.objects.filter(kind=EventKind.BREACH).count() == len(incidents)
    assert IncidentEvent.objects.filter(kind=EventKind.ESCALATION).count() == len(incidents)
    assert sorted(len(m.to) for m in mail.outbox) == [1] * len(incidents)
    assert len({m.subject for m in mail.outbox}) == len(incidents)


@pytest.mark.django_db
def test_the_assignee_is_told_in_the_language_chosen_in_the_back_office(tenant_a, run, support_engineer) -> None:
    from backoffice.language import staff_language_set

    policies_ensure()
    SeverityPolicy.objects.filter(severity=1).update(escalation_emails="")
    staff_language_set(user=support_engineer, language="ar")
    with time_machine.travel(riyadh(2026, 3, 1, 9), tick=False):
        incident_make(tenant_a, severity=1, assignee=support_engineer)
    with time_machine.travel(riyadh(2026, 3, 1, 9, 11), tick=False):
        run()
    told = [message for message in mail.outbox if message.to == [support_engineer.email]]
    assert told and ("الموعد" in told[0].body or "الحادثة" in told[0].subject)
