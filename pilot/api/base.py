"""Building blocks shared by every staff API module."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import authentication, exceptions, permissions, routers, serializers, throttling
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


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
        if len(throttle.cache.get(throttle.get_cache_key(request, None), [])) >= throttle.num_requests:
            throttle.allow_request(request, None)  # loads the history that wait() reads
            raise exceptions.Throttled(throttle.wait())
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            throttle.allow_request(request, None)  # records this failure
            raise


class StaffAPIMixin:
    """Authentication and permissions of every staff endpoint: staff account + model permissions."""

    authentication_classes = [authentication.SessionAuthentication, ThrottledTokenAuthentication]
    permission_classes = [IsPublicDomain, IsStaffUser, permissions.DjangoModelPermissions]


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """Turn a service's Django ValidationError into a 400 with one message per field."""
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        exc = serializers.ValidationError(detail)
    return drf_exception_handler(exc, context)


class StaffAPIRootView(routers.APIRootView):
    """The staff API's index: same authentication as its endpoints (tokens included)."""

    authentication_classes = StaffAPIMixin.authentication_classes
    permission_classes = [IsPublicDomain, IsStaffUser]
