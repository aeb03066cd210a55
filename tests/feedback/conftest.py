"""Helpers of the feedback tests: contacts, the default survey and an open round in a customer schema."""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django_tenants.utils import tenant_context

from feedback.models import Contact, Invitation
from feedback.services.rounds import survey_round_open
from feedback.tokens import token_for
from tenants.models import PilotCustomer

RIYADH = ZoneInfo("Asia/Riyadh")
# A Sunday, 09:00 in Riyadh: the weekly round's time.
ROUND_TIME = datetime(2026, 3, 1, 9, 0, tzinfo=RIYADH)
VALID = {
    "satisfaction": "5",
    "recommend": "9",
    "effort": "6",
    "features": ["reports", "mobile-app"],
    "problems": "none",
    "pain-point": "",
    "request": "",
}


@dataclass
class Invited:
    customer: PilotCustomer
    invitations: dict[str, Invitation]  # by contact language

    def token(self, language: str = "en") -> str:
        return token_for(self.invitations[language].token_nonce)

    def path(self, language: str = "en") -> str:
        return f"/s/{self.token(language)}/"


def invite(customer: PilotCustomer, now: datetime = ROUND_TIME) -> Invited:
    with tenant_context(customer.tenant):
        Contact.objects.get_or_create(email="amal@x.example", defaults={"name": "أمل", "language": "ar"})
        Contact.objects.get_or_create(email="eric@x.example", defaults={"name": "Eric", "language": "en"})
        survey_round_open(now=now)
        invitations = {i.contact.language: i for i in Invitation.objects.select_related("contact", "round")}
    return Invited(customer, invitations)


@pytest.fixture(autouse=True)
def _clear_guess_counters() -> None:
    cache.clear()


@pytest.fixture
def invited_a(tenant_a: PilotCustomer) -> Invited:
    return invite(tenant_a)
