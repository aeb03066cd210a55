"""API routes of this app: `register_staff` on the back office's /api/v1/, `register_customer` on a
customer domain's /api/v1/. Plain (non-viewset) routes go in the *_urlpatterns lists."""

from django.urls import URLPattern
from rest_framework.routers import BaseRouter

from incidents.api.views import CustomerIncidentViewSet, IncidentViewSet


def register_staff(router: BaseRouter) -> None:
    """Register staff viewsets (public domain)."""
    router.register("incidents", IncidentViewSet, basename="incident")


def register_customer(router: BaseRouter) -> None:
    """Register customer viewsets (the customer's own domain)."""
    router.register("incidents", CustomerIncidentViewSet, basename="customer-incident")


staff_urlpatterns: list[URLPattern] = []
customer_urlpatterns: list[URLPattern] = []
