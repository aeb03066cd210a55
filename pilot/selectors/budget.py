"""Reads of the budget: plan against actual per line and in total (maths in pilot/rules/budget.py)."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum

from pilot.choices import Recurrence
from pilot.models import BudgetLine, Expense, Program
from pilot.rules import budget
from pilot.selectors.program import program_get


@dataclass(frozen=True)
class BudgetLineRow:
    line: BudgetLine
    name: str
    category: str
    recurrence: str
    amount: Decimal
    planned_total: Decimal
    planned_to_date: Decimal
    actual_to_date: Decimal
    forecast_at_end: Decimal
    variance: Decimal  # actual − planned, to date
    forecast_variance: Decimal  # forecast − planned total
    alert: bool


@dataclass(frozen=True)
class BudgetSummary:
    """docs/CONTRACTS.md: per line and totals of planned_to_date, actual_to_date, forecast_at_end, variance.

    `monthly_recurring` and `one_time_total` are the plan's figures stated correctly (the plan's
    "$3,500/month" adds a one-time cost to monthly ones); `planned_total` is the whole pilot's cost
    over its actual duration (`months` calendar months, pro-rated by day).
    """

    as_of: dt.date
    currency: str
    lines: list[BudgetLineRow]
    planned_total: Decimal
    planned_to_date: Decimal
    actual_to_date: Decimal
    forecast_at_end: Decimal
    variance: Decimal
    alert: bool
    threshold_pct: Decimal
    monthly_recurring: Decimal
    one_time_total: Decimal
    months: Decimal

    @property
    def burn_pct(self) -> Decimal | None:
        """Actual to date as a share of the whole pilot's plan."""
        if not self.planned_total:
            return None
        return (self.actual_to_date * 100 / self.planned_total).quantize(budget.CENT)


def line_spec(*, line: BudgetLine, program: Program) -> budget.LineSpec:
    # Dates are clamped to the program's years: a stored 9999-12-31 (from before the checks
    # existed) would overflow the date arithmetic and fail every page showing the budget.
    first, last = program.years
    end = min(line.end_date, last) + dt.timedelta(days=1) if line.end_date else program.end_date
    return budget.LineSpec(
        amount=line.amount,
        monthly=line.recurrence == Recurrence.MONTHLY,
        start=min(max(line.start_date or program.start_date, first), last),
        end=end,
    )


def _line_row(line: BudgetLine, program: Program, as_of: dt.date) -> BudgetLineRow:
    spec = line_spec(line=line, program=program)
    total, to_date = budget.planned_total(spec), budget.planned_to_date(spec, as_of)
    actual = budget.money(line.actual or Decimal(0))  # type: ignore[attr-defined]  # annotated by the query
    forecast = budget.forecast_at_end(planned_total=total, planned_to_date=to_date, actual_to_date=actual)
    return BudgetLineRow(
        line=line,
        name=line.name,
        category=str(line.get_category_display()),
        recurrence=str(line.get_recurrence_display()),
        amount=line.amount,
        planned_total=total,
        planned_to_date=to_date,
        actual_to_date=actual,
        forecast_at_end=forecast,
        variance=actual - to_date,
        forecast_variance=forecast - total,
        alert=budget.is_ahead_of_plan(planned=to_date, actual=actual, threshold_pct=program.budget_alert_pct),
    )


def _sum(rows: list[BudgetLineRow], name: str) -> Decimal:
    return sum((getattr(row, name) for row in rows), budget.ZERO)


def budget_summary(*, as_of: dt.date) -> BudgetSummary:
    """Plan against actual at `as_of` (expenses dated up to and including it). Two queries."""
    program = program_get()
    lines = BudgetLine.objects.annotate(actual=Sum("expenses__amount", filter=Q(expenses__date__lte=as_of))).order_by(
        "pk"
    )  # Meta.ordering is not applied to aggregated queries
    rows = [_line_row(line, program, as_of) for line in lines]
    planned, actual = _sum(rows, "planned_to_date"), _sum(rows, "actual_to_date")
    monthly = [row.amount for row in rows if row.line.recurrence == Recurrence.MONTHLY]
    return BudgetSummary(
        as_of=as_of,
        currency=program.currency,
        lines=rows,
        planned_total=_sum(rows, "planned_total"),
        planned_to_date=planned,
        actual_to_date=actual,
        forecast_at_end=_sum(rows, "forecast_at_end"),
        variance=actual - planned,
        alert=budget.is_ahead_of_plan(planned=planned, actual=actual, threshold_pct=program.budget_alert_pct),
        threshold_pct=program.budget_alert_pct,
        monthly_recurring=budget.money(sum(monthly, Decimal(0))),
        one_time_total=budget.money(
            sum((r.amount for r in rows if r.line.recurrence == Recurrence.ONE_TIME), Decimal(0))
        ),
        months=budget.months_between(program.start_date, program.end_date).quantize(budget.CENT),
    )


def expense_list() -> QuerySet[Expense]:
    return Expense.objects.select_related("line")
