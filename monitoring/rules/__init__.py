"""Pure SLO arithmetic: compliance, error budgets, burn rates and multi-window burn-rate alerts.

No ORM and no clock here: plain values in, plain values out (tested exhaustively in
tests/monitoring/test_slo_math.py). Ratios are event-based: good events / all events.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from monitoring.choices import AlertLevel

CENT = Decimal("0.01")
WORKBOOK_WINDOW_DAYS = 30


def _pct(value: float | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def allowed_bad_ratio(target_pct: Decimal) -> float:
    """The share of events the SLO lets fail (0.005 for 99.5 %)."""
    return float(Decimal(100) - Decimal(target_pct)) / 100


def compliance_ratio(good: float, total: float) -> float | None:
    if total <= 0:
        return None
    return min(max(good / total, 0.0), 1.0)


def compliance_pct(good: float, total: float) -> Decimal | None:
    ratio = compliance_ratio(good, total)
    return None if ratio is None else _pct(ratio * 100)


def is_met(good: float, total: float, target_pct: Decimal) -> bool | None:
    """Compared before rounding, so 99.496 % does not pass a 99.5 % target."""
    ratio = compliance_ratio(good, total)
    return None if ratio is None else ratio * 100 >= float(target_pct) - 1e-9


def burn_rate(good: float, total: float, target_pct: Decimal) -> float | None:
    """How many times faster than sustainable the budget is spent (1.0 = exactly on budget)."""
    ratio = compliance_ratio(good, total)
    if ratio is None:
        return None
    return (1 - ratio) / allowed_bad_ratio(target_pct)


def budget_remaining_fraction(good: float, total: float, target_pct: Decimal) -> float | None:
    """1.0 with no bad events; 0 when the budget is spent; negative when overspent."""
    rate = burn_rate(good, total, target_pct)
    return None if rate is None else 1 - rate


def budget_remaining_pct(good: float, total: float, target_pct: Decimal) -> Decimal | None:
    fraction = budget_remaining_fraction(good, total, target_pct)
    return None if fraction is None else _pct(fraction * 100)


def budget_minutes(window: timedelta, target_pct: Decimal) -> float:
    """The whole budget of a window in minutes of total failure (216 min for 99.5 % over 30 days)."""
    return window.total_seconds() / 60 * allowed_bad_ratio(target_pct)


def budget_remaining_minutes(good: float, total: float, target_pct: Decimal, window: timedelta) -> float | None:
    fraction = budget_remaining_fraction(good, total, target_pct)
    return None if fraction is None else fraction * budget_minutes(window, target_pct)


@dataclass(frozen=True)
class BurnRule:
    """Alert when the burn rate exceeds `factor` over both the long and the short window."""

    level: str
    factor: float
    long: timedelta
    short: timedelta


# The Google SRE workbook, chapter 5, for a 30-day SLO window.
WORKBOOK_RULES: tuple[BurnRule, ...] = (
    BurnRule(AlertLevel.PAGE, 14.4, timedelta(hours=1), timedelta(minutes=5)),
    BurnRule(AlertLevel.PAGE, 6.0, timedelta(hours=6), timedelta(minutes=30)),
    BurnRule(AlertLevel.TICKET, 1.0, timedelta(days=3), timedelta(hours=6)),
)


def rules_for_window(window_days: int, rules: tuple[BurnRule, ...] = WORKBOOK_RULES) -> tuple[BurnRule, ...]:
    """The workbook's rules keep their meaning (14.4× = 2 % of the budget in 1 h) on another window:
    the share of budget spent is factor × long / window, so the factor scales with the window."""
    scale = window_days / WORKBOOK_WINDOW_DAYS
    return tuple(BurnRule(rule.level, rule.factor * scale, rule.long, rule.short) for rule in rules)


def rule_windows(rules: tuple[BurnRule, ...] = WORKBOOK_RULES) -> list[timedelta]:
    return sorted({window for rule in rules for window in (rule.long, rule.short)})


def rules_firing(burn_rates: Mapping[timedelta, float | None], rules: tuple[BurnRule, ...]) -> list[BurnRule]:
    """The rules whose long and short windows both burn at or above the factor (no data: no alert)."""
    return [
        rule for rule in rules if _burns(burn_rates.get(rule.long), rule) and _burns(burn_rates.get(rule.short), rule)
    ]


def _burns(rate: float | None, rule: BurnRule) -> bool:
    return rate is not None and rate >= rule.factor


def budget_words(rate: float | None, window: timedelta, remaining_pct: Decimal | float | None) -> str:
    """The budget in words that agree with its numbers: a spent budget is never given a forecast."""
    if remaining_pct is not None and remaining_pct < 0:
        return budget_exhausted_words(window, remaining_pct)
    return burn_rate_words(rate, window)


def budget_exhausted_words(window: timedelta, remaining_pct: Decimal | float) -> str:
    """When the window's bad events spread evenly, the budget ran out when 1/spent of them had happened."""
    spent = 1 - float(remaining_pct) / 100  # e.g. 5.93 for a budget at -493 %
    ago = window * (1 - 1 / spent)
    return _("Error budget exhausted about %(time)s ago.") % {"time": duration_words(ago)}


def burn_rate_words(rate: float | None, window: timedelta) -> str:
    """The burn rate said plainly: how long the whole budget would last at this pace."""
    if rate is None:
        return _("No traffic in this period.")
    if rate <= 0:
        return _("No errors: the error budget is untouched.")
    if rate <= 1:
        return _("Within budget: at this pace the budget lasts the whole window.")
    return _("Burning %(rate).1f× faster than sustainable: the whole budget would be gone in %(time)s.") % {
        "rate": rate,
        "time": duration_words(window / rate),
    }


def duration_words(duration: timedelta) -> str:
    hours = duration.total_seconds() / 3600
    if hours >= 48:
        return _("%(n).1f days") % {"n": hours / 24}
    if hours >= 1:
        return _("%(n).1f hours") % {"n": hours}
    return _("%(n)d minutes") % {"n": round(hours * 60)}
