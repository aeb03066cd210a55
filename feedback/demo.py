"""This app's part of `manage.py seed_demo` (idempotent): per customer two contacts (Arabic and
English), the default survey published, four past weekly rounds with answers, check-ins and items."""

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.schemas import customer_schema
from feedback.choices import ItemKind
from feedback.models import CheckIn, Contact, Invitation, SurveyRound
from feedback.selectors import feature_list_offered
from feedback.services.items import CheckInInput, checkin_create, feedback_item_create, feedback_item_vote
from feedback.services.responses import survey_response_submit
from feedback.services.rollups import feedback_rollups_rebuild
from feedback.services.rounds import invitation_create
from feedback.services.surveys import survey_default_ensure, survey_publish
from feedback.weeks import week_start_for
from tenants.models import PilotCustomer
from tenants.selectors import customer_list_live
from tenants.services.provisioning import CUSTOMER_ADMIN_GROUP

PAST_ROUNDS = 4
PAINS = ("Entering readings for every pond takes too long", "The mobile app logs me out", "Reports load slowly")
REQUESTS = ("Export reports to Excel", "Alerts when oxygen is low", "Arabic PDF reports")


def _contacts_ensure(customer: PilotCustomer) -> None:
    for language, name in (("ar", customer.contact_name or customer.name_ar), ("en", f"{customer.slug.title()} Ops")):
        Contact.objects.get_or_create(
            email=f"{language}.contact@{customer.slug}.example", defaults={"name": name, "language": language}
        )


def _answers(rng: random.Random, features: list[str]) -> dict:
    return {
        "satisfaction": rng.choice([3, 4, 4, 5, 5]),
        "recommend": rng.choice([6, 7, 8, 9, 9, 10]),
        "effort": rng.choice([4, 5, 6, 6, 7]),
        "features": rng.sample(features, k=rng.randint(2, len(features))),
        "problems": rng.choice(["none", "none", "minor", "blocking"]),
        "pain-point": rng.choice(["", "", *PAINS]),
        "request": rng.choice(["", *REQUESTS]),
    }


def _past_round(week_offset: int, rng: random.Random, features: list[str]) -> None:
    survey = survey_default_ensure()
    opened = timezone.make_aware(datetime.combine(week_start_for(timezone.localdate()), datetime.min.time()))
    opened = opened - timedelta(weeks=week_offset) + timedelta(hours=9)
    survey_round, created = SurveyRound.objects.get_or_create(
        survey=survey, week_start=opened.date(), defaults={"opened_at": opened, "closes_at": opened + timedelta(days=7)}
    )
    if not created:
        return
    for contact in Contact.objects.all():
        invitation = invitation_create(survey_round=survey_round, contact=contact)
        Invitation.objects.filter(pk=invitation.pk).update(sent_at=opened)
        if rng.random() < 0.8:  # some never answer: the response rate is not 100 %
            survey_response_submit(
                invitation=invitation,
                data=_answers(rng, features),
                language=contact.language,
                now=opened + timedelta(days=1),
            )


def _customer_seed(customer: PilotCustomer) -> None:
    rng = random.Random(customer.slug)
    _contacts_ensure(customer)
    survey_publish(survey=survey_default_ensure())
    features = [f.key for f in feature_list_offered()]
    for offset in range(PAST_ROUNDS, 0, -1):
        _past_round(offset, rng, features)
    if CheckIn.objects.exists():
        return
    held = timezone.now() - timedelta(days=3)
    checkin_create(
        data=CheckInInput(
            week_start=week_start_for(held.date()),
            held_at=held,
            interviewer="Noura Al-Qahtani",
            interviewees=customer.contact_name or "Farm manager",
            satisfaction=4,
            problems="Night shift forgets to enter readings",
            suggestions="A reminder notification for daily entry",
        )
    )
    item = feedback_item_create(kind=ItemKind.FEATURE_REQUEST, title="Alerts when oxygen is low")
    admin = get_user_model().objects.filter(groups__name=CUSTOMER_ADMIN_GROUP).order_by("pk").first()
    if admin is not None:
        feedback_item_vote(item=item, user=admin)


def seed(*, log: Callable[[str], None]) -> None:
    """Create the demo data of this app."""
    for customer in customer_list_live():
        with customer_schema(customer):
            _customer_seed(customer)
            # Past rounds are made here without survey_round_open: their summary rows are rebuilt whole.
            feedback_rollups_rebuild(customer)
            log(f"{customer.slug}: {Contact.objects.count()} contacts, {SurveyRound.objects.count()} rounds")
