"""/healthz and /readyz: readiness names the dependency, or the periodic task, that failed — to staff
or the metrics token only."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.db.utils import ConnectionHandler
from django.test import override_settings
from django.utils import timezone

from ops.models import TaskHeartbeat
from pilot import health
from tests.conftest import TenantClient

NOW = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def timers_ran_a_minute_ago(db: None) -> TaskHeartbeat:
    return TaskHeartbeat.objects.create(
        name="incidents-timers", last_started_at=timezone.now() - dt.timedelta(minutes=1), runs=1
    )


TOKEN = "readyz-test-token"


def test_healthz_answers(public_client: TenantClient) -> None:
    response = public_client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_ok_with_database_and_redis(pm_client: TenantClient) -> None:
    response = pm_client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "redis": "ok", "incident-timers": "ok"}


def test_readyz_names_a_stopped_redis_to_staff(support_client: TenantClient, settings) -> None:
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = support_client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["redis"]
    assert body["checks"]["redis"].startswith("error: ConnectionError")


def test_readyz_tells_an_anonymous_caller_only_the_status(public_client: TenantClient, db, settings) -> None:
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = public_client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable"}
    assert b"127.0.0.1" not in response.content


@pytest.fixture
def unreachable_database():
    settings_dict = {**connection.settings_dict, "PORT": "1", "OPTIONS": {"connect_timeout": 2}}
    handler = ConnectionHandler({"default": settings_dict})
    yield handler["default"]
    handler.close_all()


@override_settings(METRICS_TOKEN=TOKEN)
def test_readyz_names_an_unreachable_database_to_the_metrics_token(
    public_client: TenantClient, db, monkeypatch, unreachable_database
) -> None:
    real_check = health.database_check
    monkeypatch.setattr(health, "database_check", lambda: real_check(unreachable_database))
    response = public_client.get("/readyz", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]
    assert "OperationalError" in response.json()["checks"]["database"]


@time_machine.travel(NOW, tick=False)
def test_readyz_names_the_incident_timers_silent_for_over_three_minutes(
    pm_client: TenantClient, timers_ran_a_minute_ago: TaskHeartbeat
) -> None:
    last = NOW - dt.timedelta(minutes=3, seconds=1)
    TaskHeartbeat.objects.filter(pk=timers_ran_a_minute_ago.pk).update(last_started_at=last, last_finished_at=last)
    response = pm_client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["incident-timers"]
    expected = f"error: the incident timers have not run since {last.isoformat()}"
    assert response.json()["checks"]["incident-timers"] == expected


@time_machine.travel(NOW, tick=False)
def test_readyz_gives_a_fresh_deployment_three_minutes_before_the_first_run(
    pm_client: TenantClient, timers_ran_a_minute_ago: TaskHeartbeat
) -> None:
    TaskHeartbeat.objects.filter(pk=timers_ran_a_minute_ago.pk).update(
        last_started_at=None, registered_at=NOW - dt.timedelta(minutes=2, seconds=59)
    )
    assert pm_client.get("/readyz").status_code == 200
    with time_machine.travel(NOW + dt.timedelta(seconds=2), tick=False):
        response = pm_client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["incident-timers"] == "error: the incident timers have not run since never"


def test_readyz_fails_when_the_timers_were_never_registered(
    pm_client: TenantClient, public_client: TenantClient
) -> None:
    TaskHeartbeat.objects.all().delete()
    assert pm_client.get("/readyz").json()["failed"] == ["incident-timers"]
    anonymous = public_client.get("/readyz", headers={"Authorization": "Bearer wrong"})
    assert anonymous.status_code == 503
    assert anonymous.json() == {"status": "unavailable"}
