"""Writes of training: sessions (one per customer, trainers never double-booked), attendance."""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pilot.choices import TrainingStatus, TrainingTopic
from pilot.models import Attendee, TrainingMaterial, TrainingSession
from pilot.selectors import program_get
from tenants.models import PilotCustomer

DEFAULT_TOPICS = tuple(TrainingTopic.values)


@dataclass
class SessionInput:
    customer: PilotCustomer
    starts_at: dt.datetime
    trainer: User
    duration_minutes: int = 120
    topics: list[str] = field(default_factory=lambda: list(DEFAULT_TOPICS))
    location: str = ""
    notes: str = ""
    status: str = TrainingStatus.SCHEDULED


def _overlap_error(data: SessionInput, exclude_pk: int | None) -> list[str]:
    ends_at = data.starts_at + dt.timedelta(minutes=data.duration_minutes)
    others = TrainingSession.objects.filter(trainer=data.trainer).exclude(status=TrainingStatus.CANCELLED)
    others = others.exclude(pk=exclude_pk) if exclude_pk else others
    for other in others.filter(starts_at__lt=ends_at).select_related("customer"):
        if other.ends_at > data.starts_at:
            return [_("The trainer already has a session then (%(session)s).") % {"session": other}]
    return []


def training_session_validate(*, data: SessionInput, exclude_pk: int | None = None) -> None:
    errors: dict[str, list[str]] = {}
    program = program_get()
    if data.starts_at.date() < program.start_date:
        errors["starts_at"] = [
            _("The session cannot be before the program starts (%(start)s).") % {"start": program.start_date}
        ]
    elif data.status != TrainingStatus.CANCELLED and (overlap := _overlap_error(data, exclude_pk)):
        errors["starts_at"] = overlap
    unknown = sorted(set(data.topics) - set(TrainingTopic.values))
    if unknown:
        errors["topics"] = [_("Unknown topics: %(topics)s.") % {"topics": ", ".join(unknown)}]
    taken = TrainingSession.objects.filter(customer=data.customer).exclude(status=TrainingStatus.CANCELLED)
    others = taken if exclude_pk is None else taken.exclude(pk=exclude_pk)
    if data.status != TrainingStatus.CANCELLED and others.exists():
        errors["customer"] = [_("This customer already has a training session.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def training_session_create(*, data: SessionInput, materials: Sequence[TrainingMaterial] = ()) -> TrainingSession:
    training_session_validate(data=data)
    session = TrainingSession.objects.create(**vars(data))
    session.materials.set(materials)
    return session


@transaction.atomic
def training_session_update(*, session: TrainingSession, data: SessionInput) -> TrainingSession:
    training_session_validate(data=data, exclude_pk=session.pk)
    for name, value in vars(data).items():
        setattr(session, name, value)
    session.save()
    return session


def attendee_add(*, session: TrainingSession, name: str, email: str = "", role: str = "") -> Attendee:
    return Attendee.objects.create(session=session, name=name, email=email, role=role)


@transaction.atomic
def training_attendance_record(*, session: TrainingSession, present_ids: set[int]) -> TrainingSession:
    """Take attendance: the listed attendees were there, the others were not; the session is held."""
    session.attendees.update(attended=False)
    session.attendees.filter(pk__in=present_ids).update(attended=True)
    session.status = TrainingStatus.HELD
    session.save(update_fields=["status"])
    return session
