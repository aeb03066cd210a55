"""Numbers of the program app."""

from decimal import Decimal

# Money is stored with 12 digits, 2 after the point (BudgetLine.amount, Expense.amount). One line
# or expense, and every total the budget shows (planned over the program, spent), must fit in them.
BUDGET_AMOUNT_MAX = Decimal("9999999999.99")
BUDGET_TOTAL_MAX = BUDGET_AMOUNT_MAX
