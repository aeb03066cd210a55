"""The numbers (pure maths), and the same numbers read from real schemas against hand-computed values."""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
import time_machine
from django_tenants.utils import tenant_context

from feedback.choices import ItemKind
from feedback.models import Invitation
from feedback.rules import (
    Counts,
    adoption_pct,
    ces,
    churn_pct,
    nps,
    positive_feedback_pct,
    ratio_pct,
    response_rate_pct,
    satisfaction_pct,
    top,
)
from feedback.selectors import feedback_summary
from feedback.services.items import feedback_item_create, feedback_item_merge
from feedback.services.responses import survey_response_submit
from tenants.services.customers import customer_status_change
from tests.feedback.conftest import ROUND_TIME, VALID, invite


def test_ratio_rounds_half_up_to_two_places() -> None:
    assert ratio_pct(2, 3) == Decimal("66.67")
    assert ratio_pct(1, 8) == Decimal("12.50")
    assert ratio_pct(1, 200) == Decimal("0.50")
    assert ratio_pct(1, 0) is None


def test_satisfaction_counts_four_and_five_only() -> None:
    assert satisfaction_pct(Counts(csat=Counter({5: 1, 4: 1, 3: 1}))) == Decimal("66.67")
    assert satisfaction_pct(Counts(csat=Counter({1: 2, 2: 1}))) == Decimal("0.00")
    assert satisfaction_pct(Counts()) is None


def test_nps_is_promoters_minus_detractors() -> None:
    # 3 promoters (9, 10, 10), 2 passives (7, 8), 2 detractors (0, 6): (3 - 2) / 7 = 14.29
    counts = Counts(nps=Counter({9: 1, 10: 2, 7: 1, 8: 1, 0: 1, 6: 1}))
    assert nps(counts) == Decimal("14.29")
    assert positive_feedback_pct(counts) == Decimal("71.43")
    assert nps(Counts(nps=Counter({0: 4}))) == Decimal("-100.00")
    assert nps(Counts()) is None


def test_ces_is_the_mean_effort() -> None:
    assert ces(Counts(ces=Counter({7: 1, 6: 1, 2: 1}))) == Decimal("5.00")
    assert ces(Counts(ces=Counter({7: 2, 6: 1}))) == Decimal("6.67")
    assert ces(Counts()) is None


def test_rates_and_churn() -> None:
    assert response_rate_pct(Counts(invitations=6, responses=5)) == Decimal("83.33")
    assert response_rate_pct(Counts()) is None
    assert adoption_pct(Counts(features_used=7, features_offered=10)) == Decimal("70.00")
    assert churn_pct(withdrawn=1, selected=3) == Decimal("33.33")
    assert churn_pct(withdrawn=0, selected=0) is None


def test_counts_add_up() -> None:
    total = Counts(csat=Counter({5: 1}), invitations=2) + Counts(csat=Counter({5: 1, 1: 1}), responses=1)
    assert total.csat == Counter({5: 2, 1: 1}) and total.invitations == 2 and total.responses == 1


def test_top_breaks_ties_by_name() -> None:
    assert top(Counter({"b": 2, "a": 2, "c": 5, "d": 1}), 3) == [("c", 5), ("a", 2), ("b", 2)]


def _answer(invitation: Invitation, language: str, **answers: object) -> None:
    survey_response_submit(
        invitation=invitation,
        data={**VALID, **answers},
        language=language,
        now=invitation.round.opened_at + timedelta(hours=1),
    )


@pytest.fixture
def two_customers_answered(tenant_a, tenant_b):
    """Week 1 (1 March): A's two contacts answer CSAT 5 and 3, NPS 10 and 6, CES 7 and 4, features 2 and 5 of 5;
    B's English contact answers CSAT 4, NPS 8, CES 5, features 0 of 5 and B's Arabic contact does not answer.
    Week 2 (8 March): nothing. Week 3 (15 March): A's English contact answers CSAT 2, NPS 9, CES 1."""
    with time_machine.travel(ROUND_TIME + timedelta(hours=2), tick=False):
        return _answer_all(tenant_a, tenant_b)


def _answer_all(tenant_a, tenant_b):
    a, b = invite(tenant_a), invite(tenant_b)
    with tenant_context(tenant_a.tenant):
        _answer(
            a.invitations["ar"],
            "ar",
            satisfaction=5,
            recommend=10,
            effort=7,
            features=["reports", "mobile-app"],
            **{"pain-point": "Slow reports"},
        )
        _answer(
            a.invitations["en"],
            "en",
            satisfaction=3,
            recommend=6,
            effort=4,
            features=["farms-ponds", "water-quality", "daily-entry", "reports", "mobile-app"],
        )
        week3 = invite(tenant_a, ROUND_TIME + timedelta(weeks=2))
        third = Invitation.objects.get(round__week_start=date(2026, 3, 15), contact__language="en")
        _answer(third, "en", satisfaction=2, recommend=9, effort=1, features=[])
        feedback_item_create(kind=ItemKind.FEATURE_REQUEST, title="Excel export")
    with tenant_context(tenant_b.tenant):
        _answer(
            b.invitations["en"],
            "en",
            satisfaction=4,
            recommend=8,
            effort=5,
            features=[],
            **{"pain-point": "Slow reports"},
        )
        first = feedback_item_create(kind=ItemKind.FEATURE_REQUEST, title="Excel export")
        second = feedback_item_create(kind=ItemKind.FEATURE_REQUEST, title="Export to Excel please")
        feedback_item_merge(duplicate=second, into=first)
    return week3


def test_summary_over_every_customer_matches_hand_computed_numbers(two_customers_answered) -> None:
    summary = feedback_summary(start=date(2026, 3, 1), end=date(2026, 3, 22))
    # CSAT 5, 3, 4, 2 -> 2 of 4 positive
    assert summary.satisfaction_pct == Decimal("50.00")
    # NPS 10, 6, 8, 9 -> 2 promoters, 1 detractor of 4 -> 25
    assert summary.nps == Decimal("25.00")
    assert summary.positive_feedback_pct == Decimal("75.00")
    # CES 7, 4, 5, 1 -> 17 / 4
    assert summary.ces == Decimal("4.25")
    # 6 invitations (2 + 2 in week 1, 2 in week 3), 4 responses
    assert (summary.responses, summary.invitations, summary.response_rate_pct) == (4, 6, Decimal("66.67"))
    # features ticked 2 + 5 + 0 + 0 of 4 checklists x 5 offered
    assert summary.adoption_pct == Decimal("35.00")
    assert summary.churn_pct == Decimal("0.00")
    assert summary.top_pain_points == [("Slow reports", 2)]
    # B's merged duplicate counts in its target: 2 votes there, 1 at A
    assert summary.top_requests == [("Excel export", 3)]
    assert [w.week_start for w in summary.weekly] == [date(2026, 3, 1), date(2026, 3, 8), date(2026, 3, 15)]
    week1, empty, week3 = summary.weekly
    assert (week1.satisfaction_pct, week1.nps, week1.response_rate_pct, week1.responses) == (
        Decimal("66.67"),
        Decimal("0.00"),
        Decimal("75.00"),
        3,
    )
    assert (empty.satisfaction_pct, empty.nps, empty.response_rate_pct, empty.responses) == (None, None, None, 0)
    assert (week3.satisfaction_pct, week3.nps, week3.response_rate_pct) == (
        Decimal("0.00"),
        Decimal("100.00"),
        Decimal("50.00"),
    )


def test_summary_of_one_customer_reads_only_its_schema(two_customers_answered, tenant_b) -> None:
    summary = feedback_summary(customer=tenant_b)
    assert (summary.responses, summary.invitations, summary.satisfaction_pct) == (1, 2, Decimal("100.00"))
    assert summary.customers == 1


def test_window_excludes_weeks_outside_it(two_customers_answered) -> None:
    summary = feedback_summary(start=date(2026, 3, 8), end=date(2026, 3, 22))
    assert summary.responses == 1 and summary.satisfaction_pct == Decimal("0.00")


def test_churn_comes_from_the_public_status_history(tenant_a, tenant_b) -> None:
    customer_status_change(customer=tenant_b, to_status="withdrawn", note="left the pilot")
    assert feedback_summary().churn_pct == Decimal("50.00")
    assert feedback_summary(customer=tenant_b).churn_pct == Decimal("100.00")
    assert feedback_summary(customer=tenant_a).churn_pct == Decimal("0.00")


def test_no_data_gives_none_not_zero(tenant_a) -> None:
    summary = feedback_summary(customer=tenant_a)
    assert summary.satisfaction_pct is None and summary.nps is None and summary.response_rate_pct is None
    assert summary.weekly == [] and summary.responses == 0
