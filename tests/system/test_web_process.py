"""gunicorn as deployed (`gunicorn -c gunicorn.conf.py`): threaded workers and JSON access lines that carry the
request id the application answered with, and never a survey token; beat logs JSON lines too."""

import json
import socket
import time

import pytest
import requests

from tests.system.conftest import System, wait_for

pytestmark = pytest.mark.system
SURVEY_TOKEN = "Zq7dS3cr3tSurveyT0ken"


def _json_lines(system: System) -> list[dict]:
    text = (system.workdir / "web.log").read_text(errors="replace")
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def _access_line(system: System, request_id: str) -> dict | None:
    lines = [line for line in _json_lines(system) if line["logger"] == "gunicorn.access"]
    return next((line for line in lines if line["request_id"] == request_id), None)


def test_gunicorn_writes_json_access_lines_with_the_request_id(system: System, tenant_a) -> None:
    system.extra_env.update(LOG_FORMAT="json", LOG_LEVEL="INFO")
    system.start_web()

    answer = requests.get(system.url("/healthz"), headers={"X-Request-ID": "probe-1"}, timeout=10)
    survey = requests.get(system.url(f"/s/{SURVEY_TOKEN}/"), headers={"Host": "alpha.localhost"}, timeout=10)

    assert answer.headers["X-Request-ID"] == "probe-1"
    line = wait_for("the access line", lambda: _access_line(system, "probe-1"), timeout=10)
    assert line | {"time": None} == line | {
        "time": None,
        "level": "INFO",
        "method": "GET",
        "path": "/healthz",
        "status": "200",
    }
    survey_line = wait_for("the survey's access line", lambda: _access_line(system, survey.headers["X-Request-ID"]))
    assert survey_line["path"] == "/s/[redacted]/"
    assert survey_line["customer"] == "alpha"
    assert "Using worker: gthread" in [line["message"] for line in _json_lines(system)]
    assert SURVEY_TOKEN not in (system.workdir / "web.log").read_text()


def _slow_upload(system: System) -> socket.socket:
    """A client that sends a request's headers and then only part of its body, holding one thread."""
    client = socket.create_connection(("127.0.0.1", system.port), timeout=10)
    client.sendall(b"POST /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\npartial")
    return client


def test_a_slow_request_does_not_block_healthz(system: System) -> None:
    # One process: with gunicorn's sync worker the slow upload would hold it and /healthz would time out.
    system.extra_env["WEB_CONCURRENCY"] = "1"
    system.start_web()
    slow = [_slow_upload(system) for _ in range(2)]

    started = time.monotonic()
    answer = requests.get(system.url("/healthz"), timeout=5)

    assert answer.status_code == 200
    assert time.monotonic() - started < 2
    for client in slow:
        client.close()


def test_beat_writes_json_lines(system: System) -> None:
    system.extra_env.update(LOG_FORMAT="json", LOG_LEVEL="INFO")
    system.start_beat()

    def sent() -> list[dict]:
        text = (system.workdir / "beat.log").read_text(errors="replace")
        lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
        return [line for line in lines if line["logger"] == "celery.beat" and "Sending due task" in line["message"]]

    (line, *_) = wait_for("beat to send a task", sent, timeout=30)
    assert {"time", "level", "request_id", "customer", "task_id"} <= set(line)


def test_workers_are_forked_warm_from_the_master_and_a_recycled_one_serves_at_once(system: System) -> None:
    """gunicorn.conf.py preloads the portal: a worker recycled after max_requests is forked from the master,
    which loaded and warmed the application once (pilot/warmup.py), instead of importing it again."""
    system.extra_env.update(
        LOG_FORMAT="json",
        LOG_LEVEL="INFO",
        WEB_CONCURRENCY="1",
        GUNICORN_MAX_REQUESTS="1",
        GUNICORN_MAX_REQUESTS_JITTER="0",
    )
    system.start_web()
    for _ in range(4):  # each request ends its worker's life
        assert requests.get(system.url("/healthz"), timeout=10).status_code == 200

    def messages() -> list[str]:
        return [line["message"] for line in _json_lines(system)]

    wait_for("four workers booted", lambda: sum(m.startswith("Booting worker") for m in messages()) >= 4, timeout=30)
    warmed = [m for m in messages() if m.startswith("web process warmed")]
    assert len(warmed) == 1, warmed
