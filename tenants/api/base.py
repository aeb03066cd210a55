"""Building blocks of every customer API endpoint (served on the customer's own domain)."""

from typing import Any

from rest_framework import authentication, permissions


class IsCustomerDomain(permissions.BasePermission):
    """Customer endpoints only answer on a customer domain, for that customer's own accounts."""

    def has_permission(self, request: Any, view: Any) -> bool:
        return getattr(request, "customer", None) is not None


class CustomerAPIMixin:
    """Session auth only: API tokens live in the public schema and must never match a customer user."""

    authentication_classes = [authentication.SessionAuthentication]
    permission_classes = [IsCustomerDomain, permissions.IsAuthenticated]
