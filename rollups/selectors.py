"""Reads of the per-customer summaries: a fixed number of queries whatever the number of customers."""

from datetime import date

from django.db.models import Q, QuerySet

from rollups.models import CustomerSnapshot, FeedbackDay, FeedbackItemDay, SurveyDigest


def _window(customer_ids: list[int] | None, start: date | None, end: date | None) -> Q:
    query = Q() if customer_ids is None else Q(customer_id__in=customer_ids)
    if start is not None:
        query &= Q(day__gte=start)
    if end is not None:
        query &= Q(day__lt=end)
    return query


def feedback_day_list(
    *, customer_ids: list[int] | None = None, start: date | None = None, end: date | None = None
) -> QuerySet[FeedbackDay]:
    """Survey figures by customer and day in [start, end); every customer when `customer_ids` is None."""
    return FeedbackDay.objects.filter(_window(customer_ids, start, end)).order_by("customer_id", "day")


def feedback_item_day_list(
    *, customer_ids: list[int] | None = None, start: date | None = None, end: date | None = None
) -> QuerySet[FeedbackItemDay]:
    return FeedbackItemDay.objects.filter(_window(customer_ids, start, end)).order_by("customer_id", "day")


def customer_snapshot_map(*, customer_ids: list[int]) -> dict[int, CustomerSnapshot]:
    return {s.customer_id: s for s in CustomerSnapshot.objects.filter(customer_id__in=customer_ids)}


def survey_digest_list(*, customer_ids: list[int]) -> QuerySet[SurveyDigest]:
    """The customers' surveys, each customer's in the order of their ids in its schema."""
    return SurveyDigest.objects.filter(customer_id__in=customer_ids).order_by("customer_id", "survey_id")
