"""API routes of the program (resources fixed in INTERFACES.md, plus phases and checklist items)."""

from django.urls import URLPattern
from rest_framework.routers import BaseRouter

from pilot.api import views


def register_staff(router: BaseRouter) -> None:
    router.register("phases", views.PhaseViewSet, basename="phase")
    router.register("checklist-items", views.ChecklistItemViewSet, basename="checklist-item")
    router.register("training-sessions", views.TrainingSessionViewSet, basename="training-session")
    router.register("budget-lines", views.BudgetLineViewSet, basename="budget-line")
    router.register("expenses", views.ExpenseViewSet, basename="expense")
    router.register("risks", views.RiskViewSet, basename="risk")
    router.register("success-criteria", views.SuccessCriterionViewSet, basename="success-criterion")


def register_customer(router: BaseRouter) -> None:
    """Customers see their training on their portal pages (pilot/urls_portal.py)."""


staff_urlpatterns: list[URLPattern] = []
customer_urlpatterns: list[URLPattern] = []
