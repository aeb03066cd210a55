"""Liveness and readiness probes."""

import redis
from django.conf import settings
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, JsonResponse

from ops.selectors import timers_staleness


def healthz(request: HttpRequest) -> JsonResponse:
    """The process answers: nothing else is checked."""
    return JsonResponse({"status": "ok"})


def database_check(db: BaseDatabaseWrapper = connection) -> str:
    try:
        with db.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as exc:  # any failure means "not ready"; the message says which
        return f"error: {exc.__class__.__name__}: {str(exc).strip()[:200]}"
    return "ok"


def redis_check(url: str | None = None) -> str:
    try:
        client = redis.Redis.from_url(url or settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        client.ping()
    except Exception as exc:
        return f"error: {exc.__class__.__name__}: {str(exc).strip()[:200]}"
    return "ok"


def timers_check() -> str:
    """The incident timers (a beat task every minute) ran within the last 3 minutes."""
    try:
        state = timers_staleness()
    except Exception as exc:  # the database check reports the cause
        return f"error: {exc.__class__.__name__}"
    if not state.stale:
        return "ok"
    since = state.last_run_at.isoformat() if state.last_run_at else "never"
    return f"error: the incident timers have not run since {since}"


def readyz(request: HttpRequest) -> JsonResponse:
    """503 naming each dependency (database, redis) or periodic task (incident-timers) that is not ready."""
    checks = {"database": database_check(), "redis": redis_check(), "incident-timers": timers_check()}
    ready = all(value == "ok" for value in checks.values())
    failed = [name for name, value in checks.items() if value != "ok"]
    body = {"status": "ok" if ready else "unavailable", "failed": failed, "checks": checks}
    return JsonResponse(body, status=200 if ready else 503)
