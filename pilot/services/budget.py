"""Writes of the budget: lines and expenses, with the checks of bad input."""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from pilot.models import BudgetLine, Expense
from pilot.selectors import program_get


def _errors_raise(errors: dict[str, list[str]]) -> None:
    if errors:
        raise ValidationError(errors)


def _amount_errors(amount: Decimal | None) -> list[str]:
    if amount is None:
        return [_("Enter an amount.")]
    if not isinstance(amount, Decimal) or not amount.is_finite():
        return [_("Enter a number.")]
    return [] if amount > 0 else [_("The amount must be greater than zero.")]


def expense_validate(*, line: BudgetLine | None, date: dt.date | None, amount: Decimal | None) -> None:
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
    _errors_raise(errors)


def expense_create(
    *, line: BudgetLine, date: dt.date, amount: Decimal, note: str = "", receipt: UploadedFile | None = None
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
    expense_validate(line=expense.line, date=expense.date, amount=expense.amount)
    expense.save()
    return expense


def budget_line_validate(
    *, amount: Decimal | None, start_date: dt.date | None = None, end_date: dt.date | None = None
) -> None:
    program = program_get()
    errors: dict[str, list[str]] = {}
    if amount_errors := _amount_errors(amount):
        errors["amount"] = amount_errors
    if start_date and start_date < program.start_date:
        errors["start_date"] = [_("The line cannot start before the program.")]
    if start_date and end_date and end_date < start_date:
        errors["end_date"] = [_("The end date cannot be before the start date.")]
    _errors_raise(errors)


def budget_line_save(*, line: BudgetLine) -> BudgetLine:
    """Create or update a line after the checks."""
    budget_line_validate(amount=line.amount, start_date=line.start_date, end_date=line.end_date)
    line.full_clean()
    line.save()
    return line
