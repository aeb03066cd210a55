"""Weekly survey rounds, invitations, their e-mails and reminders.

E-mails are queued after commit, one task per invitation; a task claims its invitation with a
conditional UPDATE before sending, so a retried or duplicated task sends nothing twice.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from feedback.constants import REMINDER_AFTER_DAYS, REMINDER_MAX, ROUND_OPEN_DAYS
from feedback.models import Contact, Invitation, Survey, SurveyRound
from feedback.services.surveys import survey_default_ensure, survey_publish
from feedback.tokens import nonce_new, token_for, token_hash
from feedback.weeks import week_start_for
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


def survey_round_open(*, now: datetime | None = None) -> RoundResult:
    """Open this week's round of every published survey in the current schema and invite every active
    contact once. Idempotent: a second call in the same week adds only contacts added since."""
    now = now or timezone.now()
    week = week_start_for(timezone.localdate(now))
    created = 0
    surveys = _surveys_to_send()
    for survey in surveys:
        with transaction.atomic():
            survey_round, _new = SurveyRound.objects.get_or_create(
                survey=survey,
                week_start=week,
                defaults={"opened_at": now, "closes_at": now + timedelta(days=ROUND_OPEN_DAYS)},
            )
            created += len(_invitations_create(survey_round))
    return RoundResult(rounds=len(surveys), invitations_created=created)


def _invitations_create(survey_round: SurveyRound) -> list[Invitation]:
    invited = Invitation.objects.filter(round=survey_round).values("contact_id")
    contacts = Contact.objects.filter(active=True).exclude(pk__in=invited)
    invitations = [invitation_create(survey_round=survey_round, contact=contact) for contact in contacts]
    for invitation in invitations:
        transaction.on_commit(lambda pk=invitation.pk: _email_enqueue(pk, reminder=False))
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


def _email_enqueue(invitation_id: int, *, reminder: bool) -> None:
    from feedback.tasks import invitation_email_send  # the tasks module imports this one

    invitation_email_send.delay(invitation_id, reminder=reminder)


def invitation_link(*, invitation: Invitation) -> str:
    domain = connection.tenant.get_primary_domain().domain
    return portal_url(domain, f"/s/{token_for(invitation.token_nonce)}/")


def invitation_email_send(*, invitation_id: int, reminder: bool = False) -> bool:
    """Send the invitation (or a reminder) once; returns whether this call sent it."""
    if not reminder and not Invitation.objects.filter(pk=invitation_id, sent_at=None).update(sent_at=timezone.now()):
        return False
    invitation = Invitation.objects.select_related("round__survey", "contact").get(pk=invitation_id)
    try:
        invitation_email_build(invitation=invitation, reminder=reminder).send()
    except Exception:
        if not reminder:  # release the claim so that the retry sends it
            Invitation.objects.filter(pk=invitation_id).update(sent_at=None)
        raise
    return True


def invitation_email_build(*, invitation: Invitation, reminder: bool) -> EmailMultiAlternatives:
    """The e-mail in the contact's language (Arabic right-to-left)."""
    with translation.override(invitation.contact.language):
        context = {
            "invitation": invitation,
            "survey": invitation.round.survey,
            "link": invitation_link(invitation=invitation),
            "customer": connection.tenant.customer,
            "reminder": reminder,
            "closes_at": invitation.expires_at,
        }
        subject = render_to_string("feedback/email/invitation_subject.txt", context).strip()
        text = render_to_string("feedback/email/invitation.txt", context)
        html = render_to_string("feedback/email/invitation.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [invitation.contact.email])
    message.attach_alternative(html, "text/html")
    return message


def reminders_due(*, now: datetime) -> Q:
    """Invitations owed a reminder: sent, unanswered, still open, under the cap, quiet for N days."""
    quiet_since = now - timedelta(days=REMINDER_AFTER_DAYS)
    return Q(sent_at__lte=quiet_since, response__isnull=True, expires_at__gt=now, reminders_sent__lt=REMINDER_MAX) & (
        Q(last_reminded_at__isnull=True) | Q(last_reminded_at__lte=quiet_since)
    )


def survey_reminders_send(*, now: datetime | None = None) -> int:
    """Claim every due reminder in the current schema and queue its e-mail; returns how many."""
    now = now or timezone.now()
    claimed = []
    for pk in Invitation.objects.filter(reminders_due(now=now)).values_list("pk", flat=True):
        # The same condition in the UPDATE makes a concurrent run (or a response just in) claim nothing.
        if Invitation.objects.filter(reminders_due(now=now), pk=pk).update(
            reminders_sent=F("reminders_sent") + 1, last_reminded_at=now
        ):
            claimed.append(pk)
    for pk in claimed:
        transaction.on_commit(lambda pk=pk: _email_enqueue(pk, reminder=True))
    return len(claimed)
