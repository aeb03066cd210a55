"""The timer engine: records each warning and breach once, at its true time, and escalates."""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from incidents.choices import Clock, EventKind
from incidents.constants import ENGINE_BATCH_SIZE
from incidents.models import Incident, IncidentEvent, SeverityPolicy
from incidents.rules import Alarm, alarms_due
from incidents.selectors import policy_map
from incidents.services.clocks import next_check_set, resolution_clock, response_clock
from incidents.services.notify import escalation_queue

TIMER_FIELDS = ["response_warned_at", "response_breached_at", "resolution_warned_at", "resolution_breached_at"]


@dataclass
class EngineResult:
    examined: int = 0
    warnings: int = 0
    breaches: int = 0
    emails: int = 0


@dataclass
class _Fired:
    incident: Incident
    event: IncidentEvent
    policy: SeverityPolicy
    notify: bool


@dataclass
class _Batch:
    incidents: list[Incident] = field(default_factory=list)
    fired: list[_Fired] = field(default_factory=list)
    last_pk: int = 0


def incident_timers_run(*, now: dt.datetime | None = None, batch_size: int = ENGINE_BATCH_SIZE) -> EngineResult:
    """One pass over every incident whose `next_check_at` has come.

    Safe with several engines at once: rows are claimed with `SELECT … FOR UPDATE SKIP LOCKED` and
    re-checked on the locked, current row, so a row another engine just handled no longer matches;
    a unique constraint on (incident, kind, clock) for warnings and breaches is the last guard.
    Escalations are queued in the outbox inside the batch's transaction: a rolled-back batch told
    nobody, a committed one is never forgotten (the outbox delivers after commit, with retries).
    """
    now = now or timezone.now()
    policies, result, last_pk = policy_map(), EngineResult(), 0
    while True:
        with transaction.atomic():
            batch = _batch_claim(now=now, after_pk=last_pk, size=batch_size, policies=policies)
        result.examined += len(batch.incidents)
        for fired in batch.fired:
            _tally(result, fired)
        if not batch.incidents:
            return result
        last_pk = batch.last_pk


def _batch_claim(*, now: dt.datetime, after_pk: int, size: int, policies: dict[int, SeverityPolicy]) -> _Batch:
    incidents = list(
        Incident.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("assignee")
        .filter(next_check_at__lte=now, pk__gt=after_pk)
        .order_by("pk")[:size]
    )
    batch = _Batch(incidents=incidents, last_pk=incidents[-1].pk if incidents else after_pk)
    for incident in incidents:
        batch.fired += _incident_fire(incident, policies[incident.severity], now)
    Incident.objects.bulk_update(incidents, [*TIMER_FIELDS, "next_check_at"])
    IncidentEvent.objects.bulk_create([fired.event for fired in batch.fired])
    _escalate_all(batch.fired)
    return batch


def _incident_fire(incident: Incident, policy: SeverityPolicy, now: dt.datetime) -> list[_Fired]:
    fired = []
    clocks = {Clock.RESPONSE: response_clock(incident, policy), Clock.RESOLUTION: resolution_clock(incident, policy)}
    for clock, state in clocks.items():
        for alarm in alarms_due(state, now):
            level = "warned" if alarm.level == "warning" else "breached"
            setattr(incident, f"{clock}_{level}_at", alarm.at)
            fired.append(_Fired(incident, _alarm_event(incident, clock, alarm, now), policy, alarm.notify))
    next_check_set(incident, policy)
    return fired


def _alarm_event(incident: Incident, clock: str, alarm: Alarm, now: dt.datetime) -> IncidentEvent:
    kind = EventKind.WARNING if alarm.level == "warning" else EventKind.BREACH
    # `at` is the true moment; `recorded_at` shows how late the engine noticed (after downtime).
    data = {"due_at": getattr(incident, f"{clock}_due_at").isoformat(), "recorded_at": now.isoformat()}
    return IncidentEvent(incident=incident, kind=kind, clock=clock, at=alarm.at, data=data, actor_name="timer")


def _escalate_all(fired: list[_Fired]) -> None:
    for item in fired:
        if item.notify:
            told = escalation_queue(incident=item.incident, event=item.event, policy=item.policy)
            emails = len(told) - bool(item.policy.escalation_webhook_url)
            IncidentEvent.objects.create(
                incident=item.incident,
                kind=EventKind.ESCALATION,
                clock=item.event.clock,
                actor_name="timer",
                data={"for": item.event.kind, "emails": emails, "told": told},
            )
            item.event.data["emails"] = emails


def _tally(result: EngineResult, fired: _Fired) -> None:
    if fired.event.kind == EventKind.WARNING:
        result.warnings += 1
    else:
        result.breaches += 1
    result.emails += fired.event.data.get("emails", 0)
