"""Weekly rounds, invitation e-mails in both languages, reminders only to those who have not answered."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django_tenants.utils import tenant_context

from feedback.constants import REMINDER_AFTER_DAYS, REMINDER_MAX
from feedback.models import Contact, Invitation, Survey, SurveyRound
from feedback.services.responses import survey_response_submit
from feedback.services.rounds import (
    invitation_email_queue,
    survey_reminders_send,
    survey_round_open,
    survey_round_open_due,
)
from feedback.tasks import survey_reminders_send_all, survey_round_send_all
from feedback.tokens import token_for
from ops.services import outbox_deliver
from tenants.choices import Status
from tenants.models import PilotCustomer
from tenants.services.customers import customer_status_change
from tests.feedback.conftest import ROUND_TIME, VALID, invite


def _live(*customers: PilotCustomer) -> None:
    for customer in customers:
        if customer.status != Status.LIVE:
            customer_status_change(customer=customer, to_status=Status.LIVE)


def _contacts() -> None:
    Contact.objects.create(name="أمل", email="amal@x.example", language="ar")
    Contact.objects.create(name="Eric", email="eric@x.example", language="en")


@time_machine.travel(ROUND_TIME, tick=False)
def test_first_round_publishes_the_default_survey_and_invites_each_contact_once(
    tenant_a, django_capture_on_commit_callbacks
) -> None:
    with tenant_context(tenant_a.tenant):
        _contacts()
        with django_capture_on_commit_callbacks(execute=True):
            first = survey_round_open()
        with django_capture_on_commit_callbacks(execute=True):
            again = survey_round_open()
        assert Survey.objects.get().published
        assert (first.invitations_created, again.invitations_created) == (2, 0)
        survey_round = SurveyRound.objects.get()
        assert str(survey_round.week_start) == "2026-03-01" and survey_round.closes_at == ROUND_TIME + timedelta(days=7)
        assert Invitation.objects.filter(sent_at__isnull=False).count() == 2
    assert len(mail.outbox) == 2


@time_machine.travel(ROUND_TIME, tick=False)
def test_emails_are_queued_only_after_commit(tenant_a, django_capture_on_commit_callbacks) -> None:
    with tenant_context(tenant_a.tenant):
        _contacts()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            survey_round_open()
        assert len(mail.outbox) == 0 and len(callbacks) == 2


@time_machine.travel(ROUND_TIME, tick=False)
def test_invitation_email_in_each_contacts_language(tenant_a, django_capture_on_commit_callbacks) -> None:
    with tenant_context(tenant_a.tenant):
        _contacts()
        with django_capture_on_commit_callbacks(execute=True):
            survey_round_open()
        tokens = {i.contact.email: token_for(i.token_nonce) for i in Invitation.objects.select_related("contact")}
    by_to = {m.to[0]: m for m in mail.outbox}
    arabic, english = by_to["amal@x.example"], by_to["eric@x.example"]
    assert arabic.subject.startswith("الاستبيان الأسبوعي للتجربة") and "مرحباً أمل،" in arabic.body
    assert f"http://alpha.localhost:8000/s/{tokens['amal@x.example']}/" in arabic.body
    html = arabic.alternatives[0][0]
    assert 'dir="rtl"' in html and 'lang="ar"' in html
    assert english.subject.startswith("Weekly pilot check-in") and "Hello Eric," in english.body
    assert f"/s/{tokens['eric@x.example']}/" in english.body and "You can change your answers" in english.body
    assert 'dir="ltr"' in english.alternatives[0][0]


@time_machine.travel(ROUND_TIME, tick=False)
def test_an_invitation_is_e_mailed_once_even_if_the_task_runs_twice(invited_a) -> None:
    with tenant_context(invited_a.customer.tenant):
        invitation = invited_a.invitations["en"]
        Invitation.objects.filter(pk=invitation.pk).update(sent_at=None)
        message = invitation_email_queue(invitation=invitation, reminder=False)
        assert outbox_deliver(message_id=message.pk) is True
        assert outbox_deliver(message_id=message.pk) is False
        # Delivered: the invitation counts as sent, and the one-time link is not kept in the outbox.
        assert Invitation.objects.get(pk=invitation.pk).sent_at is not None
    message.refresh_from_db()
    assert (message.status, message.body, message.html) == ("sent", "", "")
    assert len(mail.outbox) == 1 and invited_a.path("en") in mail.outbox[0].body


def test_reminders_go_only_to_non_respondents_after_n_days_at_most_m_times(
    invited_a, django_capture_on_commit_callbacks
) -> None:
    tenant = invited_a.customer.tenant
    with tenant_context(tenant):
        Invitation.objects.update(sent_at=ROUND_TIME)
        with time_machine.travel(ROUND_TIME + timedelta(hours=3), tick=False):
            survey_response_submit(invitation=invited_a.invitations["ar"], data=VALID, language="ar")
        too_early = ROUND_TIME + timedelta(days=REMINDER_AFTER_DAYS) - timedelta(minutes=1)
        assert survey_reminders_send(now=too_early) == 0
        sent = []
        for day in range(1, 7):
            at = ROUND_TIME + timedelta(days=day)
            with time_machine.travel(at, tick=False), django_capture_on_commit_callbacks(execute=True):
                sent.append(survey_reminders_send())
        assert sum(sent) == REMINDER_MAX
        assert Invitation.objects.get(pk=invited_a.invitations["en"].pk).reminders_sent == REMINDER_MAX
        assert Invitation.objects.get(pk=invited_a.invitations["ar"].pk).reminders_sent == 0
    assert [m.to for m in mail.outbox] == [["eric@x.example"]] * REMINDER_MAX
    assert mail.outbox[0].subject.startswith("Reminder: ")
    assert "We have not received your answers" in mail.outbox[0].body
    # The reminder repeats the very link of the invitation.
    assert invited_a.path("en") in mail.outbox[0].body


def test_no_reminder_after_the_round_closed(invited_a) -> None:
    with tenant_context(invited_a.customer.tenant):
        Invitation.objects.update(sent_at=ROUND_TIME)
        assert survey_reminders_send(now=ROUND_TIME + timedelta(days=8)) == 0


@time_machine.travel(ROUND_TIME, tick=False)
def test_weekly_task_sends_to_every_live_customer_in_its_own_schema(tenant_a, tenant_b) -> None:
    _live(tenant_a, tenant_b)
    for customer in (tenant_a, tenant_b):
        with tenant_context(customer.tenant):
            Contact.objects.create(name="X", email=f"x@{customer.slug}.example", language="en")
    assert survey_round_send_all() == {"alpha": 1, "beta": 1}
    with tenant_context(tenant_b.tenant):
        assert list(Invitation.objects.values_list("contact__email", flat=True)) == ["x@beta.example"]
    assert survey_reminders_send_all() == {"alpha": 0, "beta": 0}


@time_machine.travel(ROUND_TIME, tick=False)
def test_the_commands_run_the_same_code(tenant_a, tenant_b, capsys: pytest.CaptureFixture) -> None:
    _live(tenant_a, tenant_b)
    with tenant_context(tenant_a.tenant):
        _contacts()
    call_command("send_survey_round", customer="alpha")
    assert "alpha: 1 survey(s), 2 invitation(s)" in capsys.readouterr().out
    with tenant_context(tenant_b.tenant):
        assert not Invitation.objects.exists()
    call_command("send_survey_reminders")
    assert "alpha: 0 reminder(s)" in capsys.readouterr().out


def test_round_command_refuses_an_unknown_customer(db) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("send_survey_round", customer="nowhere")


def test_contacts_added_midweek_are_invited_in_the_same_round(tenant_a) -> None:
    invite(tenant_a)
    with tenant_context(tenant_a.tenant):
        Contact.objects.create(name="Late", email="late@x.example", language="en")
        assert survey_round_open(now=ROUND_TIME + timedelta(days=2)).invitations_created == 1
        assert SurveyRound.objects.count() == 1


def test_the_scheduled_round_opens_on_sunday_at_nine_and_catches_up_a_missed_run(
    tenant_a, django_capture_on_commit_callbacks
) -> None:
    with tenant_context(tenant_a.tenant):
        _contacts()
        with time_machine.travel(ROUND_TIME - timedelta(minutes=1), tick=False):
            assert survey_round_open_due().invitations_created == 0  # Sunday 08:59: not yet
        assert not SurveyRound.objects.exists()
        # Beat (or Redis) was down on Sunday at 09:00: Monday's first hourly run opens the round.
        with time_machine.travel(ROUND_TIME + timedelta(days=1), tick=False):
            with django_capture_on_commit_callbacks(execute=True):
                assert survey_round_open_due().invitations_created == 2
            Contact.objects.create(name="Late", email="late@x.example", language="en")
            # Later runs of the same week do nothing: a contact added since waits for next week's round.
            assert survey_round_open_due().invitations_created == 0
        assert SurveyRound.objects.count() == 1
    assert len(mail.outbox) == 2
