"""Public updates: what support chooses to tell the affected customers (portal and e-mail)."""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from incidents.choices import EventKind
from incidents.models import Incident, IncidentEvent
from incidents.services.lifecycle import incident_resolve
from incidents.services.notify import public_update_queue
from tenants.choices import Status as CustomerStatus
from tenants.models import PilotCustomer


def incident_customers(*, incident: Incident) -> list[PilotCustomer]:
    """The customers an incident affects (every provisioned, still-running one when it affects all)."""
    if incident.all_customers:
        finished = [CustomerStatus.COMPLETED, CustomerStatus.WITHDRAWN]
        return list(PilotCustomer.objects.filter(tenant__isnull=False).exclude(status__in=finished))
    return list(incident.customers.all())


@transaction.atomic
def incident_update_post(
    *,
    incident: Incident,
    by: User | None,
    message: str,
    message_ar: str = "",
    notify: bool = True,
    actor_name: str = "",
) -> IncidentEvent:
    """Publish an update on the affected customers' portals and queue its e-mails (they leave after commit).
    `by` is None for monitoring's own updates (then `actor_name` names the writer)."""
    if not message.strip():
        raise ValidationError({"message": [_("The update is empty.")]})
    event = IncidentEvent.objects.create(
        incident=incident,
        kind=EventKind.PUBLIC_UPDATE,
        public=True,
        actor=by,
        actor_name=(by.get_full_name() or by.get_username()) if by is not None else actor_name,
        message=message.strip(),
        message_ar=message_ar.strip(),
    )
    if notify:
        customers = incident_customers(incident=incident)
        public_update_queue(incident=incident, event=event, customers=customers)
    return event


@transaction.atomic
def incident_resolve_with_notice(
    *, incident: Incident, by: User, note: str, notify: bool, notice: str = "", notice_ar: str = ""
) -> Incident:
    """Resolve with the required resolution note; when `notify`, the bilingual resolved notice is
    published and e-mailed to the affected customers (each in its language) after commit."""
    errors: dict[str, list[str]] = {}
    if not note.strip():
        errors["note"] = [_("Write how the incident was resolved.")]
    if notify and not notice.strip():
        errors["notice"] = [_("Write the notice the customers will receive.")]
    if errors:
        raise ValidationError(errors)
    incident = incident_resolve(incident=incident, by=by, note=note.strip())
    if notify:
        incident_update_post(incident=incident, by=by, message=notice, message_ar=notice_ar)
    return incident
