"""Reads of usage and health: feature usage, active users, measured adoption, the inputs and result of
a customer's health score, the health board, and the customer page's timeline.

`health_inputs` is the ONE place the score reads other apps (SLOs, incidents, feedback): when the
per-customer summaries of the public schema exist, only it changes.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Q, QuerySet, Sum
from django.utils import timezone

from feedback.selectors import feedback_summary
from incidents.selectors import incident_list_for_customer, incident_sla_summary
from monitoring.choices import HealthStatus
from monitoring.models import (
    ActiveUsersDaily,
    CustomerHealth,
    FeatureUsageDaily,
    HealthAlert,
    HealthSnapshot,
    UsageFeature,
)
from monitoring.rules.health import HealthInputs, HealthScore, SloInput, health_score
from monitoring.selectors import slo_summary
from monitoring.timeline import Timeline
from tenants.models import PilotCustomer
from tenants.selectors import customer_list_live

DEFAULT_WINDOW = dt.timedelta(days=7)
TIMELINE_WINDOW = dt.timedelta(days=28)
TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class CustomerHealthReport:
    """The staff API's answer and the customer page's numbers, for one customer and window."""

    customer: PilotCustomer
    start: dt.datetime
    end: dt.datetime
    health: HealthScore
    feature_usage: dict[str, float]
    active_users_avg: Decimal | None
    measured_adoption_pct: Decimal | None
    survey_adoption_pct: Decimal | None


def window_default(*, now: dt.datetime | None = None) -> tuple[dt.datetime, dt.datetime]:
    end = now or timezone.now()
    return end - DEFAULT_WINDOW, end


def health_window(*, start: dt.date | None = None, end: dt.date | None = None) -> tuple[dt.datetime, dt.datetime]:
    """The API's window: whole Riyadh days when given, else up to now; 7 days long by default."""
    until = _midnight(end) if end is not None else timezone.now()
    since = _midnight(start) if start is not None else until - DEFAULT_WINDOW
    return since, until


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_default_timezone())


def _days(start: dt.datetime, end: dt.datetime) -> tuple[dt.date, dt.date]:
    """The Riyadh days [first, last) a window covers; a window ending mid-day includes that day."""
    last = timezone.localtime(end - dt.timedelta(microseconds=1)).date()
    return timezone.localtime(start).date(), last + dt.timedelta(days=1)


def feature_list_offered() -> list[UsageFeature]:
    return list(UsageFeature.objects.filter(offered=True))


def feature_usage(*, customer_ids: list[int], start: dt.date, end: dt.date) -> dict[int, dict[str, float]]:
    """Events per customer and feature over the days [start, end); one query."""
    return _usage_per_customer(Q(customer_id__in=customer_ids), start, end)


def _usage_per_customer(customers: Q, start: dt.date, end: dt.date) -> dict[int, dict[str, float]]:
    rows = (
        FeatureUsageDaily.objects.filter(customers, day__gte=start, day__lt=end)
        .values_list("customer_id", "feature")
        .annotate(events=Sum("events"))
        .order_by()
    )
    usage: dict[int, dict[str, float]] = defaultdict(dict)
    for customer_id, feature, events in rows:
        usage[customer_id][feature] = events
    return dict(usage)


def adoption_pct(used: dict[str, float], offered: list[UsageFeature]) -> Decimal | None:
    """Measured adoption: offered features with at least one event ÷ offered features, in percent."""
    if not offered:
        return None
    count = sum(1 for feature in offered if used.get(feature.key, 0) > 0)
    return (Decimal(count) * 100 / len(offered)).quantize(TWO_PLACES)


def measured_adoption_program(*, start: dt.datetime, end: dt.datetime) -> Decimal | None:
    """The mean of the live customers' measured adoption over the window, counting customers with any
    usage data (a customer whose metrics never arrived says nothing about adoption); None without any.
    Two queries (the live customers are a subquery)."""
    first, last = _days(start, end)
    usage = _usage_per_customer(Q(customer__in=customer_list_live()), first, last)
    offered = feature_list_offered()
    values = [v for v in (adoption_pct(used, offered) for used in usage.values()) if v is not None]
    return (sum(values, Decimal(0)) / len(values)).quantize(TWO_PLACES) if values else None


def active_users_days(*, customer_id: int, start: dt.date, end: dt.date) -> list[tuple[dt.date, float]]:
    rows = ActiveUsersDaily.objects.filter(customer_id=customer_id, day__gte=start, day__lt=end).order_by("day")
    return list(rows.values_list("day", "users"))


def _halves(days: list[tuple[dt.date, float]], start: dt.date, end: dt.date) -> tuple[float | None, float | None]:
    middle = start + (end - start) / 2
    first = [users for day, users in days if day < middle]
    second = [users for day, users in days if day >= middle]
    return (sum(first) / len(first) if first else None, sum(second) / len(second) if second else None)


def _average(days: list[tuple[dt.date, float]]) -> Decimal | None:
    if not days:
        return None
    return (Decimal(sum(users for _day, users in days)) / len(days)).quantize(TWO_PLACES)


def _slo_inputs(customer: PilotCustomer, start: dt.datetime, end: dt.datetime) -> list[SloInput]:
    return [SloInput(s.compliance_pct, s.target_pct) for s in slo_summary(customer=customer, start=start, end=end)]


def health_inputs(
    *, customer: PilotCustomer, start: dt.datetime, end: dt.datetime
) -> tuple[HealthInputs, dict[str, float], list[tuple[dt.date, float]], Decimal | None]:
    """Everything the score of one customer reads over [start, end), plus the usage it shows:
    (inputs, events per feature, active users per day, survey-reported adoption)."""
    first, last = _days(start, end)
    incidents = incident_sla_summary(customer=customer, start=start, end=end)
    feedback = feedback_summary(customer=customer, start=first, end=last)
    used = feature_usage(customer_ids=[customer.pk], start=first, end=last).get(customer.pk, {})
    users = active_users_days(customer_id=customer.pk, start=first, end=last)
    users_first, users_second = _halves(users, first, last)
    inputs = HealthInputs(
        slos=_slo_inputs(customer, start, end),
        open_incidents=incidents.open,
        breached_incidents=incidents.breached,
        csat_pct=feedback.satisfaction_pct,
        nps=feedback.nps,
        response_rate_pct=feedback.response_rate_pct,
        open_pain_points=len(feedback.top_pain_points),
        measured_adoption_pct=adoption_pct(used, feature_list_offered()),
        active_users_first_half=users_first,
        active_users_second_half=users_second,
    )
    return inputs, used, users, feedback.adoption_pct


def customer_health_get(*, customer: PilotCustomer, start: dt.datetime, end: dt.datetime) -> CustomerHealthReport:
    """The health of one customer over [start, end), computed now from its inputs."""
    inputs, used, users, survey_adoption = health_inputs(customer=customer, start=start, end=end)
    return CustomerHealthReport(
        customer=customer,
        start=start,
        end=end,
        health=health_score(inputs),
        feature_usage=used,
        active_users_avg=_average(users),
        measured_adoption_pct=inputs.measured_adoption_pct,
        survey_adoption_pct=survey_adoption,
    )


def health_board() -> list[CustomerHealth]:
    """Every customer's current health, worst first (unknown last); one query."""
    rows = CustomerHealth.objects.select_related("customer")
    return sorted(rows, key=lambda row: (row.score is None, row.score or 0, row.customer.slug))


def health_snapshot_list(*, customer: PilotCustomer) -> QuerySet[HealthSnapshot]:
    return HealthSnapshot.objects.filter(customer=customer).order_by("-day")


def health_alert_list_open() -> list[HealthAlert]:
    return list(HealthAlert.objects.filter(acknowledged_at__isnull=True).select_related("customer")[:20])


def health_status_label(status: str) -> str:
    return str(HealthStatus(status).label)


def _events_per_day(customer_id: int, start: dt.date, end: dt.date) -> list[tuple[dt.date, float]]:
    rows = FeatureUsageDaily.objects.filter(customer_id=customer_id, day__gte=start, day__lt=end)
    return list(rows.values_list("day").annotate(events=Sum("events")).order_by("day"))


def customer_timeline(*, customer: PilotCustomer, start: dt.datetime, end: dt.datetime) -> Timeline:
    """Usage per day, incidents, survey answers per week and SLO compliance of one customer over [start, end)."""
    first, last = _days(start, end)
    incidents = incident_list_for_customer(customer=customer).filter(reported_at__gte=start, reported_at__lt=end)
    weekly = feedback_summary(customer=customer, start=first, end=last).weekly
    return Timeline(
        start=first,
        end=last,
        users=active_users_days(customer_id=customer.pk, start=first, end=last),
        events=_events_per_day(customer.pk, first, last),
        incidents=[(i.reported_at, i.severity, i.title) for i in incidents.order_by("reported_at")[:200]],
        surveys=[(row.week_start, row.responses) for row in weekly],
        slos=[(s.name, s.series) for s in slo_summary(customer=customer, start=start, end=end)],
    )


@dataclass(frozen=True)
class UsageRow:
    customer: PilotCustomer
    snapshot: HealthSnapshot | None  # the latest stored score (the report reads snapshots, never recomputes)
    events: list[float]  # per offered feature, in `UsageTable.features` order
    active_users_avg: Decimal | None
    measured_adoption_pct: Decimal | None


@dataclass(frozen=True)
class UsageTable:
    features: list[UsageFeature]
    rows: list[UsageRow]


def _users_avg(customer_ids: list[int], start: dt.date, end: dt.date) -> dict[int, Decimal]:
    rows = ActiveUsersDaily.objects.filter(customer_id__in=customer_ids, day__gte=start, day__lt=end)
    averages = rows.values_list("customer_id").annotate(avg=Avg("users")).order_by()
    return {cid: Decimal(avg).quantize(TWO_PLACES) for cid, avg in averages}


def _latest_snapshots(customer_ids: list[int]) -> dict[int, HealthSnapshot]:
    rows = HealthSnapshot.objects.filter(customer_id__in=customer_ids).order_by("customer_id", "-day")
    return {row.customer_id: row for row in rows.distinct("customer_id")}


def usage_table(*, customers: list[PilotCustomer], start: dt.datetime, end: dt.datetime) -> UsageTable:
    """The program's usage per customer over [start, end) and each one's latest health; four queries."""
    first, last = _days(start, end)
    ids = [c.pk for c in customers]
    features, usage = feature_list_offered(), feature_usage(customer_ids=ids, start=first, end=last)
    users, snapshots = _users_avg(ids, first, last), _latest_snapshots(ids)
    rows = [
        UsageRow(
            customer=c,
            snapshot=snapshots.get(c.pk),
            events=[usage.get(c.pk, {}).get(f.key, 0.0) for f in features],
            active_users_avg=users.get(c.pk),
            measured_adoption_pct=adoption_pct(usage[c.pk], features) if c.pk in usage else None,
        )
        for c in customers
    ]
    return UsageTable(features=features, rows=rows)
