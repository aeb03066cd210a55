"""The program dashboard (back-office home): one read that gathers every part of the program."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from monitoring.models import CustomerHealth, HealthAlert
from monitoring.selectors.health import health_alert_list_open, health_board
from pilot.models import Risk
from pilot.selectors.budget import BudgetSummary, budget_summary
from pilot.selectors.program import ChecklistRow, PhaseRow, phase_list, program_get
from pilot.selectors.risks import risk_list_open
from pilot.selectors.scorecard import Scorecard, scorecard_get
from pilot.selectors.training import TrainingSummary, training_session_list, training_summary
from tenants.models import PilotCustomer
from tenants.selectors import customer_list_provisioned


@dataclass(frozen=True)
class CustomerRow:
    customer: PilotCustomer
    training: str  # status of its session, or "" when none is scheduled


@dataclass(frozen=True)
class Dashboard:
    as_of: dt.date
    week: int  # the pilot week of as_of (0 before the start, > weeks after the end)
    weeks: int
    phases: list[PhaseRow]
    late: list[ChecklistRow]
    customers: list[CustomerRow]
    training: TrainingSummary
    budget: BudgetSummary
    risks: QuerySet[Risk]
    scorecard: Scorecard
    health: list[CustomerHealth] = field(default_factory=list)  # worst first
    health_alerts: list[HealthAlert] = field(default_factory=list)


def _customers() -> list[CustomerRow]:
    sessions = {s.customer_id: s for s in training_session_list().exclude(status="cancelled")}
    return [
        CustomerRow(customer=c, training=sessions[c.pk].get_status_display() if c.pk in sessions else "")
        for c in customer_list_provisioned()
    ]


def program_week(*, start: dt.date, as_of: dt.date) -> int:
    return 0 if as_of < start else (as_of - start).days // 7 + 1


def dashboard_get(*, as_of: dt.date | None = None) -> Dashboard:
    as_of = as_of or timezone.localdate()
    program = program_get()
    phases = phase_list(as_of=as_of)
    late = sorted((row for p in phases for row in p.checklist if row.is_late(as_of)), key=lambda r: r.due_date)
    return Dashboard(
        as_of=as_of,
        week=program_week(start=program.start_date, as_of=as_of),
        weeks=program.weeks,
        phases=phases,
        late=late,
        customers=_customers(),
        training=training_summary(),
        budget=budget_summary(as_of=as_of),
        risks=risk_list_open()[:5],
        scorecard=scorecard_get(as_of=as_of),
        health=health_board(),
        health_alerts=health_alert_list_open(),
    )
