"""OpenTelemetry traces for web, worker and beat, exported over OTLP (HTTP/protobuf) to a collector.

Off unless OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set: then no exporter and no
instrumentation is even imported, so an installation without a collector pays nothing (redis-py imports the
OpenTelemetry API on its own, which costs nothing per request). The standard OTEL_*
variables (service name, headers, sampler, batch delays) are read by the SDK itself.

Called once per process where the process starts: pilot/wsgi.py (gunicorn workers, runserver) and the
Celery signals of pilot/celery.py (each worker child, beat). The Celery instrumentation carries the trace
context in the task message's headers, so a request and the task it queues form one trace.
"""

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opentelemetry.instrumentation.instrumentor import BaseInstrumentor
    from opentelemetry.sdk.trace import TracerProvider

_ENDPOINT_VARIABLES = ("OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
_state = {"configured": False}


def tracing_enabled() -> bool:
    return any(os.environ.get(name) for name in _ENDPOINT_VARIABLES)


def tracing_configure(*, service_name: str) -> bool:
    """Export this process's spans over OTLP when an endpoint is configured; True if it now does."""
    if _state["configured"] or not tracing_enabled():
        return False
    from opentelemetry import trace
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    resource = Resource.create({"service.name": os.environ.get("OTEL_SERVICE_NAME") or service_name})
    provider = TracerProvider(resource=resource)
    # Batched: a request never waits for the collector; the SDK restarts the export thread in forked children.
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)
    tracing_instrument(tracer_provider=provider)
    _state["configured"] = True
    return True


def tracing_instrument(*, tracer_provider: "TracerProvider") -> None:
    """Django requests, Celery publish/run, PostgreSQL queries, Redis commands and outgoing HTTP calls."""
    for instrumentor in _instrumentors():
        if not instrumentor.is_instrumented_by_opentelemetry:
            instrumentor.instrument(tracer_provider=tracer_provider)


def tracing_uninstrument() -> None:
    """Undo tracing_instrument (tests instrument one test's process and must leave the others untouched)."""
    for instrumentor in _instrumentors():
        if instrumentor.is_instrumented_by_opentelemetry:
            instrumentor.uninstrument()


def _instrumentors() -> list["BaseInstrumentor"]:
    from opentelemetry.instrumentation.celery import CeleryInstrumentor
    from opentelemetry.instrumentation.django import DjangoInstrumentor
    from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor
    from opentelemetry.instrumentation.redis import RedisInstrumentor
    from opentelemetry.instrumentation.requests import RequestsInstrumentor

    # Instrumentors are singletons: these are the same objects on every call.
    instrumentors = [DjangoInstrumentor(), CeleryInstrumentor(), PsycopgInstrumentor()]
    return [*instrumentors, RedisInstrumentor(), RequestsInstrumentor()]
