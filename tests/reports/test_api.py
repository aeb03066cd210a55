"""Staff API on the back office, customer API on the customer's own domain."""

import pytest
from kombu.exceptions import OperationalError

from reports.build import report_build
from reports.choices import ReportKind, ReportStatus
from reports.models import Report
from reports.services import report_create


@pytest.fixture
def done_report_a(no_other_apps, tenant_a) -> Report:
    report = report_create(kind=ReportKind.CUSTOMER, language="en", customer=tenant_a)
    return report_build(report_id=report.pk)


def test_post_answers_202_with_the_record_and_builds_it(
    pm_client, no_other_apps, tenant_a, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = pm_client.post(
            "/api/v1/reports/", {"language": "ar", "draft": True}, content_type="application/json"
        )
    assert response.status_code == 202
    body = response.json()
    assert body["kind"] == "final" and body["language"] == "ar" and body["status"] == "queued"
    detail = pm_client.get(f"/api/v1/reports/{body['id']}/").json()
    assert detail["status"] == "done" and detail["progress"] == 100 and detail["requested_by"] == "pm-test"


@pytest.mark.parametrize(
    ("payload", "field"),
    [({"language": "fr"}, "language"), ({"language": "en", "customer": "nobody"}, "customer"), ({}, "language")],
)
def test_bad_input_is_a_400_naming_the_field(pm_client, payload: dict, field: str) -> None:
    response = pm_client.post("/api/v1/reports/", payload, content_type="application/json")
    assert response.status_code == 400 and field in response.json()


def test_final_without_its_written_parts_is_a_400_per_field(pm_client, tenant_a) -> None:
    response = pm_client.post("/api/v1/reports/", {"language": "en"}, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()) == {"recommendations_en", "future_plan_en", "lessons_learned_en"}
    assert not Report.objects.exists()


def test_download_before_done_is_409_with_a_message(pm_client, tenant_a) -> None:
    report = report_create(kind=ReportKind.FINAL, language="en", draft=True)
    response = pm_client.get(f"/api/v1/reports/{report.pk}/download/")
    assert response.status_code == 409 and "not ready" in response.json()["detail"]


def test_download_of_a_done_report_is_the_pdf(pm_client, done_report_a: Report) -> None:
    response = pm_client.get(f"/api/v1/reports/{done_report_a.pk}/download/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_list_answers_in_constant_queries(pm_client, tenant_a, tenant_b, django_assert_max_num_queries) -> None:
    for customer in (tenant_a, tenant_b, tenant_a):
        report_create(kind=ReportKind.CUSTOMER, language="en", customer=customer)
    with django_assert_max_num_queries(8):
        response = pm_client.get("/api/v1/reports/")
    assert response.json()["count"] == 3


def test_customer_user_and_anonymous_cannot_use_the_staff_api(public_client, customer_a_client) -> None:
    assert public_client.get("/api/v1/reports/").status_code in (401, 403)
    assert public_client.post("/api/v1/reports/", {"language": "en"}).status_code in (401, 403)


def test_broker_down_answers_503_not_500(pm_client, tenant_a, monkeypatch, django_capture_on_commit_callbacks) -> None:
    from reports import tasks

    def down(*args: object) -> None:
        raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(tasks.report_build, "delay", down)
    # Enqueueing runs on commit: run it at once, as outside a test transaction.
    monkeypatch.setattr("reports.services.transaction.on_commit", lambda callback: callback())
    response = pm_client.post("/api/v1/reports/", {"language": "en", "draft": True}, content_type="application/json")
    assert response.status_code == 503 and "unavailable" in response.json()["detail"]
    report = Report.objects.get()
    assert report.status == ReportStatus.FAILED and "unavailable" in report.error


def test_customer_api_lists_and_downloads_only_its_own_reports(
    customer_a_client, customer_b_client, done_report_a: Report
) -> None:
    Report.objects.create(kind=ReportKind.FINAL, language="en")
    listed = customer_a_client.get("/api/v1/reports/").json()
    assert [row["id"] for row in listed["results"]] == [done_report_a.pk]
    assert "requested_by" not in listed["results"][0]
    response = customer_a_client.get(f"/api/v1/reports/{done_report_a.pk}/download/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_customer_b_gets_nothing_of_a(customer_b_client, done_report_a: Report) -> None:
    assert customer_b_client.get("/api/v1/reports/").json()["count"] == 0
    assert customer_b_client.get(f"/api/v1/reports/{done_report_a.pk}/").status_code == 404
    assert customer_b_client.get(f"/api/v1/reports/{done_report_a.pk}/download/").status_code == 404


def test_customer_never_sees_the_final_report(customer_a_client, no_other_apps, tenant_a) -> None:
    final = report_build(report_id=report_create(kind=ReportKind.FINAL, language="en", draft=True).pk)
    assert customer_a_client.get(f"/api/v1/reports/{final.pk}/download/").status_code == 404
