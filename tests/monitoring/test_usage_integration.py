"""Usage and health against a real Prometheus (one per module) over a back-filled TSDB with known usage.

Four Riyadh days of samples every 5 minutes (on the pull's grid) for two customers: alpha uses every
feature at a steady rate with 10 active users a day; beta's active users fall 10 → 8 → 4 → 2, it
uses only two features from its second day and a third of its requests fail (5xx) from then on.
Samples sit exactly on the window edges of increase(...[5m]), so Prometheus does not extrapolate and
the pulled daily counts must equal the synthetic ones.
The pulls run day by day through the beat task, which recomputes health.
"""

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import time_machine
from django.test import override_settings

from monitoring.choices import HealthStatus
from monitoring.definitions import USAGE_FEATURE_DEFAULTS
from monitoring.models import ActiveUsersDaily, FeatureUsageDaily, HealthAlert, HealthSnapshot, PullState
from monitoring.prometheus import PrometheusClient
from monitoring.rules.health import is_drop
from monitoring.services import metrics_pull_run
from monitoring.tasks import metrics_pull
from ops.models import OutgoingMessage
from tests.monitoring.conftest import prometheus_launch

pytestmark = pytest.mark.prometheus

RIYADH = dt.timezone(dt.timedelta(hours=3))
T0 = dt.datetime(2026, 3, 1, 0, 0, tzinfo=RIYADH)  # a Riyadh midnight
DAYS = 4
FEATURES = [key for key, _en, _ar in USAGE_FEATURE_DEFAULTS]
BASE = 1_000_000.0


def per_minute(tenant: str, feature: str, day: int) -> int:
    """Events per minute of a feature on a day (0-based): alpha steady, beta only two features after day 0."""
    if tenant == "alpha":
        return FEATURES.index(feature) + 1
    return 2 if day == 0 or feature in ("water_quality", "feeding") else 0


USERS = {"alpha": [10, 10, 10, 10], "beta": [10, 8, 4, 2]}


def errors_per_minute(tenant: str, day: int) -> int:
    return 50 if tenant == "beta" and day >= 1 else 0


def _counter_lines(name: str, labels: str, increment) -> list[str]:
    """A counter every 5 minutes; the 5 minutes ending at minute m belong to day (m-5)//1440."""
    value, lines = BASE, []
    for minute in range(0, DAYS * 1440 + 1, 5):
        if minute:
            value += 5 * increment((minute - 5) // 1440)
        lines.append(f"{name}{{{labels}}} {value} {int(T0.timestamp()) + 60 * minute}")
    return lines


def _openmetrics() -> str:
    lines = ["# TYPE aquafarm_feature_events counter"]
    for tenant in USERS:
        for feature in FEATURES:
            labels = f'tenant="{tenant}",feature="{feature}"'
            lines += _counter_lines(
                "aquafarm_feature_events_total", labels, lambda d, t=tenant, f=feature: per_minute(t, f, d)
            )
    lines.append("# TYPE http_requests counter")
    for tenant in USERS:
        lines += _counter_lines("http_requests_total", f'tenant="{tenant}",status="200",route="/ponds/"', lambda d: 100)
        labels = f'tenant="{tenant}",status="500",route="/readings/"'
        lines += _counter_lines("http_requests_total", labels, lambda d, t=tenant: errors_per_minute(t, d))
    lines.append("# TYPE aquafarm_active_users_today gauge")
    for tenant, users in USERS.items():
        for minute in range(0, DAYS * 1440 + 1, 5):
            day = min(minute // 1440, DAYS - 1)
            lines.append(
                f'aquafarm_active_users_today{{tenant="{tenant}"}} {users[day]} {int(T0.timestamp()) + 60 * minute}'
            )
    return "\n".join([*lines, "# EOF", ""])


@pytest.fixture(scope="module")
def prometheus_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    url, process = prometheus_launch(_openmetrics(), Path(tmp_path_factory.mktemp("usage")))
    yield url
    process.terminate()
    process.wait(timeout=10)


def _day(index: int) -> dt.date:
    return (T0 + dt.timedelta(days=index)).date()


def test_pulled_usage_equals_the_synthetic_counts(slos, tenant_a, tenant_b, prometheus_url) -> None:
    PullState.objects.create(pk=1, covered_until=T0)
    end = T0 + dt.timedelta(days=DAYS)

    result = metrics_pull_run(now=end + dt.timedelta(minutes=1), client=PrometheusClient(prometheus_url))

    assert result.ok, result.error
    assert result.queries == 13  # 2 per SLO + 3 key metrics + 2 usage queries, whatever the number of customers
    for customer in (tenant_a, tenant_b):
        pulled = {(u.feature, u.day): u.events for u in FeatureUsageDaily.objects.filter(customer=customer)}
        expected = {
            (feature, _day(d)): 1440.0 * per_minute(customer.slug, feature, d)
            for feature in FEATURES
            for d in range(DAYS)
            if per_minute(customer.slug, feature, d)
        }
        assert pulled == pytest.approx(expected, rel=1e-9), sorted(pulled.items())
        users = list(ActiveUsersDaily.objects.filter(customer=customer).order_by("day").values_list("day", "users"))
        assert users == [(_day(d), float(n)) for d, n in enumerate(USERS[customer.slug])]


def test_falling_usage_with_breached_slos_is_flagged_before_steady_usage(
    slos, tenant_a, tenant_b, program_manager, prometheus_url
) -> None:
    """Day by day through the beat task: beta drops to "at risk" on its second day and alerts once;
    alpha stays healthy throughout."""
    PullState.objects.create(pk=1, covered_until=T0)
    statuses: dict[str, list[str]] = {"alpha": [], "beta": []}
    with override_settings(PROMETHEUS_URL=prometheus_url):
        for day in range(DAYS):
            with time_machine.travel(T0 + dt.timedelta(days=day + 1, minutes=1), tick=False):
                metrics_pull.apply()
            for customer in (tenant_a, tenant_b):
                statuses[customer.slug].append(HealthSnapshot.objects.get(customer=customer, day=_day(day + 1)).status)

    assert statuses["alpha"] == [HealthStatus.HEALTHY] * DAYS
    assert statuses["beta"][0] == HealthStatus.HEALTHY
    assert statuses["beta"][1] in (HealthStatus.AT_RISK, HealthStatus.CRITICAL)
    drops = HealthAlert.objects.filter(customer=tenant_b)
    assert drops.count() == sum(is_drop(a, b) for a, b in zip(statuses["beta"], statuses["beta"][1:], strict=False))
    assert not HealthAlert.objects.filter(customer=tenant_a).exists()
    assert OutgoingMessage.objects.filter(kind="health_drop", recipient=program_manager.email).count() == drops.count()
