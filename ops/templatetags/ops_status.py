"""The back office's operational banners: stopped incident timers, messages that failed."""

from django import template
from django.http import HttpRequest

from ops.selectors import outbox_counts, timers_staleness

register = template.Library()


@register.inclusion_tag("ops/_status_banner.html", takes_context=True)
def ops_status_banner(context: template.Context) -> dict:
    """Shown to staff only (the back office's templates); a customer's portal never includes it."""
    request: HttpRequest | None = context.get("request")
    if request is None or not request.user.is_staff:
        return {"show": False}
    return {"show": True, "timers": timers_staleness(), "outbox": outbox_counts()}
