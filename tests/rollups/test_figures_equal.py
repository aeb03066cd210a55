"""The figures read from the public summaries equal the direct per-schema computation on the same
data, for every window; writes refresh them in their own transaction; the reconciliation repairs
what a write cannot see."""

from dataclasses import replace
from datetime import date, timedelta

import pytest
import time_machine
from django.db.models import Count
from django_tenants.utils import tenant_context

from feedback.choices import ItemStatus
from feedback.models import Feature, FeedbackItem
from feedback.selectors import (
    DAY_FIELDS,
    SchemaCounts,
    _churn_ids,
    _counts_from_day,
    customer_summaries,
    feedback_dashboard,
    feedback_summary,
    schema_counts_read,
    summary_from_counts,
)
from feedback.services.items import feedback_item_status_set
from pilot.selectors.criteria_sources import Window, source_values
from rollups.models import FeedbackDay, FeedbackItemDay
from rollups.services import rollups_reconcile
from tests.feedback.conftest import ROUND_TIME
from tests.feedback.test_analysis import _answer_all

ITEM_FIELDS = ("votes", "items", "open_items")
WINDOWS = [
    (None, None),
    (date(2026, 3, 1), date(2026, 3, 22)),
    (date(2026, 3, 8), date(2026, 3, 22)),
    (None, date(2026, 3, 8)),
]


@pytest.fixture
def answered(tenant_a, tenant_b):
    with time_machine.travel(ROUND_TIME + timedelta(hours=2), tick=False):
        _answer_all(tenant_a, tenant_b)
        with tenant_context(tenant_b.tenant):
            feedback_item_status_set(item=FeedbackItem.objects.exclude(status=ItemStatus.MERGED).first(), status="done")
    return [tenant_a, tenant_b]


def _direct(customers, start, end, *, churn_of=None):
    """The old way: visit each schema and count its answers."""
    counts = SchemaCounts()
    for customer in customers:
        with tenant_context(customer.tenant):
            counts = counts + schema_counts_read(start=start, end=end)
    withdrawn, selected = _churn_ids(churn_of, start, end)
    churn = (len(withdrawn), len(selected))
    return summary_from_counts(counts=counts, churn=churn, customers=len(customers), start=start, end=end)


def _without_age(summary):
    return replace(summary, as_of=None)


@pytest.mark.parametrize(("start", "end"), WINDOWS)
def test_summaries_give_the_numbers_of_the_direct_computation(answered, start, end) -> None:
    assert _without_age(feedback_summary(start=start, end=end)) == _direct(answered, start, end)
    for customer in answered:
        one = feedback_summary(customer=customer, start=start, end=end)
        assert _without_age(one) == _direct([customer], start, end, churn_of=[customer])


def test_dashboard_rows_and_scorecard_values_equal_the_direct_computation(answered) -> None:
    overall, rows = feedback_dashboard()
    assert _without_age(overall) == _direct(answered, None, None)
    for customer, row in rows:
        direct = _direct([customer], None, None, churn_of=[customer])
        assert (row.satisfaction_pct, row.nps, row.adoption_pct, row.responses, row.top_requests) == (
            direct.satisfaction_pct,
            direct.nps,
            direct.adoption_pct,
            direct.responses,
            direct.top_requests,
        )
    values = source_values(window=Window(start=date(2026, 3, 1), end=date(2026, 3, 22)))
    direct = _direct(answered, date(2026, 3, 1), date(2026, 3, 22))
    assert values["feedback_satisfaction"].value == direct.satisfaction_pct
    assert values["feedback_adoption"].value == direct.adoption_pct
    assert values["feedback_satisfaction"].as_of is not None


def test_customer_summaries_sum_each_customers_counts(answered, tenant_a, tenant_b) -> None:
    summaries = customer_summaries(customers=answered)
    a, b = summaries[tenant_a.pk].counts, summaries[tenant_b.pk].counts
    assert (a.responses, a.invitations) == (3, 4)
    assert (b.responses, b.csat) == (1, {4: 1})
    # B: "Excel export" (2 votes with its merged duplicate) marked done; "Slow reports" still open
    assert (summaries[tenant_b.pk].feedback_items, summaries[tenant_b.pk].open_items) == (2, 1)


def test_reconciliation_repairs_what_a_write_could_not_see(answered, tenant_a) -> None:
    with tenant_context(tenant_a.tenant):
        Feature.objects.filter(key="mobile-app").update(active=False)  # adoption is ticked / offered
    FeedbackDay.objects.filter(customer=tenant_a).delete()  # and a lost row
    assert _without_age(feedback_summary()) != _direct(answered, None, None)
    assert rollups_reconcile() == 2
    assert _without_age(feedback_summary()) == _direct(answered, None, None)


def _summary_rows(customer) -> tuple[dict, dict]:
    """The customer's figures per day and per (day, kind, title) item, each the sum of its rows."""
    days: dict = {}
    for day, *figures in FeedbackDay.objects.filter(customer=customer).values_list("day", *DAY_FIELDS):
        days[day] = days[day] + _counts_from_day(*figures) if day in days else _counts_from_day(*figures)
    items: dict = {}
    item_rows = FeedbackItemDay.objects.filter(customer=customer).values_list("day", "kind", "title", *ITEM_FIELDS)
    for day, kind, title, *figures in item_rows:
        before = items.get((day, kind, title), (0, 0, 0))
        items[(day, kind, title)] = tuple(a + b for a, b in zip(before, figures, strict=True))
    return days, items


def _rows_per_key(customer) -> set[int]:
    days = FeedbackDay.objects.filter(customer=customer).values("day").annotate(rows=Count("id"))
    items = FeedbackItemDay.objects.filter(customer=customer).values("day", "kind", "title").annotate(rows=Count("id"))
    return {row["rows"] for row in [*days, *items]}


def test_answers_added_one_by_one_leave_the_figures_a_full_recount_makes(answered, tenant_a, tenant_b) -> None:
    """A first response appends its change to its week's figures (feedback_response_count) rather than recounting
    the week: after the fixture's answers, items and a revision, each customer's figures are those of a rebuild
    from scratch, which leaves one row per day and per item title."""
    from feedback.models import Invitation
    from feedback.services.rollups import feedback_rollups_rebuild
    from tests.feedback.test_analysis import _answer

    with time_machine.travel(ROUND_TIME + timedelta(hours=3), tick=False), tenant_context(tenant_a.tenant):
        revised = Invitation.objects.filter(response__isnull=False).order_by("pk").first()
        _answer(revised, "en", satisfaction=1, recommend=0, effort=2, features=[], **{"pain-point": "Crashes"})
    assert max(_rows_per_key(tenant_b)) > 1  # appended changes, not one row rewritten
    for customer in answered:
        written = _summary_rows(customer)
        assert any(counts.responses for counts in written[0].values()), customer.slug  # not an empty table
        with tenant_context(customer.tenant):
            feedback_rollups_rebuild(customer)
        assert _summary_rows(customer) == written, customer.slug
        assert _rows_per_key(customer) == {1}, customer.slug
