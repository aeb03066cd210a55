"""The customer's pilot dashboard: one card per app, each app filling its own."""

from importlib import import_module

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from feedback.selectors import contact_list
from tenants.roles import CUSTOMER_ADMIN

# Cards in display order; each module has `panel(request) -> dict | None`.
PANEL_MODULES = (
    "tenants.portal",
    "incidents.portal",
    "pilot.portal",
    "feedback.portal",
    "monitoring.portal",
    "reports.portal",
)


def _panels(request: HttpRequest) -> list[dict]:
    panels = (import_module(name).panel(request) for name in PANEL_MODULES)
    return [panel for panel in panels if panel is not None]


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "tenants/portal/dashboard.html", {"panels": _panels(request)})


@login_required
@permission_required("auth.view_user", raise_exception=True)
def team(request: HttpRequest) -> HttpResponse:
    """The customer admin's page: who has an account and who receives the surveys (members: 403)."""
    users = get_user_model().objects.filter(is_active=True).order_by("username")
    admins = set(users.filter(groups__name=CUSTOMER_ADMIN).values_list("pk", flat=True))
    context = {"users": users, "admin_ids": admins, "contacts": contact_list()}
    return render(request, "tenants/portal/team.html", context)
