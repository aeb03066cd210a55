"""Template helpers of the SLO pages: the sparkline and the error-budget bar."""

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.formats import format_number, format_percent
from monitoring.charts import sparkline

register = template.Library()


@register.simple_tag
def slo_spark(slo: object) -> SafeString:
    return sparkline(slo.series, slo.target_pct, label=_("%(name)s compliance over time") % {"name": slo.name})


@register.simple_tag
def budget_bar(remaining_pct: Decimal | None) -> SafeString:
    """A bar of the error budget left (empty when spent); the number is printed beside it."""
    if remaining_pct is None:
        return format_html('<span class="muted">{}</span>', _("no data"))
    width = max(0, min(100, float(remaining_pct)))
    tone = "ok" if width >= 50 else "warn" if width > 0 else "bad"
    return format_html(
        '<span class="slo-budget" role="img" aria-label="{}">'
        '<span class="slo-budget-fill {}" style="width:{}%"></span></span> {}',
        _("error budget left"),
        tone,
        round(width, 1),
        format_percent(remaining_pct),
    )


@register.filter
def minutes(value: float | None) -> str:
    return format_number(value)
