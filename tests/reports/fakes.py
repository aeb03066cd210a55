"""Selector answers shaped exactly as docs/CONTRACTS.md says, with known figures.

Put in place of the functions reports.context imports, they let the PDF tests check that the figures
the report prints are the selectors' values.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from tenants.selectors import customer_list_provisioned


@dataclass
class SeveritySla:
    total: int
    open: int
    mtta_minutes: Decimal | None
    mttr_minutes: Decimal | None
    response_met_pct: Decimal | None
    resolution_met_pct: Decimal | None
    breached: int
    data_loss_incidents: int = 0


@dataclass
class IncidentSlaSummary(SeveritySla):
    by_severity: dict = field(default_factory=dict)


@dataclass
class WeekRow:
    week_start: date
    satisfaction_pct: Decimal | None
    nps: Decimal | None
    response_rate_pct: Decimal | None
    responses: int


@dataclass
class FeedbackSummary:
    satisfaction_pct: Decimal | None
    nps: Decimal | None
    ces: Decimal | None
    response_rate_pct: Decimal | None
    adoption_pct: Decimal | None
    churn_pct: Decimal | None
    responses: int
    positive_feedback_pct: Decimal | None
    top_pain_points: list
    top_requests: list
    weekly: list


@dataclass
class SloStatus:
    key: str
    name: str
    target_pct: Decimal
    compliance_pct: Decimal | None
    met: bool | None
    budget_remaining_pct: Decimal | None
    stale_since: datetime | None
    series: list


@dataclass
class BudgetLine:
    name: str
    planned_to_date: Decimal
    actual_to_date: Decimal
    forecast_at_end: Decimal
    variance: Decimal


@dataclass
class BudgetSummary:
    lines: list
    planned_to_date: Decimal
    actual_to_date: Decimal
    forecast_at_end: Decimal
    variance: Decimal
    currency: str = "USD"


@dataclass
class Criterion:
    key: str
    group: str
    target: str
    value: str
    status: str
    source: str
    evidence: str


@dataclass
class Scorecard:
    rows: list
    recommendation: str
    recommendation_label: str = ""
    rationale: str = ""


@dataclass
class Program:
    start_date: date


INCIDENTS = IncidentSlaSummary(
    total=7,
    open=1,
    mtta_minutes=Decimal("12.50"),
    mttr_minutes=Decimal("95.25"),
    response_met_pct=Decimal("85.71"),
    resolution_met_pct=Decimal("71.43"),
    breached=2,
    data_loss_incidents=0,
    by_severity={
        1: SeveritySla(1, 0, Decimal("9.00"), Decimal("60.00"), Decimal("100.00"), Decimal("100.00"), 0),
        2: SeveritySla(4, 1, Decimal("14.00"), Decimal("120.00"), Decimal("75.00"), Decimal("50.00"), 2),
        3: SeveritySla(2, 0, Decimal("11.00"), Decimal("70.00"), Decimal("100.00"), Decimal("100.00"), 0),
    },
)
FEEDBACK = FeedbackSummary(
    satisfaction_pct=Decimal("83.33"),
    nps=Decimal("42.00"),
    ces=Decimal("2.10"),
    response_rate_pct=Decimal("66.67"),
    adoption_pct=Decimal("74.20"),
    churn_pct=Decimal("3.10"),
    responses=36,
    positive_feedback_pct=Decimal("88.89"),
    top_pain_points=[("Slow pond list", 5), ("بطء تحميل التقارير", 3)],
    top_requests=[("Export to Excel", 4)],
    weekly=[
        WeekRow(date(2026, 10, 5), Decimal("78.00"), Decimal("30.00"), Decimal("60.00"), 10),
        WeekRow(date(2026, 10, 12), Decimal("85.00"), Decimal("45.00"), Decimal("70.00"), 12),
    ],
)
SLOS = [
    SloStatus(
        "availability",
        "Availability",
        Decimal("99.50"),
        Decimal("99.81"),
        True,
        Decimal("62.00"),
        None,
        [(datetime(2026, 10, d, tzinfo=UTC), Decimal("99.5") + Decimal(d) / 100) for d in range(1, 30)],
    ),
    SloStatus("latency", "Latency", Decimal("95.00"), Decimal("93.40"), False, Decimal("0.00"), None, []),
]
BUDGET = BudgetSummary(
    lines=[
        BudgetLine("Infrastructure", Decimal("1250.00"), Decimal("1180.40"), Decimal("1250.00"), Decimal("-69.60")),
        BudgetLine("Support", Decimal("5000.00"), Decimal("5200.00"), Decimal("5200.00"), Decimal("200.00")),
        BudgetLine("Training", Decimal("1000.00"), Decimal("950.00"), Decimal("950.00"), Decimal("-50.00")),
    ],
    planned_to_date=Decimal("7250.00"),
    actual_to_date=Decimal("7330.40"),
    forecast_at_end=Decimal("7400.00"),
    variance=Decimal("80.40"),
)
SCORECARD = Scorecard(
    rows=[
        Criterion("uptime", "technical", "99.5 %", "99.81 %", "met", "monitoring", "SLO availability"),
        Criterion("satisfaction", "user_experience", "> 80 %", "70.00", "not_met", "feedback", "surveys"),
    ],
    recommendation="GO with conditions",
)
PROGRAM = Program(start_date=date(2026, 9, 1))
# The final report's written parts (reports.models.ReportNarrative), in English.
NARRATIVE = {
    "lessons_learned_en": "Train before go-live.",
    "recommendations_en": "Release region by region.",
    "future_plan_en": "Offline mobile entry.",
}


def selector_functions() -> dict[str, Callable[..., Any]]:
    """Name in reports.context -> a stand-in for the contract's function answering the values above."""
    return {
        "incident_sla_summary": lambda *, customer=None, start=None, end=None: INCIDENTS,
        "feedback_summary": lambda *, customer=None, start=None, end=None: FEEDBACK,
        "feedback_dashboard": lambda *, start=None, end=None: (
            FEEDBACK,
            [(customer, FEEDBACK) for customer in customer_list_provisioned()],
        ),
        "slo_summary": lambda *, customer=None, start=None, end=None: SLOS,
        "program_get": lambda: PROGRAM,
        "phase_list": lambda: [],
        "budget_summary": lambda *, as_of: BUDGET,
        "training_summary": lambda *, customer=None: None,
        "risk_list": lambda: [],
        "scorecard_get": lambda *, as_of: SCORECARD,
    }
