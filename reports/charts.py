"""Charts of the PDF as inline SVG: pure functions over plain values, no ORM, no I/O.

WeasyPrint draws SVG text without bidi: Arabic in a <text> comes out reversed unless the element
carries direction="rtl", and mixed Arabic/Latin in one element stays broken. So every label is
one script only and Arabic labels get direction="rtl".
"""

import re
from collections.abc import Sequence
from decimal import Decimal
from xml.sax.saxutils import escape

from reports.constants import CHART_MAX_POINTS

ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]")
WIDTH, HEIGHT = 640, 220
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 48, 16, 12, 28
INK, MUTED, LINE, ACCENT, SECOND, TARGET = "#17324d", "#5b6b7b", "#d9e2ec", "#0b7a75", "#f79009", "#b42318"
Number = int | float | Decimal


def svg_text(x: float, y: float, label: str, *, anchor: str = "middle", size: int = 10, fill: str = MUTED) -> str:
    """One <text>; Arabic labels are drawn right-to-left (start/end anchors flip with direction)."""
    rtl = bool(ARABIC.search(label))
    if rtl:
        anchor = {"start": "end", "end": "start"}.get(anchor, anchor)
    direction = ' direction="rtl"' if rtl else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{fill}"{direction}>'
        f"{escape(label)}</text>"
    )


def downsample(values: Sequence, limit: int = CHART_MAX_POINTS) -> list:
    """At most `limit` values, evenly picked, always keeping the last one."""
    if len(values) <= limit:
        return list(values)
    step = len(values) / limit
    picked = [values[int(i * step)] for i in range(limit - 1)]
    return [*picked, values[-1]]


def y_bounds(values: Sequence[Number], target: Number | None = None) -> tuple[float, float]:
    """A y range that shows every value and the target with a little room; never zero-height."""
    points = [float(v) for v in values] + ([float(target)] if target is not None else [])
    low, high = min(points), max(points)
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    margin = (high - low) * 0.1
    return low - margin, high + margin


def _frame(body: list[str], title: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" font-family="Noto Sans, Noto Sans Arabic">'
        f"<title>{escape(title)}</title>{''.join(body)}</svg>"
    )


def _axes(low: float, high: float) -> list[str]:
    bottom, right = HEIGHT - PAD_BOTTOM, WIDTH - PAD_RIGHT
    parts = [f'<line x1="{PAD_LEFT}" y1="{bottom}" x2="{right}" y2="{bottom}" stroke="{LINE}"/>']
    for value, y in ((high, PAD_TOP), ((low + high) / 2, (PAD_TOP + bottom) / 2), (low, bottom)):
        parts.append(f'<line x1="{PAD_LEFT}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{LINE}"/>')
        parts.append(svg_text(PAD_LEFT - 4, y + 3, f"{value:.2f}", anchor="end", size=9))
    return parts


def _scale(value: float, low: float, high: float) -> float:
    bottom = HEIGHT - PAD_BOTTOM
    return bottom - (value - low) / (high - low) * (bottom - PAD_TOP)


def line_chart(points: Sequence[tuple[str, Number]], *, title: str = "", target: Number | None = None) -> str:
    """A line over (x label, value) points, with a dashed target line; x labels at both ends."""
    points = downsample([(label, value) for label, value in points if value is not None])
    if not points:
        return ""
    low, high = y_bounds([v for _, v in points], target)
    span = max(len(points) - 1, 1)
    plot_width = WIDTH - PAD_LEFT - PAD_RIGHT
    xy = [(PAD_LEFT + i / span * plot_width, _scale(float(v), low, high)) for i, (_, v) in enumerate(points)]
    body = _axes(low, high)
    if target is not None:
        y = _scale(float(target), low, high)
        body.append(
            f'<line x1="{PAD_LEFT}" y1="{y:.1f}" x2="{WIDTH - PAD_RIGHT}" y2="{y:.1f}" '
            f'stroke="{TARGET}" stroke-dasharray="4 3"/>'
        )
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    body.append(f'<polyline points="{path}" fill="none" stroke="{ACCENT}" stroke-width="2"/>')
    if len(xy) == 1:
        body.append(f'<circle cx="{xy[0][0]:.1f}" cy="{xy[0][1]:.1f}" r="3" fill="{ACCENT}"/>')
    body.append(svg_text(PAD_LEFT, HEIGHT - 8, points[0][0], anchor="start", size=9))
    body.append(svg_text(WIDTH - PAD_RIGHT, HEIGHT - 8, points[-1][0], anchor="end", size=9))
    return _frame(body, title)


def bar_chart(bars: Sequence[tuple[str, Sequence[Number | None]]], *, title: str = "") -> str:
    """Groups of bars (one colour per series) from zero, with each group's label underneath."""
    values = [float(v) for _, series in bars for v in series if v is not None]
    if not values:
        return ""
    high = max(max(values), 0) * 1.1 or 1.0
    low = min(min(values), 0)
    group_width = (WIDTH - PAD_LEFT - PAD_RIGHT) / len(bars)
    body = _axes(low, high)
    for index, (label, series) in enumerate(bars):
        body.extend(_bar_group(PAD_LEFT + index * group_width, group_width, series, low, high))
        body.append(svg_text(PAD_LEFT + (index + 0.5) * group_width, HEIGHT - 10, label, size=10))
    return _frame(body, title)


def _bar_group(left: float, width: float, series: Sequence[Number | None], low: float, high: float) -> list[str]:
    bar_width = width * 0.7 / max(len(series), 1)
    zero = _scale(0, low, high)
    parts = []
    for i, value in enumerate(series):
        if value is None:
            continue
        top = _scale(float(value), low, high)
        x = left + width * 0.15 + i * bar_width
        colour = (ACCENT, SECOND, INK)[i % 3]
        parts.append(
            f'<rect x="{x:.1f}" y="{min(top, zero):.1f}" width="{bar_width * 0.9:.1f}" '
            f'height="{abs(zero - top):.1f}" fill="{colour}"/>'
        )
    return parts
