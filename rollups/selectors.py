"""Reads of the per-customer summaries: a fixed number of queries whatever the number of customers."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Q, QuerySet

from rollups.models import CustomerSnapshot, FeedbackDay, FeedbackItemDay
from tenants.models import PilotCustomer


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


@dataclass
class CustomerSummary:
    """One customer's summed figures over a window (counts only; ratios are the reader's)."""

    customer_id: int
    csat: Counter = field(default_factory=Counter)  # score -> answers
    nps: Counter = field(default_factory=Counter)
    ces: Counter = field(default_factory=Counter)
    invitations: int = 0
    responses: int = 0
    features_used: int = 0
    features_offered: int = 0
    feedback_items: int = 0
    open_items: int = 0
    as_of: datetime | None = None

    def add_day(self, row: FeedbackDay) -> None:
        for name in ("csat", "nps", "ces"):
            getattr(self, name).update({int(score): n for score, n in getattr(row, name).items()})
        self.invitations += row.invitations
        self.responses += row.responses
        self.features_used += row.features_used
        self.features_offered += row.features_offered
        self.as_of = row.refreshed_at if self.as_of is None else min(self.as_of, row.refreshed_at)

    def add_items(self, row: FeedbackItemDay) -> None:
        self.feedback_items += row.items
        self.open_items += row.open_items


def customer_summaries(
    *, customers: Iterable[PilotCustomer], start: date | None = None, end: date | None = None
) -> dict[int, CustomerSummary]:
    """Each customer's figures over [start, end) from the summaries (two queries), by customer id.
    Survey figures by their round's week start, items by their creation day."""
    ids = [c.pk for c in customers]
    summaries = {pk: CustomerSummary(customer_id=pk) for pk in ids}
    for row in feedback_day_list(customer_ids=ids, start=start, end=end):
        summaries[row.customer_id].add_day(row)
    for item in feedback_item_day_list(customer_ids=ids, start=start, end=end):
        summaries[item.customer_id].add_items(item)
    return summaries
