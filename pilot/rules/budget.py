"""Budget arithmetic over plain values (no ORM): pro-rated months, one-time costs, forecasts.

Rules (documented here because the figures on every page come from them):
- A monthly amount is spread over calendar months by day: a day of a 30-day month costs
  amount / 30, a day of a 31-day month amount / 31. So a full month costs exactly the amount.
- A one-time amount falls due entirely on its start date.
- Planned to date counts every day up to and including `as_of`.
- Forecast at the end = actual to date + what the plan still expects after `as_of`; when a line
  is already over its whole plan, the actual is the forecast.
- Variance = actual to date − planned to date (positive: spending ahead of plan).
- Alert when actual runs ahead of plan by more than the threshold share of the plan to date
  (or at all, when nothing was planned yet).
"""

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def months_between(start: dt.date, end: dt.date) -> Decimal:
    """Calendar months in [start, end), each day weighted 1 / days of its month (unrounded)."""
    total = Decimal(0)
    day = start
    while day < end:
        days_in_month = calendar.monthrange(day.year, day.month)[1]
        month_end = dt.date(day.year, day.month, days_in_month) + dt.timedelta(days=1)
        stop = min(month_end, end)
        total += Decimal((stop - day).days) / Decimal(days_in_month)
        day = stop
    return total


@dataclass(frozen=True)
class LineSpec:
    """A budget line as the maths sees it: its window is [start, end) in days."""

    amount: Decimal
    monthly: bool
    start: dt.date
    end: dt.date


def planned_between(line: LineSpec, start: dt.date, end: dt.date) -> Decimal:
    """What the line plans to spend over [start, end)."""
    lo, hi = max(start, line.start), min(end, line.end)
    if line.monthly:
        return money(line.amount * months_between(lo, hi)) if lo < hi else ZERO
    return money(line.amount) if start <= line.start < end else ZERO


def planned_total(line: LineSpec) -> Decimal:
    return planned_between(line, line.start, line.end)


def planned_to_date(line: LineSpec, as_of: dt.date) -> Decimal:
    return planned_between(line, line.start, as_of + dt.timedelta(days=1))


def forecast_at_end(*, planned_total: Decimal, planned_to_date: Decimal, actual_to_date: Decimal) -> Decimal:
    remaining = max(planned_total - planned_to_date, ZERO)
    return money(actual_to_date + remaining)


def is_ahead_of_plan(*, planned: Decimal, actual: Decimal, threshold_pct: Decimal) -> bool:
    if actual <= planned:
        return False
    if planned == 0:
        return True
    return (actual - planned) / planned * 100 > threshold_pct
