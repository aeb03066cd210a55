"""The customer asks for its own report on its portal, follows it and downloads it; it sees nothing
of another customer."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from ops.models import OutgoingMessage
from reports.build import report_build
from reports.choices import ReportKind, ReportStatus, RequestChannel
from reports.constants import READY_EMAIL_KIND
from reports.models import Report
from reports.services import report_create

RIYADH = ZoneInfo("Asia/Riyadh")


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


def _ask(client, language: str = "en"):
    return client.post("/reports/request/", {"language": language})


def test_customer_asks_for_its_report_and_gets_it_on_the_portal_and_by_e_mail(
    customer_a_client, no_other_apps, tenant_a, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = _ask(customer_a_client)
    assert response.status_code == 302 and response["Location"] == "/reports/"
    report = Report.objects.get()
    assert (report.customer, report.kind, report.channel) == (tenant_a, ReportKind.CUSTOMER, RequestChannel.PORTAL)
    assert report.status == ReportStatus.DONE
    message = OutgoingMessage.objects.get(kind=READY_EMAIL_KIND)
    assert message.recipient == "user@alpha.example" and f"{tenant_a.slug}.localhost" in message.body
    assert "/reports/" in message.body and report.file.name not in message.body  # a link to the portal, no file
    status = customer_a_client.get(f"/reports/{report.pk}/status/").json()
    assert status["progress"] == 100 and status["download_url"] == f"/reports/{report.pk}/download/"


def test_a_request_while_one_is_being_built_is_refused_with_a_message(customer_a_client, tenant_a) -> None:
    assert _ask(customer_a_client).status_code == 302  # queued: its build waits for the commit
    response = _ask(customer_a_client)
    assert response.status_code == 429 and "already being prepared" in response.content.decode()
    assert Report.objects.count() == 1


def test_the_daily_allowance_is_counted_over_24_hours(customer_a_client, tenant_a, settings) -> None:
    settings.REPORT_PORTAL_REQUESTS_PER_DAY = 1
    with time_machine.travel(dt.datetime(2026, 11, 10, 9, 0, tzinfo=RIYADH), tick=False):
        _ask(customer_a_client)
        Report.objects.update(status=ReportStatus.DONE)
        refused = _ask(customer_a_client)
    assert refused.status_code == 429
    assert "You can request 1 report a day. You can ask again at 2026-11-11 09:00." in refused.content.decode()
    with time_machine.travel(dt.datetime(2026, 11, 11, 9, 1, tzinfo=RIYADH), tick=False):
        assert _ask(customer_a_client).status_code == 302
    assert Report.objects.count() == 2


def test_an_unknown_language_is_a_400_naming_the_field(customer_a_client, tenant_a) -> None:
    response = _ask(customer_a_client, language="fr")
    assert response.status_code == 400 and "fr" in response.content.decode()
    assert not Report.objects.exists()


def test_the_reports_page_lists_only_the_customers_own_in_constant_queries(
    customer_a_client, customer_b_client, tenant_a, tenant_b, django_assert_max_num_queries
) -> None:
    for customer in (tenant_a, tenant_a, tenant_b):
        report_create(kind=ReportKind.CUSTOMER, language="ar", customer=customer)
    own, other = Report.objects.filter(customer=tenant_a), Report.objects.get(customer=tenant_b)
    with django_assert_max_num_queries(8):
        body = customer_a_client.get("/reports/").content.decode()
    assert body.count("data-report=") == 2 and all(f'data-report="{r.pk}"' in body for r in own)
    assert customer_a_client.get(f"/reports/{other.pk}/status/").status_code == 404
    assert f'data-report="{own[0].pk}"' not in customer_b_client.get("/reports/").content.decode()


def test_anonymous_cannot_ask(anon_a_client, tenant_a) -> None:
    response = _ask(anon_a_client)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Report.objects.exists()
