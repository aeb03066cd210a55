"""The client against a real HTTP server on 127.0.0.1 that answers like a healthy, slow or broken Prometheus."""

import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from monitoring.prometheus import PrometheusClient, PrometheusQueryError, PrometheusUnavailable

AT = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


class _Handler(BaseHTTPRequestHandler):
    answer: tuple[int, str, float] = (200, "{}", 0.0)
    seen: list[str] = []

    def do_GET(self) -> None:
        status, body, delay = self.server.answer
        self.server.seen.append(self.path)
        time.sleep(delay)
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[ThreadingHTTPServer]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads, httpd.block_on_close = True, False
    httpd.answer, httpd.seen = (200, "{}", 0.0), []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()


def _client(server: ThreadingHTTPServer, timeout: float = 2.0) -> PrometheusClient:
    return PrometheusClient(f"http://127.0.0.1:{server.server_address[1]}/", timeout=timeout)


def _vector(*items: tuple[dict, str]) -> str:
    result = [{"metric": labels, "value": [AT.timestamp(), value]} for labels, value in items]
    return json.dumps({"status": "success", "data": {"resultType": "vector", "result": result}})


def test_instant_query_passes_time_and_parses_values_skipping_nan(server: ThreadingHTTPServer) -> None:
    server.answer = (200, _vector(({"tenant": "alpha"}, "12.5"), ({"tenant": "beta"}, "NaN")), 0)
    series = _client(server).query("up", at=AT)
    assert series[0].labels == {"tenant": "alpha"} and series[0].points == [(AT, 12.5)]
    assert series[1].points == []
    assert f"time={AT.timestamp()}" in server.seen[0]


def test_range_query_parses_a_matrix(server: ThreadingHTTPServer) -> None:
    values = [[AT.timestamp(), "1"], [AT.timestamp() + 300, "2"]]
    body = {"status": "success", "data": {"resultType": "matrix", "result": [{"metric": {}, "values": values}]}}
    server.answer = (200, json.dumps(body), 0)
    series = _client(server).query_range("up", start=AT, end=AT + dt.timedelta(minutes=5), step=dt.timedelta(minutes=5))
    assert [v for _at, v in series[0].points] == [1.0, 2.0]
    assert "step=300.0" in server.seen[0]


def test_slow_answer_times_out(server: ThreadingHTTPServer) -> None:
    server.answer = (200, _vector(), 1.0)
    with pytest.raises(PrometheusUnavailable, match="timed out"):
        _client(server, timeout=0.2).query("up", at=AT)


def test_unreachable_server() -> None:
    with pytest.raises(PrometheusUnavailable, match="unreachable"):
        PrometheusClient("http://127.0.0.1:9", timeout=1).query("up", at=AT)


def test_http_error_without_prometheus_body(server: ThreadingHTTPServer) -> None:
    server.answer = (502, "<html>bad gateway</html>", 0)
    with pytest.raises(PrometheusUnavailable, match="HTTP 502"):
        _client(server).query("up", at=AT)


def test_rejected_query_carries_prometheus_message(server: ThreadingHTTPServer) -> None:
    body = {"status": "error", "errorType": "bad_data", "error": 'parse error: unexpected "}"'}
    server.answer = (400, json.dumps(body), 0)
    with pytest.raises(PrometheusQueryError, match='bad_data: parse error: unexpected "}"'):
        _client(server).query("up{", at=AT)


def test_server_side_timeout_error_body_is_retryable(server: ThreadingHTTPServer) -> None:
    server.answer = (503, json.dumps({"status": "error", "errorType": "timeout", "error": "query timed out"}), 0)
    with pytest.raises(PrometheusUnavailable, match="timeout"):
        _client(server).query("up", at=AT)


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[1, 2]",
        json.dumps({"status": "success"}),
        json.dumps({"status": "success", "data": {"resultType": "matrix", "result": []}}),
        json.dumps({"status": "success", "data": {"resultType": "vector", "result": [{"metric": {}}]}}),
        json.dumps({"status": "success", "data": {"resultType": "vector", "result": [{"metric": {}, "value": [1]}]}}),
        json.dumps(
            {"status": "success", "data": {"resultType": "vector", "result": [{"metric": {}, "value": [1, "x"]}]}}
        ),
    ],
)
def test_malformed_answers_are_unavailable_not_crashes(server: ThreadingHTTPServer, body: str) -> None:
    server.answer = (200, body, 0)
    with pytest.raises(PrometheusUnavailable):
        _client(server).query("up", at=AT)
