"""Template filters over pilot/formats.py: `{{ x|num }}`, `{{ x|num:1 }}`, `{{ x|pct }}`, `{{ x|money }}`."""

from django import template

from core.formats import Number, format_money, format_number, format_percent

register = template.Library()


@register.filter
def num(value: Number, decimals: int = 0) -> str:
    return format_number(value, decimals=int(decimals))


@register.filter
def pct(value: Number, decimals: int = 2) -> str:
    return format_percent(value, decimals=int(decimals))


@register.filter
def money(value: Number, currency: str = "") -> str:
    return format_money(value, currency=currency or None)
