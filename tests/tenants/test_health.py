"""/healthz and /readyz: readiness names the dependency that failed."""

import pytest
from django.db import connection
from django.db.utils import ConnectionHandler

from pilot import health
from tests.conftest import TenantClient


def test_healthz_answers(public_client: TenantClient) -> None:
    response = public_client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_ok_with_database_and_redis(public_client: TenantClient, db) -> None:
    response = public_client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "redis": "ok"}


def test_readyz_names_a_stopped_redis(public_client: TenantClient, db, settings) -> None:
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = public_client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["failed"] == ["redis"]
    assert body["checks"]["redis"].startswith("error: ConnectionError")


@pytest.fixture
def unreachable_database():
    settings_dict = {**connection.settings_dict, "PORT": "1", "OPTIONS": {"connect_timeout": 2}}
    handler = ConnectionHandler({"default": settings_dict})
    yield handler["default"]
    handler.close_all()


def test_readyz_names_an_unreachable_database(
    public_client: TenantClient, db, monkeypatch, unreachable_database
) -> None:
    real_check = health.database_check
    monkeypatch.setattr(health, "database_check", lambda: real_check(unreachable_database))
    response = public_client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failed"] == ["database"]
    assert "OperationalError" in response.json()["checks"]["database"]
