"""Liveness and readiness probes."""

import redis
from django.conf import settings
from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.http import HttpRequest, JsonResponse


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


def readyz(request: HttpRequest) -> JsonResponse:
    """503 naming each dependency (database, redis) that does not answer."""
    checks = {"database": database_check(), "redis": redis_check()}
    ready = all(value == "ok" for value in checks.values())
    failed = [name for name, value in checks.items() if value != "ok"]
    body = {"status": "ok" if ready else "unavailable", "failed": failed, "checks": checks}
    return JsonResponse(body, status=200 if ready else 503)
