"""The customer's side of incidents: one report form (chosen category, optional photo), replies that
reach the staff timeline and the assignee, solved / still happening, and customer-facing words."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from incidents.choices import EventKind, Status
from incidents.models import Incident, IncidentEvent
from incidents.services import incident_assign, incident_customer_confirm, incident_resolve, incident_update_post
from ops.models import OutgoingMessage
from tests.conftest import TenantClient
from tests.incidents.factories import incident_make
from tests.queries import statements

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


def test_the_report_form_has_no_default_category_and_claims_no_severity(
    customer_a_client: TenantClient, tenant_a
) -> None:
    page = customer_a_client.get("/incidents/report/").content.decode()
    assert '<option value="" selected>' in page and "severity" not in page.lower()
    missing = customer_a_client.post("/incidents/report/", {"title": "Readings vanished"})
    assert missing.status_code == 400 and "errorlist" in missing.content.decode()
    assert not Incident.objects.exists()  # nothing half-saved


def test_a_report_takes_a_screenshot_within_the_upload_rules(customer_a_client: TenantClient, tenant_a, media) -> None:
    shot = SimpleUploadedFile("screen.png", PNG, content_type="image/png")
    response = customer_a_client.post(
        "/incidents/report/", {"category": "ui_issue", "title": "Chart cut off", "attachment": shot}
    )
    assert response.status_code == 302
    incident = Incident.objects.get()
    assert incident.attachment.name.endswith(".png") and "screen" not in incident.attachment.name
    assert (incident.source, incident.severity_confirmed) == ("customer", False)
    page = SimpleUploadedFile("x.png", b"<html><script>alert(1)</script>", content_type="image/png")
    refused = customer_a_client.post("/incidents/report/", {"category": "ui_issue", "title": "Bad", "attachment": page})
    assert refused.status_code == 400 and Incident.objects.count() == 1


def test_a_reply_lands_in_the_staff_timeline_and_tells_the_assignee(
    customer_a_client: TenantClient, tenant_a, support_engineer
) -> None:
    support_engineer.email = "support@vendor.example"
    support_engineer.save()
    incident = incident_make(tenant_a)
    incident_assign(incident=incident, assignee=support_engineer, by=None)
    response = customer_a_client.post(f"/incidents/{incident.pk}/reply/", {"message": "It fails on pond 3 too"})
    assert response.status_code == 302
    reply = IncidentEvent.objects.get(incident=incident, kind=EventKind.CUSTOMER_REPLY)
    assert reply.message == "It fails on pond 3 too" and reply.data["customer"] == tenant_a.pk
    told = OutgoingMessage.objects.get(kind="incidents.customer_reply")
    assert told.recipient == "support@vendor.example" and told.topic == f"incident:{incident.pk}"
    assert "It fails on pond 3 too" in customer_a_client.get(f"/incidents/{incident.pk}/").content.decode()
    empty = customer_a_client.post(f"/incidents/{incident.pk}/reply/", {"message": "  "})
    assert empty.status_code == 400 and IncidentEvent.objects.filter(kind=EventKind.CUSTOMER_REPLY).count() == 1


def test_another_customer_can_neither_reply_nor_read_a_reply(
    customer_a_client: TenantClient, customer_b_client: TenantClient, tenant_a, tenant_b
) -> None:
    mine = incident_make(tenant_a)
    assert customer_b_client.post(f"/incidents/{mine.pk}/reply/", {"message": "hi"}).status_code == 404
    assert customer_b_client.post(f"/incidents/{mine.pk}/confirm/", {"solved": "no"}).status_code == 404
    shared = incident_make(None, title="Everyone is slow")  # affects all customers
    customer_a_client.post(f"/incidents/{shared.pk}/reply/", {"message": "Alpha's private detail"})
    assert "Alpha's private detail" not in customer_b_client.get(f"/incidents/{shared.pk}/").content.decode()
    assert "Alpha's private detail" not in customer_b_client.get("/api/v1/incidents/").content.decode()


def test_still_happening_reopens_and_solved_closes(customer_a_client: TenantClient, tenant_a, support_engineer) -> None:
    incident = incident_make(tenant_a)
    assert customer_a_client.post(f"/incidents/{incident.pk}/confirm/", {"solved": "no"}).status_code == 400
    incident_resolve(incident=incident, by=support_engineer, note="restarted")
    assert "Is the problem solved for you?" in customer_a_client.get(f"/incidents/{incident.pk}/").content.decode()
    for unclear in ({"solved": "maybe"}, {}):  # neither yes nor no: asked again, the incident left as it is
        answer = customer_a_client.post(f"/incidents/{incident.pk}/confirm/", unclear, HTTP_ACCEPT_LANGUAGE="ar")
        assert answer.status_code == 400 and "اختر ما إذا كانت المشكلة قد حُلّت." in answer.content.decode()
        incident.refresh_from_db()
        assert incident.status == Status.RESOLVED
    customer_a_client.post(f"/incidents/{incident.pk}/confirm/", {"solved": "no", "message": "still slow"})
    incident.refresh_from_db()
    assert incident.status == Status.ACKNOWLEDGED and incident.resolved_at is None
    assert incident.events.filter(kind=EventKind.STATUS, data__to="acknowledged").exists()
    incident_resolve(incident=incident, by=support_engineer, note="fixed for real")
    customer_a_client.post(f"/incidents/{incident.pk}/confirm/", {"solved": "yes"})
    incident.refresh_from_db()
    assert incident.status == Status.CLOSED
    assert incident.events.filter(kind=EventKind.CUSTOMER_CONFIRM).count() == 1


def test_solved_on_an_incident_of_every_customer_is_recorded_without_closing_it(tenant_a, support_engineer) -> None:
    incident = incident_resolve(incident=incident_make(None), by=support_engineer)
    incident = incident_customer_confirm(incident=incident, customer=tenant_a, author_name="Ali", solved=True)
    assert incident.status == Status.RESOLVED


def test_customers_read_the_public_title_and_updates_in_their_language(
    customer_a_client: TenantClient, tenant_a, support_engineer
) -> None:
    incident = incident_make(
        tenant_a, title="SLO availability: error budget burning 23.5x", public_title="Slow", public_title_ar="بطيء"
    )
    incident_update_post(incident=incident, by=support_engineer, message="Working on it", message_ar="نعمل عليها")
    arabic = customer_a_client.get(f"/incidents/{incident.pk}/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "بطيء" in arabic and "نعمل عليها" in arabic and "error budget" not in arabic
    with translation.override("en"):
        api = customer_a_client.get("/api/v1/incidents/", HTTP_ACCEPT_LANGUAGE="en").json()
    rows = api["results"] if isinstance(api, dict) else api
    assert rows[0]["title"] == "Slow" and "burning" not in str(rows)


def test_portal_pages_do_not_grow_with_incidents_and_updates(
    customer_a_client: TenantClient, tenant_a, support_engineer, django_assert_max_num_queries
) -> None:
    first = incident_make(tenant_a)
    incident_update_post(incident=first, by=support_engineer, message="Looking")
    counts = {}
    for path in ("/", "/incidents/", f"/incidents/{first.pk}/"):
        with django_assert_max_num_queries(80) as queries:
            assert customer_a_client.get(path).status_code == 200
        counts[path] = _reads(queries)
    for n in range(5):
        incident = incident_make(tenant_a, title=f"Problem {n}")
        incident_update_post(incident=incident, by=support_engineer, message=f"Update {n}")
        customer_a_client.post(f"/incidents/{first.pk}/reply/", {"message": f"reply {n}"})
    for path, count in counts.items():
        with django_assert_max_num_queries(80) as queries:
            customer_a_client.get(path)
        assert _reads(queries) <= count, path


def _reads(queries) -> int:
    return len(statements(queries.captured_queries))
