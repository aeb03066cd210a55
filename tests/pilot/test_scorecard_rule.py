"""The documented scorecard rule, on every combination that changes the recommendation."""

from decimal import Decimal

import pytest

from pilot.choices import Comparison, CriterionStatus, Recommendation
from pilot.rules.scorecard import criterion_status, recommend

MET, AT_RISK, NOT_MET, UNKNOWN = (
    CriterionStatus.MET,
    CriterionStatus.AT_RISK,
    CriterionStatus.NOT_MET,
    CriterionStatus.UNKNOWN,
)


def card(**overrides: str) -> list[tuple[str, str, str]]:
    groups = {"uptime": "technical", "latency": "technical", "satisfaction": "user_experience", "roi": "business"}
    return [(key, group, overrides.get(key, MET)) for key, group in groups.items()]


@pytest.mark.parametrize(
    ("overrides", "expected", "conditions"),
    [
        ({}, Recommendation.GO, ()),
        ({"satisfaction": AT_RISK}, Recommendation.GO_WITH_CONDITIONS, ("satisfaction",)),
        ({"roi": UNKNOWN}, Recommendation.GO_WITH_CONDITIONS, ("roi",)),
        ({"uptime": AT_RISK}, Recommendation.GO_WITH_CONDITIONS, ("uptime",)),
        ({"uptime": UNKNOWN}, Recommendation.GO_WITH_CONDITIONS, ("uptime",)),
        ({"satisfaction": NOT_MET}, Recommendation.GO_WITH_CONDITIONS, ("satisfaction",)),
        ({"uptime": NOT_MET}, Recommendation.NO_GO, ("uptime",)),
        ({"uptime": NOT_MET, "satisfaction": AT_RISK}, Recommendation.NO_GO, ("uptime",)),
        ({"satisfaction": NOT_MET, "roi": NOT_MET}, Recommendation.NO_GO, ("satisfaction", "roi")),
        ({"satisfaction": NOT_MET, "roi": AT_RISK}, Recommendation.GO_WITH_CONDITIONS, ("satisfaction", "roi")),
    ],
)
def test_recommendation(overrides: dict, expected: str, conditions: tuple) -> None:
    verdict = recommend(card(**overrides))
    assert verdict.recommendation == expected
    assert verdict.conditions == conditions


def test_an_empty_scorecard_is_never_a_plain_go() -> None:
    assert recommend([]).recommendation == Recommendation.GO_WITH_CONDITIONS


@pytest.mark.parametrize(
    ("value", "comparison", "status"),
    [
        (None, Comparison.AT_LEAST, UNKNOWN),
        ("99.50", Comparison.AT_LEAST, MET),
        ("99.40", Comparison.AT_LEAST, AT_RISK),  # 0.1 short, margin 0.2
        ("99.30", Comparison.AT_LEAST, AT_RISK),
        ("99.29", Comparison.AT_LEAST, NOT_MET),
        ("99.50", Comparison.AT_MOST, MET),
        ("99.70", Comparison.AT_MOST, AT_RISK),
        ("99.71", Comparison.AT_MOST, NOT_MET),
    ],
)
def test_criterion_status(value: str | None, comparison: str, status: str) -> None:
    result = criterion_status(
        value=None if value is None else Decimal(value),
        comparison=comparison,
        threshold=Decimal("99.50"),
        margin=Decimal("0.20"),
    )
    assert result == status
