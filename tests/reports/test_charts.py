from decimal import Decimal

from reports import charts


def test_arabic_label_is_drawn_right_to_left_with_flipped_anchor() -> None:
    svg = charts.svg_text(10, 10, "الخطورة", anchor="start")
    assert 'direction="rtl"' in svg and 'text-anchor="end"' in svg


def test_latin_label_stays_left_to_right() -> None:
    svg = charts.svg_text(10, 10, "S1", anchor="start")
    assert "direction" not in svg and 'text-anchor="start"' in svg


def test_labels_are_escaped() -> None:
    assert "<script>" not in charts.svg_text(0, 0, "<script>")


def test_downsample_keeps_limit_and_last_point() -> None:
    values = list(range(1000))
    picked = charts.downsample(values, limit=200)
    assert len(picked) == 200 and picked[0] == 0 and picked[-1] == 999


def test_y_bounds_never_zero_height_and_include_target() -> None:
    low, high = charts.y_bounds([Decimal("99.9")] * 3, target=Decimal("99.5"))
    assert low < 99.5 < 99.9 < high


def test_line_chart_draws_one_point_per_value_and_target_line() -> None:
    svg = charts.line_chart([("a", 1), ("b", 2), ("c", 3)], target=2)
    assert svg.count(",") >= 3 and "stroke-dasharray" in svg and svg.startswith("<svg")


def test_charts_without_values_are_empty() -> None:
    assert charts.line_chart([("a", None)]) == ""
    assert charts.bar_chart([("S1", [None, None])]) == ""


def test_bar_chart_draws_a_bar_per_value() -> None:
    svg = charts.bar_chart([("S1", [Decimal("100"), Decimal("50")]), ("S2", [Decimal("75"), None])])
    assert svg.count("<rect") == 3
