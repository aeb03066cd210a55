"""The program dashboard on the back-office home (templates/admin/index.html)."""

from django import template
from django.http import HttpRequest

from pilot.selectors import Dashboard, dashboard_get

register = template.Library()


@register.simple_tag(takes_context=True)
def program_dashboard(context: template.Context) -> Dashboard | None:
    """The dashboard for staff who may see the program; None for the others, and on the app index
    pages, whose template (admin/app_index.html) extends this one."""
    request: HttpRequest | None = context.get("request")
    if context.get("app_label") or request is None or not request.user.has_perm("pilot.view_phase"):
        return None
    return dashboard_get()
