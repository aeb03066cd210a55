"""Budget arithmetic without the database: pro-rated months, one-time lines, forecasts, alerts."""

import datetime as dt
from decimal import Decimal

import pytest

from pilot.rules import budget
from tests.pilot.conftest import END, START

INFRA = budget.LineSpec(amount=Decimal("500"), monthly=True, start=START, end=END)
SUPPORT = budget.LineSpec(amount=Decimal("2000"), monthly=True, start=START, end=END)
TRAINING = budget.LineSpec(amount=Decimal("1000"), monthly=False, start=START, end=END)


def test_a_full_calendar_month_is_one_month() -> None:
    assert budget.months_between(dt.date(2026, 2, 1), dt.date(2026, 3, 1)) == 1
    assert budget.months_between(dt.date(2026, 10, 1), dt.date(2026, 11, 1)) == 1


def test_part_months_are_weighted_by_the_days_of_their_own_month() -> None:
    # 25 of September's 30 days, all of October, 14 of November's 30 days.
    assert budget.months_between(START, END) == Decimal(25) / 30 + 1 + Decimal(14) / 30
    assert budget.months_between(START, END).quantize(Decimal("0.01")) == Decimal("2.30")


def test_empty_window_has_no_months() -> None:
    assert budget.months_between(START, START) == 0


def test_the_plans_figures_over_the_actual_duration() -> None:
    assert budget.planned_total(INFRA) == Decimal("1150.00")
    assert budget.planned_total(SUPPORT) == Decimal("4600.00")
    assert budget.planned_total(TRAINING) == Decimal("1000.00")
    # Not "$3,500/month": $2,500 a month recurring over 2.3 months, plus $1,000 once.
    total = sum(budget.planned_total(line) for line in (INFRA, SUPPORT, TRAINING))
    assert total == Decimal("6750.00")


def test_monthly_line_planned_to_date_is_pro_rated_by_day_and_includes_as_of() -> None:
    assert budget.planned_to_date(INFRA, START) == Decimal("16.67")  # one day of 30
    assert budget.planned_to_date(INFRA, dt.date(2026, 9, 30)) == Decimal("416.67")  # 25/30
    assert budget.planned_to_date(INFRA, dt.date(2026, 10, 31)) == Decimal("916.67")


def test_nothing_is_planned_before_the_line_starts_or_more_after_it_ends() -> None:
    assert budget.planned_to_date(INFRA, START - dt.timedelta(days=1)) == 0
    assert budget.planned_to_date(INFRA, dt.date(2027, 1, 1)) == budget.planned_total(INFRA)


def test_one_time_line_falls_due_entirely_on_its_start_date() -> None:
    assert budget.planned_to_date(TRAINING, START - dt.timedelta(days=1)) == 0
    assert budget.planned_to_date(TRAINING, START) == Decimal("1000.00")
    late_training = budget.LineSpec(amount=Decimal("1000"), monthly=False, start=dt.date(2026, 10, 1), end=END)
    assert budget.planned_to_date(late_training, dt.date(2026, 9, 30)) == 0
    assert budget.planned_to_date(late_training, dt.date(2026, 10, 1)) == Decimal("1000.00")


def test_forecast_adds_the_remaining_plan_to_the_actual() -> None:
    forecast = budget.forecast_at_end(
        planned_total=Decimal("1150.00"), planned_to_date=Decimal("416.67"), actual_to_date=Decimal("500.00")
    )
    assert forecast == Decimal("1233.33")


def test_forecast_of_a_line_already_over_its_whole_plan_is_its_actual() -> None:
    forecast = budget.forecast_at_end(
        planned_total=Decimal("1000.00"), planned_to_date=Decimal("1000.00"), actual_to_date=Decimal("1200.00")
    )
    assert forecast == Decimal("1200.00")


@pytest.mark.parametrize(
    ("planned", "actual", "alert"),
    [
        ("100", "110", False),  # exactly 10 % ahead: not more than the threshold
        ("100", "110.01", True),
        ("100", "90", False),
        ("0", "0", False),
        ("0", "5", True),  # spending before anything was planned
    ],
)
def test_alert_when_actual_runs_ahead_of_plan_by_more_than_the_threshold(
    planned: str, actual: str, alert: bool
) -> None:
    assert (
        budget.is_ahead_of_plan(planned=Decimal(planned), actual=Decimal(actual), threshold_pct=Decimal("10")) is alert
    )
