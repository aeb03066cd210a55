"""Countdown badges for the queue and the incident pages."""

import datetime as dt
from dataclasses import dataclass

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from incidents.choices import EventKind, Severity, Status

register = template.Library()


@dataclass(frozen=True)
class CountdownWords:
    """The countdown's words in the active language. A page of fifty countdowns looks them up once
    (`CountdownWords.active()`), not five translations per row."""

    days: str
    hours: str
    minutes: str
    overdue: str
    left: str
    no_clock: str

    @classmethod
    def active(cls) -> "CountdownWords":
        return cls(
            days=_("%(d)dd %(h)dh"),
            hours=_("%(h)dh %(m)02dm"),
            minutes=_("%(m)d min"),
            overdue=_("overdue by %s"),
            left=_("%s left"),
            no_clock=_("no clock running"),
        )

    def human(self, seconds: int) -> str:
        hours, minutes = divmod(abs(seconds) // 60, 60)
        days, hours = divmod(hours, 24)
        if days:
            return self.days % {"d": days, "h": hours}
        return self.hours % {"h": hours, "m": minutes} if hours else self.minutes % {"m": minutes}


@register.simple_tag
def countdown(left: dt.timedelta | None, words: CountdownWords | None = None) -> str:
    """A green/amber countdown, or a red overdue badge; nothing when no clock runs."""
    words = words or CountdownWords.active()
    if left is None:
        return format_html('<span class="incident-badge muted">{}</span>', words.no_clock)
    seconds = int(left.total_seconds())
    if seconds < 0:
        return format_html('<span class="incident-badge overdue">{}</span>', words.overdue % words.human(seconds))
    level = "soon" if seconds < 15 * 60 else "ok"
    return format_html('<span class="incident-badge {}">{}</span>', level, words.left % words.human(seconds))


@register.filter
def get_item(mapping: dict, key: str) -> object:
    return mapping.get(key, key)


@register.filter
def change_label(event: object) -> str:
    """`from → to` of a status or severity event in the reader's words, never the stored codes."""
    data = getattr(event, "data", None) or {}
    if "from" not in data:
        return ""
    choices = Severity if getattr(event, "kind", "") == EventKind.SEVERITY else Status
    labels = dict(choices.choices)
    return f"{labels.get(data['from'], data['from'])} → {labels.get(data['to'], data['to'])}"


@register.filter
def customer_title(incident: object) -> str:
    """The incident's title as a customer reads it, in the page's language."""
    return incident.title_for(get_language())


@register.filter
def in_language(event: object) -> str:
    """A timeline entry's message in the page's language (its English one when no Arabic was written)."""
    return event.message_for(get_language())
