"""Server-rendered inline SVG sparklines (no JavaScript, also fine inside a PDF)."""

import datetime as dt
from decimal import Decimal

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD = 240, 48, 3


def _scale(values: list[float], target: float) -> tuple[float, float]:
    low = min([*values, target])
    high = max([*values, target])
    return (low, high) if high > low else (low - 1, high + 1)


def sparkline_points(values: list[float], target: float) -> tuple[list[tuple[float, float]], float]:
    """Plot coordinates of the values and the y of the target line (y grows downwards)."""
    low, high = _scale(values, target)
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)

    def y(value: float) -> float:
        return round(HEIGHT - PAD - (value - low) / (high - low) * (HEIGHT - 2 * PAD), 1)

    return [(round(PAD + i * step, 1), y(v)) for i, v in enumerate(values)], y(target)


def sparkline(series: list[tuple[dt.datetime, Decimal]], target: Decimal, *, label: str) -> SafeString:
    """A line of compliance over time with the target dashed; empty when there is nothing to draw."""
    if not series:
        return mark_safe("")
    points, target_y = sparkline_points([float(v) for _at, v in series], float(target))
    path = " ".join(f"{x},{y}" for x, y in points)
    return format_html(
        '<svg class="slo-spark" role="img" aria-label="{}" width="{}" height="{}" viewBox="0 0 {} {}">'
        '<line x1="0" x2="{}" y1="{}" y2="{}" stroke="#b42318" stroke-dasharray="3 3" stroke-width="1"/>'
        '<polyline fill="none" stroke="#0b7a75" stroke-width="1.5" points="{}"/></svg>',
        label,
        WIDTH,
        HEIGHT,
        WIDTH,
        HEIGHT,
        WIDTH,
        target_y,
        target_y,
        path,
    )
