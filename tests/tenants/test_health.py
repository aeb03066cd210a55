"""/healthz and /readyz: readiness names the dependency that failed, to staff or the metrics token only."""

import pytest
from django.db import connection
from django.db.utils import ConnectionHandler
from django.test import override_settings

from pilot import health
from tests.conftest import TenantClient

TOKEN = "readyz-test-token"


def test_healthz_answers(public_client: TenantClient) -> None:
    response = public_client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_ok_with_database_and_redis(pm_client: TenantClient) -> None:
    response = pm_client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "redis": "ok"}


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
    anonymous = public_client.get("/readyz", headers={"Authorization": "Bearer wrong"})
    assert anonymous.status_code == 503
    assert anonymous.json() == {"status": "unavailable"}
