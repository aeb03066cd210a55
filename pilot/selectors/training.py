"""Reads of training: sessions, materials, completion per customer."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from pilot.choices import TrainingStatus
from pilot.models import TrainingMaterial, TrainingSession
from pilot.selectors.program import pct
from tenants.models import PilotCustomer
from tenants.selectors import customer_list_provisioned


def training_session_list(*, customer: PilotCustomer | None = None) -> QuerySet[TrainingSession]:
    sessions = (
        TrainingSession.objects.select_related("customer", "trainer")
        .prefetch_related("materials")
        .annotate(
            invited=Count("attendees", distinct=True),
            present=Count("attendees", filter=Q(attendees__attended=True), distinct=True),
        )
    )
    return sessions if customer is None else sessions.filter(customer=customer)


def training_session_for_customer(*, customer: PilotCustomer) -> TrainingSession | None:
    """The customer's own (non-cancelled) session, the only one its portal shows."""
    sessions = training_session_list(customer=customer).exclude(status=TrainingStatus.CANCELLED)
    return sessions.first()


def training_material_for_customer(*, customer: PilotCustomer, material_id: int) -> TrainingMaterial | None:
    """A material the customer may download: one delivered with its own session."""
    return (
        TrainingMaterial.objects.filter(pk=material_id, trainingsession__customer=customer)
        .exclude(trainingsession__status=TrainingStatus.CANCELLED)
        .first()
    )


@dataclass(frozen=True)
class TrainingSummary:
    """Completion = a held session; attendance = attendees marked present / invited."""

    customers: int
    scheduled: int
    held: int
    completion_pct: Decimal | None
    invited: int
    attended: int
    attendance_pct: Decimal | None


def training_summary(*, customer: PilotCustomer | None = None) -> TrainingSummary:
    """Training of one customer, or of every provisioned customer. Two queries."""
    customers = 1 if customer is not None else customer_list_provisioned().count()
    sessions = list(training_session_list(customer=customer).exclude(status=TrainingStatus.CANCELLED))
    held = sum(1 for s in sessions if s.status == TrainingStatus.HELD)
    invited, attended = sum(s.invited for s in sessions), sum(s.present for s in sessions)
    return TrainingSummary(
        customers=customers,
        scheduled=len(sessions),
        held=held,
        completion_pct=pct(held, customers),
        invited=invited,
        attended=attended,
        attendance_pct=pct(attended, invited),
    )
