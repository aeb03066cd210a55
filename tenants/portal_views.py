"""The customer's pilot dashboard: one card per app, each app filling its own."""

from importlib import import_module

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

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
