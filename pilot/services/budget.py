"""Writes of the budget: lines and expenses, with the checks of bad input."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Sum
from django.utils.translation import gettext as _

from pilot.choices import Recurrence
from pilot.constants import BUDGET_AMOUNT_MAX, BUDGET_TOTAL_MAX
from pilot.models import BudgetLine, Expense, Program
from pilot.rules import budget
from pilot.selectors import program_get
from pilot.selectors.budget import line_spec


def _errors_raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _amount_errors(amount: Decimal | None) -> list[str]:
    if amount is None:
        return [_("Enter an amount.")]
    if not isinstance(amount, Decimal) or not amount.is_finite():
        return [_("Enter a number.")]
    if amount > BUDGET_AMOUNT_MAX:
        return [_("The amount cannot exceed %(max)s.") % {"max": f"{BUDGET_AMOUNT_MAX:,}"}]
    return [] if amount > 0 else [_("The amount must be greater than zero.")]


def _total_errors(total: Decimal) -> list[str]:
    """Totals are stored and shown with the amount's 12 digits: refuse what would overflow them."""
    if total <= BUDGET_TOTAL_MAX:
        return []
    return [
        _("With this amount the budget's total would exceed %(max)s; the portal cannot hold it.")
        % {"max": f"{BUDGET_TOTAL_MAX:,}"}
    ]


def _year_errors(value: dt.date | None, program: Program) -> list[str]:
    first, last = program.years
    if value is None or first <= value <= last:
        return []
    return [
        _("The date must fall within the program's years (%(first)s to %(last)s).") % {"first": first, "last": last}
    ]


def expense_validate(
    *, line: BudgetLine | None, date: dt.date | None, amount: Decimal | None, exclude_pk: int | None = None
) -> None:
    """Expenses are positive and dated inside the program (start to last day)."""
    program = program_get()
    errors: dict[str, list[str]] = {}
    if amount_errors := _amount_errors(amount):
        errors["amount"] = amount_errors
    if date is None:
        errors["date"] = [_("Enter a date.")]
    elif not program.start_date <= date < program.end_date:
        last = program.end_date - dt.timedelta(days=1)
        errors["date"] = [
            _("The date must fall inside the program (%(start)s to %(end)s).")
            % {"start": program.start_date, "end": last}
        ]
    if line is None:
        errors["line"] = [_("Choose a budget line.")]
    if not errors and amount is not None:
        expenses = Expense.objects.all() if exclude_pk is None else Expense.objects.exclude(pk=exclude_pk)
        spent = expenses.aggregate(total=Sum("amount"))["total"] or Decimal(0)
        if total_errors := _total_errors(spent + amount):
            errors["amount"] = total_errors
    _errors_raise(errors)


def expense_create(
    *, line: BudgetLine, date: dt.date, amount: Decimal, note: str = "", receipt: "UploadedFile[bytes] | None" = None
) -> Expense:
    expense_validate(line=line, date=date, amount=amount)
    expense = Expense(line=line, date=date, amount=amount, note=note)
    if receipt is not None:
        expense.receipt = receipt
    expense.save()
    return expense


def expense_update(*, expense: Expense, **fields: object) -> Expense:
    for name, value in fields.items():
        setattr(expense, name, value)
    expense_validate(line=expense.line, date=expense.date, amount=expense.amount, exclude_pk=expense.pk)
    expense.save()
    return expense


def budget_line_validate(
    *,
    amount: Decimal | None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    recurrence: str = Recurrence.ONE_TIME,
    exclude_pk: int | None = None,
) -> None:
    program = program_get()
    errors: dict[str, list[str]] = {}
    if amount_errors := _amount_errors(amount):
        errors["amount"] = amount_errors
    if start_date and start_date < program.start_date:
        errors["start_date"] = [_("The line cannot start before the program.")]
    elif found := _year_errors(start_date, program):
        errors["start_date"] = found
    if found := _year_errors(end_date, program):
        errors["end_date"] = found
    elif start_date and end_date and end_date < start_date:
        errors["end_date"] = [_("The end date cannot be before the start date.")]
    if not errors and amount is not None:
        line = BudgetLine(amount=amount, recurrence=recurrence, start_date=start_date, end_date=end_date)
        if found := _total_errors(_planned_total_with(line, program, exclude_pk)):
            errors["amount"] = found
    _errors_raise(errors)


def _planned_total_with(line: BudgetLine, program: Program, exclude_pk: int | None) -> Decimal:
    others = BudgetLine.objects.all() if exclude_pk is None else BudgetLine.objects.exclude(pk=exclude_pk)
    return sum((budget.planned_total(line_spec(line=item, program=program)) for item in [line, *others]), Decimal(0))


def budget_line_save(*, line: BudgetLine) -> BudgetLine:
    """Create or update a line after the checks."""
    budget_line_validate(
        amount=line.amount,
        start_date=line.start_date,
        end_date=line.end_date,
        recurrence=line.recurrence,
        exclude_pk=line.pk,
    )
    line.full_clean()
    line.save()
    return line
