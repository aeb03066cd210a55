"""The incident board page: who is affected, both clocks, and every action with its required words."""

import pytest
import time_machine

from incidents.choices import EventKind, Status
from incidents.models import IncidentEvent
from tests.conftest import TenantClient
from tests.incidents.factories import incident_make, riyadh

pytestmark = pytest.mark.django_db


def _board(incident) -> str:
    return f"/admin/incidents/{incident.pk}/board/"


def test_board_shows_affected_customers_and_both_deadlines(support_client: TenantClient, tenant_a, tenant_b) -> None:
    with time_machine.travel(riyadh(2026, 3, 1, 10), tick=False):
        incident = incident_make(tenant_a, severity=1)
        page = support_client.get(_board(incident)).content.decode()
    assert f'href="/admin/tenants/pilotcustomer/{tenant_a.pk}/change/"' in page
    assert tenant_b.name_en not in page.split('id="affected-customers"')[1].split("</td>")[0]
    assert "2026-03-01 10:15" in page  # response due (15 min)
    assert "2026-03-01 14:00" in page  # resolution due (4 h)
    # The preview lists each affected customer with the language it will read.
    assert 'data-language="ar"' in page.split('id="update-preview"')[1]


def test_resolve_needs_a_note_and_changes_nothing_without_one(support_client: TenantClient, tenant_a) -> None:
    incident = incident_make(tenant_a)
    response = support_client.post(_board(incident) + "resolve/", {"note": " ", "notify": "1", "notice": "Fixed"})
    assert response.status_code == 302
    incident.refresh_from_db()
    assert incident.status == Status.OPEN
    page = support_client.get(_board(incident)).content.decode()
    assert "Write how the incident was resolved." in page


def test_resolve_with_notice_tells_each_customer_in_its_language(
    support_client: TenantClient, tenant_a, tenant_b, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    incident = incident_make(title="Reports are slow")  # every customer
    with django_capture_on_commit_callbacks(execute=True):
        support_client.post(
            _board(incident) + "resolve/",
            {"note": "Index added", "notify": "1", "notice": "It is fixed.", "notice_ar": "تم الإصلاح."},
        )
    incident.refresh_from_db()
    assert incident.status == Status.RESOLVED and incident.resolved_at is not None
    status = IncidentEvent.objects.get(incident=incident, kind=EventKind.STATUS)
    assert status.message == "Index added" and status.data == {"from": "open", "to": "resolved"}
    public = IncidentEvent.objects.get(incident=incident, kind=EventKind.PUBLIC_UPDATE)
    assert (public.message, public.message_ar) == ("It is fixed.", "تم الإصلاح.")
    bodies = {message.to[0]: message.body for message in mailoutbox}
    assert "تم الإصلاح." in bodies[tenant_a.contact_email]  # Alpha reads Arabic
    assert "It is fixed." in bodies[tenant_b.contact_email]  # Beta reads English


def test_resolve_without_notify_tells_nobody(
    support_client: TenantClient, tenant_a, django_capture_on_commit_callbacks, mailoutbox
) -> None:
    incident = incident_make(tenant_a)
    with django_capture_on_commit_callbacks(execute=True):
        support_client.post(_board(incident) + "resolve/", {"note": "Restarted"})
    incident.refresh_from_db()
    assert incident.status == Status.RESOLVED
    assert mailoutbox == [] and not IncidentEvent.objects.filter(kind=EventKind.PUBLIC_UPDATE).exists()


def test_reopen_needs_a_reason_and_records_it(support_client: TenantClient, tenant_a) -> None:
    incident = incident_make(tenant_a)
    support_client.post(_board(incident) + "resolve/", {"note": "Restarted"})
    support_client.post(_board(incident) + "reopen/", {"reason": ""})
    incident.refresh_from_db()
    assert incident.status == Status.RESOLVED
    support_client.post(_board(incident) + "reopen/", {"reason": "It broke again"})
    incident.refresh_from_db()
    assert incident.status == Status.ACKNOWLEDGED and incident.resolved_at is None
    assert IncidentEvent.objects.filter(incident=incident, message="It broke again").exists()


def test_severity_change_needs_a_reason_and_moves_the_deadlines(support_client: TenantClient, tenant_a) -> None:
    with time_machine.travel(riyadh(2026, 3, 1, 10), tick=False):
        incident = incident_make(tenant_a, severity=2, category="performance_degradation")
        support_client.post(_board(incident) + "severity/", {"severity": "1", "reason": ""})
        incident.refresh_from_db()
        assert incident.severity == 2
        support_client.post(_board(incident) + "severity/", {"severity": "1", "reason": "Data loss seen"})
    incident.refresh_from_db()
    assert incident.severity == 1 and incident.response_due_at == riyadh(2026, 3, 1, 10, 15)
    event = IncidentEvent.objects.get(incident=incident, kind=EventKind.SEVERITY)
    assert event.message == "Data loss seen"


def test_bad_action_input_is_a_message_not_a_500(support_client: TenantClient, tenant_a) -> None:
    incident = incident_make(tenant_a)
    assert support_client.post(_board(incident) + "severity/", {"severity": "x", "reason": "r"}).status_code == 302
    assert support_client.post(_board(incident) + "status/", {"to": "bogus"}).status_code == 302
    assert support_client.post(_board(incident) + "runbook/", {}).status_code == 302
    assert support_client.post(_board(incident) + "tick/", {"step": "x"}).status_code == 404
    incident.refresh_from_db()
    assert (incident.severity, incident.status) == (1, Status.OPEN)


def test_the_timeline_says_status_changes_in_arabic(support_client: TenantClient, tenant_a) -> None:
    incident = incident_make(tenant_a)
    support_client.post(_board(incident) + "status/", {"to": "acknowledged"})
    page = support_client.get(_board(incident), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    timeline = page.split('id="timeline"')[1]
    assert "open → acknowledged" not in timeline and "مفتوح" in timeline


def test_saving_an_incident_in_the_admin_opens_its_board(support_client: TenantClient, tenant_a) -> None:
    with time_machine.travel(riyadh(2026, 3, 1, 10), tick=False):
        response = _admin_add(support_client, tenant_a)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert response["Location"].endswith("/board/")
    listing = support_client.get("/admin/incidents/incident/").content.decode()
    assert response["Location"] in listing


def _admin_add(client: TenantClient, customer):
    return client.post(
        "/admin/incidents/incident/add/",
        {
            "title": "Login fails",
            "description": "",
            "category": "feature_malfunction",
            "severity": "2",
            "customers": [customer.pk],
            "reported_at_0": "2026-03-01",
            "reported_at_1": "09:00:00",
            "runbook_steps-TOTAL_FORMS": "0",
            "runbook_steps-INITIAL_FORMS": "0",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
        },
    )


def test_a_customer_gets_no_board(customer_b_client: TenantClient, tenant_a) -> None:
    incident = incident_make(tenant_a)
    assert customer_b_client.get(_board(incident)).status_code == 404
    assert customer_b_client.post(_board(incident) + "resolve/", {"note": "x"}).status_code == 404
