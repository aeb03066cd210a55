"""Health snapshots and band-drop alerts.

`health_refresh` computes a customer's score over the last 7 days, keeps the day's snapshot and
compares the band with the customer's CustomerHealth row, read under `select_for_update()`: two
workers recomputing at once are serialised on that row, so a drop of band opens exactly one
HealthAlert and queues one e-mail per program manager (the outbox delivers after commit).
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from incidents.services.notify import staff_recipients
from monitoring.choices import HealthStatus
from monitoring.models import CustomerHealth, HealthAlert, HealthSnapshot
from monitoring.rules.health import HealthScore, is_drop
from monitoring.selectors.health import customer_health_get, window_default
from ops.services import outbox_email_queue
from tenants.models import PilotCustomer
from tenants.roles import PROGRAM_MANAGER
from tenants.selectors import customer_list_live

COMPONENT_LABELS = {
    "service": _("Service quality (SLOs)"),
    "incidents": _("Incidents (open, breached)"),
    "feedback": _("Feedback (CSAT, NPS, response rate, pain points)"),
    "usage": _("Usage (measured adoption, active-users trend)"),
}


def component_label(key: str) -> str:
    return str(COMPONENT_LABELS[key])


def components_json(health: HealthScore) -> dict[str, dict[str, int | None]]:
    return {key: {"weight": c.weight, "points": c.points} for key, c in health.components.items()}


def health_refresh(*, customer: PilotCustomer, now: dt.datetime | None = None) -> HealthAlert | None:
    """Recompute one customer's health now; returns the alert when its band dropped."""
    now = now or timezone.now()
    start, end = window_default(now=now)
    health = customer_health_get(customer=customer, start=start, end=end).health
    with transaction.atomic():
        HealthSnapshot.objects.update_or_create(
            customer=customer,
            day=timezone.localtime(now).date(),
            defaults={"computed_at": now, "score": health.score, "status": health.status,
                      "components": components_json(health)},
        )  # fmt: skip
        return _band_record(customer, health, now)


def _band_record(customer: PilotCustomer, health: HealthScore, now: dt.datetime) -> HealthAlert | None:
    current, _created = CustomerHealth.objects.select_for_update().get_or_create(
        customer=customer, defaults={"computed_at": now, "status": HealthStatus.UNKNOWN}
    )
    previous = current.status
    current.score, current.status, current.computed_at = health.score, health.status, now
    current.save(update_fields=["score", "status", "computed_at"])
    if health.score is None or not is_drop(previous, health.status):
        return None
    alert = HealthAlert.objects.create(
        customer=customer, opened_at=now, from_status=previous, to_status=health.status, score=health.score
    )
    _drop_emails_queue(alert, health)
    return alert


def _drop_emails_queue(alert: HealthAlert, health: HealthScore) -> None:
    url = reverse("monitoring-customer-health", kwargs={"slug": alert.customer.slug},
                  urlconf=settings.PUBLIC_SCHEMA_URLCONF)  # fmt: skip
    for address, language in staff_recipients(groups=(PROGRAM_MANAGER,)):
        with translation.override(language):
            context = {
                "customer": alert.customer,
                "alert": alert,
                "from_label": HealthStatus(alert.from_status).label,
                "to_label": HealthStatus(alert.to_status).label,
                "components": [
                    {"label": component_label(k), "points": c.points, "weight": c.weight}
                    for k, c in health.components.items()
                ],
                "url": url,
            }
            subject = render_to_string("monitoring/email/health_drop_subject.txt", context).strip()
            body = render_to_string("monitoring/email/health_drop.txt", context)
        outbox_email_queue(kind="health_drop", to=address, subject=subject, body=body, language=language,
                           topic=f"health:{alert.customer_id}")  # fmt: skip


def health_refresh_all(*, now: dt.datetime | None = None) -> int:
    """Recompute every live customer (the periodic task and the end of each metric pull); alerts opened."""
    now = now or timezone.now()
    return sum(1 for customer in customer_list_live() if health_refresh(customer=customer, now=now) is not None)


def health_alert_acknowledge(*, alert: HealthAlert, now: dt.datetime | None = None) -> None:
    HealthAlert.objects.filter(pk=alert.pk, acknowledged_at__isnull=True).update(acknowledged_at=now or timezone.now())
