"""API routes of this app: `register_staff` on the back office's /api/v1/, `register_customer` on a
customer domain's /api/v1/. Plain (non-viewset) routes go in the *_urlpatterns lists."""

from django.urls import URLPattern
from rest_framework.routers import BaseRouter

from feedback.api import views


def register_staff(router: BaseRouter) -> None:
    """Register staff viewsets (public domain)."""
    router.register("surveys", views.SurveyStaffViewSet, basename="survey")
    router.register("feedback-checkins", views.CheckInStaffViewSet, basename="feedback-checkin")
    router.register("feedback-items", views.FeedbackItemStaffViewSet, basename="feedback-item")


def register_customer(router: BaseRouter) -> None:
    """Register customer viewsets (the customer's own domain)."""
    router.register("surveys", views.SurveyCustomerViewSet, basename="customer-survey")
    router.register("feedback-items", views.FeedbackItemCustomerViewSet, basename="customer-feedback-item")


staff_urlpatterns: list[URLPattern] = []
customer_urlpatterns: list[URLPattern] = []
