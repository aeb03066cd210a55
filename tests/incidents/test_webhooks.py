"""The escalation webhook never reaches loopback, link-local or private addresses (SSRF), unless the host
is listed in WEBHOOK_ALLOWED_HOSTS; nor through a redirect. A real HTTP server on loopback stands in for
an internal service."""

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.test import override_settings

from incidents.admin import SeverityPolicyForm
from ops.webhooks import WebhookRefused, webhook_post_safe, webhook_url_check


class _Recorder(BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        _Recorder.hits.append(self.path)
        if self.path == "/redirect-inward":
            self.send_response(307)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_port}/internal")
        else:
            self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def internal_server() -> Iterator[int]:
    _Recorder.hits = []
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_port
    server.shutdown()


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://localhost/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0/hook",
        "http://2130706433/hook",
        "ftp://example.com/hook",
        "file:///etc/passwd",
        "http://user:pw@93.184.215.14/hook",
        "http://[::1/hook",
    ],
)
def test_inward_or_odd_urls_are_refused(url: str) -> None:
    with pytest.raises(WebhookRefused):
        webhook_url_check(url)


def test_a_public_address_passes() -> None:
    webhook_url_check("https://93.184.215.14/hook")


def test_nothing_is_sent_to_a_loopback_service(internal_server: int) -> None:
    with pytest.raises(WebhookRefused):
        webhook_post_safe(url=f"http://127.0.0.1:{internal_server}/hook", payload={}, timeout=2)
    assert _Recorder.hits == []


@override_settings(WEBHOOK_ALLOWED_HOSTS=["localhost"])
def test_an_allowed_host_is_reached_but_its_redirect_inward_is_not_followed(internal_server: int) -> None:
    assert webhook_post_safe(url=f"http://localhost:{internal_server}/hook", payload={"a": 1}, timeout=2).ok
    with pytest.raises(WebhookRefused):
        webhook_post_safe(url=f"http://localhost:{internal_server}/redirect-inward", payload={}, timeout=2)
    assert _Recorder.hits == ["/hook", "/redirect-inward"]  # never /internal on 127.0.0.1


def test_the_policy_form_refuses_a_loopback_webhook_with_a_message_on_the_field(db: None) -> None:
    data = {
        "severity": 1,
        "response_minutes": 15,
        "resolution_minutes": 240,
        "update_minutes": 30,
        "warning_minutes": 5,
        "calendar": "24x7",
        "escalation_emails": "",
        "escalation_webhook_url": "http://127.0.0.1:8000/admin/",
    }
    form = SeverityPolicyForm(data=data)
    assert not form.is_valid()
    assert list(form.errors) == ["escalation_webhook_url"], json.dumps(form.errors)
