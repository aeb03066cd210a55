import datetime as dt
from decimal import Decimal

from monitoring.charts import HEIGHT, PAD, sparkline, sparkline_points


def test_points_span_the_width_and_higher_values_sit_higher() -> None:
    points, target_y = sparkline_points([99.0, 100.0], 99.5)
    assert points[0][0] == PAD and points[-1][0] > points[0][0]
    assert points[1][1] < target_y < points[0][1]
    assert points[1][1] == PAD and points[0][1] == HEIGHT - PAD


def test_flat_series_does_not_divide_by_zero() -> None:
    points, target_y = sparkline_points([99.5, 99.5], 99.5)
    assert points[0][1] == target_y


def test_svg_has_the_line_the_target_and_an_escaped_label() -> None:
    day = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    svg = str(sparkline([(day, Decimal("99.9")), (day, Decimal("98"))], Decimal("99.5"), label="<x>"))
    assert svg.startswith("<svg") and "polyline" in svg and "stroke-dasharray" in svg
    assert "&lt;x&gt;" in svg
    assert str(sparkline([], Decimal("99.5"), label="x")) == ""
