"""Back-office pages of the program: the dashboard as admin home, timeline with the gate,
budget, scorecard with the signed decision; none of them on a customer's domain."""

import datetime as dt
from decimal import Decimal

import pytest

from backoffice.navigation import NAV_MAX_QUERIES
from pilot.models import BudgetLine, Expense, GoDecision, Phase, Program
from pilot.services.budget import expense_create
from tests.pilot.conftest import START

PAGES = ["/admin/", "/admin/pilot/timeline/", "/admin/pilot/budget/", "/admin/pilot/scorecard/"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_for_the_program_manager_in_constant_queries(
    program: Program, pm_client, path: str, django_assert_max_num_queries
) -> None:
    for day in range(10):
        expense_create(
            line=BudgetLine.objects.first(),
            date=START + dt.timedelta(days=day),
            amount=Decimal("10"),
        )
    # Most of these are the search_path statements django-tenants issues; the scorecard part
    # visits each customer schema through feedback_summary (two customers here).
    with django_assert_max_num_queries(100 + NAV_MAX_QUERIES):
        response = pm_client.get(path)
    assert response.status_code == 200


def test_dashboard_shows_every_part_of_the_program(program: Program, pm_client) -> None:
    body = pm_client.get("/admin/").content.decode()
    assert 'id="program-dashboard"' in body
    for heading in (
        "Phases",
        "Customers",
        "Late items",
        "Training",
        "Budget burn",
        "Open risks by score",
        "Success criteria",
    ):
        assert heading in body
    assert "Alpha Fish Farm" in body and "User adoption" in body


def test_support_staff_see_the_dashboard_but_cannot_close_phases(program: Program, support_client) -> None:
    assert support_client.get("/admin/").status_code == 200
    response = support_client.post("/admin/pilot/timeline/", {"phase": "deployment", "override_reason": "x"})
    assert response.status_code == 403
    assert Phase.objects.get(key="deployment").status != "closed"


def test_timeline_closes_a_phase_only_through_its_gate(program: Program, pm_client) -> None:
    pm_client.post("/admin/pilot/timeline/", {"phase": "deployment", "override_reason": ""})
    assert Phase.objects.get(key="deployment").status != "closed"
    # An override needs a reason of substance and the confirmation box, and is recorded.
    pm_client.post("/admin/pilot/timeline/", {"phase": "deployment", "override_reason": "test"})
    pm_client.post("/admin/pilot/timeline/", {"phase": "deployment", "override_reason": "tracing next sprint"})
    assert Phase.objects.get(key="deployment").status != "closed"
    page = pm_client.get("/admin/pilot/timeline/").content.decode()
    assert "tick the box to confirm closing the phase anyway" in page
    override = {"phase": "deployment", "override_reason": "tracing next sprint", "confirm": "1"}
    pm_client.post("/admin/pilot/timeline/", override)
    closed = Phase.objects.get(key="deployment")
    assert closed.status == "closed" and closed.override_reason == "tracing next sprint"


def test_budget_page_states_the_correct_plan_figures(program: Program, pm_client) -> None:
    body = pm_client.get("/admin/pilot/budget/", {"as_of": "2026-09-30"}).content.decode()
    assert "2,500.00 per month recurring plus USD 1,000.00 once" in body
    assert "6,750.00" in body


def test_scorecard_page_records_a_signed_decision(program: Program, pm_client, program_manager) -> None:
    refused = pm_client.post("/admin/pilot/scorecard/", {"decision": "go", "note": "", "signed_name": ""})
    assert refused.status_code == 400 and "Write a note" in refused.content.decode()
    assert 'id="decision-errors"' in refused.content.decode()  # at the top, and beside the field
    assert not GoDecision.objects.exists()
    pm_client.post("/admin/pilot/scorecard/", {"decision": "go", "note": "All good", "signed_name": "Noura"})
    decision = GoDecision.objects.get()
    assert (decision.decided_by, decision.signed_name) == (program_manager, "Noura")


def test_admin_expense_form_shows_a_message_per_field_and_saves_nothing(program: Program, pm_client) -> None:
    line = BudgetLine.objects.first()
    response = pm_client.post(
        "/admin/pilot/expense/add/", {"line": line.pk, "date": "2026-01-01", "amount": "-3", "note": ""}
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert set(errors) == {"date", "amount"}
    assert not Expense.objects.exists()


def test_customer_checklist_page_shows_onboarding_and_core_tests(program: Program, pm_client, tenant_a) -> None:
    body = pm_client.get(f"/admin/pilot/customers/{tenant_a.slug}/checklists/").content.decode()
    assert "Tax profile for the region configured" in body and "Entering water-quality readings" in body


@pytest.mark.parametrize("path", [*PAGES, "/admin/pilot/customers/alpha/checklists/"])
def test_back_office_pages_do_not_exist_on_a_customer_domain(program: Program, customer_a_client, path: str) -> None:
    assert customer_a_client.get(path).status_code == 404


def test_the_dashboard_is_only_on_the_home_page_not_on_app_index_pages(program: Program, pm_client) -> None:
    assert 'id="program-dashboard"' not in pm_client.get("/admin/pilot/").content.decode()
    assert 'id="program-dashboard"' not in pm_client.get("/admin/tenants/").content.decode()


def test_scorecard_targets_read_in_arabic_and_keep_their_order(program: Program, pm_client) -> None:
    body = pm_client.get("/admin/pilot/scorecard/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "<bdi>95٪ من الطلبات في أقل من ثانيتين</bdi>" in body
    assert "of % 95" not in body and "95 % of requests" not in body
