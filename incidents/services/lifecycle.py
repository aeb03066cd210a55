"""Opening incidents and moving them through their life: every write records a timeline entry."""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.uploads import upload_check
from incidents.choices import Category, EventKind, Severity, Source, Status
from incidents.constants import CATEGORY_SEVERITY, DEFAULT_RUNBOOKS
from incidents.models import ACTIVE_STATUSES, Incident, IncidentEvent
from incidents.rules import working_seconds_between
from incidents.selectors import calendar_for, policy_map
from incidents.services.clocks import deadlines_set, next_check_set
from incidents.services.runbooks import runbook_attach
from tenants.models import PilotCustomer


@dataclass
class IncidentInput:
    title: str
    category: str
    description: str = ""
    severity: int | None = None  # None: the category's suggestion
    customers: Iterable[PilotCustomer] = ()
    all_customers: bool = False
    reported_at: dt.datetime | None = None
    assignee: User | None = None
    source: str = Source.STAFF
    reporter_name: str = ""
    reporter_email: str = ""
    dedup_key: str = ""
    source_url: str = ""
    severity_confirmed: bool = True
    public_title: str = ""
    public_title_ar: str = ""
    attachment: "UploadedFile[bytes] | None" = None


REPORTED_AT_OLDEST = dt.timedelta(days=366)


def incident_scope_errors(*, all_customers: bool, customers: Iterable[PilotCustomer]) -> dict[str, list[str]]:
    """An incident affects every customer or at least one chosen customer, not both: customers named with
    "all customers" were dropped without a word."""
    chosen = list(customers)
    if not all_customers and not chosen:
        return {"customers": [_("Choose the affected customers, or all customers.")]}
    if all_customers and chosen:
        return {"customers": [_("Choose the affected customers or all customers, not both.")]}
    return {}


def incident_input_errors(*, data: IncidentInput, now: dt.datetime) -> dict[str, list[str]]:
    """Every check of a new incident, by field: the service refuses with them, forms show them."""
    errors: dict[str, list[str]] = incident_scope_errors(all_customers=data.all_customers, customers=data.customers)
    if data.category not in Category.values:
        errors["category"] = [_("Unknown category “%(value)s”.") % {"value": data.category}]
    if data.severity is not None and data.severity not in Severity.values:
        errors["severity"] = [_("Severity must be 1, 2 or 3.")]
    if data.reported_at is not None and data.reported_at > now:
        errors["reported_at"] = [_("The report time cannot be in the future.")]
    elif data.reported_at is not None and data.reported_at < now - REPORTED_AT_OLDEST:
        # A typing slip (1900 for 2026) put the incident "overdue by 46,354 days" at the top of every queue.
        errors["reported_at"] = [_("The report time cannot be more than a year ago.")]
    if data.assignee is not None and not (data.assignee.is_staff and data.assignee.is_active):
        errors["assignee"] = [_("The assignee must be an active staff member.")]
    if not data.title.strip():
        errors["title"] = [_("A title is required.")]
    if data.attachment is not None:
        try:
            upload_check(data.attachment)
        except ValidationError as error:
            errors["attachment"] = error.messages
    return errors


def _event(incident: Incident, kind: str, by: User | None = None, **fields: object) -> IncidentEvent:
    name = str(fields.pop("actor_name", "") or (by.get_full_name() or by.get_username() if by else ""))
    return IncidentEvent.objects.create(incident=incident, kind=kind, actor=by, actor_name=name, **fields)


@transaction.atomic
def incident_open(*, data: IncidentInput, by: User | None = None) -> Incident:
    """Open an incident: validate, compute its deadlines, attach the severity's runbooks, log it."""
    now = timezone.now()
    if errors := incident_input_errors(data=data, now=now):
        raise ValidationError(errors)
    severity = data.severity or CATEGORY_SEVERITY[data.category]
    policy = policy_map()[severity]
    incident = Incident(
        title=data.title.strip(),
        description=data.description,
        category=data.category,
        severity=severity,
        severity_confirmed=data.severity_confirmed,
        all_customers=data.all_customers,
        reported_at=data.reported_at or now,
        reported_by=by,
        reporter_name=data.reporter_name,
        reporter_email=data.reporter_email,
        assignee=data.assignee,
        source=data.source,
        dedup_key=data.dedup_key,
        source_url=data.source_url,
        public_title=data.public_title.strip(),
        public_title_ar=data.public_title_ar.strip(),
    )
    if data.attachment is not None:
        incident.attachment = data.attachment  # checked (and renamed) by _input_errors
    deadlines_set(incident, policy, calendar_for(policy=policy))
    incident.save()
    if not data.all_customers:
        incident.customers.set(data.customers)
    for runbook in DEFAULT_RUNBOOKS[severity]:
        runbook_attach(incident=incident, runbook=runbook)
    _event(incident, EventKind.CREATED, by, actor_name=data.reporter_name, at=now, data={"severity": severity})
    return incident


def incident_open_from_alert(
    *,
    customer: PilotCustomer,
    title: str,
    description: str,
    dedup_key: str,
    severity: int = 2,
    category: str = "performance_degradation",
    source_url: str = "",
    public_title: str = "",
    public_title_ar: str = "",
) -> tuple[Incident, bool]:
    """Open an incident for a monitoring alert unless one with the same dedup_key is still open
    (not resolved/closed). Returns (incident, created). `public_title(_ar)` is what customers read.

    A transaction-level advisory lock on the key serialises two alerts racing for the same key.
    """
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"incident-alert:{dedup_key}"])
        existing = Incident.objects.filter(dedup_key=dedup_key, status__in=ACTIVE_STATUSES).first()
        if existing is not None:
            return existing, False
        data = IncidentInput(
            title=title,
            description=description,
            category=category,
            severity=severity,
            customers=[customer],
            source=Source.MONITORING,
            dedup_key=dedup_key,
            source_url=source_url,
            public_title=public_title,
            public_title_ar=public_title_ar,
        )
        return incident_open(data=data), True


def incident_report_from_portal(
    *,
    customer: PilotCustomer,
    category: str,
    title: str,
    description: str,
    reporter_name: str,
    reporter_email: str,
    attachment: "UploadedFile[bytes] | None" = None,
) -> Incident:
    """A customer's problem report: the customer claims no severity; the category suggests one for the
    clocks (unconfirmed) and support confirms it. The optional photo passes the upload rules."""
    data = IncidentInput(
        attachment=attachment,
        title=title,
        description=description,
        category=category,
        customers=[customer],
        source=Source.CUSTOMER,
        reporter_name=reporter_name,
        reporter_email=reporter_email,
        severity_confirmed=False,
    )
    return incident_open(data=data)


def _locked(incident: Incident) -> Incident:
    """Re-read the row under a lock: state changes are read-modify-write."""
    return Incident.objects.select_for_update().get(pk=incident.pk)


TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.ACKNOWLEDGED: (Status.OPEN,),
    Status.MITIGATED: (Status.OPEN, Status.ACKNOWLEDGED),
    Status.RESOLVED: (Status.OPEN, Status.ACKNOWLEDGED, Status.MITIGATED),
    Status.CLOSED: (Status.OPEN, Status.ACKNOWLEDGED, Status.MITIGATED, Status.RESOLVED),
}
STAMP_FIELDS: dict[str, str] = {
    Status.ACKNOWLEDGED: "acknowledged_at",
    Status.MITIGATED: "mitigated_at",
    Status.RESOLVED: "resolved_at",
    Status.CLOSED: "closed_at",
}


@transaction.atomic
def incident_transition(
    *, incident: Incident, to: str, by: User | None, note: str = "", at: dt.datetime | None = None
) -> Incident:
    """Move to `to`; the earlier stamps are filled too (resolving an unacknowledged incident acknowledges it)."""
    incident = _locked(incident)
    if to not in Status.values:
        raise ValidationError({"status": [_("Choose one of: %(statuses)s.") % {"statuses": ", ".join(Status.values)}]})
    if incident.status not in TRANSITIONS.get(to, ()):
        message = _("An incident that is %(from)s cannot become %(to)s.") % {
            "from": incident.get_status_display().lower(),
            "to": Status(to).label.lower(),
        }
        raise ValidationError({"status": [message]})
    now = at or timezone.now()
    # Mitigating or resolving an unacknowledged incident acknowledges it at the same moment.
    stamps = {to, Status.ACKNOWLEDGED} if to in (Status.MITIGATED, Status.RESOLVED) else {to}
    for status in stamps:
        if getattr(incident, STAMP_FIELDS[status]) is None:
            setattr(incident, STAMP_FIELDS[status], now)
    if to in (Status.RESOLVED, Status.CLOSED):
        _pause_end(incident, now)
    from_status, incident.status = incident.status, to
    next_check_set(incident, policy_map()[incident.severity])
    incident.save()
    _event(incident, EventKind.STATUS, by, at=now, message=note, data={"from": from_status, "to": to})
    return incident


def incident_acknowledge(*, incident: Incident, by: User | None) -> Incident:
    return incident_transition(incident=incident, to=Status.ACKNOWLEDGED, by=by)


def incident_resolve(*, incident: Incident, by: User | None, note: str = "") -> Incident:
    return incident_transition(incident=incident, to=Status.RESOLVED, by=by, note=note)


REOPENABLE = (Status.RESOLVED, Status.CLOSED)


@transaction.atomic
def incident_reopen(*, incident: Incident, by: User | None, reason: str, actor_name: str = "") -> Incident:
    """Back to acknowledged (someone already looked at it): resolved/closed stamps cleared, the
    resolution clock runs again against its original deadline, the reason recorded."""
    if not reason.strip():
        raise ValidationError({"reason": [_("Say why the incident is reopened.")]})
    incident = _locked(incident)
    if incident.status not in REOPENABLE:
        raise ValidationError({"status": [_("Only a resolved or closed incident can be reopened.")]})
    from_status = incident.status
    incident.status, incident.resolved_at, incident.closed_at = Status.ACKNOWLEDGED, None, None
    next_check_set(incident, policy_map()[incident.severity])
    incident.save()
    _event(
        incident,
        EventKind.STATUS,
        by,
        actor_name=actor_name,
        message=reason.strip(),
        data={"from": from_status, "to": incident.status},
    )
    return incident


def incident_acknowledge_many(*, incidents: Iterable[Incident], by: User) -> tuple[int, int]:
    """Bulk acknowledge (the queue's action): acknowledges the open ones, skips the others."""
    done = skipped = 0
    for incident in incidents:
        try:
            incident_acknowledge(incident=incident, by=by)
            done += 1
        except ValidationError:
            skipped += 1
    return done, skipped


@transaction.atomic
def incident_severity_change(
    *, incident: Incident, severity: int, by: User | None, reason: str = "", reason_required: bool = False
) -> Incident:
    """New severity: deadlines recomputed from the report time; recorded warnings/breaches stay recorded.
    The incident page asks for a reason (`reason_required`); older callers may still omit it."""
    if severity not in Severity.values:
        raise ValidationError({"severity": [_("Severity must be 1, 2 or 3.")]})
    if reason_required and not reason.strip():
        raise ValidationError({"reason": [_("Say why the severity changes.")]})
    incident = _locked(incident)
    previous = incident.severity
    incident.severity, incident.severity_confirmed = severity, True
    policy = policy_map()[severity]
    deadlines_set(incident, policy, calendar_for(policy=policy))
    incident.save()
    if previous != severity:
        _event(incident, EventKind.SEVERITY, by, message=reason, data={"from": previous, "to": severity})
    return incident


@transaction.atomic
def incident_assign(*, incident: Incident, assignee: User | None, by: User | None) -> Incident:
    if assignee is not None and not (assignee.is_staff and assignee.is_active):
        raise ValidationError({"assignee": [_("The assignee must be an active staff member.")]})
    incident = _locked(incident)
    incident.assignee = assignee
    incident.save(update_fields=["assignee", "updated_at"])
    _event(incident, EventKind.ASSIGNED, by, data={"assignee": assignee.get_username() if assignee else None})
    return incident


def incident_note_add(*, incident: Incident, by: User, message: str) -> IncidentEvent:
    """An internal note: never shown to customers."""
    if not message.strip():
        raise ValidationError({"message": [_("The note is empty.")]})
    return _event(incident, EventKind.NOTE, by, message=message.strip())


@transaction.atomic
def incident_pause(*, incident: Incident, by: User | None, reason: str = "") -> Incident:
    """Waiting on the customer: the resolution clock stops (the response clock never does)."""
    incident = _locked(incident)
    if incident.paused_at is not None or incident.status not in ACTIVE_STATUSES:
        raise ValidationError({"status": [_("Only a running incident can wait on the customer.")]})
    incident.paused_at = timezone.now()
    next_check_set(incident, policy_map()[incident.severity])
    incident.save()
    _event(incident, EventKind.PAUSED, by, message=reason)
    return incident


@transaction.atomic
def incident_resume(*, incident: Incident, by: User | None) -> Incident:
    incident = _locked(incident)
    if incident.paused_at is None:
        raise ValidationError({"status": [_("The incident is not waiting on the customer.")]})
    paused = _pause_end(incident, timezone.now())
    incident.save()
    _event(incident, EventKind.RESUMED, by, data={"paused_working_seconds": paused})
    return incident


def _pause_end(incident: Incident, now: dt.datetime) -> int:
    """Add the paused working time to the resolution deadline; returns the seconds added."""
    if incident.paused_at is None:
        return 0
    policy = policy_map()[incident.severity]
    calendar = calendar_for(policy=policy)
    paused = working_seconds_between(incident.paused_at, now, calendar)
    incident.paused_seconds += paused
    incident.paused_at = None
    deadlines_set(incident, policy, calendar)
    return paused


@transaction.atomic
def incident_edit(
    *, incident: Incident, by: User | None, title: str | None = None, description: str | None = None
) -> Incident:
    """Wording only; severity, assignee and status have their own services (they move clocks or log)."""
    incident = _locked(incident)
    if title is not None:
        if not title.strip():
            raise ValidationError({"title": [_("A title is required.")]})
        incident.title = title.strip()
    if description is not None:
        incident.description = description
    incident.save(update_fields=["title", "description", "updated_at"])
    return incident


@transaction.atomic
def incident_scope_set(
    *, incident: Incident, all_customers: bool, customers: Iterable[PilotCustomer], by: User | None
) -> Incident:
    """Which customers an incident affects: every one, or the chosen ones (recorded in its history)."""
    customers = list(customers)
    if errors := incident_scope_errors(all_customers=all_customers, customers=customers):
        raise ValidationError(errors)
    incident = _locked(incident)
    incident.all_customers = all_customers
    incident.save(update_fields=["all_customers", "updated_at"])
    incident.customers.set(customers)
    return incident
