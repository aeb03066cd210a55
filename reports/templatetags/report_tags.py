"""Formatting and charts of the PDF templates."""

from datetime import date, datetime
from decimal import Decimal

from django import template
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.formats import format_money, format_number, format_percent
from reports import charts

register = template.Library()
DASH = "—"


@register.filter
def pct(value: Decimal | float | None) -> str:
    """A percentage with two decimals, or a dash when there is no data (pilot/formats.py decides how)."""
    return format_percent(value)


@register.filter
def num(value: Decimal | float | int | None, places: int = 0) -> str:
    return format_number(value, decimals=int(places))


@register.filter
def money(value: Decimal | None) -> str:
    return format_money(value)


@register.filter
def verdict(met: bool | None) -> str:
    if met is None:
        return _("no data")
    return _("met") if met else _("not met")


def _label(value: datetime | date | str) -> str:
    if isinstance(value, datetime | date):
        return date_format(value, "Y-m-d")
    return str(value)


@register.simple_tag
def slo_chart(slo: object) -> SafeString:
    series = getattr(slo, "series", None) or []
    points = [(_label(at), value) for at, value in series]
    return mark_safe(charts.line_chart(points, title=str(getattr(slo, "name", "")), target=slo.target_pct))


@register.simple_tag
def weekly_chart(weekly: list, metric: str = "satisfaction_pct", target: float | None = 80) -> SafeString:
    points = [(_label(row.week_start), getattr(row, metric)) for row in weekly or []]
    return mark_safe(charts.line_chart(points, title=metric, target=target))


@register.simple_tag
def severity_chart(by_severity: dict) -> SafeString:
    bars = [
        (f"S{severity}", [row.response_met_pct, row.resolution_met_pct])
        for severity, row in sorted((by_severity or {}).items())
    ]
    return mark_safe(charts.bar_chart(bars, title="severity"))


@register.simple_tag
def budget_chart(lines: list) -> SafeString:
    bars = [(str(i), [line["planned_to_date"], line["actual_to_date"]]) for i, line in enumerate(lines or [], 1)]
    return mark_safe(charts.bar_chart(bars, title="budget"))
