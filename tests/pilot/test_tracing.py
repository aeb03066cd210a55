"""OpenTelemetry: a request and the Celery task it queues are one trace, across processes; off without a collector.

The test process traces into the SDK's InMemorySpanExporter; the real worker process exports over OTLP/HTTP, as in
production, to a small collector this test runs (it decodes the protobuf requests with opentelemetry-proto).
"""

import gzip
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from opentelemetry.proto.collector.trace.v1.trace_service_pb2 import (
    ExportTraceServiceRequest,
    ExportTraceServiceResponse,
)
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from pilot.tracing import tracing_instrument, tracing_uninstrument
from tests.conftest import PUBLIC_HOST, ROOT, TenantClient

TASK = "reports.tasks.report_build"


class _Collector(ThreadingHTTPServer):
    """An OTLP/HTTP trace receiver: every span it is sent, as (trace id hex, name, service)."""

    spans: list[tuple[str, str, str]]


class _Receive(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        request = ExportTraceServiceRequest.FromString(body)
        for resource_spans in request.resource_spans:
            attributes = {a.key: a.value.string_value for a in resource_spans.resource.attributes}
            for scope_spans in resource_spans.scope_spans:
                for span in scope_spans.spans:
                    self.server.spans.append((span.trace_id.hex(), span.name, attributes.get("service.name", "")))
        answer = ExportTraceServiceResponse().SerializeToString()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-protobuf")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def otlp_collector(monkeypatch: pytest.MonkeyPatch) -> Iterator[_Collector]:
    """Requested before the worker fixture: the worker process inherits these variables."""
    server = _Collector(("127.0.0.1", 0), _Receive)
    server.spans = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("OTEL_EXPORTER_OTLP_ENDPOINT", f"http://127.0.0.1:{server.server_port}")
    monkeypatch.setenv("OTEL_BSP_SCHEDULE_DELAY", "100")  # export within 0.1 s, not the default 5 s
    yield server
    server.shutdown()


@pytest.fixture
def traced_process() -> Iterator[InMemorySpanExporter]:
    """This process (the web side) instrumented for one test, its spans kept in memory."""
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing_instrument(tracer_provider=provider)
    yield exporter
    tracing_uninstrument()


def _wait_for_span(collector: _Collector, name: str, timeout: float = 90.0) -> tuple[str, str, str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = [span for span in collector.spans if span[1] == name]
        if found:
            return found[0]
        time.sleep(0.2)
    raise AssertionError(f"no span {name!r} from the worker; received {collector.spans!r}")


@pytest.mark.worker
def test_the_trace_of_a_request_continues_in_the_celery_task_it_queues(
    otlp_collector, celery_worker_process, traced_process, tenant_a, program_manager
) -> None:
    client = TenantClient(PUBLIC_HOST)  # created after instrumenting: it loads the tracing middleware
    client.force_login(program_manager)

    response = client.post("/api/v1/reports/", {"language": "en", "draft": True}, content_type="application/json")

    assert response.status_code == 202, response.content
    spans = traced_process.get_finished_spans()
    (request_span,) = [span for span in spans if span.kind == SpanKind.SERVER]
    trace_id = format(request_span.context.trace_id, "032x")
    publish = [span for span in spans if span.name == f"apply_async/{TASK}"]
    assert publish and publish[0].context.trace_id == request_span.context.trace_id
    task_trace_id, _, service = _wait_for_span(otlp_collector, f"run/{TASK}")
    assert task_trace_id == trace_id
    assert service == "pilot-worker"
    # The worker's SQL (psycopg instrumentation) joins the same trace, under the task's span.
    worker_names = {name for trace, name, _ in otlp_collector.spans if trace == trace_id}
    assert {"SELECT", "UPDATE"} <= worker_names


def test_without_an_endpoint_no_exporter_or_instrumentation_is_even_imported() -> None:
    """Importing the web application (which loads its URL patterns and so redis-py, pilot/warmup.py) loads no
    exporter and no instrumentation. The OpenTelemetry API itself may be there: redis-py imports it on its own
    (redis.observability), whatever the portal does."""
    ours = "('opentelemetry.exporter', 'opentelemetry.instrumentation')"
    code = f"import sys, json, pilot.wsgi; print(json.dumps([m for m in sys.modules if m.startswith({ours})]))"
    env = {k: v for k, v in os.environ.items() if not k.startswith("OTEL_")}
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
