"""Reads of the incidents app: policies and calendars, the queue, the customer's view, SLA reports."""

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Sum,
)
from django.db.models.functions import Coalesce, Now

from incidents.choices import Calendar, Category, EventKind, Severity
from incidents.constants import POLICY_DEFAULTS
from incidents.models import ACTIVE_STATUSES, Holiday, Incident, IncidentCountDelta, IncidentEvent, SeverityPolicy
from incidents.rules import ALWAYS, WorkCalendar
from ops.models import OutgoingMessage
from tenants.models import PilotCustomer


def policy_default(*, severity: int) -> SeverityPolicy:
    """An unsaved policy with the defaults of README, used when no row was configured."""
    defaults = POLICY_DEFAULTS[severity]
    return SeverityPolicy(
        severity=severity,
        response_minutes=defaults.response_minutes,
        resolution_minutes=defaults.resolution_minutes,
        update_minutes=defaults.update_minutes,
        warning_minutes=defaults.warning_minutes,
        calendar=defaults.calendar,
    )


def policy_map() -> dict[int, SeverityPolicy]:
    """Every severity's policy: the configured row, else the default."""
    configured = {policy.severity: policy for policy in SeverityPolicy.objects.all()}
    return {severity: configured.get(severity) or policy_default(severity=severity) for severity in Severity.values}


def holiday_dates() -> frozenset[dt.date]:
    return frozenset(Holiday.objects.values_list("date", flat=True))


def calendar_for(*, policy: SeverityPolicy, holidays: frozenset[dt.date] | None = None) -> WorkCalendar:
    if policy.calendar == Calendar.ALWAYS:
        return ALWAYS
    return WorkCalendar(always=False, holidays=holiday_dates() if holidays is None else holidays)


# --- lists -----------------------------------------------------------------------------------


def incident_list_for_customer(*, customer: PilotCustomer) -> QuerySet[Incident]:
    """Incidents that affect this customer (named, or all customers)."""
    # The link table alone (its customer index), not a join back to every incident.
    affecting = Incident.customers.through.objects.filter(pilotcustomer=customer).values("incident_id")
    return Incident.objects.filter(Q(all_customers=True) | Q(pk__in=affecting))


ALL_STATUSES = "all"


def incident_queue(
    *,
    severity: int | None = None,
    status: str | None = None,
    customer: PilotCustomer | None = None,
    breached: bool | None = None,
    active_only: bool = True,
) -> QuerySet[Incident]:
    """The back-office queue and the staff API list: the least time left first.

    Active incidents only unless a `status` is named (`"all"`: active first, then resolved and closed).
    Each ordering is one of the incident indexes (the stored `due_at`/`finished` columns), so a page
    costs the same at 100 or 100k incidents.
    """
    incidents = incident_list_for_customer(customer=customer) if customer else Incident.objects.all()
    if severity:
        incidents = incidents.filter(severity=severity)
    statuses = _statuses_listed(status, active_only=active_only)
    if statuses is not None:
        incidents = incidents.filter(status__in=statuses)
    if breached is not None:
        is_breached = Q(response_breached_at__isnull=False) | Q(resolution_breached_at__isnull=False)
        incidents = incidents.filter(is_breached if breached else ~is_breached)
    order = ("finished", "due_at", "pk") if status == ALL_STATUSES or not active_only else ("due_at", "pk")
    return incidents.select_related("assignee").order_by(*order)


def _statuses_listed(status: str | None, *, active_only: bool = True) -> Sequence[str] | None:
    """The statuses a list shows (None: every one): the named status, else the active ones; `"all"`: every one."""
    if status == ALL_STATUSES or (not status and not active_only):
        return None
    return [status] if status else ACTIVE_STATUSES


def incident_queue_count(*, severity: int | None = None, status: str | None = None) -> int:
    """How many incidents `incident_queue(severity=, status=)` lists, from the kept totals (incident_count)."""
    return incident_count(statuses=_statuses_listed(status), severity=severity or None)


def incident_list_with_customer_names(incidents: QuerySet[Incident]) -> QuerySet[Incident]:
    """The queue page's rows: each incident's customers by name. Only the columns a name needs: the other
    columns of fifty customers were a third of a page's fetch."""
    return incidents.prefetch_related(
        Prefetch("customers", queryset=PilotCustomer.objects.only("slug", "name_en", "name_ar"))
    )


# The columns the staff API writes out (IncidentOutputSerializer): not the warning times, the next check, the sort
# keys or the bookkeeping, six timestamps a row psycopg would parse for nothing.
API_COLUMNS = (
    *("title", "description", "category", "severity", "severity_confirmed", "status", "source", "all_customers"),
    *("reported_at", "reporter_name", "assignee", "dedup_key", "source_url", "paused_at"),
    *("acknowledged_at", "mitigated_at", "resolved_at", "closed_at", "response_due_at", "resolution_due_at"),
    *("response_breached_at", "resolution_breached_at"),
)


def incident_list_with_customer_slugs(incidents: QuerySet[Incident]) -> QuerySet[Incident]:
    """The staff API's rows: the columns it writes, each incident's customers as a `customer_slugs` array (ordered
    by slug) and its assignee's `assignee_username`, read by PostgreSQL in the same statement, instead of a second
    query and fifty customer and user objects built per page."""
    links = Incident.customers.through.objects.filter(incident_id=OuterRef("pk")).order_by("pilotcustomer__slug")
    return (
        incidents.select_related(None)
        .only(*API_COLUMNS)
        .annotate(
            customer_slugs=ArraySubquery(links.values("pilotcustomer__slug")),
            assignee_username=F("assignee__username"),
        )
    )


def incident_count(*, statuses: Sequence[str] | None = None, severity: int | None = None) -> int:
    """How many incidents have one of `statuses` (None: any status) and `severity`, exactly, from the changes
    PostgreSQL keeps (IncidentCountDelta): a sum over a few rows instead of counting 15,000 active incidents."""
    changes = IncidentCountDelta.objects.all()
    if statuses is not None:
        changes = changes.filter(status__in=statuses)
    if severity is not None:
        changes = changes.filter(severity=severity)
    return int(changes.aggregate(total=Coalesce(Sum("delta"), 0))["total"])


def incident_public_updates(*, incident: Incident) -> QuerySet[IncidentEvent]:
    return incident.events.filter(public=True)


def incident_timeline(*, incident: Incident) -> QuerySet[IncidentEvent]:
    return incident.events.select_related("actor")


# --- SLA reports -----------------------------------------------------------------------------


@dataclass
class SeveritySla:
    total: int = 0
    open: int = 0
    mtta_minutes: Decimal | None = None
    mttr_minutes: Decimal | None = None
    response_met_pct: Decimal | None = None
    resolution_met_pct: Decimal | None = None
    breached: int = 0
    data_loss_incidents: int = 0


@dataclass
class IncidentSlaSummary(SeveritySla):
    by_severity: dict[int, SeveritySla] = field(default_factory=dict)


def _duration_minutes(value: dt.timedelta | None) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(value.total_seconds()) / 60).quantize(Decimal("0.01"))


def _pct(part: int, whole: int) -> Decimal | None:
    return (Decimal(part) * 100 / whole).quantize(Decimal("0.01")) if whole else None


def _sla_aggregates() -> dict[str, Any]:
    acked_late = Q(acknowledged_at__gt=F("response_due_at"))
    resolved_late = Q(resolved_at__gt=F("resolution_due_at"))
    response_decided = Q(acknowledged_at__isnull=False) | Q(response_breached_at__isnull=False)
    resolution_decided = Q(resolved_at__isnull=False) | Q(resolution_breached_at__isnull=False)
    breached = (
        Q(response_breached_at__isnull=False) | Q(resolution_breached_at__isnull=False) | acked_late | resolved_late
    )
    return {
        "total": Count("pk"),
        "open": Count("pk", filter=Q(status__in=ACTIVE_STATUSES)),
        "mtta": Avg(ExpressionWrapper(F("acknowledged_at") - F("reported_at"), output_field=DurationField())),
        "mttr": Avg(ExpressionWrapper(F("resolved_at") - F("reported_at"), output_field=DurationField())),
        "response_decided": Count("pk", filter=response_decided),
        "response_met": Count("pk", filter=Q(acknowledged_at__lte=F("response_due_at"))),
        "resolution_decided": Count("pk", filter=resolution_decided),
        "resolution_met": Count("pk", filter=Q(resolved_at__lte=F("resolution_due_at"))),
        "breached": Count("pk", filter=breached),
        "data_loss": Count("pk", filter=Q(category=Category.DATA_LOSS)),
    }


SlaT = TypeVar("SlaT", bound=SeveritySla)


def _sla_from_row(row: Mapping[str, Any], target: SlaT) -> SlaT:
    target.total, target.open, target.breached = row["total"], row["open"], row["breached"]
    target.data_loss_incidents = row["data_loss"]
    target.mtta_minutes, target.mttr_minutes = _duration_minutes(row["mtta"]), _duration_minutes(row["mttr"])
    target.response_met_pct = _pct(row["response_met"], row["response_decided"])
    target.resolution_met_pct = _pct(row["resolution_met"], row["resolution_decided"])
    return target


def _sla_incidents(
    *, customer: PilotCustomer | None, start: dt.datetime | None, end: dt.datetime | None
) -> QuerySet[Incident]:
    incidents = incident_list_for_customer(customer=customer) if customer else Incident.objects.all()
    if start is not None:
        incidents = incidents.filter(reported_at__gte=start)
    if end is not None:
        incidents = incidents.filter(reported_at__lt=end)
    return incidents


def incident_sla_summary(
    *, customer: PilotCustomer | None = None, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> IncidentSlaSummary:
    """MTTA, MTTR and target compliance of the incidents reported in [start, end) (docs/CONTRACTS.md).

    Response met = acknowledged by the response deadline, out of incidents acknowledged or breached;
    resolution likewise. `breached` counts incidents that missed either target. Two queries.
    """
    incidents = _sla_incidents(customer=customer, start=start, end=end)
    summary = _sla_from_row(incidents.aggregate(**_sla_aggregates()), IncidentSlaSummary())
    rows = {row["severity"]: row for row in incidents.order_by().values("severity").annotate(**_sla_aggregates())}
    summary.by_severity = {
        severity: _sla_from_row(rows[severity], SeveritySla()) if severity in rows else SeveritySla()
        for severity in Severity.values
    }
    return summary


def incident_sla_by_customer(
    *, start: dt.datetime | None = None, end: dt.datetime | None = None
) -> list[tuple[PilotCustomer, IncidentSlaSummary]]:
    """One summary per customer that has incidents or a tenant, for the report's table."""
    customers = PilotCustomer.objects.filter(Q(incidents__isnull=False) | Q(tenant__isnull=False)).distinct()
    return [(customer, incident_sla_summary(customer=customer, start=start, end=end)) for customer in customers]


def incident_sla_by_window(
    *, windows: list[tuple[str, dt.datetime | None, dt.datetime | None]], customer: PilotCustomer | None = None
) -> list[tuple[str, IncidentSlaSummary]]:
    """One summary per labelled window, e.g. the pilot phases from `pilot.selectors.phase_list()`."""
    return [(label, incident_sla_summary(customer=customer, start=start, end=end)) for label, start, end in windows]


def incident_overdue_count() -> int:
    """Active incidents past their current deadline right now (dashboard badge)."""
    return Incident.objects.filter(
        Q(acknowledged_at__isnull=True, response_due_at__lt=Now())
        | Q(resolved_at__isnull=True, resolution_due_at__lt=Now()),
        status__in=ACTIVE_STATUSES,
    ).count()


CUSTOMER_EVENT_KINDS = (EventKind.CUSTOMER_REPLY, EventKind.CUSTOMER_CONFIRM)


def incident_list_customer_view(*, customer: PilotCustomer) -> QuerySet[Incident]:
    """The customer's portal and API: its incidents with their public updates and this customer's own
    replies and confirmations (`public_updates`), never another customer's."""
    own = Q(kind__in=CUSTOMER_EVENT_KINDS, data__customer=customer.pk)
    public = Prefetch("events", queryset=IncidentEvent.objects.filter(Q(public=True) | own), to_attr="public_updates")
    return incident_list_for_customer(customer=customer).prefetch_related(public).order_by("-reported_at", "-pk")


def incident_update_due_at(*, incident: Incident, policy: SeverityPolicy) -> dt.datetime | None:
    """When the affected customers are owed their next update: the policy's update cadence after the
    last public update (before the first one, after the report). None once no clock runs."""
    if incident.status not in ACTIVE_STATUSES:
        return None
    last_update = IncidentEvent.objects.filter(incident=incident, kind=EventKind.PUBLIC_UPDATE).aggregate(
        last=Max("at")
    )["last"]
    return (last_update or incident.reported_at) + dt.timedelta(minutes=policy.update_minutes)


def incident_messages(*, incident: Incident) -> QuerySet[OutgoingMessage]:
    """Who was told about an incident, when and by which channel (escalations, public updates), newest first."""
    return OutgoingMessage.objects.filter(topic=f"incident:{incident.pk}").order_by("-created_at", "-pk")
