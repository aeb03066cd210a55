"""The pilot's feedback numbers as pure functions over counts (no ORM): tested exhaustively.

Percentages are Decimal with two places (ROUND_HALF_UP), or None when there is nothing to measure.
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from feedback.constants import CSAT_POSITIVE_MIN, NPS_PASSIVE_MIN, NPS_PROMOTER_MIN

TWO_PLACES = Decimal("0.01")


def ratio_pct(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def mean(total: int, count: int) -> Decimal | None:
    if not count:
        return None
    return (Decimal(total) / Decimal(count)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass
class Counts:
    """Everything the numbers are computed from; counts of several weeks or customers add up."""

    csat: Counter[int] = field(default_factory=Counter)  # score -> answers
    nps: Counter[int] = field(default_factory=Counter)
    ces: Counter[int] = field(default_factory=Counter)
    invitations: int = 0
    responses: int = 0
    features_used: int = 0
    features_offered: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(
            csat=self.csat + other.csat,
            nps=self.nps + other.nps,
            ces=self.ces + other.ces,
            invitations=self.invitations + other.invitations,
            responses=self.responses + other.responses,
            features_used=self.features_used + other.features_used,
            features_offered=self.features_offered + other.features_offered,
        )


def counts_sum(many: Iterable[Counts]) -> Counts:
    """The sum of many counts, accumulated in place (summing thousands of weeks pairwise would build
    a new counter at every step)."""
    total = Counts()
    for counts in many:
        for name in ("csat", "nps", "ces"):
            getattr(total, name).update(getattr(counts, name))
        total.invitations += counts.invitations
        total.responses += counts.responses
        total.features_used += counts.features_used
        total.features_offered += counts.features_offered
    return total


def _at_least(counter: Counter[int], low: int) -> int:
    return sum(n for score, n in counter.items() if score >= low)


def satisfaction_pct(counts: Counts) -> Decimal | None:
    """Share of CSAT answers of 4 or 5."""
    return ratio_pct(_at_least(counts.csat, CSAT_POSITIVE_MIN), counts.csat.total())


def nps(counts: Counts) -> Decimal | None:
    """Net promoter score: % promoters (9–10) minus % detractors (0–6), −100…100."""
    total = counts.nps.total()
    if not total:
        return None
    promoters = _at_least(counts.nps, NPS_PROMOTER_MIN)
    detractors = total - _at_least(counts.nps, NPS_PASSIVE_MIN)
    return (Decimal(promoters - detractors) * 100 / Decimal(total)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def positive_feedback_pct(counts: Counts) -> Decimal | None:
    """Share of NPS answers that are not detractors (promoters 9–10 plus passives 7–8)."""
    return ratio_pct(_at_least(counts.nps, NPS_PASSIVE_MIN), counts.nps.total())


def ces(counts: Counts) -> Decimal | None:
    """Mean customer-effort score on the 1–7 scale (7 = very easy)."""
    return mean(sum(score * n for score, n in counts.ces.items()), counts.ces.total())


def response_rate_pct(counts: Counts) -> Decimal | None:
    return ratio_pct(counts.responses, counts.invitations)


def adoption_pct(counts: Counts) -> Decimal | None:
    """Features ticked / features offered, over every feature checklist answered."""
    return ratio_pct(counts.features_used, counts.features_offered)


def churn_pct(*, withdrawn: int, selected: int) -> Decimal | None:
    return ratio_pct(withdrawn, selected)


def top(counter: Counter[str], n: int) -> list[tuple[str, int]]:
    """The n largest, ties broken by name so the order is stable."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:n]
