"""This app's part of `manage.py seed_demo` (idempotent)."""

import datetime as dt
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.utils import timezone

from incidents.models import Incident
from incidents.services import (
    IncidentInput,
    holidays_sync,
    incident_open,
    incident_timers_run,
    incident_transition,
    incident_update_post,
    policies_ensure,
)
from tenants.models import PilotCustomer

# key, customer slug (None: all), category, severity, hours ago, [(status, minutes after report)], public update
DEMO_INCIDENTS = (
    ("demo:1", "riyadh", "system_down", 1, 30, [("acknowledged", 9), ("resolved", 150)], "Service restored."),
    ("demo:2", "jeddah", "performance_degradation", 2, 3, [], ""),
    ("demo:3", "dammam", "ui_issue", 3, 1, [], ""),
    ("demo:4", None, "feature_malfunction", 2, 5, [("acknowledged", 20), ("mitigated", 90)], "A workaround is live."),
    ("demo:5", "riyadh", "minor_bug", 3, 50, [("acknowledged", 60), ("resolved", 600), ("closed", 700)], ""),
)
TITLES = {
    "demo:1": "Portal unreachable after the backend rollout",
    "demo:2": "Water-quality page takes 8 s to load",
    "demo:3": "Pond names cut off on the mobile dashboard",
    "demo:4": "Daily report export fails for some farms",
    "demo:5": "Wrong date format on the feeding log",
}


def seed(*, log: Callable[[str], None]) -> None:
    """Create the demo data of this app."""
    policies_ensure()
    year = timezone.localdate().year
    holidays_sync(years=[year, year + 1])
    support = get_user_model().objects.filter(username="support").first()
    created = sum(_incident_seed(row, support) for row in DEMO_INCIDENTS)
    result = incident_timers_run()
    log(f"incidents: {created} demo incidents created, {result.breaches} breaches recorded")


def _incident_seed(row: tuple, by: object) -> bool:
    key, slug, category, severity, hours_ago, steps, update = row
    if Incident.objects.filter(dedup_key=key).exists():
        return False
    customers = list(PilotCustomer.objects.filter(slug=slug)) if slug else []
    if slug and not customers:
        return False
    reported = timezone.now() - dt.timedelta(hours=hours_ago)
    data = IncidentInput(
        title=TITLES[key],
        category=category,
        severity=severity,
        customers=customers,
        all_customers=slug is None,
        reported_at=reported,
        dedup_key=key,
    )
    incident = incident_open(data=data, by=by)
    for status, minutes in steps:
        at = reported + dt.timedelta(minutes=minutes)
        incident = incident_transition(incident=incident, to=status, by=by, at=at)
    if update and by is not None:
        incident_update_post(incident=incident, by=by, message=update, notify=False)
    return True
