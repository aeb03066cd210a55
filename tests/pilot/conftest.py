"""The plan's program starting on Sunday 6 September 2026 (ten weeks, to 15 November exclusive)."""

import datetime as dt

import pytest
from django.utils import timezone

from pilot.models import Program
from pilot.services.program import program_plan_seed
from tenants.models import PilotCustomer

START = dt.date(2026, 9, 6)
END = dt.date(2026, 11, 15)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    """An aware time in Asia/Riyadh."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


@pytest.fixture(autouse=True)
def _fast_passwords(settings) -> None:
    """The personas' passwords are hashed on every test; the real hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def program(db: None, tenant_a: PilotCustomer, tenant_b: PilotCustomer) -> Program:
    Program.objects.create(pk=1, start_date=START)
    return program_plan_seed(customers=[tenant_a, tenant_b])
