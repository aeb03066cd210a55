"""API routes of the tenants app (see incidents/api/urls.py for the convention)."""

from django.urls import URLPattern
from rest_framework.routers import BaseRouter

from tenants.api.views import CustomerViewSet


def register_staff(router: BaseRouter) -> None:
    router.register("customers", CustomerViewSet, basename="customer")


def register_customer(router: BaseRouter) -> None:
    """Customers see their own pilot through the other apps' endpoints."""


staff_urlpatterns: list[URLPattern] = []
customer_urlpatterns: list[URLPattern] = []
