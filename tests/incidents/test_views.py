"""Back-office queue and board, customer portal pages."""

import pytest
import time_machine

from backoffice.navigation import NAV_MAX_QUERIES
from incidents.models import Incident
from incidents.services import incident_note_add, incident_update_post
from tests.conftest import TenantClient
from tests.incidents.factories import incident_make, riyadh

pytestmark = pytest.mark.django_db
QUEUE = "/admin/incidents/queue/"


def test_queue_sorts_by_time_left_with_overdue_badges(support_client: TenantClient, tenant_a, tenant_b) -> None:
    with time_machine.travel(riyadh(2026, 3, 1, 10), tick=False):
        incident_make(tenant_a, severity=3, category="ui_issue", title="Button misaligned")
        incident_make(tenant_b, severity=1, title="Everything is down")
    with time_machine.travel(riyadh(2026, 3, 1, 10, 30), tick=False):
        page = support_client.get(QUEUE).content.decode()
    assert page.index("Everything is down") < page.index("Button misaligned")
    assert "overdue by 15 min" in page


def test_queue_filters_by_customer_and_severity(support_client: TenantClient, tenant_a, tenant_b) -> None:
    incident_make(tenant_a, title="Alpha only")
    incident_make(tenant_b, title="Beta only", severity=2)
    page = support_client.get(QUEUE, {"customer": "alpha"}).content.decode()
    assert "Alpha only" in page and "Beta only" not in page
    assert "Alpha only" not in support_client.get(QUEUE, {"severity": 2}).content.decode()


def test_queue_query_count_does_not_grow(
    support_client: TenantClient, tenant_a, tenant_b, django_assert_max_num_queries
) -> None:
    incident_make(tenant_a)
    with django_assert_max_num_queries(30 + NAV_MAX_QUERIES) as small:
        support_client.get(QUEUE)
    for _ in range(30):
        incident_make(tenant_b, severity=2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert support_client.get(QUEUE).status_code == 200


def test_bulk_acknowledge_skips_the_resolved(support_client: TenantClient, tenant_a) -> None:
    first, second = incident_make(tenant_a), incident_make(tenant_a)
    support_client.post(f"/admin/incidents/{second.pk}/board/status/", {"to": "resolved"})
    response = support_client.post(f"{QUEUE}acknowledge/", {"incident": [first.pk, second.pk]})
    assert response.status_code == 302
    assert dict(Incident.objects.values_list("pk", "status")) == {first.pk: "acknowledged", second.pk: "resolved"}


def test_board_shows_timeline_and_runbooks_and_ticks(support_client: TenantClient, tenant_a, support_engineer) -> None:
    incident = incident_make(tenant_a, severity=1)
    support_client.post(f"/admin/incidents/{incident.pk}/board/note/", {"message": "checked the logs"})
    step = incident.runbook_steps.first()
    support_client.post(f"/admin/incidents/{incident.pk}/board/tick/", {"step": step.pk, "done": "1"})
    page = support_client.get(f"/admin/incidents/{incident.pk}/board/").content.decode()
    assert "checked the logs" in page and "Restore from the latest backup" in page
    step.refresh_from_db()
    assert step.done_by == support_engineer


def test_customers_cannot_reach_the_back_office(customer_a_client: TenantClient, tenant_a) -> None:
    incident = incident_make(tenant_a)
    assert customer_a_client.get(QUEUE).status_code == 404
    assert customer_a_client.get(f"/admin/incidents/{incident.pk}/board/").status_code == 404


def test_portal_lists_own_incidents_without_internal_notes(
    customer_a_client: TenantClient, tenant_a, tenant_b, support_engineer
) -> None:
    mine = incident_make(tenant_a, title="Alpha sensors offline")
    incident_make(tenant_b, title="Beta invoices wrong")
    incident_note_add(incident=mine, by=support_engineer, message="blame the intern")
    incident_update_post(incident=mine, by=support_engineer, message="Sensors are back", notify=False)
    listing = customer_a_client.get("/incidents/").content.decode()
    assert "Alpha sensors offline" in listing and "Beta invoices wrong" not in listing
    detail = customer_a_client.get(f"/incidents/{mine.pk}/").content.decode()
    assert "Sensors are back" in detail and "blame the intern" not in detail


def test_other_customer_gets_404_on_the_detail(customer_b_client: TenantClient, tenant_a) -> None:
    mine = incident_make(tenant_a)
    assert customer_b_client.get(f"/incidents/{mine.pk}/").status_code == 404


def test_portal_report_creates_an_unconfirmed_incident_for_the_customer(
    customer_a_client: TenantClient, tenant_a
) -> None:
    response = customer_a_client.post(
        "/incidents/report/", {"category": "data_loss", "title": "Readings vanished", "description": "since 9am"}
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.severity == 1 and not incident.severity_confirmed and incident.source == "customer"
    assert list(incident.customers.all()) == [tenant_a] and incident.reporter_email == "user@alpha.example"


def test_anonymous_portal_visitor_is_sent_to_login(anon_a_client: TenantClient, tenant_a) -> None:
    assert anon_a_client.get("/incidents/").status_code == 302


def test_admin_logs_an_incident_through_the_service(support_client: TenantClient, tenant_a, support_engineer) -> None:
    assert support_client.get("/admin/incidents/incident/add/").status_code == 200
    form = {
        "title": "Phone report: app down",
        "category": "system_down",
        "severity": "1",
        "customers": [tenant_a.pk],
        "reported_at_0": "2020-01-01",
        "reported_at_1": "10:00:00",
        "runbook_steps-TOTAL_FORMS": "0",
        "runbook_steps-INITIAL_FORMS": "0",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    }
    slip = support_client.post("/admin/incidents/incident/add/", {**form, "reported_at_0": "1900-01-01"})
    assert slip.status_code == 200 and "The report time cannot be more than a year ago." in slip.content.decode()
    with time_machine.travel(riyadh(2020, 1, 1, 11), tick=False):  # logged an hour after the phone call
        response = support_client.post("/admin/incidents/incident/add/", form)
    assert response.status_code == 302, response.content.decode()[:3000]
    incident = Incident.objects.get()
    assert incident.reported_by == support_engineer and incident.runbook_steps.count() == 8
    assert incident.response_due_at == riyadh(2020, 1, 1, 10, 15)
    assert support_client.get(f"/admin/incidents/incident/{incident.pk}/change/").status_code == 200
    assert support_client.get("/admin/incidents/incident/").status_code == 200


def test_dashboard_card_lists_open_incidents(customer_a_client: TenantClient, tenant_a) -> None:
    incident_make(tenant_a, title="Feeding log slow")
    page = customer_a_client.get("/").content.decode()
    assert "Feeding log slow" in page and "/incidents/report/" in page


def test_public_update_is_mailed_to_each_customer_in_its_language(
    tenant_a, tenant_b, support_engineer, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    incident = incident_make(None, title="Platform outage")
    with django_capture_on_commit_callbacks(execute=True):
        incident_update_post(incident=incident, by=support_engineer, message="Back online", message_ar="عادت الخدمة")
    by_address = {message.to[0]: message for message in mailoutbox}
    assert "عادت الخدمة" in by_address["admin@alpha.example"].body  # alpha prefers Arabic
    assert "تحديث بشأن الحادثة" in by_address["admin@alpha.example"].subject
    assert "Back online" in by_address["admin@beta.example"].body
    assert by_address["admin@beta.example"].subject.startswith("Update on incident")


def test_board_shows_when_the_next_customer_update_is_due(support_client: TenantClient, tenant_a, support_engineer):
    """Severity 1 owes customers an update every 30 minutes (policy default), counted from the last one."""
    with time_machine.travel(riyadh(2026, 3, 1, 10), tick=False):
        incident = incident_make(tenant_a, severity=1)
    with time_machine.travel(riyadh(2026, 3, 1, 10, 40), tick=False):
        page = support_client.get(f"/admin/incidents/{incident.pk}/board/").content.decode()
        assert "Next update to customers due" in page
        assert "2026-03-01 10:30" in page and "overdue by 10 min" in page
        incident_update_post(incident=incident, by=support_engineer, message="We are restoring the service.")
    with time_machine.travel(riyadh(2026, 3, 1, 10, 50), tick=False):
        page = support_client.get(f"/admin/incidents/{incident.pk}/board/").content.decode()
        assert "2026-03-01 11:10" in page and "20 min left" in page
