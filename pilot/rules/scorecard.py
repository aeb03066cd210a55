"""The success-criteria scorecard over plain values (no ORM): a criterion's status, and the
documented rule that turns the scorecard into a recommendation.

Status of a measured criterion:
- no value → unknown ("no data yet");
- the value meets the threshold (≥ for "at least", ≤ for "at most") → met;
- it misses by no more than the criterion's at-risk margin → at risk;
- otherwise → not met.
A judged criterion has the status the person recorded (unknown until then).

Recommendation rule:
1. NO-GO when any technical criterion is not met (uptime, speed, errors, data loss cannot be
   traded away), or when two or more criteria of any group are not met.
2. GO when every criterion is met.
3. Otherwise GO WITH CONDITIONS: the conditions are the criteria that are not met (at most one,
   non-technical), at risk, or still unknown.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from pilot.choices import Comparison, CriterionGroup, CriterionStatus, Recommendation


def criterion_status(*, value: Decimal | None, comparison: str, threshold: Decimal, margin: Decimal) -> str:
    if value is None:
        return CriterionStatus.UNKNOWN
    shortfall = threshold - value if comparison == Comparison.AT_LEAST else value - threshold
    if shortfall <= 0:
        return CriterionStatus.MET
    return CriterionStatus.AT_RISK if shortfall <= margin else CriterionStatus.NOT_MET


@dataclass(frozen=True)
class Verdict:
    recommendation: str
    conditions: tuple[str, ...]  # keys of the criteria that keep the verdict from a plain GO
    reason: str  # which clause of the rule applied: "technical_not_met", "several_not_met", "all_met", "conditions"


def recommend(statuses: Iterable[tuple[str, str, str]]) -> Verdict:
    """`statuses` holds (key, group, status) per criterion."""
    rows = list(statuses)
    not_met = [key for key, _group, status in rows if status == CriterionStatus.NOT_MET]
    technical_fail = [
        key for key, group, status in rows if group == CriterionGroup.TECHNICAL and status == CriterionStatus.NOT_MET
    ]
    if technical_fail:
        return Verdict(Recommendation.NO_GO, tuple(technical_fail), "technical_not_met")
    if len(not_met) >= 2:
        return Verdict(Recommendation.NO_GO, tuple(not_met), "several_not_met")
    open_keys = tuple(key for key, _group, status in rows if status != CriterionStatus.MET)
    if rows and not open_keys:
        return Verdict(Recommendation.GO, (), "all_met")
    return Verdict(Recommendation.GO_WITH_CONDITIONS, open_keys, "conditions")
