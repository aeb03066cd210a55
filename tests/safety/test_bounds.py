"""Values the code cannot hold are refused at the door, per field; stored ones never make a page fail."""

import datetime as dt
from decimal import Decimal

import pytest

from incidents.models import SeverityPolicy
from pilot.choices import BudgetCategory, Recurrence
from pilot.models import BudgetLine, Expense
from reports.build import report_build
from reports.choices import ReportKind, ReportStatus
from reports.services import report_create
from tests.pilot.conftest import START, program  # noqa: F401  (fixture)

HUGE = "9999999999.99"


def _line(**fields: object) -> dict:
    return {"name_en": "Cloud", "category": BudgetCategory.INFRASTRUCTURE, "amount": "500.00",
            "recurrence": Recurrence.MONTHLY, **fields}  # fmt: skip


@pytest.mark.usefixtures("program")
def test_budget_line_dates_outside_the_program_years_are_refused(pm_client) -> None:
    response = pm_client.post("/api/v1/budget-lines/", _line(end_date="9999-12-31"), content_type="application/json")
    assert response.status_code == 400
    assert "end_date" in response.json()
    response = pm_client.post("/api/v1/budget-lines/", _line(start_date="2031-01-01"), content_type="application/json")
    assert response.status_code == 400
    assert "start_date" in response.json()
    assert not BudgetLine.objects.filter(name_en="Cloud").exists()


@pytest.mark.usefixtures("program")
def test_money_beyond_the_fields_digits_is_refused_per_line_and_summed(pm_client) -> None:
    response = pm_client.post("/api/v1/budget-lines/", _line(amount="99999999999.00"), content_type="application/json")
    assert response.status_code == 400 and "amount" in response.json()
    # One monthly line of the maximum amount is fine alone, but its total over the months is not.
    response = pm_client.post("/api/v1/budget-lines/", _line(amount=HUGE), content_type="application/json")
    assert response.status_code == 400 and "amount" in response.json()
    line = BudgetLine.objects.order_by("pk").first()
    expense = {"line": line.pk, "date": str(START), "amount": HUGE}
    first = pm_client.post("/api/v1/expenses/", expense, content_type="application/json")
    second = pm_client.post("/api/v1/expenses/", expense, content_type="application/json")
    assert (first.status_code, second.status_code) == (201, 400)  # alone it fits; summed it would not
    assert "amount" in second.json()
    assert Expense.objects.filter(amount=Decimal(HUGE)).count() == 1


@pytest.mark.usefixtures("program")
def test_admin_budget_form_shows_the_error_at_the_field(pm_client) -> None:
    data = {**_line(end_date="9999-12-31"), "name_ar": ""}
    response = pm_client.post("/admin/pilot/budgetline/add/", data)
    assert response.status_code == 200
    assert "program&#x27;s years" in response.content.decode() or "program's years" in response.content.decode()
    assert not BudgetLine.objects.filter(name_en="Cloud").exists()


def test_severity_policy_intervals_out_of_range_are_refused_per_field(db, pm_client) -> None:
    from incidents.services.setup import policies_ensure

    policies_ensure()
    policy = SeverityPolicy.objects.order_by("severity").first()
    data = {
        "severity": policy.severity,
        "response_minutes": 10**9,
        "resolution_minutes": policy.resolution_minutes,
        "update_minutes": 0,
        "warning_minutes": policy.warning_minutes,
        "calendar": policy.calendar,
        "escalation_emails": "",
        "escalation_webhook_url": "",
    }
    response = pm_client.post(f"/admin/incidents/severitypolicy/{policy.pk}/change/", data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"response_minutes", "update_minutes"}
    policy.refresh_from_db()
    assert policy.response_minutes < 10**9


@pytest.mark.usefixtures("program")
def test_pages_api_and_pdf_survive_out_of_range_data_stored_earlier(pm_client, tenant_a) -> None:
    line = BudgetLine.objects.create(
        name_en="Legacy", category=BudgetCategory.SUPPORT, amount=Decimal(HUGE),
        recurrence=Recurrence.MONTHLY, end_date=dt.date(9999, 12, 31),
    )  # fmt: skip
    Expense.objects.create(line=line, date=START, amount=Decimal(HUGE))
    Expense.objects.create(line=line, date=START, amount=Decimal(HUGE))
    for path in ("/admin/", "/admin/pilot/budget/", "/api/v1/budget-lines/", "/api/v1/budget-lines/summary/"):
        assert pm_client.get(path).status_code == 200, path
    report = report_create(kind=ReportKind.FINAL, language="en", draft=True)
    assert report_build(report_id=report.pk).status == ReportStatus.DONE
