"""Celery tasks of the feedback app: thin, idempotent, fetch by id and call a service.

A task sent while the connection is in a customer's schema runs in that schema
(tenant-schemas-celery), so the per-invitation e-mail tasks find their rows.
"""

from celery import shared_task
from django_tenants.utils import tenant_context

from feedback.services.rounds import invitation_email_send as invitation_email_send_service
from feedback.services.rounds import survey_reminders_send, survey_round_open
from tenants.selectors import customer_list_live


@shared_task(autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def invitation_email_send(invitation_id: int, reminder: bool = False) -> bool:
    return invitation_email_send_service(invitation_id=invitation_id, reminder=reminder)


@shared_task
def survey_round_send_all() -> dict[str, int]:
    """The weekly round (beat, Sunday 09:00 Asia/Riyadh) for every live customer."""
    sent = {}
    for customer in customer_list_live():
        with tenant_context(customer.tenant):
            sent[customer.slug] = survey_round_open().invitations_created
    return sent


@shared_task
def survey_reminders_send_all() -> dict[str, int]:
    """Reminders to those who have not answered yet, for every live customer."""
    sent = {}
    for customer in customer_list_live():
        with tenant_context(customer.tenant):
            sent[customer.slug] = survey_reminders_send()
    return sent
