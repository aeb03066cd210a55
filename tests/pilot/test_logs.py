"""Logs for Loki: one JSON object per line on stdout with the request's, customer's, user's and task's context,
and never a survey token, an Authorization value or a password."""

import io
import json
import logging
import time
from collections.abc import Callable, Iterator
from logging.config import dictConfig

import pytest
from django.conf import settings
from rest_framework.authtoken.models import Token

from incidents.tasks import incident_timers_run
from pilot.logs import CONTEXT_FIELDS, logging_config
from tests.conftest import TenantClient

KEYS = {"time", "level", "logger", "message", *CONTEXT_FIELDS}
SURVEY_TOKEN = "Zq7dS3cr3tSurveyT0ken"
ReadLines = Callable[[], list[dict]]


@pytest.fixture
def json_logs() -> Iterator[ReadLines]:
    """The production configuration (LOG_FORMAT=json) for the test, writing to a buffer instead of stdout;
    returns the JSON lines written so far."""
    buffer = io.StringIO()
    config = logging_config(log_format="json", level="INFO")
    config["handlers"]["console"]["stream"] = buffer
    dictConfig(config)

    def read() -> list[dict]:
        return [json.loads(line) for line in buffer.getvalue().splitlines()]

    yield read
    dictConfig(settings.LOGGING)


def test_a_customer_request_logs_json_lines_with_its_context(json_logs: ReadLines, customer_a_client, tenant_a) -> None:
    response = customer_a_client.get("/api/v1/incidents/999999/", HTTP_X_REQUEST_ID="req-42")

    assert response.status_code == 404
    assert response["X-Request-ID"] == "req-42"
    (line,) = [line for line in json_logs() if line["logger"] == "django.request"]
    assert set(line) >= KEYS
    assert line["level"] == "WARNING"
    assert line["request_id"] == "req-42"
    assert line["customer"] == tenant_a.tenant.schema_name
    assert line["user_id"] is not None
    assert line["task_id"] is None


def test_a_token_authenticated_staff_request_logs_its_user(json_logs: ReadLines, program_manager) -> None:
    token = Token.objects.create(user=program_manager).key
    client = TenantClient("localhost")

    response = client.get("/api/v1/incidents/999999/", HTTP_AUTHORIZATION=f"Token {token}")

    (line,) = [line for line in json_logs() if line["logger"] == "django.request"]
    assert line["user_id"] == program_manager.pk
    assert line["customer"] is None
    assert line["request_id"] == response["X-Request-ID"]
    assert token not in json.dumps(line)


def test_without_a_usable_request_id_the_portal_makes_one(json_logs: ReadLines, public_client) -> None:
    forged = 'x" level=ERROR\nfake line'

    response = public_client.get("/no-such-page/", HTTP_X_REQUEST_ID=forged)

    assert len(response["X-Request-ID"]) == 32
    (line,) = [line for line in json_logs() if line["logger"] == "django.request"]
    assert line["request_id"] == response["X-Request-ID"]


def test_a_survey_token_never_reaches_the_log(json_logs: ReadLines, anon_a_client) -> None:
    anon_a_client.get(f"/s/{SURVEY_TOKEN}/")
    anon_a_client.post(f"/s/{SURVEY_TOKEN}/", {"q": "1"})
    logging.getLogger("feedback").warning("invitation link %s", f"https://alpha.localhost/s/{SURVEY_TOKEN}/done/")

    lines = json_logs()
    assert [line["message"] for line in lines if line["logger"] == "django.request"]
    assert "/s/[redacted]/" in json.dumps(lines)
    assert SURVEY_TOKEN not in json.dumps(lines)


@pytest.mark.parametrize(
    "message",
    [
        "headers {'Authorization': 'Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b'}",
        "HTTP_AUTHORIZATION=Bearer 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b",
        "login form {'username': 'ali', 'password': 'Hunter2-secret'}",
        "reset password1=Hunter2-secret&password2=Hunter2-secret",
    ],
)
def test_credentials_are_masked(json_logs: ReadLines, message: str) -> None:
    logging.getLogger("pilot").warning(message)
    logging.getLogger("pilot").warning("extra", extra={"password": "Hunter2-secret"})

    output = json.dumps(json_logs())
    assert "9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b" not in output
    assert "Hunter2-secret" not in output
    assert "[redacted]" in output


@pytest.mark.worker
def test_a_real_worker_logs_json_lines_with_the_task_id(monkeypatch, tmp_path, request) -> None:
    monkeypatch.setenv("LOG_FORMAT", "json")
    monkeypatch.setenv("LOG_LEVEL", "INFO")
    worker = request.getfixturevalue("celery_worker_process")  # started with the environment above

    result = incident_timers_run.delay()

    def task_lines() -> list[dict]:
        lines = worker.log_path.read_text().splitlines()
        return [line for line in map(json.loads, filter(_is_json, lines)) if line["task_id"] == result.id]

    deadline = time.monotonic() + 20
    while not task_lines() and time.monotonic() < deadline:
        time.sleep(0.2)
    (line, *_) = task_lines()
    assert set(line) >= KEYS
    assert line["task_name"] == "incidents.tasks.incident_timers_run"


def _is_json(line: str) -> bool:
    return line.startswith("{")
