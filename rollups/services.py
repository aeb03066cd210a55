"""Writes of the per-customer summaries (rollups.models), and their periodic reconciliation.

The apps that own the figures compute them in the customer's schema and store them here through
these functions; this app knows nothing of how a figure is computed. Each owner registers a
refresher (`rollup_refresher_register`, in its AppConfig.ready) that rebuilds its rows of one
customer from scratch: the reconciliation runs every refresher in every customer's schema.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from farms.selectors import farm_pond_counts
from rollups.models import CustomerSnapshot, FeedbackDay, FeedbackItemDay, SurveyDigest
from tenants.choices import Status
from tenants.models import PilotCustomer
from tenants.selectors import customer_list_provisioned, customer_schemas_visit

Refresher = Callable[[PilotCustomer], None]
_REFRESHERS: dict[str, Refresher] = {}


@dataclass(frozen=True)
class DayFigures:
    """One day of a customer's survey figures (see FeedbackDay)."""

    day: date
    csat: dict[str, int] = field(default_factory=dict)
    nps: dict[str, int] = field(default_factory=dict)
    ces: dict[str, int] = field(default_factory=dict)
    invitations: int = 0
    responses: int = 0
    features_used: int = 0
    features_offered: int = 0


@dataclass(frozen=True)
class ItemFigures:
    """Items of one day, kind and title (see FeedbackItemDay)."""

    day: date
    kind: str
    title: str
    votes: int
    items: int
    open_items: int


@dataclass(frozen=True)
class SurveyFigures:
    """One survey of a customer (see SurveyDigest)."""

    survey_id: int
    key: str
    title_en: str
    title_ar: str
    published: bool
    rounds: int
    questions: list[dict[str, Any]]


def rollup_lock(*, customer_id: int, part: str, shared: bool = False) -> None:
    """Serialise the refreshes of one customer's part until the caller's transaction ends: the second
    writer recomputes after the first committed, so neither overwrites the other with stale counts.

    `shared` is for writers that only append change rows (feedback_day_add, feedback_item_days_add): they do
    not wait on each other, but a recount waits for them to commit (and they for it). A recount must see
    every response whose change row its DELETE removes, and must not remove the row of one it did not see.
    A transaction must not take one part shared and then exclusive: two such would wait for each other."""
    function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(hashtext(%s))", [f"rollup:{part}:{customer_id}"])


def _rows_replace(
    model: type[FeedbackDay | FeedbackItemDay | SurveyDigest],
    customer_id: int,
    days: Sequence[date] | None,
    figures: Iterable[DayFigures | ItemFigures | SurveyFigures],
) -> None:
    now = timezone.now()
    with transaction.atomic():
        stale = Q(customer_id=customer_id) if days is None else Q(customer_id=customer_id, day__in=list(days))
        # One DELETE statement: nothing refers to a summary row and no signal watches them, so Django's
        # collector (a SELECT of the rows, then a DELETE by id, a third of a survey answer's refresh) has
        # nothing to collect.
        stale_rows = model.objects.filter(stale)
        stale_rows._raw_delete(stale_rows.db)
        rows_new = [model(customer_id=customer_id, refreshed_at=now, **vars(f)) for f in figures]
        model.objects.bulk_create(rows_new)  # type: ignore[arg-type]  # model is one of three; the union confuses the stubs


def feedback_days_store(*, customer_id: int, days: Sequence[date] | None, figures: Iterable[DayFigures]) -> None:
    """Replace the customer's rows of `days` (every day when None) with `figures`."""
    _rows_replace(FeedbackDay, customer_id, days, figures)


def feedback_item_days_store(*, customer_id: int, days: Sequence[date] | None, figures: Iterable[ItemFigures]) -> None:
    """Replace the customer's item rows of `days` (every day when None) with `figures`."""
    _rows_replace(FeedbackItemDay, customer_id, days, figures)


def feedback_day_exists(*, customer_id: int, day: date) -> bool:
    return FeedbackDay.objects.filter(customer_id=customer_id, day=day).exists()


def feedback_day_add(*, customer_id: int, figures: DayFigures) -> None:
    """Add `figures` (one new response's counters) to the customer's figures of that day, as a row of their own.
    A day's rows add up (the readers sum them, feedback.selectors) and the reconciliation folds them into one.
    Appending, rather than updating the day's one row, is what lets twenty people of one customer answer at
    once: each update of that row waited for the previous answer's commit. Only right when the day already
    has a row (its week's invitations; the caller checks, feedback_day_exists). The caller holds the part's
    rollup_lock, shared."""
    FeedbackDay.objects.create(customer_id=customer_id, refreshed_at=timezone.now(), **vars(figures))


def feedback_item_days_add(*, customer_id: int, figures: Iterable[ItemFigures]) -> None:
    """Add new items to the customer's figures of their day, kind and title, a row each, in one statement
    (summed by the readers, folded by the reconciliation, as feedback_day_add's). The caller holds the part's
    rollup_lock, shared."""
    now = timezone.now()
    FeedbackItemDay.objects.bulk_create(
        FeedbackItemDay(customer_id=customer_id, refreshed_at=now, **vars(f)) for f in figures
    )


def survey_digests_store(*, customer_id: int, surveys: Iterable[SurveyFigures]) -> None:
    """Replace every survey row of the customer with `surveys` (a customer has a handful)."""
    _rows_replace(SurveyDigest, customer_id, None, surveys)


def customer_snapshot_store(*, customer_id: int, farms: int | None, ponds: int | None) -> None:
    CustomerSnapshot.objects.update_or_create(
        customer_id=customer_id, defaults={"farms": farms, "ponds": ponds, "refreshed_at": timezone.now()}
    )


def farm_snapshot_refresh(customer: PilotCustomer) -> None:
    """Reconciliation refresher: the farm and pond counts of the customer whose schema the caller is in."""
    farms, ponds = farm_pond_counts()
    customer_snapshot_store(customer_id=customer.pk, farms=farms, ponds=ponds)


def rollup_refresher_register(name: str, refresher: Refresher) -> None:
    """`refresher(customer)` rebuilds the owner's rows of one customer; it runs in that customer's schema."""
    _REFRESHERS[name] = refresher


def _customer_refresh(customer: PilotCustomer) -> int:
    for refresher in _REFRESHERS.values():
        refresher(customer)
    return len(_REFRESHERS)


def rollups_reconcile(*, customers: Iterable[PilotCustomer] | None = None) -> int:
    """Rebuild every summary of every customer that has a schema (withdrawn ones too: their answers
    still count). Catches anything a write-time refresh missed, e.g. a feature no longer offered
    (adoption is ticked ÷ offered). Returns the number of customers visited."""
    chosen = list(customer_list_provisioned(statuses=Status.values)) if customers is None else customers
    return len(customer_schemas_visit(_customer_refresh, customers=chosen))
