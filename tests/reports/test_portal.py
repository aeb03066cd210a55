"""The customer downloads its own report from its portal, and nothing of another customer."""

import pytest

from reports.build import report_build
from reports.choices import ReportKind
from reports.models import Report
from reports.services import report_create


@pytest.fixture
def report_a(no_other_apps, tenant_a) -> Report:
    return report_build(report_id=report_create(kind=ReportKind.CUSTOMER, language="ar", customer=tenant_a).pk)


def test_dashboard_card_links_the_customers_report(customer_a_client, report_a: Report) -> None:
    body = customer_a_client.get("/").content.decode()
    assert f"/reports/{report_a.pk}/download/" in body


def test_customer_downloads_its_own_report(customer_a_client, report_a: Report) -> None:
    response = customer_a_client.get(f"/reports/{report_a.pk}/download/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_other_customer_gets_404(customer_b_client, report_a: Report) -> None:
    assert customer_b_client.get(f"/reports/{report_a.pk}/download/").status_code == 404
    assert f"/reports/{report_a.pk}/" not in customer_b_client.get("/").content.decode()


def test_anonymous_is_sent_to_login(anon_a_client, report_a: Report) -> None:
    response = anon_a_client.get(f"/reports/{report_a.pk}/download/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_report_not_done_is_409(customer_a_client, tenant_a) -> None:
    report = report_create(kind=ReportKind.CUSTOMER, language="ar", customer=tenant_a)
    response = customer_a_client.get(f"/reports/{report.pk}/download/")
    assert response.status_code == 409 and "not ready" in response.content.decode()
