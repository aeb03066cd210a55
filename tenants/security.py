"""Login throttling hooks (django-axes) and the per-address limit on password-reset e-mails."""

from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from tenants.forms import OutboxPasswordResetForm

RESET_WINDOW_SECONDS = 3600


def login_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The name axes counts failures under: the schema comes first, because `admin@x.example` of one
    customer is another account than the same name of another customer (or of the back office)."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    return f"{connection.schema_name}:{str(username).strip().lower()[:150]}"


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """429 saying, in the reader's language, how long the lock lasts (it expires by itself)."""
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes}
    response = render(request, "registration/locked_out.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    return response


def password_reset_allowed(*, email: str) -> bool:
    """Counts one more reset request for the address (per schema: the cache key carries it) and says
    whether it is still within PASSWORD_RESET_LIMIT_PER_HOUR."""
    key = f"password-reset:{email.strip().lower()}"
    if cache.add(key, 1, RESET_WINDOW_SECONDS):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, RESET_WINDOW_SECONDS)
        return True
    # None: the cache is unreachable (it fails open): the limit lapses rather than the reset page failing.
    return count is None or count <= settings.PASSWORD_RESET_LIMIT_PER_HOUR


class LimitedPasswordResetForm(OutboxPasswordResetForm):
    """Django's reset form (its e-mail through the outbox), refused past the hourly limit for the address —
    whether an account exists or not, so the answer tells an outsider nothing about accounts."""

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if not password_reset_allowed(email=email):
            raise ValidationError(_("Too many reset requests for this address. Please try again in an hour."))
        return email
