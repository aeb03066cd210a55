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
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from incidents.models import Incident
from incidents.services import incident_open_from_alert, incident_update_post
from monitoring import rules as slo_math
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
    """Open alerts whose rules fire, resolve those that no longer do. One read of all burn rates.

    Rows (and their history) are written only for alerts that change, in one statement each for the
    opened and the resolved ones, so a pass costs the same whatever the history length or the number
    of customers; only a page alert's incident is opened one by one (through the incidents service).
    """
    now = now or timezone.now()
    slos = {slo.pk: slo for slo in Slo.objects.filter(enabled=True)}
    counts = burn_rates(now=now, windows=slo_math.rule_windows())
    open_alerts = {(a.customer_id, a.slo_id, a.level): a for a in SloAlert.objects.filter(resolved_at__isnull=True)}
    opening: list[SloAlert] = []
    for (customer_id, slo_id), windows in counts.items():
        slo = slos.get(slo_id)
        if slo is None:
            continue
        levels = _firing_levels(slo, windows)
        for level, rate in levels.items():
            if open_alerts.pop((customer_id, slo_id, level), None) is None:
                opening.append(SloAlert(slo=slo, customer_id=customer_id, level=level, opened_at=now, burn_rate=rate))
    # What is left open no longer fires (or has no samples at all any more: nothing burns).
    resolved = _alerts_resolve(list(open_alerts.values()), now)
    opened = _alerts_open(opening, now)
    return AlertPass(opened=len(opened), resolved=resolved, incidents=sum(bool(a.incident_id) for a in opened))


def _alerts_resolve(alerts: list[SloAlert], now: dt.datetime) -> int:
    for alert in alerts:
        alert.resolved_at = now
    if alerts:
        bulk_update_with_history(alerts, SloAlert, ["resolved_at"], default_date=now)
    return len(alerts)


def _alerts_open(alerts: list[SloAlert], now: dt.datetime) -> list[SloAlert]:
    """Insert the new alerts at once. The pull's advisory lock makes a clash rare; on one, each alert
    is tried alone (the partial unique constraint lets only one alert per level be open)."""
    if not alerts:
        return []
    try:
        with transaction.atomic():
            created: list[SloAlert] = bulk_create_with_history(alerts, SloAlert, default_date=now)
    except IntegrityError:
        one_by_one = [
            alert_open(slo=a.slo, customer_id=a.customer_id, level=a.level, rate=a.burn_rate, now=now) for a in alerts
        ]
        return [alert for alert in one_by_one if alert is not None]
    pages = [alert for alert in created if alert.level == AlertLevel.PAGE]
    for alert in pages:
        alert.incident = incident_for_alert(alert=alert)
    if pages:
        bulk_update_with_history(pages, SloAlert, ["incident"], default_date=now)
    return created


def _firing_levels(slo: Slo, windows: dict[dt.timedelta, tuple[float, float]]) -> dict[str, float]:
    rates = {window: slo_math.burn_rate(good, total, slo.target_pct) for window, (good, total) in windows.items()}
    firing = slo_math.rules_firing(rates, slo_math.rules_for_window(slo.window_days))
    return {rule.level: rate for rule in firing if (rate := rates[rule.long]) is not None}


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
