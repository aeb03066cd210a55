"""Success-criteria targets read in the reader's language: the Arabic scorecard shows no English-typed target."""

from django.utils import translation

from pilot.models import SuccessCriterion
from pilot.selectors.scorecard import criterion_target
from pilot.services.program import program_plan_seed


def test_a_typed_target_shows_its_arabic_text_in_arabic(db) -> None:
    criterion = SuccessCriterion(
        key="farms", group="business", title_en="Farms", target="≥ 3 farms", target_ar="≥ 3 مزارع"
    )
    with translation.override("ar"):
        assert criterion_target(criterion) == "≥ 3 مزارع"
    with translation.override("en"):
        assert criterion_target(criterion) == "≥ 3 farms"


def test_the_plans_targets_have_their_arabic_after_setup(db) -> None:
    program_plan_seed()
    uptime = SuccessCriterion.objects.get(key="uptime")
    assert uptime.target_ar and uptime.target_ar != uptime.target
