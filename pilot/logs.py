"""Logs as operators read them: one JSON object per line on stdout (for Loki), or plain text in development.

Web (gunicorn and Django), Celery workers and beat share this configuration (`logging_config`). Every
record carries the request id, the customer (schema), the user id and, inside a Celery task, the task's
id and name. Survey tokens, `Authorization` values and passwords are masked in the formatted line —
whatever logger or library wrote it, and however it got there (message, arguments, extras, traceback).
"""

import logging
import re
import uuid
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.signals import request_finished
from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject, empty
from pythonjsonlogger.json import JsonFormatter as BaseJsonFormatter

CONTEXT_FIELDS = ("request_id", "customer", "user_id", "task_id", "task_name")
REDACTED = "[redacted]"
REQUEST_ID_HEADER = "X-Request-ID"
# A caller's id is kept only when it cannot forge log lines (no spaces, quotes or newlines).
_REQUEST_ID_SHAPE = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")
_REDACTIONS = (
    # A survey link is the respondent's only credential (no login): /s/<token>/ and /s/<token>/done/.
    (re.compile(r"/s/[^/\s\"'?#\\]+"), "/s/" + REDACTED),
    # "Authorization: Token x", "password=x", {"password": "x"} (also JSON-escaped inside a message).
    (
        re.compile(
            r"(?i)((?:authorization|password\w*|passwd|secret_key|api_key)\\?[\"']?\s*[:=]\s*\\?[\"']?)"
            r"(?:(?:Token|Bearer|Basic)\s+)?[^\s\"'\\&,;}]+"
        ),
        r"\1" + REDACTED,
    ),
    (re.compile(r"\b(Token|Bearer|Basic) [A-Za-z0-9._~+/=-]{6,}"), r"\1 " + REDACTED),
)
_current_request: ContextVar[HttpRequest | None] = ContextVar("pilot_log_request", default=None)


def redact(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class JsonFormatter(BaseJsonFormatter):
    """One JSON object per line: time, level, logger, message and the context fields, then any extras."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("rename_fields", {"levelname": "level", "name": "logger"})
        super().__init__(["levelname", "name", "message", *CONTEXT_FIELDS], timestamp="time", **kwargs)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class TextFormatter(logging.Formatter):
    """Development: a readable line, masked the same way."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(customer)s %(request_id)s %(task_id)s] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class ContextFilter(logging.Filter):
    """Adds the context fields to every record (None where they do not apply)."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = _current_request.get()
        task = _current_task()
        record.request_id = getattr(request, "request_id", None)
        record.user_id = _user_id(request)
        record.customer = _customer()
        # Outside the task (the worker's "received" line) Celery passes the task in the record's `data`.
        data = getattr(record, "data", None)
        data = data if isinstance(data, dict) else {}
        record.task_id = task.request.id if task else data.get("id")
        record.task_name = task.name if task else data.get("name")
        return True


class GunicornAccessFilter(logging.Filter):
    """gunicorn's access line as fields (gunicorn passes its "atoms" dict as the record's arguments)."""

    FIELDS = {"method": "m", "path": "U", "status": "s", "duration_ms": "M", "bytes": "B", "remote_addr": "h"}

    def filter(self, record: logging.LogRecord) -> bool:
        atoms = record.args if isinstance(record.args, dict) else {}
        for field, atom in self.FIELDS.items():
            setattr(record, field, atoms.get(atom))
        # The response carries the id RequestIdMiddleware chose, so access and application lines join.
        record.request_id = atoms.get("{x-request-id}o")
        record.user_agent = atoms.get("{user-agent}i")
        return True


def _current_task() -> Any:
    from celery import current_task  # Celery is imported only where a task can be running

    return current_task._get_current_object() if current_task else None


def _customer() -> str | None:
    """The schema the connection is on (the customer's slug, `-` as `_`); None for the back office."""
    if not settings.configured:  # gunicorn's master logs before Django is set up
        return None
    from django.db import connection

    schema = getattr(connection, "schema_name", None)
    return None if schema in (None, "public") else schema


def _user_id(request: HttpRequest | None) -> int | None:
    # Never load the user for a log line (a query inside logging, possibly while the database is failing):
    # only a user the request already resolved is reported — DRF sets it on the request after authenticating.
    user = getattr(request, "user", None)
    if user is None or (isinstance(user, SimpleLazyObject) and user._wrapped is empty):
        return None
    return user.pk if user.is_authenticated else None


def _forget_request(**kwargs: Any) -> None:
    _current_request.set(None)


class RequestIdMiddleware:
    """Takes the caller's X-Request-ID (a proxy's) or makes one, logs with it and echoes it in the response.

    First in MIDDLEWARE so even an unknown host's 404 has an id. The request stays in the log context
    until Django has finished with it (`request_finished`): Django logs 4xx/5xx after the middleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        request_finished.connect(_forget_request, dispatch_uid="pilot.logs.forget_request")

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request.request_id = given if _REQUEST_ID_SHAPE.match(given) else uuid.uuid4().hex
        _current_request.set(request)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request.request_id
        return response


def logging_config(*, log_format: str, level: str) -> dict[str, Any]:
    """The `logging.config.dictConfig` of every process: Django (settings.LOGGING), Celery, gunicorn."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "json": {"()": "pilot.logs.JsonFormatter"},
            "text": {"()": "pilot.logs.TextFormatter"},
        },
        "filters": {
            "context": {"()": "pilot.logs.ContextFilter"},
            "gunicorn_access": {"()": "pilot.logs.GunicornAccessFilter"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": log_format,
                "filters": ["context"],
            },
            "access": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": log_format,
                "filters": ["context", "gunicorn_access"],
            },
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own handlers (console when DEBUG, runserver's lines) would print unmasked text beside ours.
            "django": {"handlers": [], "level": level, "propagate": True},
            "django.server": {"handlers": [], "level": level, "propagate": True},
            "django.db.backends": {"level": "WARNING"},
            # WeasyPrint logs every layout step at INFO: keep the worker's log readable.
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
            "axes": {"level": "WARNING"},
            "gunicorn.error": {"handlers": ["console"], "level": level, "propagate": False},
            "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
        },
    }
