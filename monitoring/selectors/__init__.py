"""Reads of the monitoring app. Window reads combine daily roll-ups (whole days) with raw 5-minute
samples (the partial days at the edges), so a window's cost does not grow with its length."""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from django.conf import settings
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from core.figures import figures_get
from monitoring import plain_status
from monitoring import rules as slo_math
from monitoring.choices import AlertLevel, SloKey, WindowKind
from monitoring.constants import SERIES_POINTS
from monitoring.models import KeyMetric, MetricSample, PullState, SliDaily, SliSample, Slo, SloAlert
from tenants.models import PilotCustomer

Counts = tuple[float, float]  # (good, total)
CURRENT_WINDOW = dt.timedelta(hours=1)


class PhaseLike(Protocol):
    """A pilot phase as monitoring needs it: its calendar (the program layer owns phases)."""

    @property
    def start(self) -> dt.date: ...

    @property
    def end(self) -> dt.date: ...


PhaseCalendar = Callable[[dt.date], Sequence[PhaseLike]]
# The pilot phases are program data, a layer above this app: the program hands monitoring its calendar
# at start-up (pilot.apps), so windows follow the phases without monitoring importing the program.
_phase_calendar: list[PhaseCalendar] = []


def phase_calendar_set(calendar: PhaseCalendar) -> None:
    """Install the function that lists the pilot phases as of a day (called once, by the program app)."""
    _phase_calendar[:] = [calendar]


def _phases(as_of: dt.date) -> Sequence[PhaseLike]:
    return _phase_calendar[0](as_of) if _phase_calendar else []


@dataclass
class SloStatus:
    """One SLO over a window (docs/CONTRACTS.md fixes the first eight fields)."""

    key: str
    name: str
    target_pct: Decimal
    compliance_pct: Decimal | None
    met: bool | None
    budget_remaining_pct: Decimal | None
    stale_since: dt.datetime | None
    series: list[tuple[dt.datetime, Decimal]]
    slo_id: int = 0
    window_start: dt.datetime | None = None
    window_end: dt.datetime | None = None
    good: float = 0.0
    total: float = 0.0
    budget_remaining_minutes: float | None = None
    budget_minutes: float | None = None
    current_pct: Decimal | None = None
    burn_rate: float | None = None
    burn_words: str = ""
    open_alerts: list[Any] = field(default_factory=list[Any])


def slo_list_enabled() -> list[Slo]:
    return list(Slo.objects.filter(enabled=True))


def pull_state_get() -> PullState:
    return PullState.objects.filter(pk=1).first() or PullState(pk=1)


def prometheus_configured() -> bool:
    return bool(settings.PROMETHEUS_URL)


def _local_midnight(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _phase_window(now: dt.datetime) -> tuple[dt.datetime, dt.datetime] | None:
    """The pilot phase running at `now`, or None when no phase covers it."""
    today = timezone.localdate(now)
    for phase in _phases(today):
        if phase.start <= today < phase.end:
            return _local_midnight(phase.start), min(_local_midnight(phase.end), now)
    return None


def slo_window(*, slo: Slo, now: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    """The SLO's own window ending now: rolling, or the current pilot phase so far."""
    if slo.window_kind == WindowKind.PHASE:
        window = _phase_window(now)
        if window is not None:
            return window
    return now - dt.timedelta(days=slo.window_days), now


def _day_split(start: dt.datetime, end: dt.datetime) -> tuple[dt.date, dt.date]:
    """Whole local days inside [start, end): first day included, last excluded."""
    first = timezone.localdate(start)
    if _local_midnight(first) < start:
        first += dt.timedelta(days=1)
    return first, max(first, timezone.localdate(end))


def window_counts(
    *, slo_ids: Iterable[int], start: dt.datetime, end: dt.datetime, customer_ids: Iterable[int] | None = None
) -> dict[tuple[int, int], Counts]:
    """(customer id, slo id) → (good, total) of samples whose 5-minute interval lies in [start, end). Two queries."""
    first_day, last_day = _day_split(start, end)
    edges = Q(at__gt=start, at__lte=end)
    if first_day < last_day:
        # a sample covers the 5 minutes before `at` and is rolled up into the day that interval starts in
        edges = Q(at__gt=start, at__lte=_local_midnight(first_day)) | Q(at__gt=_local_midnight(last_day), at__lte=end)
    totals: dict[tuple[int, int], list[float]] = defaultdict(lambda: [0.0, 0.0])
    scope = {"slo_id__in": list(slo_ids)} | (
        {"customer_id__in": list(customer_ids)} if customer_ids is not None else {}
    )
    raw = (
        SliSample.objects.filter(edges, **scope).values("customer_id", "slo_id").annotate(g=Sum("good"), t=Sum("total"))
    )
    days = SliDaily.objects.filter(day__gte=first_day, day__lt=last_day, **scope)
    for row in [*raw, *days.values("customer_id", "slo_id").annotate(g=Sum("good"), t=Sum("total"))]:
        totals[(row["customer_id"], row["slo_id"])][0] += row["g"] or 0.0
        totals[(row["customer_id"], row["slo_id"])][1] += row["t"] or 0.0
    return {key: (value[0], value[1]) for key, value in totals.items()}


def _sum_customers(counts: dict[tuple[int, int], Counts], slo_id: int, customer_id: int | None) -> Counts:
    rows = [c for (cid, sid), c in counts.items() if sid == slo_id and (customer_id is None or cid == customer_id)]
    return sum(c[0] for c in rows), sum(c[1] for c in rows)


def daily_series(
    *,
    slo_ids: Iterable[int],
    start: dt.datetime | None,
    end: dt.datetime,
    customer_ids: Iterable[int] | None = None,
    per_customer: bool = True,
) -> dict[tuple[int | None, int], list[tuple[dt.date, Counts]]]:
    """Per (customer id, slo id) and per (None, slo id) for all customers together: daily counts. One query.
    `per_customer` False: only the (None, slo id) series, added up by the database."""
    rows = SliDaily.objects.filter(slo_id__in=list(slo_ids), day__lte=timezone.localdate(end))
    if start is not None:
        rows = rows.filter(day__gte=timezone.localdate(start))
    if customer_ids is not None:
        rows = rows.filter(customer_id__in=list(customer_ids))
    series: dict[tuple[int | None, int], dict[dt.date, list[float]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    days: Iterable[tuple[int | None, int, dt.date, float, float]] = (
        rows.values_list("customer_id", "slo_id", "day", "good", "total")
        if per_customer
        else ((None, *row) for row in rows.values_list("slo_id", "day").annotate(Sum("good"), Sum("total")))
    )
    for customer_id, slo_id, day, good, total in days:
        for key in dict.fromkeys(((customer_id, slo_id), (None, slo_id))):
            series[key][day][0] += good
            series[key][day][1] += total
    return {key: sorted((day, (c[0], c[1])) for day, c in days.items()) for key, days in series.items()}


def series_points(
    days: list[tuple[dt.date, Counts]], *, points: int = SERIES_POINTS
) -> list[tuple[dt.datetime, Decimal]]:
    """Compliance per bucket of days, at most `points` buckets (two years → 4-day buckets)."""
    size = max(1, -(-len(days) // points))
    zone = timezone.get_current_timezone()  # once: _local_midnight per point was half of the SLO overview's time
    result = []
    for index in range(0, len(days), size):
        bucket = days[index : index + size]
        value = slo_math.compliance_pct(sum(c[0] for _d, c in bucket), sum(c[1] for _d, c in bucket))
        if value is not None:
            result.append((dt.datetime.combine(bucket[0][0], dt.time.min, tzinfo=zone), value))
    return result


@dataclass
class _Scope:
    slos: list[Slo]
    windows: dict[int, tuple[dt.datetime, dt.datetime]]
    customer_ids: list[int] | None
    now: dt.datetime


def _scope_counts(scope: _Scope, *, since: dt.timedelta | None = None) -> dict[int, dict[tuple[int, int], Counts]]:
    """Counts per SLO window; SLOs sharing a window share the two queries."""
    groups: dict[tuple[dt.datetime, dt.datetime], list[int]] = defaultdict(list)
    for slo in scope.slos:
        start, end = scope.windows[slo.pk]
        groups[(end - since, end) if since else (start, end)].append(slo.pk)
    result: dict[int, dict[tuple[int, int], Counts]] = {}
    for (start, end), slo_ids in groups.items():
        counts = window_counts(slo_ids=slo_ids, start=start, end=end, customer_ids=scope.customer_ids)
        result.update(dict.fromkeys(slo_ids, counts))
    return result


def _status(
    slo: Slo, counts: Counts, current: Counts, scope: _Scope, series: list[Any], state: PullState, alerts: list[Any]
) -> SloStatus:
    start, end = scope.windows[slo.pk]
    good, total = counts
    window = end - start
    rate = slo_math.burn_rate(good, total, slo.target_pct)
    return SloStatus(
        key=slo.key,
        name=slo.name,
        target_pct=Decimal(slo.target_pct).quantize(slo_math.CENT),
        compliance_pct=slo_math.compliance_pct(good, total),
        met=slo_math.is_met(good, total, slo.target_pct),
        budget_remaining_pct=slo_math.budget_remaining_pct(good, total, slo.target_pct),
        stale_since=state.stale_since,
        series=series_points(series),
        slo_id=slo.pk,
        window_start=start,
        window_end=end,
        good=good,
        total=total,
        budget_remaining_minutes=slo_math.budget_remaining_minutes(good, total, slo.target_pct, window),
        budget_minutes=slo_math.budget_minutes(window, slo.target_pct),
        current_pct=slo_math.compliance_pct(*current),
        burn_rate=rate,
        burn_words=slo_math.budget_words(rate, window, slo_math.budget_remaining_pct(good, total, slo.target_pct)),
        open_alerts=alerts,
    )


def _scope_make(
    *, customer_ids: list[int] | None, start: dt.datetime | None, end: dt.datetime | None, now: dt.datetime | None
) -> _Scope:
    now = now or timezone.now()
    slos = slo_list_enabled()
    windows = {}
    for slo in slos:
        if start is None and end is None:
            windows[slo.pk] = slo_window(slo=slo, now=now)
        else:
            windows[slo.pk] = (start or dt.datetime(2000, 1, 1, tzinfo=dt.UTC), end or now)
    return _Scope(slos=slos, windows=windows, customer_ids=customer_ids, now=now)


def slo_board(
    *,
    customers: list[PilotCustomer] | None = None,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    now: dt.datetime | None = None,
    customer_series: bool = True,
) -> dict[int | None, list[SloStatus]]:
    """Every SLO per given customer id, and over them all under the key None (every customer when
    `customers` is None), in a constant number of queries.

    `start`/`end` both None: each SLO over its own window (rolling, or the current pilot phase).
    `customer_series` False: the trend (series) only over all customers, the customers' left empty.
    """
    customer_ids = [c.pk for c in customers] if customers is not None else None
    scope = _scope_make(customer_ids=customer_ids, start=start, end=end, now=now)
    if not scope.slos:
        return {None: []}
    state = pull_state_get()
    counts = _scope_counts(scope)
    current = _scope_counts(scope, since=CURRENT_WINDOW)
    earliest = min(w[0] for w in scope.windows.values())
    series = daily_series(
        slo_ids=[s.pk for s in scope.slos],
        start=earliest,
        end=scope.now,
        customer_ids=customer_ids,
        per_customer=customer_series,
    )
    alerts = _open_alerts(scope)
    keys: list[int | None] = [None, *(customer_ids or [])]
    return {
        cid: [
            _status(
                slo,
                _sum_customers(counts[slo.pk], slo.pk, cid),
                _sum_customers(current[slo.pk], slo.pk, cid),
                scope,
                series.get((cid, slo.pk), []),
                state,
                [a for a in alerts if a.slo_id == slo.pk and (cid is None or a.customer_id == cid)],
            )
            for slo in scope.slos
        ]
        for cid in keys
    }


def _open_alerts(scope: _Scope) -> list[SloAlert]:
    alerts = SloAlert.objects.filter(resolved_at__isnull=True).select_related("customer", "incident")
    if scope.customer_ids is not None:
        alerts = alerts.filter(customer_id__in=scope.customer_ids)
    return list(alerts)


def slo_summary(
    *, customer: PilotCustomer | None = None, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> list[SloStatus]:
    """docs/CONTRACTS.md: every enabled SLO for one customer (or all together) over [start, end)."""
    board = slo_board(customers=[customer] if customer is not None else None, start=start, end=end)
    return board.get(customer.pk if customer is not None else None, board[None])


def phase_compliance(*, customer: PilotCustomer | None = None) -> list[tuple[PhaseLike, list[SloStatus]]]:
    """Compliance of every SLO in each pilot phase that has started (a few queries per phase)."""
    now = timezone.now()
    rows = []
    for phase in _phases(timezone.localdate(now)):
        start = _local_midnight(phase.start)
        if start < now:
            rows.append((phase, slo_summary(customer=customer, start=start, end=min(_local_midnight(phase.end), now))))
    return rows


def key_metric_latest(
    *, customer_ids: list[int] | None = None
) -> dict[tuple[int | None, str], tuple[dt.datetime, float]]:
    """The latest value of each key metric per customer (and the sum/max over customers under None)."""
    metrics = {m.pk: m.key for m in KeyMetric.objects.filter(enabled=True)}
    rows = MetricSample.objects.filter(metric_id__in=metrics).order_by("metric_id", "customer_id", "-at")
    if customer_ids is not None:
        rows = rows.filter(customer_id__in=customer_ids)
    latest: dict[tuple[int | None, str], tuple[dt.datetime, float]] = {}
    for metric_id, customer_id, at, value in rows.distinct("metric_id", "customer_id").values_list(
        "metric_id", "customer_id", "at", "value"
    ):
        latest[(customer_id, metrics[metric_id])] = (at, value)
    return latest


def alert_list(*, customer: PilotCustomer | None = None) -> QuerySet[SloAlert]:
    alerts = SloAlert.objects.select_related("slo", "customer", "incident")
    return alerts.filter(customer=customer) if customer is not None else alerts


def burn_rates(*, now: dt.datetime, windows: list[dt.timedelta]) -> dict[tuple[int, int], dict[dt.timedelta, Counts]]:
    """(customer id, slo id) → window → (good, total) over the last `window`, in one query."""
    aggregates = {}
    for index, window in enumerate(windows):
        recent = Q(at__gt=now - window, at__lte=now)
        aggregates[f"g{index}"] = Sum("good", filter=recent)
        aggregates[f"t{index}"] = Sum("total", filter=recent)
    rows = (
        SliSample.objects.filter(at__gt=now - max(windows), at__lte=now)
        .values("customer_id", "slo_id")
        .annotate(**aggregates)
    )
    return {
        (row["customer_id"], row["slo_id"]): {
            # g0, t0, g1 ... are the per-window sums aggregated above, unknown to the typed row.
            window: (row[f"g{i}"] or 0.0, row[f"t{i}"] or 0.0)  # type: ignore[literal-required]  # see above
            for i, window in enumerate(windows)
        }
        for row in rows
    }


@dataclass(frozen=True)
class PlainStatus:
    """The customer portal's "Is AquaFarm working for us?" (see monitoring.plain_status)."""

    state: str
    words: str
    tone: str
    week_requests_ok_pct: Decimal | None
    week_fast_pct: Decimal | None
    as_of: dt.datetime


def _figures(statuses: list[SloStatus]) -> list[plain_status.SloFigure]:
    return [plain_status.SloFigure(key=s.key, met=s.met, compliance_pct=s.compliance_pct) for s in statuses]


def plain_status_shared(*, customer: PilotCustomer) -> PlainStatus:
    """`plain_status_get` computed at most once a minute per customer for all its users (core.figures); its
    `as_of` says when."""
    return figures_get("plain-status", lambda: plain_status_get(customer=customer), customer.pk).value


def plain_status_get(*, customer: PilotCustomer, now: dt.datetime | None = None) -> PlainStatus:
    """Today's status in words and this week's figures for one customer (two SLO reads, constant queries)."""
    now = now or timezone.now()
    today = _figures(slo_summary(customer=customer, start=_local_midnight(timezone.localdate(now)), end=now))
    week = _figures(slo_summary(customer=customer, start=now - dt.timedelta(days=7), end=now))
    alerting = set(
        SloAlert.objects.filter(customer=customer, resolved_at__isnull=True, level=AlertLevel.PAGE).values_list(
            "slo__key", flat=True
        )
    )
    state = plain_status.status_state(today=today, alerting_keys=alerting)
    return PlainStatus(
        state=state,
        words=str(plain_status.STATE_WORDS[state]),
        tone=plain_status.STATE_TONE[state],
        week_requests_ok_pct=plain_status.figure_pct(week, SloKey.AVAILABILITY),
        week_fast_pct=plain_status.figure_pct(week, SloKey.LATENCY),
        as_of=now,
    )
