"""Pages and APIs that summarise customers read the public summaries: the same number of queries
at 3 customers as at 20 (the cheap customers have no schema — a page that still visited schemas
would fail on them)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backoffice.navigation import NAV_MAX_QUERIES
from pilot.models import Program
from pilot.services.program import program_plan_seed
from tests.rollups.conftest import FIRST_WEEK, cheap_customers_add

PAGES = ["/admin/", "/admin/pilot/scorecard/", "/admin/feedback/dashboard/", "/api/v1/surveys/results/"]


def _queries(client, path: str) -> int:
    client.get(path)  # warm the navigation counts' cache, so both sizes are measured alike
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


@pytest.fixture
def three_customers(db: None, tenant_a, tenant_b) -> None:
    Program.objects.create(pk=1, start_date=FIRST_WEEK)
    program_plan_seed(customers=[tenant_a, tenant_b])
    cheap_customers_add(1)


def test_summary_pages_make_as_many_queries_at_20_customers_as_at_3(
    three_customers, pm_client, django_assert_max_num_queries
) -> None:
    at_3 = {path: _queries(pm_client, path) for path in PAGES}
    cheap_customers_add(17, first=1)
    at_20 = {path: _queries(pm_client, path) for path in PAGES}
    assert at_20 == at_3
    for path in PAGES:
        with django_assert_max_num_queries(60 + NAV_MAX_QUERIES):
            pm_client.get(path)


def test_the_feedback_dashboard_lists_every_customer_with_its_figures_and_their_age(three_customers, pm_client) -> None:
    cheap_customers_add(17, first=1)
    page = pm_client.get("/admin/feedback/dashboard/").content.decode()
    assert page.count('href="/admin/feedback/customers/cheap-') == 18
    assert 'id="figures-as-of"' in page


def test_summary_pages_refuse_the_customer_of_a_tenant(three_customers, customer_a_client) -> None:
    for path in PAGES:
        assert customer_a_client.get(path).status_code == 404
