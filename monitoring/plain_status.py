"""The customer's service status in a farmer's words: pure functions over SLO figures, no database.

Customers never read SRE terms (error budget, burn rate, page alerts): their status is *works
normally*, *slower than usual* or *interrupted*, and the week is told as "x % of your requests worked"
and "y % of pages opened in under 2 seconds".
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from monitoring.choices import SloKey

NORMAL, SLOW, INTERRUPTED, UNKNOWN = "normal", "slow", "interrupted", "unknown"
# SLOs whose failure means requests fail (the service is interrupted for the customer) or are slow.
FAILING_KEYS = frozenset({SloKey.AVAILABILITY, SloKey.ERROR_RATE})
SLOW_KEYS = frozenset({SloKey.LATENCY})

STATE_WORDS = {
    NORMAL: _("AquaFarm works normally"),
    SLOW: _("AquaFarm is slower than usual"),
    INTERRUPTED: _("AquaFarm is interrupted for some of your requests"),
    UNKNOWN: _("We have no measurements for today yet"),
}
STATE_TONE = {NORMAL: "ok", SLOW: "warn", INTERRUPTED: "bad", UNKNOWN: ""}


@dataclass(frozen=True)
class SloFigure:
    """One SLO over a period: whether it met its target (None without data)."""

    key: str
    met: bool | None
    compliance_pct: Decimal | None


def status_state(*, today: list[SloFigure], alerting_keys: set[str]) -> str:
    """Today's state: an alert or a missed target on the request SLOs is an interruption; on latency,
    slowness; no data at all and no alert is unknown."""
    missed = {figure.key for figure in today if figure.met is False} | alerting_keys
    if missed & FAILING_KEYS:
        return INTERRUPTED
    if missed & SLOW_KEYS:
        return SLOW
    if all(figure.met is None for figure in today):
        return UNKNOWN
    return NORMAL


def figure_pct(figures: list[SloFigure], key: str) -> Decimal | None:
    """The compliance of one SLO among the figures (None when absent or without data)."""
    return next((figure.compliance_pct for figure in figures if figure.key == key), None)
