"""AquaFarm's usage metrics in a pull: feature events and active users, two grouped queries for all customers.

Called by the metrics pull (monitoring/services/pull.py) inside its transaction and advisory lock, on
the same 5-minute grid: every grid point is fetched exactly once (the pull's `covered_until` moves in
the same transaction), so adding each point's events to its day's row counts every event once.
Stored per Riyadh day, not per 5 minutes: 50 customers × 5 features × 2 years stay ~180,000 rows.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.utils import timezone

from monitoring.constants import STEP
from monitoring.definitions import usage_queries
from monitoring.models import UsageFeature
from monitoring.prometheus import PrometheusClient, Series


@dataclass
class UsagePull:
    """Events per (customer id, feature, day) and the highest active-user count per (customer id, day)."""

    events: dict[tuple[int, str, dt.date], float] = field(default_factory=dict)
    users: dict[tuple[int, dt.date], float] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return len(self.events) + len(self.users)


def sample_day(at: dt.datetime) -> dt.date:
    """The Riyadh day a sample belongs to: the 5 minutes ending at `at` (00:00 closes the day before)."""
    return timezone.localtime(at - STEP).date()


def _fetch(client: PrometheusClient, expr: str, start: dt.datetime, end: dt.datetime) -> list[Series]:
    return client.grid(expr, start=start, end=end, step=STEP)


def usage_fetch(
    *, client: PrometheusClient, window: tuple[dt.datetime, dt.datetime], customers: dict[str, int]
) -> UsagePull:
    """Both queries over the pull's window, folded into days. Raises PrometheusError like the SLO pulls."""
    tenant, feature = settings.PROMETHEUS_TENANT_LABEL, settings.USAGE_FEATURE_LABEL
    queries = usage_queries(
        tenant=tenant,
        feature=feature,
        events_metric=settings.USAGE_FEATURE_EVENTS_METRIC,
        users_metric=settings.USAGE_ACTIVE_USERS_METRIC,
    )
    result = UsagePull()
    events: defaultdict[tuple[int, str, dt.date], float] = defaultdict(float)
    for series in _fetch(client, queries["events"], *window):
        customer_id = customers.get(series.labels.get(tenant, ""))
        if customer_id is not None and series.labels.get(feature):
            for at, value in series.points:
                if value > 0:  # an idle feature costs no row
                    events[(customer_id, series.labels[feature], sample_day(at))] += value
    result.events = dict(events)
    for series in _fetch(client, queries["users"], *window):
        customer_id = customers.get(series.labels.get(tenant, ""))
        if customer_id is None:
            continue
        for at, value in series.points:
            key = (customer_id, sample_day(at))
            result.users[key] = max(result.users.get(key, 0.0), value)
    return result


def usage_store(*, usage: UsagePull) -> None:
    """Two bulk upserts (one statement each): events add to the day's total, users keep the day's maximum."""
    with connection.cursor() as cursor:
        if usage.events:
            keys = list(usage.events)
            cursor.execute(
                """
                INSERT INTO monitoring_featureusagedaily (customer_id, feature, day, events)
                SELECT * FROM unnest(%s::int[], %s::varchar[], %s::date[], %s::float8[])
                ON CONFLICT (customer_id, feature, day)
                DO UPDATE SET events = monitoring_featureusagedaily.events + EXCLUDED.events
                """,
                [[k[0] for k in keys], [k[1] for k in keys], [k[2] for k in keys], [usage.events[k] for k in keys]],
            )
        if usage.users:
            days = list(usage.users)
            cursor.execute(
                """
                INSERT INTO monitoring_activeusersdaily (customer_id, day, users)
                SELECT * FROM unnest(%s::int[], %s::date[], %s::float8[])
                ON CONFLICT (customer_id, day)
                DO UPDATE SET users = GREATEST(monitoring_activeusersdaily.users, EXCLUDED.users)
                """,
                [[k[0] for k in days], [k[1] for k in days], [usage.users[k] for k in days]],
            )


def usage_feature_save(*, feature: UsageFeature) -> UsageFeature:
    """The admin's only write of a usage feature (validated, history recorded by the model)."""
    feature.full_clean()
    feature.save()
    return feature
