"""Bad input is a 4xx with a message per field, never a 500: the eleven answers of the review, by hand."""

import datetime as dt

import pytest

from pilot.models import BudgetLine, ChecklistItem, Expense, Program
from tests.pilot.conftest import program  # noqa: F401 - the program's fixture

HUGE = "18446744073709551616"


@pytest.fixture(autouse=True)
def _no_api_throttle(no_api_throttle: None) -> None:
    pass


@pytest.mark.parametrize("path", ["/api/v1/expenses/", "/api/v1/incidents/", "/api/v1/customers/", "/api/v1/slos/"])
def test_a_huge_limit_is_capped_and_a_huge_offset_refused(pm_client, tenant_a, path: str) -> None:
    assert pm_client.get(path, {"limit": HUGE}).status_code == 200
    response = pm_client.get(path, {"limit": "10", "offset": HUGE})
    assert response.status_code == 400 and list(response.json()) == ["offset"]


@pytest.mark.parametrize("as_of", ["9999-12-31", "0001-01-01"])
def test_dates_out_of_range_are_refused_on_their_field(program: Program, pm_client, as_of: str) -> None:  # noqa: F811
    response = pm_client.get("/api/v1/budget-lines/summary/", {"as_of": as_of})
    assert response.status_code == 400 and list(response.json()) == ["as_of"]


def test_a_date_range_0001_to_9999_is_refused(pm_client, tenant_a) -> None:
    response = pm_client.get("/api/v1/surveys/results/", {"start": "0001-01-01", "end": "9999-12-31"})
    assert response.status_code == 400 and set(response.json()) == {"start", "end"}


@pytest.mark.parametrize("path", ["/api/v1/slos/status/", "/api/v1/feedback-items/", "/api/v1/incidents/"])
def test_nul_in_a_parameter_is_a_400_naming_it(pm_client, tenant_a, path: str) -> None:
    response = pm_client.get(path, {"customer": "\x00"})
    assert response.status_code == 400 and list(response.json()) == ["customer"]


def test_nul_in_a_json_body_is_a_400(customer_a_client) -> None:
    body = '{"kind": "feature_request", "title": "a\\u0000b"}'
    response = customer_a_client.post("/api/v1/feedback-items/", body, content_type="application/json")
    assert response.status_code == 400


def test_control_characters_on_a_page_are_a_400(pm_client, db) -> None:
    assert pm_client.get("/admin/incidents/queue/", {"customer": "a\x07b"}).status_code == 400


def test_deleting_a_budget_line_with_expenses_is_a_409_naming_them(program: Program, pm_client) -> None:  # noqa: F811
    line = BudgetLine.objects.get(category="support")
    Expense.objects.create(line=line, date=dt.date(2026, 9, 7), amount=10)
    response = pm_client.delete(f"/api/v1/budget-lines/{line.pk}/")
    assert response.status_code == 409
    assert "expenses" in response.json()["detail"]
    assert BudgetLine.objects.filter(pk=line.pk).exists()


def test_a_duplicate_checklist_code_is_a_400_not_a_500(program: Program, pm_client) -> None:  # noqa: F811
    existing = ChecklistItem.objects.filter(customer=None).first()
    payload = {
        "phase": existing.phase_id,
        "kind": existing.kind,
        "code": existing.code,
        "title_en": "Again",
        "owner": "",
    }
    response = pm_client.post("/api/v1/checklist-items/", payload, content_type="application/json")
    assert response.status_code == 400
    assert ChecklistItem.objects.filter(code=existing.code, customer=None).count() == 1
