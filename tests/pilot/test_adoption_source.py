"""The scorecard's adoption criterion: measured adoption (AquaFarm's usage metrics) wins over the survey's."""

from decimal import Decimal

from pilot.selectors.criteria_sources import NO_DATA, SourceValue, adoption_value


def test_measured_adoption_wins_and_the_survey_stays_in_the_evidence() -> None:
    value = adoption_value(measured=Decimal("80.00"), survey=SourceValue(Decimal("65.00"), "feedback surveys"))
    assert value.value == Decimal("80.00")
    assert "usage metrics" in value.evidence and "65.00" in value.evidence


def test_the_survey_counts_until_usage_metrics_arrive() -> None:
    survey = SourceValue(Decimal("65.00"), "feedback surveys")
    assert adoption_value(measured=None, survey=survey) == survey
    assert adoption_value(measured=None, survey=NO_DATA) == NO_DATA
