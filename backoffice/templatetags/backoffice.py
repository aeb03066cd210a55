"""The back office's navigation and language switch, for the admin templates."""

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString

from backoffice.navigation import NavGroup, nav_for
from backoffice.sidebar import home_app_list_html, nav_sidebar_html

register = template.Library()


@register.simple_tag(takes_context=True)
def program_nav(context: template.Context) -> list[NavGroup]:
    """Every program page this staff member may open; empty off the back office or signed out."""
    request: HttpRequest | None = context.get("request")
    if request is None or not request.user.is_active or not request.user.is_staff:
        return []
    if not hasattr(request, "_program_nav"):  # the sidebar and the home page share one computation
        request._program_nav = nav_for(user=request.user)
    return request._program_nav


@register.simple_tag(takes_context=True)
def nav_sidebar(context: template.Context) -> SafeString:
    """The sidebar, reused while nothing it shows changed (backoffice.sidebar)."""
    return nav_sidebar_html(context)


@register.simple_tag(takes_context=True)
def home_app_list(context: template.Context) -> SafeString:
    """The home page's app list, reused while nothing it shows changed (backoffice.sidebar)."""
    return home_app_list_html(context)
