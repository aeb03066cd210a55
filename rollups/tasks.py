"""Celery tasks of the summaries: thin and idempotent (a rebuild from the customers' own data)."""

from celery import shared_task

from rollups.services import rollups_reconcile


@shared_task
def rollups_reconcile_all() -> int:
    """Beat: rebuild every customer's summaries (the write-time refreshes keep them current between runs)."""
    return rollups_reconcile()
