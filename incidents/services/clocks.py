"""Keeping an incident's stored deadlines and `next_check_at` in step with its policy and calendar."""

import datetime as dt

from incidents.models import ACTIVE_STATUSES, Incident, SeverityPolicy
from incidents.rules import ClockState, WorkCalendar, add_working_time, next_check


def response_clock(incident: Incident, policy: SeverityPolicy) -> ClockState:
    return ClockState(
        due_at=incident.response_due_at,
        warning_minutes=policy.warning_minutes,
        stopped_at=incident.acknowledged_at,
        warned_at=incident.response_warned_at,
        breached_at=incident.response_breached_at,
    )


def resolution_clock(incident: Incident, policy: SeverityPolicy) -> ClockState:
    return ClockState(
        due_at=incident.resolution_due_at,
        warning_minutes=policy.warning_minutes,
        stopped_at=incident.resolved_at,
        warned_at=incident.resolution_warned_at,
        breached_at=incident.resolution_breached_at,
        # Waiting on the customer pauses only the resolution clock, and only while still active.
        paused=incident.paused_at is not None and incident.resolved_at is None,
    )


def deadlines_set(incident: Incident, policy: SeverityPolicy, calendar: WorkCalendar) -> None:
    """Deadlines from the report time: what a severity change or a back-dated report recomputes."""
    incident.response_due_at = add_working_time(incident.reported_at, policy.response_minutes * 60, calendar)
    resolution_seconds = policy.resolution_minutes * 60 + incident.paused_seconds
    incident.resolution_due_at = add_working_time(incident.reported_at, resolution_seconds, calendar)
    next_check_set(incident, policy)


def next_check_set(incident: Incident, policy: SeverityPolicy) -> None:
    checks = [next_check(response_clock(incident, policy)), next_check(resolution_clock(incident, policy))]
    if incident.status not in ACTIVE_STATUSES and incident.resolved_at is None:
        # Closed without resolving (e.g. a duplicate): no clock runs any more.
        checks = []
    pending = [moment for moment in checks if moment is not None]
    incident.next_check_at = min(pending) if pending else None


def time_left(incident: Incident, now: dt.datetime) -> dt.timedelta | None:
    """Time to the deadline that currently matters (negative when overdue); None when no clock runs."""
    if incident.status not in ACTIVE_STATUSES:
        return None
    if incident.acknowledged_at is None:
        return incident.response_due_at - now
    if incident.paused_at is not None:
        return None
    return incident.resolution_due_at - now
