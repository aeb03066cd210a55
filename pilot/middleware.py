"""Input that no view should ever see: NUL bytes (PostgreSQL cannot store them in text) and other
control characters in query parameters; NUL also in form fields and JSON bodies. Refused with a 400
naming each field, before any view or filter turns it into a server error."""

import re
from collections.abc import Callable, Iterable

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _

# C0 controls and DEL, except tab, line feed and carriage return (typed text has those).
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
NUL = "\x00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _bad_fields(items: Iterable[tuple[str, str]], pattern: re.Pattern | str) -> list[str]:
    if isinstance(pattern, str):
        return sorted({key for key, value in items if pattern in key or pattern in value})
    return sorted({key for key, value in items if pattern.search(key) or pattern.search(value)})


def _json_has_nul(request: HttpRequest) -> bool:
    # A JSON string carries NUL as the escape \u0000; the raw byte is invalid JSON anyway.
    body = request.body
    return b"\x00" in body or re.search(rb"\\u0000", body, re.IGNORECASE) is not None


def request_bad_fields(request: HttpRequest) -> list[str]:
    """Names of the fields carrying forbidden characters (`body` for a JSON body)."""
    fields = _bad_fields(_flat(request.GET), CONTROL)
    content_type = request.content_type or ""
    if request.method in ("POST", "PUT", "PATCH"):
        if content_type.startswith(FORM_TYPES):
            fields += _bad_fields(_flat(request.POST), NUL)
        elif content_type.endswith("json") and _json_has_nul(request):
            fields.append("body")
    return fields


def _flat(query: object) -> list[tuple[str, str]]:
    return [(key, value) for key, values in query.lists() for value in values]


class ControlCharactersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        fields = request_bad_fields(request)
        if not fields:
            return self.get_response(request)
        message = _("Control characters (such as NUL) are not allowed.")
        if request.path.startswith("/api/") or "json" in request.headers.get("Accept", ""):
            return JsonResponse({field: [message] for field in fields}, status=400)
        return HttpResponseBadRequest(f"{message} ({', '.join(fields)})", content_type="text/plain; charset=utf-8")
