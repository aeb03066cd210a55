"""The program dashboard on the back-office home (templates/admin/index.html)."""

from django import template
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from core.figures import figures_get, figures_time
from pilot.selectors import dashboard_get

register = template.Library()
TEMPLATE = "pilot/backoffice/_dashboard.html"


@register.simple_tag(takes_context=True)
def program_dashboard(context: template.Context) -> SafeString:
    """The dashboard for staff who may see the program ("" for the others, and on the app index pages, whose
    template, admin/app_index.html, extends this one).

    It is the same for every such user in a language (no per-user link or form in it), so the rendered card is
    shared through core.figures: rebuilt at most once a minute, and it says when it was."""
    request: HttpRequest | None = context.get("request")
    if context.get("app_label") or request is None or not request.user.has_perm("pilot.view_phase"):
        return mark_safe("")
    # Safe: the card was rendered (and escaped) by the template engine.
    return mark_safe(figures_get("program-dashboard", lambda: _render(request), timezone.localdate()).value)


def _render(request: HttpRequest) -> str:
    return render_to_string(TEMPLATE, {"dash": dashboard_get(), "figures_as_of": figures_time()}, request=request)
