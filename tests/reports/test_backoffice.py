"""The back-office reports page: generate, live status, download, history."""

import pytest

from backoffice.navigation import NAV_MAX_QUERIES
from reports.build import report_build
from reports.choices import ReportKind, ReportStatus
from reports.models import Report
from reports.services import report_create
from tests.conftest import TenantClient


@pytest.fixture
def done_final(no_other_apps, tenant_a) -> Report:
    return report_build(report_id=report_create(kind=ReportKind.FINAL, language="en").pk)


def test_page_lists_history_in_constant_queries(pm_client, tenant_a, tenant_b, django_assert_max_num_queries) -> None:
    for customer in (tenant_a, tenant_b, tenant_a, tenant_b):
        report_create(kind=ReportKind.CUSTOMER, language="ar", customer=customer)
    with django_assert_max_num_queries(12 + NAV_MAX_QUERIES):
        response = pm_client.get("/admin/reports/")
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("data-report=") == 4 and "Generate final report" in body


def test_generate_button_queues_a_report(
    pm_client, no_other_apps, tenant_a, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = pm_client.post("/admin/reports/generate/", {"customer": "alpha", "language": "ar"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.kind == ReportKind.CUSTOMER and report.customer == tenant_a and report.status == ReportStatus.DONE


def test_generate_with_unknown_language_creates_nothing(pm_client, tenant_a) -> None:
    pm_client.post("/admin/reports/generate/", {"customer": "", "language": "fr"})
    assert not Report.objects.exists()


def test_status_endpoint_reports_progress_and_download_link(pm_client, done_final: Report) -> None:
    status = pm_client.get(f"/admin/reports/{done_final.pk}/status/").json()
    assert status["status"] == "done" and status["progress"] == 100
    download = pm_client.get(status["download_url"])
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"


def test_support_staff_may_view_the_history(support_client, done_final: Report) -> None:
    assert support_client.get("/admin/reports/").status_code == 200


def test_customer_session_gets_nothing_of_the_back_office(customer_a_client, done_final: Report) -> None:
    public = TenantClient("localhost")
    public.cookies["sessionid"] = customer_a_client.cookies["sessionid"].value
    for path in (
        "/admin/reports/",
        f"/admin/reports/{done_final.pk}/status/",
        f"/admin/reports/{done_final.pk}/download/",
    ):
        assert public.get(path).status_code == 302  # to the admin login
    assert customer_a_client.get("/admin/reports/").status_code == 404


def test_staff_without_report_permission_is_refused(db, done_final: Report) -> None:
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user("bare-staff", password="x", is_staff=True)
    client = TenantClient("localhost")
    client.force_login(user)
    assert client.get(f"/admin/reports/{done_final.pk}/download/").status_code == 403
    assert client.post("/admin/reports/generate/", {"language": "en"}).status_code == 403
