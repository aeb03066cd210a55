"""Celery tasks of the feedback app: thin and idempotent. Their e-mails leave through the outbox (ops)."""

from celery import shared_task
from django_tenants.utils import tenant_context

from feedback.services.rounds import survey_reminders_send, survey_round_open_due
from tenants.selectors import customer_list_live


@shared_task
def survey_round_send_all() -> dict[str, int]:
    """The weekly round for every live customer (beat, hourly: it opens once due, see the service)."""
    sent = {}
    for customer in customer_list_live():
        with tenant_context(customer.tenant):
            sent[customer.slug] = survey_round_open_due().invitations_created
    return sent


@shared_task
def survey_reminders_send_all() -> dict[str, int]:
    """Reminders to those who have not answered yet, for every live customer."""
    sent = {}
    for customer in customer_list_live():
        with tenant_context(customer.tenant):
            sent[customer.slug] = survey_reminders_send()
    return sent
