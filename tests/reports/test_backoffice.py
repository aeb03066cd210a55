"""The back-office reports page: generate, live status, download, history."""

import pytest

from backoffice.navigation import NAV_MAX_QUERIES
from reports.build import report_build
from reports.choices import ReportKind, ReportStatus
from reports.constants import NARRATIVE_MAX_LENGTH
from reports.models import Report, ReportNarrative
from reports.services import report_create
from tests.conftest import TenantClient


@pytest.fixture
def done_final(no_other_apps, tenant_a) -> Report:
    return report_build(report_id=report_create(kind=ReportKind.FINAL, language="en", draft=True).pk)


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


TEXT = {
    "recommendations_en": "Release region by region.",
    "recommendations_ar": "الإطلاق منطقة بعد منطقة.",
    "future_plan_en": "Offline entry.",
    "future_plan_ar": "الإدخال دون اتصال.",
    "lessons_learned_en": "Train first.",
    "lessons_learned_ar": "التدريب أولاً.",
}


def test_the_text_is_written_on_the_report_page_and_kept_in_history(pm_client, program_manager) -> None:
    response = pm_client.post("/admin/reports/narrative/", TEXT)
    assert response.status_code == 302
    narrative = ReportNarrative.objects.get()
    assert narrative.recommendations_ar == "الإطلاق منطقة بعد منطقة." and narrative.updated_by == program_manager
    pm_client.post("/admin/reports/narrative/", {**TEXT, "lessons_learned_en": "Train before go-live."})
    assert narrative.history.count() == 2
    page = pm_client.get("/admin/reports/").content.decode()
    assert "Train before go-live." in page and f"/admin/reports/reportnarrative/{narrative.pk}/history/" in page


def test_too_long_text_is_a_400_on_its_box_and_nothing_is_saved(pm_client) -> None:
    response = pm_client.post("/admin/reports/narrative/", {**TEXT, "future_plan_ar": "x" * (NARRATIVE_MAX_LENGTH + 1)})
    assert response.status_code == 400 and "errorlist" in response.content.decode()
    assert not ReportNarrative.objects.exists()


def test_support_staff_may_not_write_the_text(support_client) -> None:
    assert support_client.post("/admin/reports/narrative/", TEXT).status_code == 403
    assert not ReportNarrative.objects.exists()


def test_final_is_refused_while_its_text_is_empty_with_an_error_per_box(pm_client, tenant_a) -> None:
    pm_client.post("/admin/reports/narrative/", {"recommendations_ar": "الإطلاق منطقة بعد منطقة."})
    response = pm_client.post("/admin/reports/generate/", {"language": "ar", "version": "final"})
    body = response.content.decode()
    assert response.status_code == 400 and not Report.objects.exists()
    assert "Write the future-improvement plan before generating the final report." in body
    assert "Write the lessons learned before generating the final report." in body
    assert "Write the recommendations for general release" not in body  # that one is written


def test_a_draft_is_generated_while_the_text_is_empty(pm_client, tenant_a) -> None:
    assert pm_client.post("/admin/reports/generate/", {"language": "en", "version": "draft"}).status_code == 302
    assert Report.objects.get().draft


def test_final_is_generated_once_the_text_is_written(pm_client, tenant_a) -> None:
    pm_client.post("/admin/reports/narrative/", TEXT)
    assert pm_client.post("/admin/reports/generate/", {"language": "ar", "version": "final"}).status_code == 302
    assert not Report.objects.get().draft
