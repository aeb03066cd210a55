"""Liveness and readiness probes."""

import redis
from django.conf import settings
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, JsonResponse

from ops.selectors import timers_staleness
from pilot.metrics import metrics_token_valid


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


def _details_allowed(request: HttpRequest, database_ok: bool) -> bool:
    """Which check failed and why (host names, error text) is for staff or the metrics token only."""
    if metrics_token_valid(request):
        return True
    # A staff session is read from the database: without it, only the token shows details.
    return database_ok and request.user.is_authenticated and request.user.is_staff


def readyz(request: HttpRequest) -> JsonResponse:
    """503 when a dependency (database, redis) or the incident timers are not ready; which one and why
    only for staff or the metrics token."""
    checks = {"database": database_check(), "redis": redis_check(), "incident-timers": timers_check()}
    ready = all(value == "ok" for value in checks.values())
    body = {"status": "ok" if ready else "unavailable"}
    if _details_allowed(request, checks["database"] == "ok"):
        body |= {"failed": [name for name, value in checks.items() if value != "ok"], "checks": checks}
    return JsonResponse(body, status=200 if ready else 503)
