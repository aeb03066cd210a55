"""The plan's selection criteria: eligibility verdicts that explain themselves, and diversity."""

import pytest
from django.utils import translation

from tenants.choices import Region, TechExperience
from tenants.rules import diversity_verdict, eligibility_verdict

PLAN_CUSTOMERS = [  # (region, ponds) of the plan's three farms
    (Region.RIYADH, 3),
    (Region.MAKKAH, 2),
    (Region.EASTERN, 4),
]


@pytest.mark.parametrize(("region", "ponds"), PLAN_CUSTOMERS)
def test_plan_customers_are_eligible(region: str, ponds: int) -> None:
    verdict = eligibility_verdict(ponds=ponds, willing=True, tech_experience=TechExperience.BASIC, region=region)
    assert verdict.ok
    assert verdict.failures == ()
    assert len(verdict.reasons) == 4


@pytest.mark.parametrize(("ponds", "ok"), [(0, False), (1, True), (5, True), (6, False)])
def test_pond_count_boundaries(ponds: int, ok: bool) -> None:
    verdict = eligibility_verdict(ponds=ponds, willing=True, tech_experience=TechExperience.BASIC, region="riyadh")
    assert verdict.ok is ok
    if not ok:
        assert verdict.failures == (f"{ponds} ponds is outside the pilot's 1–5",)


def test_unwilling_farm_is_refused_with_reason() -> None:
    verdict = eligibility_verdict(ponds=3, willing=False, tech_experience=TechExperience.BASIC, region="riyadh")
    assert not verdict.ok
    assert verdict.failures == ("has not agreed to take part",)


def test_no_technical_experience_is_refused_with_reason() -> None:
    verdict = eligibility_verdict(ponds=3, willing=True, tech_experience=TechExperience.NONE, region="riyadh")
    assert verdict.failures == ("lacks basic technical experience",)


def test_unknown_region_is_refused_with_reason() -> None:
    verdict = eligibility_verdict(ponds=3, willing=True, tech_experience=TechExperience.ADVANCED, region="atlantis")
    assert verdict.failures == ("region is unknown",)


def test_every_failure_is_listed_at_once() -> None:
    verdict = eligibility_verdict(ponds=9, willing=False, tech_experience=TechExperience.NONE, region="x")
    assert len(verdict.failures) == 4


def test_plan_selection_is_diverse() -> None:
    verdict = diversity_verdict([region for region, _ponds in PLAN_CUSTOMERS])
    assert verdict.ok
    assert "3 selected customers span 3 regions" in verdict.reasons[0]


def test_three_farms_in_two_regions_are_not_diverse() -> None:
    verdict = diversity_verdict([Region.RIYADH, Region.RIYADH, Region.EASTERN])
    assert not verdict.ok
    assert "span only 2 region(s)" in verdict.reasons[0]
    assert "3 needed" in verdict.reasons[0]


def test_two_farms_in_two_regions_are_diverse() -> None:
    assert diversity_verdict([Region.RIYADH, Region.MAKKAH]).ok


def test_two_farms_in_one_region_are_not_diverse() -> None:
    assert not diversity_verdict([Region.RIYADH, Region.RIYADH]).ok


def test_empty_selection_is_not_diverse() -> None:
    verdict = diversity_verdict([])
    assert not verdict.ok
    assert verdict.reasons == ("no customer is selected yet",)


def test_a_verdict_is_worked_out_once_per_language_and_read_in_the_readers() -> None:
    """Verdicts are remembered per process (the staff API asks for one per customer row): per language, as their
    reasons are translated."""
    inputs = {"ponds": 3, "willing": True, "tech_experience": TechExperience.BASIC, "region": "riyadh"}
    with translation.override("en"):
        english = eligibility_verdict(**inputs)
        assert eligibility_verdict(**inputs) is english  # remembered
    with translation.override("ar"):
        arabic = eligibility_verdict(**inputs)
    assert "willing to take part" in english.reasons
    assert arabic.reasons != english.reasons and "willing to take part" not in arabic.reasons
    assert arabic.ok and english.ok
