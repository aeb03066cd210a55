"""Escalations to staff and public updates to customers: queued in the outbox, each in its reader's language.

Every function here runs inside the transaction of the change that causes the message (a breach, an
update), so the message exists exactly when the change does; the outbox delivers it with retries.
"""

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.utils import translation

from backoffice.language import staff_language
from incidents.models import Incident, IncidentEvent, SeverityPolicy
from ops.services import outbox_email_queue, outbox_webhook_queue
from tenants.models import PilotCustomer
from tenants.roles import PROGRAM_MANAGER, SUPPORT_STAFF

# Without addresses of its own, a severity escalates to these staff groups (severity 1 to both).
FALLBACK_GROUPS = {1: (SUPPORT_STAFF, PROGRAM_MANAGER)}
FALLBACK_GROUPS_DEFAULT = (SUPPORT_STAFF,)


def incident_topic(incident: Incident) -> str:
    """Ties outbox messages to their incident (`selectors.incident_messages` reads them back)."""
    return f"incident:{incident.pk}"


def recipients_parse(lines: str) -> list[tuple[str, str]]:
    """`address [language]` per line (e.g. `ops@example.com ar`); the language defaults to the site's."""
    recipients = []
    for line in lines.replace(",", "\n").splitlines():
        parts = line.split()
        if parts:
            language = parts[1] if len(parts) > 1 and parts[1] in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
            recipients.append((parts[0], language))
    return recipients


def staff_recipients(*, groups: tuple[str, ...]) -> list[tuple[str, str]]:
    """The active staff of `groups` who have an e-mail address, each with the language of their e-mails."""
    users = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name__in=groups)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    return [(user.email, staff_language(user)) for user in users]


def escalation_recipients(*, incident: Incident, policy: SeverityPolicy) -> list[tuple[str, str]]:
    """The policy's own addresses, else the support (and for severity 1 the program) staff; plus the assignee."""
    recipients = recipients_parse(policy.escalation_emails)
    if not recipients:
        groups = FALLBACK_GROUPS.get(incident.severity, FALLBACK_GROUPS_DEFAULT)
        recipients = staff_recipients(groups=groups)
    if incident.assignee and incident.assignee.email:
        recipients.append((incident.assignee.email, staff_language(incident.assignee)))
    return list(dict(recipients).items())  # one message per address, its first language


def _email_queue(*, kind: str, template: str, context: dict[str, Any], address: str, language: str, topic: str) -> None:
    with translation.override(language):
        subject = render_to_string(f"incidents/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"incidents/email/{template}.txt", context)
    outbox_email_queue(kind=kind, to=address, subject=subject, body=body, language=language, topic=topic)


def escalation_queue(*, incident: Incident, event: IncidentEvent, policy: SeverityPolicy) -> list[str]:
    """Queue the escalation of a warning or breach; returns the addresses told (and the webhook, if any)."""
    context = {"incident": incident, "event": event, "policy": policy}
    recipients = escalation_recipients(incident=incident, policy=policy)
    _staff_emails_queue(incident=incident, template="escalation", context=context, recipients=recipients)
    told = [address for address, _language in recipients]
    if policy.escalation_webhook_url:
        outbox_webhook_queue(
            kind="incidents.escalation",
            url=policy.escalation_webhook_url,
            payload=webhook_payload(incident=incident, event=event),
            topic=incident_topic(incident),
        )
        told.append(policy.escalation_webhook_url)
    return told


def webhook_payload(*, incident: Incident, event: IncidentEvent) -> dict[str, Any]:
    return {
        "incident": incident.pk,
        "title": incident.title,
        "severity": incident.severity,
        "kind": event.kind,
        "clock": event.clock,
        "at": event.at.isoformat(),
    }


def public_update_queue(*, incident: Incident, event: IncidentEvent, customers: list[PilotCustomer]) -> int:
    """Queue a public update to each affected customer's contact, in the customer's language."""
    queued = 0
    for customer in customers:
        if not customer.contact_email:
            continue
        language = customer.preferred_language
        context = {"incident": incident, "customer": customer, "message": event.message_for(language)}
        _email_queue(
            kind="incidents.public_update",
            template="public_update",
            context=context,
            address=customer.contact_email,
            language=language,
            topic=incident_topic(incident),
        )
        queued += 1
    return queued


def customer_reply_recipients(*, incident: Incident) -> list[tuple[str, str]]:
    """Who hears of a customer's reply: the assignee, else the support staff."""
    if incident.assignee and incident.assignee.is_active and incident.assignee.email:
        return [(incident.assignee.email, staff_language(incident.assignee))]
    return staff_recipients(groups=FALLBACK_GROUPS_DEFAULT)


def customer_reply_queue(*, incident: Incident, event: IncidentEvent, customer: PilotCustomer) -> int:
    """Queue the e-mail telling staff that a customer replied (each in the staff member's language)."""
    recipients = customer_reply_recipients(incident=incident)
    context = {"incident": incident, "event": event, "customer": customer}
    _staff_emails_queue(incident=incident, template="customer_reply", context=context, recipients=recipients)
    return len(recipients)


def _staff_emails_queue(
    *, incident: Incident, template: str, context: Mapping[str, object], recipients: list[tuple[str, str]]
) -> None:
    """One e-mail per (address, language) about the incident, its kind named after the template."""
    for address, language in recipients:
        _email_queue(
            kind=f"incidents.{template}",
            template=template,
            context=dict(context),
            address=address,
            language=language,
            topic=incident_topic(incident),
        )
