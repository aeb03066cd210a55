"""Reads of the pilot program (docs/CONTRACTS.md: program_get, phase_list, budget_summary,
training_summary, risk_list, scorecard_get), one module per part."""

from pilot.selectors.budget import BudgetLineRow, BudgetSummary, budget_summary, expense_list, line_spec
from pilot.selectors.dashboard import Dashboard, dashboard_get, program_week
from pilot.selectors.program import (
    ChecklistRow,
    PhaseRow,
    customer_checklist,
    late_items,
    onboarding_steps,
    pct,
    phase_dates,
    phase_gate_open_items,
    phase_list,
    program_get,
)
from pilot.selectors.risks import risk_list, risk_list_open
from pilot.selectors.scorecard import CriterionRow, Scorecard, scorecard_get
from pilot.selectors.training import (
    CustomerTraining,
    TrainingSummary,
    training_card_for_customer,
    training_material_for_customer,
    training_session_for_customer,
    training_session_list,
    training_summary,
)

__all__ = [
    "BudgetLineRow",
    "BudgetSummary",
    "ChecklistRow",
    "CriterionRow",
    "CustomerTraining",
    "Dashboard",
    "dashboard_get",
    "program_week",
    "PhaseRow",
    "Scorecard",
    "TrainingSummary",
    "budget_summary",
    "customer_checklist",
    "expense_list",
    "late_items",
    "line_spec",
    "onboarding_steps",
    "pct",
    "phase_dates",
    "phase_gate_open_items",
    "phase_list",
    "program_get",
    "risk_list",
    "risk_list_open",
    "scorecard_get",
    "training_material_for_customer",
    "training_card_for_customer",
    "training_session_for_customer",
    "training_session_list",
    "training_summary",
]
