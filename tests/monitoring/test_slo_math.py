from datetime import timedelta
from decimal import Decimal

import pytest

from monitoring import rules as slo_math
from monitoring.choices import AlertLevel

T995 = Decimal("99.5")


@pytest.mark.parametrize(
    ("good", "total", "expected"),
    [
        (995, 1000, Decimal("99.50")),
        (1000, 1000, Decimal("100.00")),
        (0, 10, Decimal("0.00")),
        (2, 3, Decimal("66.67")),
    ],
)
def test_compliance_is_good_over_total_in_percent(good: float, total: float, expected: Decimal) -> None:
    assert slo_math.compliance_pct(good, total) == expected


def test_no_traffic_has_no_compliance_budget_or_burn() -> None:
    assert slo_math.compliance_pct(0, 0) is None
    assert slo_math.is_met(0, 0, T995) is None
    assert slo_math.budget_remaining_pct(0, 0, T995) is None
    assert slo_math.burn_rate(0, 0, T995) is None


def test_met_is_decided_before_rounding() -> None:
    # 99.496 % shows as 99.50 % but does not meet 99.5 %
    assert slo_math.compliance_pct(99_496, 100_000) == Decimal("99.50")
    assert slo_math.is_met(99_496, 100_000, T995) is False
    assert slo_math.is_met(99_500, 100_000, T995) is True


def test_budget_is_full_without_errors_half_spent_at_half_the_allowance_negative_when_overspent() -> None:
    assert slo_math.budget_remaining_pct(1000, 1000, T995) == Decimal("100.00")
    assert slo_math.budget_remaining_pct(99_750, 100_000, T995) == Decimal("50.00")
    assert slo_math.budget_remaining_pct(99_500, 100_000, T995) == Decimal("0.00")
    assert slo_math.budget_remaining_pct(99_000, 100_000, T995) == Decimal("-100.00")


def test_budget_minutes_of_a_30_day_window_at_99_5_is_216() -> None:
    assert slo_math.budget_minutes(timedelta(days=30), T995) == pytest.approx(216)
    assert slo_math.budget_remaining_minutes(99_750, 100_000, T995, timedelta(days=30)) == pytest.approx(108)


def test_burn_rate_is_error_ratio_over_allowed_ratio() -> None:
    assert slo_math.burn_rate(995, 1000, T995) == pytest.approx(1.0)
    assert slo_math.burn_rate(928, 1000, T995) == pytest.approx(14.4)
    assert slo_math.burn_rate(99, 100, Decimal("99.9")) == pytest.approx(10.0)


def test_workbook_rules_unchanged_on_a_30_day_window_and_scaled_on_28() -> None:
    assert [r.factor for r in slo_math.rules_for_window(30)] == pytest.approx([14.4, 6.0, 1.0])
    factors = [r.factor for r in slo_math.rules_for_window(28)]
    assert factors == pytest.approx([13.44, 5.6, 28 / 30])
    # the same share of budget spent: 14.4 × 1 h / 30 d == 13.44 × 1 h / 28 d (2 %)
    assert pytest.approx(0.02) == 13.44 * 1 / (28 * 24)


def _rates(**by_window: float) -> dict[timedelta, float]:
    names = {"m5": timedelta(minutes=5), "m30": timedelta(minutes=30), "h1": timedelta(hours=1),
             "h6": timedelta(hours=6), "d3": timedelta(days=3)}  # fmt: skip
    return {names[key]: value for key, value in by_window.items()}


def test_page_fires_only_when_both_long_and_short_window_burn() -> None:
    rules = slo_math.rules_for_window(30)
    firing = slo_math.rules_firing(_rates(h1=15, m5=15, h6=2, m30=2, d3=0.5), rules)
    assert [(r.level, r.factor) for r in firing] == [(AlertLevel.PAGE, 14.4)]
    # the spike is over (short window recovered): no page even though the hour still burns
    assert slo_math.rules_firing(_rates(h1=15, m5=0.2, h6=2, m30=0.2, d3=0.5), rules) == []


def test_slow_burn_fires_the_six_hour_page_and_the_ticket() -> None:
    firing = slo_math.rules_firing(_rates(h1=7, m5=7, h6=7, m30=7, d3=1.5), slo_math.rules_for_window(30))
    assert [(r.level, r.factor) for r in firing] == [(AlertLevel.PAGE, 6.0), (AlertLevel.TICKET, 1.0)]


def test_boundary_factor_fires_and_missing_window_does_not() -> None:
    rules = slo_math.rules_for_window(30)
    assert slo_math.rules_firing(_rates(h1=14.4, m5=14.4), rules)[0].factor == 14.4
    assert slo_math.rules_firing(_rates(h1=20), rules) == []


def test_rule_windows_are_the_five_workbook_windows_in_order() -> None:
    assert slo_math.rule_windows() == [timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=1),
                                       timedelta(hours=6), timedelta(days=3)]  # fmt: skip


def test_burn_rate_in_plain_words() -> None:
    window = timedelta(days=30)
    assert "untouched" in slo_math.burn_rate_words(0, window)
    assert "whole window" in slo_math.burn_rate_words(0.5, window)
    assert "14.4×" in slo_math.burn_rate_words(14.4, window) and "2.1 days" in slo_math.burn_rate_words(14.4, window)
    assert "5.0 hours" in slo_math.burn_rate_words(144, window)
    assert slo_math.burn_rate_words(None, window) == "No traffic in this period."
