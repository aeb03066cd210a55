"""The customer's side of an incident: its replies and its verdict on a resolution.

A reply is not `public`: on an incident that affects several customers each one sees only its own
replies (the customer id is in the event's data), while staff see every reply in the timeline.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_tenants.utils import get_public_schema_name, schema_context

from incidents.choices import EventKind, Status
from incidents.models import Incident, IncidentEvent
from incidents.services.lifecycle import REOPENABLE, incident_reopen, incident_transition
from incidents.services.notify import customer_reply_queue
from tenants.models import PilotCustomer

REPLY_MAX_CHARS = 4000


def _reply_errors(message: str) -> dict[str, list[str]]:
    if not message.strip():
        return {"message": [_("Write your reply.")]}
    if len(message) > REPLY_MAX_CHARS:
        return {"message": [_("Keep it under %(max)s characters.") % {"max": REPLY_MAX_CHARS}]}
    return {}


def incident_customer_reply(
    *, incident: Incident, customer: PilotCustomer, author_name: str, author_email: str, message: str
) -> IncidentEvent:
    """Add the customer's reply to the staff timeline and tell the assignee (or support) by e-mail after commit.
    Runs in the public schema: called from the customer's domain, a lazy read of the assignee would
    otherwise find the user of the same id in the customer's own auth table."""
    if errors := _reply_errors(message):
        raise ValidationError(errors)
    with schema_context(get_public_schema_name()), transaction.atomic():
        return _reply_record(Incident.objects.get(pk=incident.pk), customer, author_name, author_email, message)


def _reply_record(
    incident: Incident, customer: PilotCustomer, author_name: str, author_email: str, message: str
) -> IncidentEvent:
    event = IncidentEvent.objects.create(
        incident=incident,
        kind=EventKind.CUSTOMER_REPLY,
        actor_name=author_name,
        message=message.strip(),
        data={"customer": customer.pk, "email": author_email},
    )
    customer_reply_queue(incident=incident, event=event, customer=customer)
    return event


def incident_customer_confirm(
    *, incident: Incident, customer: PilotCustomer, author_name: str, solved: bool, message: str = ""
) -> Incident:
    """The customer's verdict on a resolved incident. *Solved* is recorded (and closes an incident that
    only this customer has); *still happening* reopens it and tells the assignee like a reply does.
    Runs in the public schema (see incident_customer_reply)."""
    with schema_context(get_public_schema_name()), transaction.atomic():
        return _confirm_record(Incident.objects.get(pk=incident.pk), customer, author_name, solved, message)


def _confirm_record(
    incident: Incident, customer: PilotCustomer, author_name: str, solved: bool, message: str
) -> Incident:
    if incident.status not in REOPENABLE:
        raise ValidationError({"status": [_("You can confirm only a resolved incident.")]})
    if not solved:
        reason = _("Still happening, says %(name)s.") % {"name": author_name}
        incident = incident_reopen(
            incident=incident, by=None, reason=f"{reason} {message.strip()}".strip(), actor_name=author_name
        )
        incident_customer_reply(
            incident=incident,
            customer=customer,
            author_name=author_name,
            author_email="",
            message=message.strip() or _("The problem is still happening."),
        )
        return incident
    IncidentEvent.objects.create(
        incident=incident,
        kind=EventKind.CUSTOMER_CONFIRM,
        actor_name=author_name,
        message=message.strip(),
        data={"customer": customer.pk},
    )
    if incident.status == Status.RESOLVED and not incident.all_customers and incident.customers.count() == 1:
        incident = incident_transition(
            incident=incident, to=Status.CLOSED, by=None, note=_("Confirmed by the customer.")
        )
    return incident
