"""One pull of every SLI and key metric for every live customer, with a handful of grouped queries.

Each definition is one query aggregated `by (tenant)`, so a pull costs 2 queries per SLO plus one
per key metric whatever the number of customers. After an outage the next pull asks Prometheus for
the whole gap with range queries (capped at MAX_BACKFILL) and marks the recorded gap as filled.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from monitoring.constants import MAX_BACKFILL, STEP
from monitoring.models import KeyMetric, MetricSample, PullGap, PullState, SliSample, Slo
from monitoring.prometheus import PrometheusClient, PrometheusError, PrometheusUnavailable, Series, client_get
from monitoring.services.alerts import alerts_evaluate
from monitoring.services.usage import usage_fetch, usage_store
from tenants.selectors import customer_list_live

logger = logging.getLogger(__name__)
PULL_LOCK = 7_301_001  # pg advisory lock id: one pull at a time across workers


@dataclass
class PullResult:
    configured: bool = True
    ok: bool = False
    skipped: bool = False
    retryable: bool = False
    queries: int = 0
    samples: int = 0
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    error: str = ""
    customers: list[str] = field(default_factory=list)


def grid_floor(moment: dt.datetime) -> dt.datetime:
    """The 5-minute grid point at or before `moment` (epoch-aligned, like Prometheus's steps)."""
    seconds = int(moment.timestamp()) // int(STEP.total_seconds()) * int(STEP.total_seconds())
    return dt.datetime.fromtimestamp(seconds, tz=dt.UTC)


def pull_range(*, state: PullState, now: dt.datetime) -> tuple[dt.datetime, dt.datetime] | None:
    """The grid points still to fetch: after what is covered, at most MAX_BACKFILL back, up to now."""
    end = grid_floor(now)
    start = state.covered_until + STEP if state.covered_until else end
    start = max(start, end - MAX_BACKFILL)
    return (start, end) if start <= end else None


def _fetch(client: PrometheusClient, expr: str, start: dt.datetime, end: dt.datetime) -> list[Series]:
    return client.grid(expr, start=start, end=end, step=STEP)


def _by_customer(series: list[Series], customers: dict[str, int]) -> dict[tuple[int, dt.datetime], float]:
    label = settings.PROMETHEUS_TENANT_LABEL
    values: dict[tuple[int, dt.datetime], float] = {}
    for item in series:
        customer_id = customers.get(item.labels.get(label, ""))
        if customer_id is not None:
            values.update({(customer_id, at): value for at, value in item.points})
    return values


def _slo_samples(
    client: PrometheusClient, slo: Slo, window: tuple[Any, ...], customers: dict[str, int]
) -> list[SliSample]:
    good = _by_customer(_fetch(client, slo.good_query, *window), customers)
    total = _by_customer(_fetch(client, slo.total_query, *window), customers)
    return [
        SliSample(slo=slo, customer_id=cid, at=at, good=min(good.get((cid, at), 0.0), value), total=value)
        for (cid, at), value in total.items()
    ]


def _metric_samples(
    client: PrometheusClient, metric: KeyMetric, window: tuple[Any, ...], customers: dict[str, Any]
) -> list[MetricSample]:
    values = _by_customer(_fetch(client, metric.query, *window), customers)
    return [MetricSample(metric=metric, customer_id=cid, at=at, value=value) for (cid, at), value in values.items()]


def samples_store(*, sli: list[SliSample], metrics: list[MetricSample]) -> None:
    """Upsert (a repeated pull of the same points overwrites them) and refresh the touched days' roll-ups."""
    SliSample.objects.bulk_create(
        sli,
        update_conflicts=True,
        unique_fields=["slo", "customer", "at"],
        update_fields=["good", "total"],
        batch_size=5000,
    )
    MetricSample.objects.bulk_create(
        metrics,
        update_conflicts=True,
        unique_fields=["metric", "customer", "at"],
        update_fields=["value"],
        batch_size=5000,
    )
    if sli:
        daily_rollup_refresh(start=min(s.at for s in sli), end=max(s.at for s in sli))


def daily_rollup_refresh(*, start: dt.datetime, end: dt.datetime) -> None:
    """Recompute SliDaily for the local days holding samples in [start, end]; one statement."""
    tz = str(timezone.get_default_timezone())
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO monitoring_slidaily (slo_id, customer_id, day, good, total)
            SELECT slo_id, customer_id, ((at - interval '5 minutes') AT TIME ZONE %(tz)s)::date, sum(good), sum(total)
            FROM monitoring_slisample
            WHERE at > (date_trunc('day', (%(start)s::timestamptz - interval '5 minutes') AT TIME ZONE %(tz)s)
                        AT TIME ZONE %(tz)s)
              AND at <= (date_trunc('day', (%(end)s::timestamptz - interval '5 minutes') AT TIME ZONE %(tz)s)
                         AT TIME ZONE %(tz)s) + interval '1 day'
            GROUP BY 1, 2, 3
            ON CONFLICT (slo_id, customer_id, day) DO UPDATE SET good = EXCLUDED.good, total = EXCLUDED.total
            """,
            {"tz": tz, "start": start, "end": end},
        )


def _state_locked() -> PullState:
    PullState.objects.get_or_create(pk=1)
    return PullState.objects.select_for_update().get(pk=1)


def _try_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [PULL_LOCK])
        return bool(cursor.fetchone()[0])


def metrics_pull_run(*, now: dt.datetime | None = None, client: PrometheusClient | None = None) -> PullResult:
    """One pull (the beat task and `manage.py pull_metrics` call this). Never raises for Prometheus
    trouble: the failure is recorded (stale since, gap) and `retryable` tells the task to retry."""
    client = client if client is not None else client_get()
    if client is None:
        return PullResult(configured=False)
    now = now or timezone.now()
    with transaction.atomic():
        if not _try_lock():
            return PullResult(skipped=True)
        state = _state_locked()
        window = pull_range(state=state, now=now)
        if window is None:
            return PullResult(ok=True, skipped=True)
        return _pull(client, state, window, now)


def _pull(client: PrometheusClient, state: PullState, window: tuple[Any, ...], now: dt.datetime) -> PullResult:
    customers = {c.slug: c.pk for c in customer_list_live()}
    result = PullResult(start=window[0], end=window[1], customers=sorted(customers))
    try:
        sli = [s for slo in Slo.objects.filter(enabled=True) for s in _slo_samples(client, slo, window, customers)]
        metrics = [
            m for km in KeyMetric.objects.filter(enabled=True) for m in _metric_samples(client, km, window, customers)
        ]
        usage = usage_fetch(client=client, window=window, customers=customers)
    except PrometheusError as error:
        _failure_record(state, window, now, error)
        result.queries, result.error = client.requests_made, str(error)
        result.retryable = isinstance(error, PrometheusUnavailable)
        return result
    samples_store(sli=sli, metrics=metrics)
    usage_store(usage=usage)
    _success_record(state, window, now)
    alerts_evaluate(now=window[1])
    result.ok, result.queries, result.samples = True, client.requests_made, len(sli) + len(metrics) + usage.rows
    return result


def _failure_record(state: PullState, window: tuple[Any, ...], now: dt.datetime, error: PrometheusError) -> None:
    logger.warning("metrics pull failed: %s", error)
    state.last_attempt_at, state.last_error = now, str(error)
    state.stale_since = state.stale_since or state.last_success_at or now
    state.save()
    gap = PullGap.objects.filter(filled_at__isnull=True, end__isnull=True).first()
    if gap is None:
        PullGap.objects.create(start=window[0], reason=str(error))
    elif gap.reason != str(error):
        gap.reason = str(error)
        gap.save(update_fields=["reason"])


def _success_record(state: PullState, window: tuple[Any, ...], now: dt.datetime) -> None:
    state.covered_until = window[1]
    state.last_attempt_at = state.last_success_at = now
    state.stale_since, state.last_error = None, ""
    state.save()
    for gap in PullGap.objects.filter(filled_at__isnull=True):
        gap.end = gap.end or window[1]
        # a gap older than MAX_BACKFILL stays recorded as a hole in the data
        if window[0] <= gap.start:
            gap.filled_at = now
        gap.save()
