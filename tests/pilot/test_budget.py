"""The budget summary from the database, and bad input refused with a message per field."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from pilot.models import BudgetLine, Expense, Program
from pilot.selectors import budget_summary
from pilot.services.budget import budget_line_save, expense_create
from tests.pilot.conftest import END, START


def lines() -> dict[str, BudgetLine]:
    return {line.category: line for line in BudgetLine.objects.all()}


def test_the_plans_lines_are_seeded_with_their_recurrence(program: Program) -> None:
    seeded = {(line.name_en, line.amount, line.recurrence) for line in BudgetLine.objects.all()}
    assert seeded == {
        ("Infrastructure", Decimal("500.00"), "monthly"),
        ("Support", Decimal("2000.00"), "monthly"),
        ("Training", Decimal("1000.00"), "one_time"),
    }


def test_summary_states_the_plans_figures_correctly(program: Program) -> None:
    summary = budget_summary(as_of=START)
    assert summary.monthly_recurring == Decimal("2500.00")
    assert summary.one_time_total == Decimal("1000.00")
    assert summary.months == Decimal("2.30")
    assert summary.planned_total == Decimal("6750.00")  # not 3,500 × 2.3
    assert summary.currency == "USD"


def test_planned_actual_forecast_and_variance_per_line_and_in_total(program: Program) -> None:
    by = lines()
    expense_create(line=by["infrastructure"], date=START, amount=Decimal("300.00"))
    expense_create(line=by["training"], date=dt.date(2026, 9, 28), amount=Decimal("950.00"))
    expense_create(line=by["support"], date=dt.date(2026, 10, 1), amount=Decimal("2000.00"))  # after as_of
    summary = budget_summary(as_of=dt.date(2026, 9, 30))
    infra, support, training = summary.lines
    assert (infra.planned_to_date, infra.actual_to_date, infra.variance) == (
        Decimal("416.67"),
        Decimal("300.00"),
        Decimal("-116.67"),
    )
    assert infra.forecast_at_end == Decimal("1033.33")  # 300 + (1150 − 416.67)
    assert support.actual_to_date == 0
    assert (training.planned_to_date, training.actual_to_date, training.forecast_at_end) == (
        Decimal("1000.00"),
        Decimal("950.00"),
        Decimal("950.00"),
    )
    assert summary.planned_to_date == Decimal("416.67") + Decimal("1666.67") + Decimal("1000.00")
    assert summary.actual_to_date == Decimal("1250.00")
    assert summary.variance == summary.actual_to_date - summary.planned_to_date
    assert summary.forecast_at_end == sum((line.forecast_at_end for line in summary.lines), Decimal(0))
    assert not summary.alert


def test_alert_per_line_and_in_total_when_actual_runs_ahead_of_plan(program: Program) -> None:
    expense_create(line=lines()["support"], date=START, amount=Decimal("2000.00"))
    summary = budget_summary(as_of=dt.date(2026, 9, 10))  # 5 days of September planned: 333.33
    support = summary.lines[1]
    assert support.alert and not summary.lines[0].alert
    assert summary.alert


def test_a_line_with_its_own_window(program: Program) -> None:
    line = budget_line_save(
        line=BudgetLine(
            name_en="Extra monitoring",
            category="infrastructure",
            amount=Decimal("310.00"),
            recurrence="monthly",
            start_date=dt.date(2026, 10, 1),
            end_date=dt.date(2026, 10, 31),
        )
    )
    row = next(row for row in budget_summary(as_of=END).lines if row.line == line)
    assert row.planned_total == Decimal("310.00")
    assert budget_summary(as_of=dt.date(2026, 10, 10)).lines[-1].planned_to_date == Decimal("100.00")


@pytest.mark.parametrize(
    ("date", "amount", "fields"),
    [
        (START, Decimal("-5.00"), {"amount"}),
        (START, Decimal("0"), {"amount"}),
        (START, Decimal("NaN"), {"amount"}),
        (START - dt.timedelta(days=1), Decimal("5.00"), {"date"}),
        (END, Decimal("5.00"), {"date"}),  # the day after the last day
        (END, Decimal("-1"), {"date", "amount"}),
    ],
)
def test_bad_expenses_get_a_message_per_field_and_nothing_is_saved(program: Program, date, amount, fields) -> None:
    with pytest.raises(ValidationError) as error:
        expense_create(line=lines()["support"], date=date, amount=amount)
    assert set(error.value.message_dict) == fields
    assert not Expense.objects.exists()


def test_bad_budget_lines_are_refused(program: Program) -> None:
    line = BudgetLine(
        name_en="x", category="other", amount=Decimal("-1"), recurrence="monthly", start_date=START - dt.timedelta(1)
    )
    with pytest.raises(ValidationError) as error:
        budget_line_save(line=line)
    assert set(error.value.message_dict) == {"amount", "start_date"}
    assert BudgetLine.objects.count() == 3


def test_budget_summary_runs_in_constant_queries(program: Program, django_assert_max_num_queries) -> None:
    for day in range(20):
        expense_create(line=lines()["infrastructure"], date=START + dt.timedelta(days=day), amount=Decimal("1"))
    with django_assert_max_num_queries(4):
        budget_summary(as_of=END)
