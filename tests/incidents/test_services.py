"""Lifecycle rules, deadlines at their boundaries, the pause rule and the contract functions."""

import pytest
import time_machine
from django.core.exceptions import ValidationError

from incidents.choices import EventKind, Status
from incidents.models import Holiday, Incident, IncidentEvent
from incidents.selectors import incident_sla_by_customer, incident_sla_by_window, incident_sla_summary
from incidents.services import (
    incident_acknowledge,
    incident_open_from_alert,
    incident_pause,
    incident_resolve,
    incident_resume,
    incident_severity_change,
    incident_timers_run,
    incident_transition,
    runbook_step_tick,
)
from tests.incidents.factories import incident_make, riyadh

pytestmark = pytest.mark.django_db


def _breaches(incident: Incident) -> list[IncidentEvent]:
    return list(incident.events.filter(kind=EventKind.BREACH))


def test_severity_1_acknowledged_at_14_59_meets_its_target(tenant_a, support_engineer) -> None:
    with time_machine.travel(riyadh(2026, 3, 1, 14, 45), tick=False):
        incident = incident_make(tenant_a, severity=1)
    assert incident.response_due_at == riyadh(2026, 3, 1, 15)
    with time_machine.travel(riyadh(2026, 3, 1, 14, 59), tick=False):
        incident = incident_acknowledge(incident=incident, by=support_engineer)
    with time_machine.travel(riyadh(2026, 3, 1, 15, 1), tick=False):
        incident_timers_run()
    incident.refresh_from_db()
    assert incident.response_met is True
    assert incident.response_breached_at is None and _breaches(incident) == []


def test_severity_1_unacknowledged_at_15_01_is_breached_at_15_00(tenant_a) -> None:
    with time_machine.travel(riyadh(2026, 3, 1, 14, 45), tick=False):
        incident = incident_make(tenant_a, severity=1)
    with time_machine.travel(riyadh(2026, 3, 1, 15, 1), tick=False):
        incident_timers_run()
    incident.refresh_from_db()
    assert incident.response_breached_at == riyadh(2026, 3, 1, 15)
    assert incident.response_met is False
    assert [event.at for event in _breaches(incident)] == [riyadh(2026, 3, 1, 15)]


def test_severity_3_on_thursday_afternoon_is_due_after_weekend_and_holiday(tenant_a) -> None:
    Holiday.objects.create(date=riyadh(2026, 2, 22).date(), name="Founding Day")
    with time_machine.travel(riyadh(2026, 2, 19, 16), tick=False):
        incident = incident_make(tenant_a, category="ui_issue")
    assert incident.severity == 3
    assert incident.response_due_at == riyadh(2026, 2, 23, 11)
    with time_machine.travel(riyadh(2026, 2, 22, 12), tick=False):
        assert incident_timers_run().breaches == 0


def test_back_dated_phone_report_counts_from_the_call(tenant_a) -> None:
    with time_machine.travel(riyadh(2026, 3, 1, 10), tick=False):
        incident = incident_make(tenant_a, severity=2, reported_at=riyadh(2026, 3, 1, 9, 30))
    assert incident.response_due_at == riyadh(2026, 3, 1, 10, 30)


def test_report_time_in_the_future_is_refused(tenant_a) -> None:
    with time_machine.travel(riyadh(2026, 3, 1, 10), tick=False), pytest.raises(ValidationError) as error:
        incident_make(tenant_a, reported_at=riyadh(2026, 3, 1, 10, 5))
    assert "reported_at" in error.value.message_dict
    assert not Incident.objects.exists()


def test_severity_change_recomputes_deadlines_from_report_time_and_is_logged(tenant_a, support_engineer) -> None:
    with time_machine.travel(riyadh(2026, 3, 1, 10), tick=False):
        incident = incident_make(tenant_a, severity=2)
    with time_machine.travel(riyadh(2026, 3, 1, 10, 5), tick=False):
        incident = incident_severity_change(incident=incident, severity=1, by=support_engineer, reason="data loss")
    assert incident.response_due_at == riyadh(2026, 3, 1, 10, 15)
    event = incident.events.get(kind=EventKind.SEVERITY)
    assert event.data == {"from": 2, "to": 1} and event.actor == support_engineer


def test_waiting_on_customer_pauses_resolution_but_not_response(tenant_a, support_engineer) -> None:
    with time_machine.travel(riyadh(2026, 3, 1, 10), tick=False):
        incident = incident_make(tenant_a, severity=2)  # response 11:00, resolution next day 10:00
    with time_machine.travel(riyadh(2026, 3, 1, 10, 10), tick=False):
        incident = incident_pause(incident=incident, by=support_engineer, reason="waiting for screenshots")
    with time_machine.travel(riyadh(2026, 3, 2, 11), tick=False):
        incident_timers_run()
        incident.refresh_from_db()
        assert incident.response_breached_at == riyadh(2026, 3, 1, 11)
        assert incident.resolution_breached_at is None
    with time_machine.travel(riyadh(2026, 3, 2, 12, 10), tick=False):
        incident = incident_resume(incident=incident, by=support_engineer)
    # Paused 26 h: the resolution deadline moves by exactly that.
    assert incident.resolution_due_at == riyadh(2026, 3, 3, 12)
    assert incident.response_due_at == riyadh(2026, 3, 1, 11)
    assert list(incident.events.filter(kind__in=["paused", "resumed"]).values_list("kind", flat=True)) == [
        "paused",
        "resumed",
    ]


def test_acknowledging_a_resolved_incident_is_refused(tenant_a, support_engineer) -> None:
    incident = incident_resolve(incident=incident_make(tenant_a), by=support_engineer)
    with pytest.raises(ValidationError) as error:
        incident_acknowledge(incident=incident, by=support_engineer)
    assert "status" in error.value.message_dict
    incident.refresh_from_db()
    assert incident.status == Status.RESOLVED


def test_resolving_an_open_incident_acknowledges_it_too(tenant_a, support_engineer) -> None:
    incident = incident_resolve(incident=incident_make(tenant_a, severity=2), by=support_engineer)
    assert incident.acknowledged_at == incident.resolved_at is not None
    closed = incident_transition(incident=incident, to=Status.CLOSED, by=support_engineer)
    assert closed.closed_at is not None and closed.next_check_at is None


def test_severity_1_gets_three_runbooks_and_ticks_are_kept(tenant_a, support_engineer) -> None:
    incident = incident_make(tenant_a, severity=1)
    assert set(incident.runbook_steps.values_list("runbook", flat=True)) == {
        "rollback",
        "data_recovery",
        "communication",
    }
    step = runbook_step_tick(step=incident.runbook_steps.first(), by=support_engineer)
    assert step.done_by == support_engineer and step.done_at is not None
    assert incident.events.filter(kind=EventKind.RUNBOOK).count() == 1
    assert not incident_make(tenant_a, severity=3).runbook_steps.exists()


def test_alert_opens_one_incident_per_key_until_resolved(tenant_a, support_engineer) -> None:
    first, created = incident_open_from_alert(customer=tenant_a, title="Slow", description="p95", dedup_key="k1")
    again, created_again = incident_open_from_alert(customer=tenant_a, title="Slow", description="", dedup_key="k1")
    assert created and not created_again and again.pk == first.pk
    assert first.severity == 2 and first.source == "monitoring" and list(first.customers.all()) == [tenant_a]
    incident_resolve(incident=first, by=support_engineer)
    _third, created_third = incident_open_from_alert(customer=tenant_a, title="Slow", description="", dedup_key="k1")
    assert created_third


def test_sla_summary_counts_mtta_mttr_and_compliance(tenant_a, tenant_b, support_engineer) -> None:
    with time_machine.travel(riyadh(2026, 3, 1, 10), tick=False):
        met = incident_make(tenant_a, severity=1)
        late = incident_make(tenant_b, severity=1, category="data_loss")
    with time_machine.travel(riyadh(2026, 3, 1, 10, 10), tick=False):
        incident_acknowledge(incident=met, by=support_engineer)
    with time_machine.travel(riyadh(2026, 3, 1, 10, 30), tick=False):
        incident_acknowledge(incident=late, by=support_engineer)
        incident_resolve(incident=met, by=support_engineer)
    summary = incident_sla_summary()
    assert (summary.total, summary.open, summary.breached, summary.data_loss_incidents) == (2, 1, 1, 1)
    assert summary.mtta_minutes == 20 and summary.mttr_minutes == 30
    assert summary.response_met_pct == 50 and summary.resolution_met_pct == 100
    assert summary.by_severity[1].total == 2 and summary.by_severity[2].total == 0
    only_a = incident_sla_summary(customer=tenant_a)
    assert only_a.total == 1 and only_a.response_met_pct == 100
    assert incident_sla_summary(start=riyadh(2026, 3, 2)).total == 0


def test_sla_per_window_and_per_customer(tenant_a, tenant_b) -> None:
    with time_machine.travel(riyadh(2026, 3, 1, 10), tick=False):
        incident_make(tenant_a, severity=2)
    with time_machine.travel(riyadh(2026, 3, 20, 10), tick=False):
        incident_make(None, severity=3, category="ui_issue")
    windows = [("phase 3", riyadh(2026, 2, 22), riyadh(2026, 3, 1)), ("phase 4", riyadh(2026, 3, 1), None)]
    assert [(label, s.total) for label, s in incident_sla_by_window(windows=windows)] == [
        ("phase 3", 0),
        ("phase 4", 2),
    ]
    per_customer = {customer.slug: summary.total for customer, summary in incident_sla_by_customer()}
    assert per_customer == {"alpha": 2, "beta": 1}


def test_a_refused_transition_says_why_in_words(tenant_a) -> None:
    """ "A open incident cannot become bogus." read badly and repeated what was typed."""
    incident = incident_make(tenant_a)
    with pytest.raises(ValidationError) as unknown:
        incident_transition(incident=incident, to="bogus", by=None)
    assert unknown.value.message_dict == {"status": ["Choose one of: " + ", ".join(Status.values) + "."]}
    with pytest.raises(ValidationError) as refused:
        incident_transition(incident=incident, to=Status.ACKNOWLEDGED, by=None)  # twice
        incident_transition(incident=incident, to=Status.ACKNOWLEDGED, by=None)
    assert refused.value.message_dict == {"status": ["An incident that is acknowledged cannot become acknowledged."]}
