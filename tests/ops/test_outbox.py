"""The outbox: written with the change, delivered once, retried with backoff, failed messages retried by staff."""

import datetime as dt
import threading

import pytest
import time_machine
from django.core import mail
from django.db import connection, transaction

from backoffice.language import staff_language_set
from incidents.choices import EventKind
from incidents.models import SeverityPolicy
from incidents.services import incident_timers_run, policies_ensure
from ops.models import OutgoingMessage
from ops.services import outbox_deliver, outbox_email_queue, outbox_flush, outbox_retry, outbox_webhook_queue
from tenants.roles import PROGRAM_MANAGER, SUPPORT_STAFF
from tests.conftest import TenantClient, _staff_user
from tests.incidents.factories import incident_make, riyadh

NOW = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


class BrokenSMTP:
    """An e-mail backend whose server refuses every message (the outside world failing)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def send_messages(self, messages: list) -> int:
        raise ConnectionRefusedError("SMTP server refused the connection")


def _queue(**fields: object) -> OutgoingMessage:
    return outbox_email_queue(kind="test", to="a@x.example", subject="Hello", body="Body", **fields)


@pytest.fixture
def broken_smtp(settings) -> None:
    settings.EMAIL_BACKEND = "tests.ops.test_outbox.BrokenSMTP"


def test_a_message_of_a_rolled_back_change_is_never_written(db: None) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue()
        raise RuntimeError("the change failed")
    assert not OutgoingMessage.objects.exists()


def test_a_message_leaves_only_after_its_transaction_commits(db: None, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        message = _queue()
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    message.refresh_from_db()
    assert message.status == "sent" and [m.subject for m in mail.outbox] == ["Hello"]


@time_machine.travel(NOW, tick=False)
def test_a_failed_delivery_waits_then_is_retried(db: None, settings, broken_smtp) -> None:
    message = _queue()
    assert outbox_deliver(message_id=message.pk) is False
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("pending", 1)
    assert message.next_attempt_at == NOW + dt.timedelta(seconds=30)
    assert message.last_error == "ConnectionRefusedError: SMTP server refused the connection"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox_flush(now=NOW + dt.timedelta(seconds=29)) == 0  # not due yet
    assert outbox_flush(now=NOW + dt.timedelta(seconds=30)) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, len(mail.outbox)) == ("sent", 2, 1)


@time_machine.travel(NOW, tick=False)
def test_after_the_last_attempt_a_message_is_failed_and_staff_can_retry_it(db: None, settings, broken_smtp) -> None:
    settings.OUTBOX_MAX_ATTEMPTS = 3
    message = _queue()
    delays, at = [], NOW
    for _attempt in range(3):
        outbox_flush(now=at)
        message.refresh_from_db()
        delays.append((message.next_attempt_at - at).total_seconds())
        at = message.next_attempt_at
    assert (message.status, message.attempts) == ("failed", 3)
    assert delays[:2] == [30, 60]  # doubling backoff; the third failure gives up
    assert outbox_flush(now=NOW + dt.timedelta(days=30)) == 0
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox_retry(messages=[message]) == 1
    assert outbox_flush(now=NOW) == 1
    assert len(mail.outbox) == 1


def test_a_message_is_sent_once_when_delivered_twice(db: None) -> None:
    message = _queue()
    assert [outbox_deliver(message_id=message.pk) for _ in range(2)] == [True, False]
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_delivering_the_same_message_at_once_send_it_once() -> None:
    # Written directly: in a transactional test a queued message would be delivered at once on commit.
    messages = [
        OutgoingMessage.objects.create(channel="email", kind="test", recipient="a@x.example", subject="Hello")
        for _ in range(20)
    ]
    results: list[bool] = []
    barrier = threading.Barrier(2)

    def worker() -> None:
        barrier.wait()
        for message in messages:
            results.append(outbox_deliver(message_id=message.pk))
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count(True) == 20
    assert len(mail.outbox) == 20 and len({m.subject for m in mail.outbox}) == 1


def test_a_webhook_whose_server_is_down_is_retried(db: None, settings) -> None:
    settings.WEBHOOK_ALLOWED_HOSTS = ["127.0.0.1"]
    message = outbox_webhook_queue(kind="test", url="http://127.0.0.1:1/hook", payload={"a": 1})
    assert outbox_deliver(message_id=message.pk) is False
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("pending", 1) and "ConnectionError" in message.last_error


def test_a_webhook_to_a_private_address_fails_at_once_for_staff_to_see(db: None) -> None:
    message = outbox_webhook_queue(kind="test", url="http://127.0.0.1:8000/admin/", payload={"a": 1})
    assert outbox_deliver(message_id=message.pk) is False
    message.refresh_from_db()
    assert message.status == "failed" and message.last_error.startswith("WebhookRefused")


# --- escalations reach people ---------------------------------------------------------------


@pytest.fixture
def staff(db: None) -> dict:
    support = _staff_user("support-a", SUPPORT_STAFF)
    manager = _staff_user("pm-a", PROGRAM_MANAGER)
    gone = _staff_user("support-gone", SUPPORT_STAFF)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    return {"support": support, "manager": manager}


def _breach(tenant, severity: int, django_capture_on_commit_callbacks) -> object:
    policies_ensure()
    SeverityPolicy.objects.update(escalation_emails="")
    category = "system_down" if severity == 1 else "feature_malfunction"
    with time_machine.travel(riyadh(2026, 3, 1, 9), tick=False):
        incident = incident_make(tenant, severity=severity, category=category)
    with time_machine.travel(riyadh(2026, 3, 1, 14), tick=False), django_capture_on_commit_callbacks(execute=True):
        incident_timers_run()
    return incident


def test_severity_1_without_addresses_escalates_to_support_and_program_managers(
    tenant_a, staff, django_capture_on_commit_callbacks
) -> None:
    incident = _breach(tenant_a, 1, django_capture_on_commit_callbacks)
    told = {address for m in mail.outbox for address in m.to}
    assert told == {"support-a@aquafarm.example", "pm-a@aquafarm.example"}  # not the inactive one
    escalations = incident.events.filter(kind=EventKind.ESCALATION)
    assert {tuple(sorted(addresses)) for addresses in escalations.values_list("data__told", flat=True)} == {
        tuple(sorted(told))
    }


def test_severity_2_without_addresses_escalates_to_support_only(
    tenant_a, staff, django_capture_on_commit_callbacks
) -> None:
    _breach(tenant_a, 2, django_capture_on_commit_callbacks)
    assert {address for m in mail.outbox for address in m.to} == {"support-a@aquafarm.example"}


def test_the_incident_page_shows_who_was_told_when_and_how(
    tenant_a, staff, support_client: TenantClient, django_capture_on_commit_callbacks
) -> None:
    incident = _breach(tenant_a, 1, django_capture_on_commit_callbacks)
    page = support_client.get(f"/admin/incidents/{incident.pk}/board/").content.decode()
    assert "Who was told" in page
    assert "support-a@aquafarm.example" in page and "pm-a@aquafarm.example" in page
    assert page.count("escalation") >= 2


def test_each_staff_member_is_escalated_to_in_the_language_they_chose(
    tenant_a, staff, django_capture_on_commit_callbacks
) -> None:
    staff_language_set(user=staff["manager"], language="ar")
    _breach(tenant_a, 1, django_capture_on_commit_callbacks)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address["pm-a@aquafarm.example"].subject != by_address["support-a@aquafarm.example"].subject
    assert "الحادثة" in by_address["pm-a@aquafarm.example"].subject
    assert "Incident" in by_address["support-a@aquafarm.example"].subject
