"""Builders of SLI samples on the 5-minute grid (through the same store the pull uses)."""

import datetime as dt

from monitoring.constants import STEP
from monitoring.models import SliSample, Slo
from monitoring.services import samples_store
from tenants.models import PilotCustomer


def samples_fill(
    *, slo: Slo, customer: PilotCustomer, start: dt.datetime, end: dt.datetime, good: float, total: float
) -> int:
    """Samples at every grid point in (start, end], each `good` of `total` events."""
    points, at = [], start + STEP
    while at <= end:
        points.append(SliSample(slo=slo, customer=customer, at=at, good=good, total=total))
        at += STEP
    samples_store(sli=points, metrics=[])
    return len(points)
