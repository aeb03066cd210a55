"""Weekly survey rounds, invitations, their e-mails and reminders.

Each invitation's e-mail is written to the outbox in the transaction that creates the invitation (or
claims its reminder), in the contact's language; the outbox delivers it once, with retries, and then
marks the invitation sent (`invitation_sent_mark`, run in the customer's schema).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core.schemas import current_schema_name, current_tenant, customer_schema
from feedback.constants import REMINDER_AFTER_DAYS, REMINDER_MAX, ROUND_OPEN_DAYS, ROUND_OPENS_HOUR
from feedback.models import Contact, Invitation, Survey, SurveyRound
from feedback.services.rollups import feedback_week_refresh, survey_digests_refresh
from feedback.services.surveys import survey_default_ensure, survey_publish
from feedback.tokens import nonce_new, token_for, token_hash
from feedback.weeks import week_opening, week_start_for
from ops.models import OutgoingMessage
from ops.services import outbox_email_queue
from tenants.models import PilotCustomer
from tenants.selectors import customer_list_live
from tenants.services.provisioning import portal_url


@dataclass(frozen=True)
class RoundResult:
    rounds: int
    invitations_created: int


def _surveys_to_send() -> list[Survey]:
    """Published surveys; a customer that never had one gets the default one published (first round)."""
    if not Survey.objects.exists():
        survey_publish(survey=survey_default_ensure())
    return list(Survey.objects.filter(published=True))


def survey_round_open(*, customer: PilotCustomer | None = None, now: datetime | None = None) -> RoundResult:
    """Open this week's round of every published survey of the customer (None: the current schema's) and
    invite every active contact once. Idempotent: a second call in the same week adds only contacts added since."""
    with customer_schema(customer):
        return _round_open(now=now or timezone.now())


def _round_open(*, now: datetime) -> RoundResult:
    week = week_start_for(timezone.localdate(now))
    created = 0
    surveys = _surveys_to_send()
    for survey in surveys:
        with transaction.atomic():
            survey_round, new_round = SurveyRound.objects.get_or_create(
                survey=survey,
                week_start=week,
                defaults={"opened_at": now, "closes_at": now + timedelta(days=ROUND_OPEN_DAYS)},
            )
            created += len(_invitations_create(survey_round))
            feedback_week_refresh(week_start=week)  # the invitations count in the public summary
            if new_round:
                survey_digests_refresh()  # so does the survey's number of rounds
    return RoundResult(rounds=len(surveys), invitations_created=created)


def survey_round_open_due(*, customer: PilotCustomer | None = None, now: datetime | None = None) -> RoundResult:
    """The scheduled round (beat, hourly): opens this week's round once it is due — Sunday at
    ROUND_OPENS_HOUR — and only while the week has none. A run missed because beat, a worker or
    the broker was down at that hour is caught up by the next hourly run, not lost for a week."""
    with customer_schema(customer):
        return _round_open_due(now=now or timezone.now())


def _round_open_due(*, now: datetime) -> RoundResult:
    local = timezone.localtime(now)
    if local < week_opening(local, ROUND_OPENS_HOUR):
        return RoundResult(rounds=0, invitations_created=0)
    if SurveyRound.objects.filter(week_start=week_start_for(local.date())).exists():
        return RoundResult(rounds=0, invitations_created=0)
    return _round_open(now=now)


def _invitations_create(survey_round: SurveyRound) -> list[Invitation]:
    invited = Invitation.objects.filter(round=survey_round).values("contact_id")
    contacts = Contact.objects.filter(active=True).exclude(pk__in=invited)
    invitations = [invitation_create(survey_round=survey_round, contact=contact) for contact in contacts]
    for invitation in invitations:
        invitation_email_queue(invitation=invitation, reminder=False)
    return invitations


def invitation_create(*, survey_round: SurveyRound, contact: Contact) -> Invitation:
    nonce = nonce_new()
    return Invitation.objects.create(
        round=survey_round,
        contact=contact,
        token_nonce=nonce,
        token_hash=token_hash(token_for(nonce)),
        expires_at=survey_round.closes_at,
    )


def invitation_link(*, invitation: Invitation) -> str:
    domain = current_tenant().get_primary_domain().domain
    return portal_url(domain, f"/s/{token_for(invitation.token_nonce)}/")


INVITATION_KIND = "feedback.invitation"


def invitation_email_queue(*, invitation: Invitation, reminder: bool) -> OutgoingMessage:
    """Queue the invitation (or a reminder) in the outbox; it leaves when the caller's transaction commits.
    `invitation` comes with its round, survey and contact loaded (no query per invitation)."""
    email = invitation_email_build(invitation=invitation, reminder=reminder)
    return outbox_email_queue(
        kind=INVITATION_KIND,
        to=invitation.contact.email,
        language=invitation.contact.language,
        topic=f"invitation:{current_schema_name()}:{invitation.pk}",
        secret=True,
        payload={"invitation_id": invitation.pk, "reminder": reminder},
        **email,
    )


def invitation_sent_mark(message: OutgoingMessage) -> None:
    """After delivery (outbox hook, in the customer's schema): the invitation counts as sent from now."""
    if not message.payload.get("reminder"):
        Invitation.objects.filter(pk=message.payload["invitation_id"], sent_at=None).update(sent_at=message.sent_at)


def invitation_email_build(*, invitation: Invitation, reminder: bool) -> dict[str, str]:
    """Subject, text and HTML of the e-mail in the contact's language (Arabic right-to-left)."""
    with translation.override(invitation.contact.language):
        context = {
            "invitation": invitation,
            "survey": invitation.round.survey,
            "link": invitation_link(invitation=invitation),
            "customer": current_tenant().customer,
            "reminder": reminder,
            "closes_at": invitation.expires_at,
        }
        subject = render_to_string("feedback/email/invitation_subject.txt", context).strip()
        text = render_to_string("feedback/email/invitation.txt", context)
        html = render_to_string("feedback/email/invitation.html", context)
    return {"subject": subject, "body": text, "html": html}


def reminders_due(*, now: datetime) -> Q:
    """Invitations owed a reminder: sent, unanswered, still open, under the cap, quiet for N days."""
    quiet_since = now - timedelta(days=REMINDER_AFTER_DAYS)
    return Q(sent_at__lte=quiet_since, response__isnull=True, expires_at__gt=now, reminders_sent__lt=REMINDER_MAX) & (
        Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=quiet_since)
    )


def survey_reminders_send(*, customer: PilotCustomer | None = None, now: datetime | None = None) -> int:
    """Claim every due reminder of the customer (None: the current schema's) and queue its e-mail;
    returns how many."""
    with customer_schema(customer):
        return _reminders_send(now=now or timezone.now())


def _reminders_send(*, now: datetime) -> int:
    claimed = 0
    for invitation in Invitation.objects.filter(reminders_due(now=now)).select_related("round__survey", "contact"):
        # The same condition in the UPDATE makes a concurrent run (or a response just in) claim nothing;
        # the claim and its e-mail commit together.
        with transaction.atomic():
            if Invitation.objects.filter(reminders_due(now=now), pk=invitation.pk).update(
                reminders_sent=F("reminders_sent") + 1, last_reminded_at=now
            ):
                invitation_email_queue(invitation=invitation, reminder=True)
                claimed += 1
    return claimed


def survey_rounds_open_due_all() -> dict[str, int]:
    """The weekly round of every live customer, once due (the beat task): invitations sent per slug."""
    return {
        customer.slug: survey_round_open_due(customer=customer).invitations_created for customer in customer_list_live()
    }


def survey_reminders_send_all() -> dict[str, int]:
    """Reminders to those who have not answered yet, for every live customer: reminders per slug."""
    return {customer.slug: survey_reminders_send(customer=customer) for customer in customer_list_live()}
