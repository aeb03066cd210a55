"""Small server-rendered SVG charts for the back office (no ORM, no JavaScript)."""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD = 640, 220, 36
COLOURS = ("#0b7a75", "#b54708", "#175cd3")


def _x(i: int, n: int) -> float:
    return PAD + (WIDTH - 2 * PAD) * (i / max(n - 1, 1))


def _y(value: Decimal, low: int, high: int) -> float:
    return HEIGHT - PAD - (HEIGHT - 2 * PAD) * float((value - low) / (high - low))


def line_chart(
    *,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[Decimal | None]]],
    title: str,
    low: int = 0,
    high: int = 100,
) -> SafeString:
    """Lines over weeks; a missing value (an empty week) breaks the line rather than drawing a zero."""
    parts = [format_html("<title>{}</title>", title)]
    for tick in (low, (low + high) // 2, high):
        y = _y(Decimal(tick), low, high)
        parts.append(format_html('<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d9e2ec"/>', PAD, WIDTH - PAD, y, y))
        tick_label = '<text x="{}" y="{}" font-size="11" text-anchor="end" fill="#5b6b7b">{}</text>'
        parts.append(format_html(tick_label, PAD - 4, y + 4, tick))
    for i, label in enumerate(labels):
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="10" text-anchor="middle" fill="#5b6b7b">{}</text>',
                _x(i, len(labels)),
                HEIGHT - 12,
                label,
            )
        )
    for index, (name, values) in enumerate(series):
        parts.append(_polyline(values, COLOURS[index % len(COLOURS)], low, high))
        parts.append(
            format_html(
                '<text x="{}" y="14" font-size="12" fill="{}">{}</text>',
                PAD + index * 180,
                COLOURS[index % len(COLOURS)],
                name,
            )
        )
    body = "".join(parts)
    return mark_safe(
        # direction="ltr": weeks run left to right in both languages, and on an Arabic (RTL) page the
        # labels would otherwise grow leftwards out of the picture (the clipped y-axis).
        f'<svg xmlns="http://www.w3.org/2000/svg" direction="ltr" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{escape(title)}" style="max-width:100%;height:auto">{body}</svg>'
    )


def _polyline(values: Sequence[Decimal | None], colour: str, low: int, high: int) -> str:
    segments, current = [], []
    for i, value in enumerate(values):
        if value is None:
            segments, current = [*segments, current] if current else segments, []
            continue
        current.append(f"{_x(i, len(values)):.1f},{_y(value, low, high):.1f}")
    segments = [*segments, current] if current else segments
    return "".join(
        f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{" ".join(points)}"/>'
        + "".join(f'<circle cx="{p.split(",")[0]}" cy="{p.split(",")[1]}" r="3" fill="{colour}"/>' for p in points)
        for points in segments
    )
