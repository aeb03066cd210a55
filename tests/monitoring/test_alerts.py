import datetime as dt

import pytest

from monitoring.choices import AlertLevel
from monitoring.models import SloAlert
from monitoring.services import alerts_evaluate
from tests.monitoring.factories import samples_fill

NOW = dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC)


def _history(slo, customer, *, good: float, hours: float = 80, total: float = 1000) -> None:
    samples_fill(slo=slo, customer=customer, start=NOW - dt.timedelta(hours=hours), end=NOW, good=good, total=total)


def test_healthy_customer_raises_nothing(slos, tenant_a) -> None:
    _history(slos["availability"], tenant_a, good=999.9)
    assert alerts_evaluate(now=NOW).opened == 0
    assert not SloAlert.objects.exists()


def test_fast_burn_opens_a_page_and_a_severity_2_incident_linked_to_the_slo(slos, tenant_a, tenant_b) -> None:
    _history(slos["availability"], tenant_a, good=999.9)
    # the last hour: 10 % errors on a 99.5 % SLO is a burn rate of 20 (> 13.44 on a 28-day window)
    samples_fill(
        slo=slos["availability"], customer=tenant_a, start=NOW - dt.timedelta(hours=1), end=NOW, good=900, total=1000
    )
    _history(slos["availability"], tenant_b, good=999.9)
    result = alerts_evaluate(now=NOW)
    alert = SloAlert.objects.get(level=AlertLevel.PAGE)
    assert (alert.customer, alert.slo, result.incidents) == (tenant_a, slos["availability"], 1)
    incident = alert.incident
    assert (incident.severity, incident.category, incident.source) == (2, "performance_degradation", "monitoring")
    assert list(incident.customers.all()) == [tenant_a]
    assert incident.dedup_key == "slo:requests:alpha:28d"
    assert incident.source_url.endswith("/admin/monitoring/slos/alpha/")


def test_a_burning_customer_gets_one_incident_however_often_the_pull_runs(slos, tenant_a) -> None:
    _history(slos["availability"], tenant_a, good=900, hours=2)
    alerts_evaluate(now=NOW)
    alerts_evaluate(now=NOW + dt.timedelta(minutes=5))
    alerts_evaluate(now=NOW + dt.timedelta(minutes=5))
    assert SloAlert.objects.filter(level=AlertLevel.PAGE).count() == 1
    from incidents.models import Incident

    assert Incident.objects.count() == 1


def test_alert_resolves_when_the_burn_stops_and_reopening_reuses_the_open_incident(slos, tenant_a) -> None:
    slo = slos["availability"]
    _history(slo, tenant_a, good=900, hours=2)
    alerts_evaluate(now=NOW)
    first = SloAlert.objects.get(level=AlertLevel.PAGE)
    later = NOW + dt.timedelta(hours=7)
    samples_fill(slo=slo, customer=tenant_a, start=NOW, end=later, good=1000, total=1000)
    assert alerts_evaluate(now=later).resolved >= 1
    first.refresh_from_db()
    assert first.resolved_at == later
    samples_fill(slo=slo, customer=tenant_a, start=later, end=later + dt.timedelta(hours=1), good=800, total=1000)
    alerts_evaluate(now=later + dt.timedelta(hours=1))
    second = SloAlert.objects.get(level=AlertLevel.PAGE, resolved_at__isnull=True)
    # the incident from the first burn is still open: support is not paged twice
    assert second.incident_id == first.incident_id


def test_slow_burn_opens_a_ticket_without_an_incident(slos, tenant_a) -> None:
    # 99.4 %: burn 1.2 over three days, below every page factor
    _history(slos["availability"], tenant_a, good=994, hours=72)
    alerts_evaluate(now=NOW)
    alert = SloAlert.objects.get()
    assert alert.level == AlertLevel.TICKET and alert.incident is None


def test_one_open_alert_per_slo_customer_and_level_is_enforced_by_the_database(slos, tenant_a) -> None:
    from django.db import IntegrityError, transaction

    SloAlert.objects.create(slo=slos["latency"], customer=tenant_a, level="page", opened_at=NOW, burn_rate=20)
    with pytest.raises(IntegrityError), transaction.atomic():
        SloAlert.objects.create(slo=slos["latency"], customer=tenant_a, level="page", opened_at=NOW, burn_rate=20)


def test_availability_and_error_rate_alerts_of_one_customer_share_one_incident_in_plain_words(
    slos, tenant_a, tenant_b
) -> None:
    for key in ("availability", "error_rate"):  # one burst of errors burns both: the same requests
        _history(slos[key], tenant_a, good=900, hours=2)
    _history(slos["availability"], tenant_b, good=900, hours=2)
    alerts_evaluate(now=NOW)
    from incidents.models import Incident

    pages = SloAlert.objects.filter(level=AlertLevel.PAGE, customer=tenant_a)
    assert pages.count() == 2 and len({alert.incident_id for alert in pages}) == 1
    assert Incident.objects.count() == 2  # and one of its own for the other customer
    incident = pages.first().incident
    assert "burn" not in incident.public_title and "burn" in incident.title  # staff keep the SRE title
    assert incident.public_title_ar and incident.title_for("ar") == incident.public_title_ar
    update = incident.events.get(kind="public_update")
    assert update.message_ar and "error budget" not in update.message
