"""Keeps this customer's feedback figures and its surveys in the public summaries (rollups) current.

Called by every feedback write inside its own transaction, after the change: the summary rows
change with the data or not at all, and pages never lag behind a write. A first response or a new
item appends a row with its change (the readers sum a day's rows); changes that can take counts away
(revisions, votes, status changes) recount their days, replacing the rows. A per-customer advisory
lock (rollups.services.rollup_lock) makes the recounts wait for each other and for the appends, each
from committed data, so none stores stale counts; appends, taking it shared, do not wait for each
other. The reconciliation rebuilds everything (`feedback_rollups_rebuild`), one row per day again,
for what a write-time refresh cannot see (a feature withdrawn changes every week's adoption).
"""

from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from feedback.choices import QuestionKind
from feedback.constants import SCALES
from feedback.models import Answer, FeedbackItem
from feedback.rules import Counts
from feedback.selectors import OPEN_STATUSES, schema_item_days_read, schema_survey_list, schema_week_counts_read
from rollups.services import (
    DayFigures,
    ItemFigures,
    SurveyFigures,
    feedback_day_add,
    feedback_day_exists,
    feedback_days_store,
    feedback_item_days_add,
    feedback_item_days_store,
    rollup_lock,
    survey_digests_store,
)
from tenants.models import PilotCustomer


def _current_customer_id() -> int | None:
    """The customer whose schema the connection is in; None in the public schema."""
    customer_id: int | None = getattr(getattr(connection, "tenant", None), "customer_id", None)
    return customer_id


def _figures(day: date, counts: Counts) -> DayFigures:
    return DayFigures(
        day=day,
        csat={str(score): n for score, n in counts.csat.items()},
        nps={str(score): n for score, n in counts.nps.items()},
        ces={str(score): n for score, n in counts.ces.items()},
        invitations=counts.invitations,
        responses=counts.responses,
        features_used=counts.features_used,
        features_offered=counts.features_offered,
    )


def _weeks_store(customer_id: int, week: date | None) -> None:
    end = None if week is None else week + timedelta(days=1)
    counts = schema_week_counts_read(start=week, end=end)
    figures = [_figures(day, week_counts) for day, week_counts in counts.weeks.items()]
    feedback_days_store(customer_id=customer_id, days=None if week is None else [week], figures=figures)


def _items_store(customer_id: int, day: date | None) -> None:
    figures = [ItemFigures(*row) for row in schema_item_days_read(day=day)]
    feedback_item_days_store(customer_id=customer_id, days=None if day is None else [day], figures=figures)


def _surveys_store(customer_id: int) -> None:
    figures = [
        SurveyFigures(
            survey_id=survey.id,
            key=survey.key,
            title_en=survey.title_en,
            title_ar=survey.title_ar,
            published=survey.published,
            rounds=survey.round_count,
            questions=survey.questions,
        )
        for survey in schema_survey_list()
    ]
    survey_digests_store(customer_id=customer_id, surveys=figures)


def feedback_week_refresh(*, week_start: date) -> None:
    """Recompute the current customer's survey figures of one round week."""
    customer_id = _current_customer_id()
    if customer_id is None:
        return
    with transaction.atomic():
        rollup_lock(customer_id=customer_id, part="feedback-days")
        _weeks_store(customer_id, week_start)


def _response_counts(answers: Iterable[tuple[str, Answer]], offered: int) -> Counts:
    """What one new response adds to its week, by the recount's rules (feedback.selectors' week reads):
    a score per scale answered, the features ticked against those offered, one response."""
    counts = Counts(responses=1)
    for kind, answer in answers:
        if kind in SCALES and answer.score is not None:
            getattr(counts, kind)[answer.score] += 1
        elif kind == QuestionKind.FEATURES:
            counts.features_used += len(answer.choices or [])
            counts.features_offered += offered
    return counts


def feedback_response_count(*, week_start: date, answers: Iterable[tuple[str, Answer]], offered: int) -> None:
    """Add a first response (its answers, with their question kinds; `offered`: the features its checklist
    offered, which the answers were validated against) to the current customer's figures of its round week.
    A survey answer is the busiest write: recounting the whole week and the day's items for each one was half
    of its time, and twenty respondents at once queued on the customer's lock behind those recounts.
    Revisions, which can take scores away, recount (feedback_week_refresh)."""
    customer_id = _current_customer_id()
    if customer_id is None:
        return
    counts = _response_counts(answers, offered=offered)
    # A week with no row yet is recounted: its invitations are in no row for the change to add to. Checked
    # before the lock, which cannot go from shared to exclusive. A row only disappears in a recount that
    # finds nothing for its week, which a response's own invitation rules out.
    appended = settings.ROLLUPS_APPEND_CHANGES and feedback_day_exists(customer_id=customer_id, day=week_start)
    with transaction.atomic():
        rollup_lock(customer_id=customer_id, part="feedback-days", shared=appended)
        if appended:
            feedback_day_add(customer_id=customer_id, figures=_figures(week_start, counts))
        else:
            _weeks_store(customer_id, week_start)


def feedback_items_count(*, items: Iterable[FeedbackItem]) -> None:
    """Add newly created items to the current customer's item figures of their day, kind and title."""
    customer_id = _current_customer_id()
    items = list(items)
    if customer_id is None or not items:
        return
    if not settings.ROLLUPS_APPEND_CHANGES:  # one row per day and title, as a release before rollups/0003 expects
        feedback_item_days_refresh(days=[timezone.localdate(item.created_at) for item in items])
        return
    figures = [
        ItemFigures(
            day=timezone.localdate(item.created_at),
            kind=item.kind,
            title=item.title,
            votes=item.votes,
            items=1,
            open_items=int(item.status in OPEN_STATUSES),
        )
        for item in items
    ]
    with transaction.atomic():
        rollup_lock(customer_id=customer_id, part="feedback-items", shared=True)
        feedback_item_days_add(customer_id=customer_id, figures=figures)


def feedback_item_days_refresh(*, days: Iterable[date]) -> None:
    """Recompute the current customer's item figures of the days these items were created."""
    customer_id = _current_customer_id()
    if customer_id is None:
        return
    with transaction.atomic():
        rollup_lock(customer_id=customer_id, part="feedback-items")
        for day in sorted(set(days)):
            _items_store(customer_id, day)


def survey_digests_refresh() -> None:
    """Recompute the current customer's surveys as the staff list shows them (after a survey, its
    questions, its publication or its rounds changed). All of them: a customer has a handful."""
    customer_id = _current_customer_id()
    if customer_id is None:
        return
    with transaction.atomic():
        rollup_lock(customer_id=customer_id, part="surveys")
        _surveys_store(customer_id)


def feedback_rollups_rebuild(customer: PilotCustomer) -> None:
    """Every feedback summary row of `customer` from its schema (the reconciliation's refresher)."""
    with transaction.atomic():
        rollup_lock(customer_id=customer.pk, part="feedback-days")
        rollup_lock(customer_id=customer.pk, part="feedback-items")
        rollup_lock(customer_id=customer.pk, part="surveys")
        _weeks_store(customer.pk, None)
        _items_store(customer.pk, None)
        _surveys_store(customer.pk)
