"""API routes of this app: `register_staff` on the back office's /api/v1/, `register_customer` on a
customer domain's /api/v1/. Plain (non-viewset) routes go in the *_urlpatterns lists."""

from django.urls import URLPattern
from rest_framework.routers import BaseRouter

from reports.api.views import CustomerReportViewSet, ReportViewSet


def register_staff(router: BaseRouter) -> None:
    router.register("reports", ReportViewSet, basename="report")


def register_customer(router: BaseRouter) -> None:
    router.register("reports", CustomerReportViewSet, basename="customer-report")


staff_urlpatterns: list[URLPattern] = []
customer_urlpatterns: list[URLPattern] = []
