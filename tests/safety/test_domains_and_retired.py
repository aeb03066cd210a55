"""A domain without its schema never falls through to public; retired customers' portals are read-only."""

import pytest
from django.db import connection

from reports.build import report_build
from reports.choices import ReportKind
from reports.services import report_create
from tenants.choices import Status
from tenants.models import PilotCustomer
from tests.conftest import PASSWORD, TenantClient, tenant_host


def test_domain_whose_schema_is_gone_answers_503_and_never_public(tenant_b, program_manager) -> None:
    with connection.cursor() as cursor:  # rolled back with the test's transaction
        cursor.execute('ALTER SCHEMA "beta" RENAME TO "beta_gone"')
    client = TenantClient(tenant_host(tenant_b))
    assert client.get("/").status_code == 503
    response = client.post("/accounts/login/", {"username": program_manager.username, "password": PASSWORD})
    assert response.status_code == 503
    assert "_auth_user_id" not in client.session
    assert client.get("/api/v1/surveys/").status_code == 503


def _retire(customer: PilotCustomer, status: str) -> None:
    PilotCustomer.objects.filter(pk=customer.pk).update(status=status)


@pytest.mark.parametrize("status", [Status.WITHDRAWN, Status.COMPLETED])
def test_retired_customer_can_read_but_not_write(customer_a_client: TenantClient, tenant_a, status: str) -> None:
    _retire(tenant_a, status)
    assert customer_a_client.get("/").status_code == 200
    assert customer_a_client.get("/incidents/").status_code == 200
    response = customer_a_client.post("/incidents/report/", {"title": "x", "description": "y"})
    assert response.status_code == 403
    api = customer_a_client.post("/api/v1/feedback-items/", {"title": "x"}, content_type="application/json")
    assert api.status_code == 403
    assert "read-only" in api.json()["detail"]


def test_retired_customer_can_still_sign_in_and_download_its_report(tenant_a, customer_a_user, settings) -> None:
    _retire(tenant_a, Status.WITHDRAWN)
    client = TenantClient(tenant_host(tenant_a))
    response = client.post("/accounts/login/", {"username": customer_a_user.username, "password": PASSWORD})
    assert response.status_code == 302
    report = report_create(kind=ReportKind.CUSTOMER, language="en", customer=tenant_a)
    report_build(report_id=report.pk)
    response = client.get(f"/reports/{report.pk}/download/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content if response.streaming else [response.content]).startswith(b"%PDF")


def test_retired_customer_survey_links_answer_410(anon_a_client: TenantClient, tenant_a) -> None:
    _retire(tenant_a, Status.WITHDRAWN)
    assert anon_a_client.get("/s/any-token/").status_code == 410
    assert anon_a_client.post("/s/any-token/", {}).status_code == 410
    arabic = anon_a_client.get("/s/any-token/", HTTP_ACCEPT_LANGUAGE="ar")
    assert "هذا الاستبيان مغلق" in arabic.content.decode()


def test_live_customer_of_b_is_not_affected_by_a_being_withdrawn(tenant_a, customer_b_client) -> None:
    _retire(tenant_a, Status.WITHDRAWN)
    assert customer_b_client.get("/s/any-token/").status_code != 410
    response = customer_b_client.post("/api/v1/feedback-items/", {}, content_type="application/json")
    assert response.status_code == 400
