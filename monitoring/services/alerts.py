"""Multi-window multi-burn-rate alerts (SRE workbook) → SloAlert rows → Severity 2 incidents.

Decisions come from the pure `slo_math.rules_firing`; this module only keeps the books: at most
one open alert per (SLO, customer, level) — a partial unique constraint makes that race-safe — and
one incident per open page alert, opened through the incidents service.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from incidents.models import Incident
from incidents.services import incident_open_from_alert, incident_update_post
from monitoring import slo_math
from monitoring.choices import AlertLevel
from monitoring.customer_words import customer_words
from monitoring.models import Slo, SloAlert
from monitoring.selectors import burn_rates
from tenants.models import PilotCustomer

logger = logging.getLogger(__name__)
MONITORING_NAME = "AquaFarm monitoring"


@dataclass
class AlertPass:
    opened: int = 0
    resolved: int = 0
    incidents: int = 0


def alerts_evaluate(*, now: dt.datetime | None = None) -> AlertPass:
    """Open alerts whose rules fire, resolve those that no longer do. One read of all burn rates."""
    now = now or timezone.now()
    slos = {slo.pk: slo for slo in Slo.objects.filter(enabled=True)}
    counts = burn_rates(now=now, windows=slo_math.rule_windows())
    open_alerts = {(a.customer_id, a.slo_id, a.level): a for a in SloAlert.objects.filter(resolved_at__isnull=True)}
    result = AlertPass()
    for (customer_id, slo_id), windows in counts.items():
        slo = slos.get(slo_id)
        if slo is None:
            continue
        levels = _firing_levels(slo, windows)
        for level in AlertLevel.values:
            existing = open_alerts.pop((customer_id, slo_id, level), None)
            _alert_step(slo, customer_id, level, levels.get(level), existing, now, result)
    for alert in open_alerts.values():  # no samples at all any more: nothing burns
        _alert_step(slos.get(alert.slo_id), alert.customer_id, alert.level, None, alert, now, result)
    return result


def _firing_levels(slo: Slo, windows: dict[dt.timedelta, tuple[float, float]]) -> dict[str, float]:
    rates = {window: slo_math.burn_rate(good, total, slo.target_pct) for window, (good, total) in windows.items()}
    firing = slo_math.rules_firing(rates, slo_math.rules_for_window(slo.window_days))
    return {rule.level: rates[rule.long] for rule in firing}


def _alert_step(slo, customer_id: int, level: str, rate: float | None, existing, now, result: AlertPass) -> None:
    if rate is None and existing is not None:
        existing.resolved_at = now
        existing.save(update_fields=["resolved_at"])
        result.resolved += 1
    elif rate is not None and existing is None:
        alert = alert_open(slo=slo, customer_id=customer_id, level=level, rate=rate, now=now)
        if alert is not None:
            result.opened += 1
            result.incidents += bool(alert.incident_id)


def alert_open(*, slo: Slo, customer_id: int, level: str, rate: float, now: dt.datetime) -> SloAlert | None:
    """Record the alert (None when another pass just did) and, for a page, open the incident."""
    try:
        with transaction.atomic():
            alert = SloAlert.objects.create(
                slo=slo, customer_id=customer_id, level=level, opened_at=now, burn_rate=rate
            )
    except IntegrityError:
        return None
    if level == AlertLevel.PAGE:
        alert.incident = incident_for_alert(alert=alert)
        alert.save(update_fields=["incident"])
    return alert


def incident_for_alert(*, alert: SloAlert) -> Incident:
    """The Severity 2 "performance degradation" incident of a page alert. SLOs measuring the same
    requests share one incident per customer and window (dedup key of the problem group, not the SLO);
    customers read a plain title and a first update in their language, staff the SRE title."""
    customer = PilotCustomer.objects.get(pk=alert.customer_id)
    words = customer_words(slo_key=alert.slo.key)
    with transaction.atomic():
        incident, created = incident_open_from_alert(
            customer=customer,
            title=f"SLO {alert.slo.name_en}: error budget burning {alert.burn_rate:.1f}× too fast ({customer.name_en})",
            description=_description(alert),
            dedup_key=f"slo:{words.group}:{customer.slug}:{alert.slo.window_days}d",
            severity=2,
            category="performance_degradation",
            source_url=_source_url(customer),
            public_title=words.title_en,
            public_title_ar=words.title_ar,
        )
        if created:
            incident_update_post(
                incident=incident,
                by=None,
                actor_name=MONITORING_NAME,
                message=words.update_en,
                message_ar=words.update_ar,
            )
    return incident


def _description(alert: SloAlert) -> str:
    window = dt.timedelta(days=alert.slo.window_days)
    return (
        f"Multi-window burn-rate alert: target {alert.slo.target_pct} %, burn rate {alert.burn_rate:.1f}× over "
        f"the last hour. {slo_math.burn_rate_words(alert.burn_rate, window)}"
    )


def _source_url(customer: PilotCustomer) -> str:
    path = reverse("monitoring-customer", kwargs={"slug": customer.slug}, urlconf=settings.PUBLIC_SCHEMA_URLCONF)
    return f"http://{settings.BASE_DOMAIN}{path}" if getattr(settings, "BASE_DOMAIN", "") else path
