"""E-mails and webhooks: escalations to staff and public updates to customers, each in its reader's language."""

import logging

import requests
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from incidents.constants import WEBHOOK_TIMEOUT_SECONDS
from incidents.models import Incident, IncidentEvent, SeverityPolicy
from incidents.services.webhooks import WebhookRefused, webhook_post_safe
from tenants.models import PilotCustomer

logger = logging.getLogger(__name__)


def recipients_parse(lines: str) -> list[tuple[str, str]]:
    """`address [language]` per line (e.g. `ops@example.com ar`); the language defaults to the site's."""
    recipients = []
    for line in lines.replace(",", "\n").splitlines():
        parts = line.split()
        if parts:
            language = parts[1] if len(parts) > 1 and parts[1] in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
            recipients.append((parts[0], language))
    return recipients


def _send(template: str, context: dict, address: str, language: str) -> None:
    with translation.override(language):
        subject = render_to_string(f"incidents/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"incidents/email/{template}.txt", context)
    send_mail(subject, body, None, [address], fail_silently=False)


def escalation_send(*, incident: Incident, event: IncidentEvent, policy: SeverityPolicy) -> int:
    """Tell the severity's escalation list and the assignee; returns the number of e-mails sent."""
    recipients = recipients_parse(policy.escalation_emails)
    if incident.assignee and incident.assignee.email:
        recipients.append((incident.assignee.email, settings.LANGUAGE_CODE))
    context = {"incident": incident, "event": event, "policy": policy}
    sent = 0
    for address, language in dict(recipients).items():
        try:
            _send("escalation", context, address, language)
            sent += 1
        except Exception:  # one bad address must not stop the others
            logger.exception("Escalation e-mail to %s failed", address)
    if policy.escalation_webhook_url:
        webhook_post(url=policy.escalation_webhook_url, incident=incident, event=event)
    return sent


def webhook_post(*, url: str, incident: Incident, event: IncidentEvent) -> bool:
    payload = {
        "incident": incident.pk,
        "title": incident.title,
        "severity": incident.severity,
        "kind": event.kind,
        "clock": event.clock,
        "at": event.at.isoformat(),
    }
    try:
        response = webhook_post_safe(url=url, payload=payload, timeout=WEBHOOK_TIMEOUT_SECONDS)
    except WebhookRefused as refused:
        logger.warning("Escalation webhook %s refused: %s", url, refused)
        return False
    except requests.RequestException:
        logger.warning("Escalation webhook %s failed", url, exc_info=True)
        return False
    return response.ok


def public_update_send(*, incident: Incident, event: IncidentEvent, customers: list[PilotCustomer]) -> int:
    """E-mail a public update to each affected customer's contact, in the customer's language."""
    sent = 0
    for customer in customers:
        if not customer.contact_email:
            continue
        language = customer.preferred_language
        context = {"incident": incident, "customer": customer, "message": event.message_for(language)}
        _send("public_update", context, customer.contact_email, language)
        sent += 1
    return sent
