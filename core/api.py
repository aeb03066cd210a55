"""Building blocks shared by every staff API module."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions, pagination, permissions, routers, serializers, status, throttling
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback


class IsPublicDomain(permissions.BasePermission):
    """The staff API never answers on a customer domain (the URLconf already hides it)."""

    def has_permission(self, request: Any, view: Any) -> bool:
        return getattr(request, "tenant", None) is None


class IsStaffUser(permissions.BasePermission):
    message = "Staff account required."

    def has_permission(self, request: Any, view: Any) -> bool:
        return bool(request.user and request.user.is_authenticated and request.user.is_staff)


class BadTokenThrottle(throttling.SimpleRateThrottle):
    """Failed token presentations per client address (rate "bad_token")."""

    scope = "bad_token"

    def get_cache_key(self, request: Any, view: Any) -> str:
        # Not request.user: this runs inside authentication, before there is a user.
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class ThrottledTokenAuthentication(authentication.TokenAuthentication):
    """DRF token auth that answers 429 once a client has presented too many unknown tokens: DRF's own
    throttles run after authentication, so a bad token would otherwise never be counted."""

    def authenticate(self, request: Any) -> Any:
        throttle = BadTokenThrottle()
        # num_requests is set from the rate in __init__ (DRF's stubs do not declare it).
        if len(throttle.cache.get(throttle.get_cache_key(request, None), [])) >= throttle.num_requests:  # type: ignore[attr-defined]  # see above
            throttle.allow_request(request, None)  # type: ignore[arg-type]  # loads the history wait() reads; no view here
            raise exceptions.Throttled(throttle.wait())
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            throttle.allow_request(request, None)  # type: ignore[arg-type]  # records this failure; no view here
            raise


class StaffAPIMixin:
    """Authentication and permissions of every staff endpoint: staff account + model permissions."""

    authentication_classes = [authentication.SessionAuthentication, ThrottledTokenAuthentication]
    permission_classes = [IsPublicDomain, IsStaffUser, permissions.DjangoModelPermissions]


def _protected_response(exc: ProtectedError) -> Response:
    blockers = sorted({str(obj._meta.verbose_name_plural) for obj in exc.protected_objects})
    detail = _("It is still used by: %(blockers)s. Remove or move those first.") % {"blockers": ", ".join(blockers)}
    return Response({"detail": detail, "protected_by": blockers}, status=status.HTTP_409_CONFLICT)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn a service's Django ValidationError into a 400 with one message per field; a delete that
    other rows still need into a 409 naming them; a unique conflict or a value the database cannot hold
    (the constraint or column has the last word) into a 400."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = serializers.ValidationError(detail)
    elif isinstance(exc, ProtectedError):
        set_rollback()
        return _protected_response(exc)
    elif isinstance(exc, IntegrityError):
        exc = serializers.ValidationError({"non_field_errors": [_("This conflicts with an existing record.")]})
    elif isinstance(exc, DataError):
        exc = serializers.ValidationError({"non_field_errors": [_("A value is out of the range this field can hold.")]})
    return drf_exception_handler(exc, context)


def api_datetime(value: dt.datetime | None, zone: dt.tzinfo | None = None) -> str | None:
    """A datetime as DRF's DateTimeField writes it by default: ISO 8601 in the current time zone (or `zone`, that
    zone read once by the caller), `Z` for UTC. For the list serializers that write their rows out rather than
    field by field."""
    if not value:
        return None
    text = value.astimezone(zone or timezone.get_current_timezone()).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


# Dates the program can mean; beyond them date arithmetic (weeks, months, forecasts) only overflows.
DATE_MIN, DATE_MAX = dt.date(2000, 1, 1), dt.date(2099, 12, 31)


def _date_range_message() -> str:
    return _("Give a date between %(min)s and %(max)s.") % {"min": DATE_MIN, "max": DATE_MAX}


def date_in_range_check(value: dt.date, field: str) -> dt.date:
    if not DATE_MIN <= value <= DATE_MAX:
        raise serializers.ValidationError({field: [_date_range_message()]})
    return value


class BoundedDateField(serializers.DateField):
    """A DateField refusing dates outside DATE_MIN..DATE_MAX with a message on the field."""

    def to_internal_value(self, value: Any) -> dt.date:
        parsed = super().to_internal_value(value)
        if not DATE_MIN <= parsed <= DATE_MAX:
            raise serializers.ValidationError(_date_range_message())
        return parsed


class BoundedLimitOffsetPagination(pagination.LimitOffsetPagination):
    """`limit` is capped at MAX_LIMIT and `offset` must fit the database: anything else is a 400."""

    max_limit = 500
    max_offset = 10**9

    def paginate_queryset(self, queryset: Any, request: Any, view: Any = None) -> list[Any] | None:
        self.view = view
        return super().paginate_queryset(queryset, request, view)

    def get_count(self, queryset: Any) -> int:
        """The view's own `list_count()` when it has one and it can answer (a total kept elsewhere than a
        COUNT over every row); otherwise DRF's count of the queryset."""
        known = getattr(self.view, "list_count", lambda: None)()
        return super().get_count(queryset) if known is None else known

    def get_offset(self, request: Any) -> int:
        offset = super().get_offset(request)
        if offset > self.max_offset:
            raise serializers.ValidationError(
                {"offset": [_("Give an offset up to %(max)s.") % {"max": self.max_offset}]}
            )
        return offset


class StaffAPIRootView(routers.APIRootView):
    """The staff API's index: same authentication as its endpoints (tokens included)."""

    authentication_classes = StaffAPIMixin.authentication_classes
    permission_classes = [IsPublicDomain, IsStaffUser]
