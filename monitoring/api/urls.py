"""API routes of this app: `register_staff` on the back office's /api/v1/, `register_customer` on a
customer domain's /api/v1/. Plain (non-viewset) routes go in the *_urlpatterns lists."""

from django.urls import URLPattern, path
from rest_framework.routers import BaseRouter

from monitoring.api.views import CustomerHealthView, CustomerSloStatusView, SloViewSet


def register_staff(router: BaseRouter) -> None:
    """Register staff viewsets (public domain)."""
    router.register("slos", SloViewSet, basename="slo")


def register_customer(router: BaseRouter) -> None:
    """Register customer viewsets (the customer's own domain)."""


staff_urlpatterns: list[URLPattern] = [
    path("customers/<slug:slug>/health/", CustomerHealthView.as_view(), name="customer-health"),
]
customer_urlpatterns: list[URLPattern] = [
    path("slos/status/", CustomerSloStatusView.as_view(), name="customer-slo-status"),
]
