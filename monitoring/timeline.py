"""The customer page's timeline: usage, incidents, survey answers and SLO compliance on ONE time axis,
as server-rendered inline SVG (no JavaScript; the same markup works in a PDF).

`timeline_svg` is plain drawing over plain values; `Timeline` is filled by
`selectors_health.customer_timeline`.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, LANE, LEFT, RIGHT = 720, 46, 130, 10
SEVERITY_COLOURS = {1: "#b42318", 2: "#b54708", 3: "#667085"}
SLO_COLOURS = ["#0b7a75", "#1570ef", "#6941c6", "#c11574"]


@dataclass
class Timeline:
    start: dt.date
    end: dt.date  # exclusive
    users: list[tuple[dt.date, float]] = field(default_factory=list)
    events: list[tuple[dt.date, float]] = field(default_factory=list)
    incidents: list[tuple[dt.datetime, int, str]] = field(default_factory=list)  # (reported at, severity, title)
    surveys: list[tuple[dt.date, int]] = field(default_factory=list)  # (week start, responses)
    slos: list[tuple[str, list[tuple[dt.datetime, Decimal]]]] = field(default_factory=list)


def _x(day: dt.date, start: dt.date, end: dt.date) -> float:
    span = max((end - start).days, 1)
    return round(LEFT + (day - start).days / span * (WIDTH - LEFT - RIGHT), 1)


def _y(value: float, high: float, lane: int) -> float:
    top = lane * LANE + 6
    return round(top + (LANE - 12) * (1 - (value / high if high else 0)), 1)


def _label(text: str, lane: int) -> str:
    return f'<text x="4" y="{lane * LANE + LANE / 2 + 4}" font-size="11">{escape(text)}</text>'


def _bars(points: list[tuple[dt.date, float]], t: Timeline, lane: int, colour: str) -> list[str]:
    high = max([v for _d, v in points] or [0])
    bottom = lane * LANE + LANE - 6
    width = max((WIDTH - LEFT - RIGHT) / max((t.end - t.start).days, 1) - 2, 1)
    return [
        f'<rect x="{_x(day, t.start, t.end)}" y="{_y(v, high, lane)}" width="{width:.1f}" '
        f'height="{round(bottom - _y(v, high, lane), 1)}" fill="{colour}"><title>{day:%Y-%m-%d}: {v:g}</title></rect>'
        for day, v in points
        if t.start <= day < t.end
    ]


def _line(points: list[tuple[dt.date, float]], t: Timeline, lane: int, colour: str, low: float = 0.0) -> str:
    high = max([v - low for _d, v in points] or [0])
    path = " ".join(f"{_x(d, t.start, t.end)},{_y(v - low, high, lane)}" for d, v in points if t.start <= d < t.end)
    return f'<polyline fill="none" stroke="{colour}" stroke-width="1.5" points="{path}"/>' if path else ""


def _incident_marks(t: Timeline, lane: int) -> list[str]:
    y = lane * LANE + LANE / 2
    return [
        f'<circle cx="{_x(at.date(), t.start, t.end)}" cy="{y}" r="5" fill="{SEVERITY_COLOURS.get(sev, "#667085")}">'
        f"<title>{escape(title)}</title></circle>"
        for at, sev, title in t.incidents
    ]


def _slo_lines(t: Timeline, lane: int) -> list[str]:
    values = [float(v) for _n, series in t.slos for _a, v in series]
    low = min(values, default=0.0)
    return [
        _line([(at.date(), float(v)) for at, v in series], t, lane, SLO_COLOURS[i % len(SLO_COLOURS)], low=low)
        for i, (_name, series) in enumerate(t.slos)
    ]


def _axis(t: Timeline, lanes: int) -> list[str]:
    height = lanes * LANE
    ticks, day = [], t.start
    while day < t.end:
        x = _x(day, t.start, t.end)
        ticks.append(f'<line x1="{x}" x2="{x}" y1="0" y2="{height}" stroke="#eaecf0"/>')
        ticks.append(f'<text x="{x}" y="{height + 12}" font-size="10" text-anchor="middle">{day:%m-%d}</text>')
        day += dt.timedelta(days=7)
    return ticks


def timeline_svg(t: Timeline, *, labels: list[str], title: str) -> SafeString:
    """Five lanes (active users, feature events, incidents, survey answers, SLO compliance); `labels`
    names them in the reader's language. Each mark carries a <title> with its value."""
    parts = _axis(t, 5)
    parts += [_label(text, lane) for lane, text in enumerate(labels)]
    parts.append(_line(t.users, t, 0, "#0b7a75"))
    parts += _bars(t.events, t, 1, "#1570ef")
    parts += _incident_marks(t, 2)
    parts += _bars([(d, float(n)) for d, n in t.surveys], t, 3, "#6941c6")
    parts += _slo_lines(t, 4)
    height = 5 * LANE + 16
    return mark_safe(
        f'<svg class="health-timeline" role="img" aria-label="{escape(title)}" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}">{"".join(parts)}</svg>'
    )
