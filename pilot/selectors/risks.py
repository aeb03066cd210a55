"""Reads of the risk register."""

from django.db.models import F, QuerySet

from pilot.choices import RiskStatus
from pilot.models import Risk


def risk_list() -> QuerySet[Risk]:
    """Every risk with `score` (likelihood × impact), highest first."""
    return (
        Risk.objects.select_related("owner")
        .prefetch_related("incidents")
        .annotate(score=F("likelihood") * F("impact"))
        .order_by("-score", "category", "pk")
    )


def risk_list_open() -> QuerySet[Risk]:
    return risk_list().exclude(status=RiskStatus.CLOSED)
