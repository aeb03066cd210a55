"""The beat schedule registered at deploy (operator edits kept), heartbeats shown to staff, never to customers."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from ops.models import OutgoingMessage, TaskHeartbeat
from ops.services import outbox_email_queue
from pilot.schedule import BEAT_SCHEDULE
from tests.conftest import TenantClient

NOW = dt.datetime(2026, 3, 1, 6, 0, tzinfo=dt.UTC)  # 09:00 in Riyadh


def test_every_entry_of_the_code_is_registered_with_its_description(db: None) -> None:
    call_command("beat_schedule_sync", verbosity=0)
    tasks = {task.name: task for task in PeriodicTask.objects.all()}
    assert set(tasks) == set(BEAT_SCHEDULE)
    assert tasks["incidents-timers"].interval.every == 60 and tasks["incidents-timers"].enabled
    hourly = tasks["feedback-weekly-survey-round"].crontab
    assert (hourly.minute, hourly.hour, hourly.day_of_week, str(hourly.timezone)) == ("0", "*", "*", "Asia/Riyadh")
    assert tasks["ops-outbox-flush"].description.startswith("Every 30 seconds")
    assert set(TaskHeartbeat.objects.values_list("name", flat=True)) == set(BEAT_SCHEDULE)


def test_an_operators_edits_survive_the_next_deploy(db: None) -> None:
    call_command("beat_schedule_sync", verbosity=0)
    every_two_minutes, _ = IntervalSchedule.objects.get_or_create(every=2, period=IntervalSchedule.MINUTES)
    PeriodicTask.objects.filter(name="incidents-timers").update(interval=every_two_minutes)
    PeriodicTask.objects.filter(name="monitoring-pull-metrics").update(enabled=False)
    PeriodicTask.objects.filter(name="ops-outbox-flush").update(task="renamed.in.an.old.release")
    call_command("beat_schedule_sync", verbosity=0)
    assert PeriodicTask.objects.get(name="incidents-timers").interval == every_two_minutes
    assert not PeriodicTask.objects.get(name="monitoring-pull-metrics").enabled
    assert PeriodicTask.objects.get(name="ops-outbox-flush").task == "ops.tasks.outbox_flush"  # code-owned
    assert PeriodicTask.objects.count() == len(BEAT_SCHEDULE)


def test_settings_shorten_an_interval_when_it_is_first_registered(db: None, settings) -> None:
    settings.BEAT_INTERVAL_OVERRIDES = {"incidents-timers": 5, "feedback-weekly-survey-round": 10}
    call_command("beat_schedule_sync", verbosity=0)
    assert PeriodicTask.objects.get(name="incidents-timers").interval.every == 5
    round_task = PeriodicTask.objects.get(name="feedback-weekly-survey-round")
    assert round_task.crontab is None and round_task.interval.every == 10


@pytest.mark.parametrize("persona", ["pm_client", "support_client"])
def test_the_periodic_tasks_page_lists_them_in_plain_words(db: None, persona: str, request) -> None:
    call_command("beat_schedule_sync", verbosity=0)
    page = request.getfixturevalue(persona).get("/admin/django_celery_beat/periodictask/").content.decode()
    assert "Every minute: records warnings and breaches" in page and "Sundays 09:00" in page


@time_machine.travel(NOW, tick=False)
def test_the_dashboard_warns_staff_when_the_incident_timers_stopped(db: None, pm_client: TenantClient) -> None:
    TaskHeartbeat.objects.create(name="incidents-timers", last_started_at=NOW - dt.timedelta(minutes=4))
    page = pm_client.get("/admin/").content.decode()
    assert "Incident timers stopped at 08:56" in page
    TaskHeartbeat.objects.filter(name="incidents-timers").update(last_started_at=NOW - dt.timedelta(minutes=1))
    assert "Incident timers stopped" not in pm_client.get("/admin/").content.decode()


@time_machine.travel(NOW, tick=False)
def test_a_customer_never_sees_the_timers_banner(db: None, customer_a_client: TenantClient) -> None:
    TaskHeartbeat.objects.create(name="incidents-timers", last_started_at=NOW - dt.timedelta(hours=4))
    page = customer_a_client.get("/").content.decode()
    assert customer_a_client.get("/").status_code == 200
    assert "Incident timers" not in page and "ops-banner" not in page


def test_failed_messages_are_shown_to_staff_who_can_retry_them(
    db: None, support_client: TenantClient, django_capture_on_commit_callbacks
) -> None:
    message = outbox_email_queue(kind="test", to="a@x.example", subject="Hello", body="Body")
    OutgoingMessage.objects.filter(pk=message.pk).update(status="failed", attempts=8, last_error="SMTP refused")
    assert "1 message could not be delivered" in support_client.get("/admin/").content.decode()
    listing = support_client.get("/admin/ops/outgoingmessage/?status__exact=failed").content.decode()
    assert "a@x.example" in listing
    with django_capture_on_commit_callbacks(execute=True):
        response = support_client.post(
            "/admin/ops/outgoingmessage/", {"action": "retry", "_selected_action": [message.pk]}
        )
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == "sent" and [m.to for m in mail.outbox] == [["a@x.example"]]


def test_a_one_time_link_is_never_shown_in_the_outbox(db: None, support_client: TenantClient) -> None:
    message = outbox_email_queue(kind="test", to="a@x.example", subject="Hi", body="link: /s/SECRET/", secret=True)
    OutgoingMessage.objects.filter(pk=message.pk).update(status="failed")
    page = support_client.get(f"/admin/ops/outgoingmessage/{message.pk}/change/").content.decode()
    assert "SECRET" not in page and "contains a one-time link" in page


@pytest.mark.parametrize("path", ["/admin/ops/outgoingmessage/", "/admin/ops/taskheartbeat/"])
def test_the_outbox_is_not_served_on_a_customer_domain(path: str, customer_a_client: TenantClient) -> None:
    assert customer_a_client.get(path).status_code == 404


def test_a_password_reset_link_goes_through_the_outbox(
    tenant_a, customer_a_user, anon_a_client: TenantClient, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = anon_a_client.post("/accounts/password_reset/", {"email": customer_a_user.email})
    assert response.status_code == 302
    message = OutgoingMessage.objects.get(kind="accounts.password_reset")
    assert message.secret and message.status == "sent" and message.body == ""
    assert mail.outbox[0].to == [customer_a_user.email] and "/accounts/reset/" in mail.outbox[0].body


@time_machine.travel(NOW, tick=False)
def test_the_banner_speaks_arabic_to_an_arabic_reader(db: None, pm_client: TenantClient) -> None:
    TaskHeartbeat.objects.create(name="incidents-timers", last_started_at=NOW - dt.timedelta(minutes=4))
    page = pm_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "توقفت مؤقتات الحوادث عند 08:56" in page
