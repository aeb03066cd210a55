"""The scorecard from the database: values from the adapter (injected), judged criteria, the
adapter's "no data yet", and the signed decision."""

import datetime as dt
import types
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pilot.choices import CriterionSource, CriterionStatus, Recommendation
from pilot.models import GoDecision, Program, SuccessCriterion
from pilot.selectors import criteria_sources, scorecard_get
from pilot.selectors.criteria_sources import SourceValue, Window
from pilot.services.criteria import criterion_judge, go_decision_record
from tests.pilot.conftest import START

AS_OF = dt.date(2026, 11, 14)
GOOD = {
    CriterionSource.SLO_AVAILABILITY: "99.80",
    CriterionSource.SLO_LATENCY: "96.00",
    CriterionSource.SLO_ERROR_RATE: "99.60",
    CriterionSource.INCIDENTS_DATA_LOSS: "0",
    CriterionSource.FEEDBACK_SATISFACTION: "85.00",
    CriterionSource.FEEDBACK_ADOPTION: "75.00",
    CriterionSource.FEEDBACK_CHURN: "2.00",
    CriterionSource.FEEDBACK_POSITIVE: "90.00",
}


@pytest.fixture
def inject(monkeypatch: pytest.MonkeyPatch):
    """Replace the adapter's values; returns the windows it was asked for."""
    asked: list[Window] = []

    def install(**overrides: str | None) -> list[Window]:
        values = {**GOOD, **overrides}

        def fake(*, window: Window) -> dict:
            asked.append(window)
            return {key: SourceValue(None if v is None else Decimal(v), "injected") for key, v in values.items()}

        monkeypatch.setattr(criteria_sources, "source_values", fake)
        return asked

    return install


def judge_all_business(by, status: str = CriterionStatus.MET) -> None:
    for criterion in SuccessCriterion.objects.filter(source=CriterionSource.MANUAL):
        criterion_judge(criterion=criterion, status=status, evidence="signed customer letters", by=by)


def test_the_plans_twelve_criteria_are_seeded(program: Program) -> None:
    groups = list(SuccessCriterion.objects.values_list("group", flat=True))
    assert (groups.count("technical"), groups.count("user_experience"), groups.count("business")) == (4, 4, 4)


def test_all_met_recommends_go_over_the_program_window(program: Program, inject, program_manager) -> None:
    asked = inject()
    judge_all_business(program_manager)
    card = scorecard_get(as_of=AS_OF)
    assert card.recommendation == Recommendation.GO
    assert card.counts[CriterionStatus.MET] == 12
    assert asked == [Window(start=START, end=AS_OF + dt.timedelta(days=1))]


def test_unjudged_business_criteria_make_it_go_with_conditions(program: Program, inject) -> None:
    inject()
    card = scorecard_get(as_of=AS_OF)
    assert card.recommendation == Recommendation.GO_WITH_CONDITIONS
    assert set(card.conditions) == {"data-migration", "efficiency", "cost-savings", "roi"}
    assert all(row.evidence == "not judged yet" for row in card.rows if row.group == "business")


def test_uptime_below_target_is_no_go(program: Program, inject, program_manager) -> None:
    inject(**{CriterionSource.SLO_AVAILABILITY: "99.00"})
    judge_all_business(program_manager)
    card = scorecard_get(as_of=AS_OF)
    assert card.recommendation == Recommendation.NO_GO
    assert card.conditions == ("uptime",)


def test_a_data_loss_incident_is_no_go(program: Program, inject, program_manager) -> None:
    inject(**{CriterionSource.INCIDENTS_DATA_LOSS: "1"})
    judge_all_business(program_manager)
    assert scorecard_get(as_of=AS_OF).recommendation == Recommendation.NO_GO


def test_uptime_just_short_is_at_risk_and_go_with_conditions(program: Program, inject, program_manager) -> None:
    inject(**{CriterionSource.SLO_AVAILABILITY: "99.40"})
    judge_all_business(program_manager)
    card = scorecard_get(as_of=AS_OF)
    assert {row.key: row.status for row in card.rows}["uptime"] == CriterionStatus.AT_RISK
    assert card.recommendation == Recommendation.GO_WITH_CONDITIONS


def test_satisfaction_of_exactly_80_does_not_meet_more_than_80(program: Program, inject, program_manager) -> None:
    inject(**{CriterionSource.FEEDBACK_SATISFACTION: "80.00"})
    judge_all_business(program_manager)
    assert {r.key: r.status for r in scorecard_get(as_of=AS_OF).rows}["satisfaction"] == CriterionStatus.AT_RISK


def test_two_user_experience_failures_are_no_go(program: Program, inject, program_manager) -> None:
    inject(**{CriterionSource.FEEDBACK_SATISFACTION: "50.00", CriterionSource.FEEDBACK_CHURN: "20.00"})
    judge_all_business(program_manager)
    assert scorecard_get(as_of=AS_OF).recommendation == Recommendation.NO_GO


def test_one_business_criterion_judged_not_met_is_go_with_conditions(program: Program, inject, program_manager) -> None:
    inject()
    judge_all_business(program_manager)
    roi = SuccessCriterion.objects.get(key="roi")
    criterion_judge(
        criterion=roi, status=CriterionStatus.NOT_MET, evidence="payback after 18 months", by=program_manager
    )
    card = scorecard_get(as_of=AS_OF)
    assert card.recommendation == Recommendation.GO_WITH_CONDITIONS
    assert card.conditions == ("roi",)


def test_missing_sources_show_no_data_yet(program: Program, inject) -> None:
    inject(**dict.fromkeys(GOOD))
    card = scorecard_get(as_of=AS_OF)
    measured = [row for row in card.rows if row.group != "business"]
    assert {row.status for row in measured} == {CriterionStatus.UNKNOWN}
    assert card.recommendation == Recommendation.GO_WITH_CONDITIONS


def test_adapter_turns_none_answers_into_no_data_yet(program: Program, monkeypatch) -> None:
    monkeypatch.setattr(criteria_sources, "feedback_summary", lambda **kwargs: None)
    monkeypatch.setattr(criteria_sources, "incident_sla_summary", lambda **kwargs: None)
    monkeypatch.setattr(criteria_sources, "slo_summary", lambda **kwargs: [])
    values = criteria_sources.source_values(window=Window(start=START, end=AS_OF))
    assert all(value.value is None for value in values.values())
    assert str(values[CriterionSource.FEEDBACK_SATISFACTION].evidence) == "no data yet"


def test_adapter_reads_each_apps_contract_fields(program: Program, monkeypatch) -> None:
    slo = types.SimpleNamespace(key="availability", name="Availability", compliance_pct=Decimal("99.81"))
    monkeypatch.setattr(criteria_sources, "slo_summary", lambda **kwargs: [slo])
    feedback = types.SimpleNamespace(
        satisfaction_pct=Decimal("83.33"), adoption_pct=None, churn_pct=Decimal("3.10"), positive_feedback_pct=None
    )
    monkeypatch.setattr(criteria_sources, "feedback_summary", lambda **kwargs: feedback)
    monkeypatch.setattr(
        criteria_sources, "incident_sla_summary", lambda **kwargs: types.SimpleNamespace(data_loss_incidents=0)
    )
    values = criteria_sources.source_values(window=Window(start=START, end=AS_OF))
    assert values[CriterionSource.SLO_AVAILABILITY].value == Decimal("99.81")
    assert values[CriterionSource.SLO_LATENCY].value is None
    assert values[CriterionSource.FEEDBACK_SATISFACTION].value == Decimal("83.33")
    assert values[CriterionSource.FEEDBACK_ADOPTION].value is None
    assert values[CriterionSource.INCIDENTS_DATA_LOSS].value == 0


def test_a_judgement_needs_evidence_and_only_judged_criteria_take_one(program: Program, program_manager) -> None:
    roi = SuccessCriterion.objects.get(key="roi")
    with pytest.raises(ValidationError) as error:
        criterion_judge(criterion=roi, status=CriterionStatus.MET, evidence=" ", by=program_manager)
    assert list(error.value.message_dict) == ["evidence"]
    uptime = SuccessCriterion.objects.get(key="uptime")
    with pytest.raises(ValidationError) as error:
        criterion_judge(criterion=uptime, status=CriterionStatus.MET, evidence="trust me", by=program_manager)
    assert list(error.value.message_dict) == ["judged_status"]


def test_the_decision_records_the_recommendation_it_confirms_and_the_signature(
    program: Program, inject, program_manager
) -> None:
    inject()
    decision = go_decision_record(
        decision=Recommendation.GO, note="Business case accepted.", signed_name="Noura", by=program_manager, as_of=AS_OF
    )
    assert (decision.decision, decision.recommendation) == (Recommendation.GO, Recommendation.GO_WITH_CONDITIONS)
    assert scorecard_get(as_of=AS_OF).decision == decision


def test_a_decision_without_note_or_signature_is_refused(program: Program, program_manager) -> None:
    with pytest.raises(ValidationError) as error:
        go_decision_record(decision="maybe", note="", signed_name="", by=program_manager)
    assert set(error.value.message_dict) == {"decision", "note", "signed_name"}
    assert not GoDecision.objects.exists()


def test_a_signature_longer_than_its_field_is_refused_on_that_field(program: Program, pm_client) -> None:
    """A 500-character name was a 500 (the column holds 120); now a message on the name, in the page and the API."""
    page = pm_client.post(
        "/admin/pilot/scorecard/", {"decision": "go", "note": "ok", "signed_name": "N" * 500}, HTTP_ACCEPT_LANGUAGE="ar"
    )
    assert page.status_code == 400 and "120" in page.content.decode()
    api = pm_client.post(
        "/api/v1/success-criteria/decision/",
        {"decision": "go", "note": "ok", "signed_name": "N" * 500},
        content_type="application/json",
    )
    assert api.status_code == 400 and set(api.json()) == {"signed_name"}
    assert not GoDecision.objects.exists()
