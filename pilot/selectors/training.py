"""Reads of training: sessions, materials, completion per customer."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.schemas import public_schema
from pilot.choices import TrainingStatus
from pilot.models import TrainingMaterial, TrainingSession
from pilot.selectors.program import pct
from tenants.models import PilotCustomer
from tenants.selectors import customer_list_provisioned


def _sessions_counted(customer: PilotCustomer | None) -> QuerySet[TrainingSession]:
    """Sessions with attendance counts, joining no user table (safe inside a customer's schema)."""
    sessions = TrainingSession.objects.annotate(
        invited=Count("attendees", distinct=True),
        present=Count("attendees", filter=Q(attendees__attended=True), distinct=True),
    ).order_by("starts_at", "pk")
    return sessions if customer is None else sessions.filter(customer=customer)


def training_session_list(*, customer: PilotCustomer | None = None) -> QuerySet[TrainingSession]:
    return _sessions_counted(customer).select_related("customer", "trainer").prefetch_related("materials")


@dataclass(frozen=True)
class CustomerTraining:
    """A customer's session as its portal shows it, fully read: the trainer is a staff user of the
    public schema, which a lazy relation read on the customer's domain would look up in the
    customer's own auth table."""

    session: TrainingSession
    trainer_name: str
    materials: list[TrainingMaterial]
    attendance: dict[str, bool | None] = field(default_factory=dict)  # attendee e-mail (lower case) -> attended

    def state_for(self, *, email: str, now: dt.datetime | None = None) -> str:
        """The session's state as this reader sees it (see `training_state`)."""
        attended = self.attendance.get(email.lower()) if email else None
        return training_state(session=self.session, attended=attended, now=now or timezone.now())


# What a customer reads about its session: never "Scheduled" once it is over.
SCHEDULED, PAST_UNRECORDED, HELD, ATTENDED, MISSED, CANCELLED = (
    "scheduled",
    "past_unrecorded",
    "held",
    "attended",
    "missed",
    "cancelled",
)
STATE_LABELS = {
    SCHEDULED: _("Scheduled"),
    PAST_UNRECORDED: _("Took place (attendance not recorded yet)"),
    HELD: _("Held"),
    ATTENDED: _("Held — you attended"),
    MISSED: _("Held — you missed it"),
    CANCELLED: _("Cancelled"),
}


def training_state(*, session: TrainingSession, attended: bool | None, now: dt.datetime) -> str:
    """Upcoming or running: scheduled. Over: held, and for an invited reader attended or missed; over
    but not yet marked held by the trainer: past, attendance not recorded."""
    if session.status == TrainingStatus.CANCELLED:
        return CANCELLED
    if session.ends_at > now:
        return SCHEDULED
    if session.status != TrainingStatus.HELD:
        return PAST_UNRECORDED
    if attended is None:
        return HELD
    return ATTENDED if attended else MISSED


def _own_session(sessions: QuerySet[TrainingSession], customer: PilotCustomer) -> TrainingSession | None:
    """The customer's own session among `sessions`: its first one not cancelled, the only one its portal shows."""
    return sessions.filter(customer=customer).exclude(status=TrainingStatus.CANCELLED).order_by("pk").first()


def training_session_for_customer(*, customer: PilotCustomer) -> CustomerTraining | None:
    """The customer's own session, fully read (the training page)."""
    with public_schema():
        session = _own_session(training_session_list(customer=customer), customer)
        if session is None:
            return None
        trainer = session.trainer.get_full_name() or session.trainer.get_username()
        attendance = {a.email.lower(): a.attended for a in session.attendees.all() if a.email}
        materials = list(session.materials.all())
        return CustomerTraining(session=session, trainer_name=trainer, materials=materials, attendance=attendance)


@dataclass(frozen=True)
class TrainingCard:
    """The portal home's card: the customer's session (its times and status only) and its reader's state."""

    session: TrainingSession
    state: str


def training_card_for_customer(*, customer: PilotCustomer, email: str) -> TrainingCard | None:
    """What the card shows and no more: the session of `training_session_for_customer` without its trainer,
    materials and attendance counts, and only this reader's own attendance (the last row for the address, as
    there). Read in whatever schema the page is in: sessions and attendees exist in the public schema only, which
    every customer's search path ends with (the training page switches for its trainer, a user: users exist in
    every schema); two `SET search_path` fewer on the portal's home."""
    session = _own_session(
        TrainingSession.objects.only("customer_id", "starts_at", "duration_minutes", "status"), customer
    )
    if session is None:
        return None
    own = session.attendees.filter(email__iexact=email).order_by("-pk") if email else None
    attended = own.values_list("attended", flat=True).first() if own is not None else None
    return TrainingCard(session=session, state=training_state(session=session, attended=attended, now=timezone.now()))


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
    sessions = list(_sessions_counted(customer).exclude(status=TrainingStatus.CANCELLED))
    held = sum(1 for s in sessions if s.status == TrainingStatus.HELD)
    invited = sum(s.invited for s in sessions)  # type: ignore[attr-defined]  # annotated by _sessions_counted
    attended = sum(s.present for s in sessions)  # type: ignore[attr-defined]  # annotated by _sessions_counted
    return TrainingSummary(
        customers=customers,
        scheduled=len(sessions),
        held=held,
        completion_pct=pct(held, customers),
        invited=invited,
        attended=attended,
        attendance_pct=pct(attended, invited),
    )
