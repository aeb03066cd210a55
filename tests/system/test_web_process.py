"""gunicorn as deployed (`gunicorn -c gunicorn.conf.py`): threaded workers and JSON access lines that carry the
request id the application answered with, and never a survey token."""

import json

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
