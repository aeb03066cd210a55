"""SLO windows calendar-aligned to the pilot phases (plan: weeks 6–8 are "operation and monitoring")."""

import datetime as dt
from decimal import Decimal

import time_machine
from django.utils import timezone

from monitoring.choices import WindowKind
from monitoring.selectors import phase_compliance, slo_summary
from pilot.models import Program
from pilot.services.program import program_plan_seed
from tests.monitoring.factories import samples_fill

START = dt.date(2026, 9, 6)  # weeks 6–8 run from 11 October to 1 November (exclusive)
OPERATION = dt.datetime(2026, 10, 11, tzinfo=timezone.get_default_timezone())
NOW = dt.datetime(2026, 10, 20, 12, 0, tzinfo=timezone.get_default_timezone())


def _pilot(tenant_a, tenant_b) -> None:
    Program.objects.create(pk=1, start_date=START)
    program_plan_seed(customers=[tenant_a, tenant_b])


def test_phase_window_starts_at_the_current_phase(slos, tenant_a, tenant_b) -> None:
    _pilot(tenant_a, tenant_b)
    slo = slos["availability"]
    slo.window_kind = WindowKind.PHASE
    slo.save()
    samples_fill(slo=slo, customer=tenant_a, start=OPERATION - dt.timedelta(days=10), end=OPERATION, good=5, total=10)
    samples_fill(slo=slo, customer=tenant_a, start=OPERATION, end=NOW, good=10, total=10)
    with time_machine.travel(NOW, tick=False):
        status = next(s for s in slo_summary(customer=tenant_a) if s.key == "availability")
    assert (status.window_start, status.window_end) == (OPERATION, NOW)
    assert status.compliance_pct == Decimal("100.00")


def test_compliance_per_phase_splits_the_pilot(slos, tenant_a, tenant_b) -> None:
    _pilot(tenant_a, tenant_b)
    slo = slos["latency"]
    samples_fill(slo=slo, customer=tenant_a, start=OPERATION - dt.timedelta(days=7), end=OPERATION, good=9, total=10)
    samples_fill(slo=slo, customer=tenant_a, start=OPERATION, end=NOW, good=10, total=10)
    with time_machine.travel(NOW, tick=False):
        rows = phase_compliance(customer=tenant_a)
    by_phase = {phase.key: {s.key: s.compliance_pct for s in statuses} for phase, statuses in rows}
    assert set(by_phase) == {"preparation", "deployment", "training", "operation"}  # analysis has not started
    assert by_phase["training"]["latency"] == Decimal("90.00")
    assert by_phase["operation"]["latency"] == Decimal("100.00")
