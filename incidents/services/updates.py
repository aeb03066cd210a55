"""Public updates: what support chooses to tell the affected customers (portal and e-mail)."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from incidents.choices import EventKind
from incidents.models import Incident, IncidentEvent
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
    *, incident: Incident, by: AbstractBaseUser, message: str, message_ar: str = "", notify: bool = True
) -> IncidentEvent:
    """Publish an update on the affected customers' portals and queue its e-mails (they leave after commit)."""
    if not message.strip():
        raise ValidationError({"message": [_("The update is empty.")]})
    event = IncidentEvent.objects.create(
        incident=incident,
        kind=EventKind.PUBLIC_UPDATE,
        public=True,
        actor=by,
        actor_name=by.get_full_name() or by.get_username(),
        message=message.strip(),
        message_ar=message_ar.strip(),
    )
    if notify:
        customers = incident_customers(incident=incident)
        public_update_queue(incident=incident, event=event, customers=customers)
    return event
