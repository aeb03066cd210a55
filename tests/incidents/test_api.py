"""Staff API /api/v1/incidents/ and the customer's /api/v1/incidents/."""

import pytest
import time_machine
from django.contrib.auth import get_user_model

from incidents.models import Incident
from incidents.services import incident_note_add, incident_resolve, incident_update_post
from tests.conftest import TenantClient
from tests.incidents.factories import incident_make, riyadh

pytestmark = pytest.mark.django_db
URL = "/api/v1/incidents/"


def test_support_logs_an_incident_with_deadlines(support_client: TenantClient, tenant_a, support_engineer) -> None:
    with time_machine.travel(riyadh(2026, 3, 1, 10), tick=False):
        response = support_client.post(
            URL,
            {"title": "Login fails", "category": "feature_malfunction", "customers": ["alpha"]},
            content_type="application/json",
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["severity"] == 2 and body["customers"] == ["alpha"] and body["status"] == "open"
    assert body["response_due_at"].startswith("2026-03-01T11:00:00")
    assert body["time_to_acknowledge_seconds"] is None
    incident = Incident.objects.get(pk=body["id"])
    assert incident.reported_by == support_engineer


def test_bad_input_gets_a_message_per_field_and_nothing_changes(
    support_client: TenantClient, tenant_a, program_manager
) -> None:
    customer_admin = get_user_model().objects.create_user(username="not-staff", is_staff=False)
    response = support_client.post(
        URL,
        {
            "title": "x",
            "category": "system_down",
            "severity": 7,
            "customers": ["alpha", "nowhere"],
            "reported_at": "2099-01-01T00:00:00+03:00",
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"severity", "customers"}
    response = support_client.post(
        URL,
        {
            "title": "x",
            "category": "system_down",
            "customers": ["alpha"],
            "reported_at": "2099-01-01T00:00:00+03:00",
            "assignee": customer_admin.pk,
        },
        content_type="application/json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"reported_at", "assignee"}
    response = support_client.post(  # slips a user makes: 1900 for 2026, a customer named with "all"
        URL,
        {
            "title": "x",
            "category": "system_down",
            "customers": ["alpha"],
            "all_customers": True,
            "reported_at": "1900-01-01T00:00:00Z",
        },
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ar",
    )
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"customers", "reported_at"}
    assert body["customers"] == ["اختر العملاء المتأثرين أو جميع العملاء، لا الاثنين معاً."]
    assert body["reported_at"] == ["لا يمكن أن يكون وقت البلاغ قبل أكثر من سنة."]
    too_long = {"title": "x", "category": "system_down", "customers": ["alpha"], "description": "x" * 20_001}
    response = support_client.post(URL, too_long, content_type="application/json")
    assert response.status_code == 400 and set(response.json()) == {"description"}
    assert not Incident.objects.exists()


def test_a_refused_patch_changes_nothing(support_client: TenantClient, tenant_a, support_engineer) -> None:
    """A PATCH is every change or none: its status change refused, its title and severity stay as they were."""
    incident = incident_make(tenant_a, severity=3)
    incident_resolve(incident=incident, by=support_engineer)
    support_client.patch(f"{URL}{incident.pk}/", {"status": "closed"}, content_type="application/json")
    response = support_client.patch(
        f"{URL}{incident.pk}/",
        {"title": "HALF-SAVED?", "severity": 2, "status": "mitigated"},
        content_type="application/json",
    )
    assert response.status_code == 400
    incident.refresh_from_db()
    assert incident.title != "HALF-SAVED?" and incident.severity == 3


def test_acknowledging_a_resolved_incident_is_a_400(support_client: TenantClient, tenant_a, support_engineer) -> None:
    incident = incident_resolve(incident=incident_make(tenant_a), by=support_engineer)
    response = support_client.post(f"{URL}{incident.pk}/acknowledge/")
    assert response.status_code == 400
    assert "status" in response.json()


def test_acknowledge_reports_time_to_acknowledge(support_client: TenantClient, tenant_a) -> None:
    with time_machine.travel(riyadh(2026, 3, 1, 10), tick=False):
        incident = incident_make(tenant_a, severity=1)
    with time_machine.travel(riyadh(2026, 3, 1, 10, 7), tick=False):
        body = support_client.post(f"{URL}{incident.pk}/acknowledge/").json()
    assert body["status"] == "acknowledged" and body["time_to_acknowledge_seconds"] == 420
    assert body["response_breached"] is False


def test_resolve_and_public_updates(support_client: TenantClient, tenant_a, django_capture_on_commit_callbacks) -> None:
    incident = incident_make(tenant_a, severity=2)
    with django_capture_on_commit_callbacks(execute=True):
        response = support_client.post(
            f"{URL}{incident.pk}/updates/",
            {"message": "We are on it", "message_ar": "نعمل على ذلك"},
            content_type="application/json",
        )
    assert response.status_code == 201
    assert support_client.get(f"{URL}{incident.pk}/updates/").json()[0]["message"] == "We are on it"
    assert support_client.post(f"{URL}{incident.pk}/resolve/", {"note": "fixed"}).json()["status"] == "resolved"


def test_patch_changes_severity_and_assignee(support_client: TenantClient, tenant_a, program_manager) -> None:
    incident = incident_make(tenant_a, severity=3, category="ui_issue")
    response = support_client.patch(
        f"{URL}{incident.pk}/", {"severity": 1, "assignee": program_manager.pk}, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["severity"] == 1 and response.json()["assignee"] == program_manager.username


def test_list_is_sorted_by_time_left_and_filtered(support_client: TenantClient, tenant_a, tenant_b) -> None:
    with time_machine.travel(riyadh(2026, 3, 1, 10), tick=False):
        slow = incident_make(tenant_a, severity=3, category="ui_issue")
        urgent = incident_make(tenant_b, severity=1)
    ids = [row["id"] for row in support_client.get(URL).json()["results"]]
    assert ids == [urgent.pk, slow.pk]
    assert [row["id"] for row in support_client.get(URL, {"customer": "alpha"}).json()["results"]] == [slow.pk]
    assert [row["id"] for row in support_client.get(URL, {"severity": 1}).json()["results"]] == [urgent.pk]


def test_list_query_count_does_not_grow(
    support_client: TenantClient, tenant_a, tenant_b, django_assert_max_num_queries
) -> None:
    for _ in range(3):
        incident_make(tenant_a, severity=2)
    with django_assert_max_num_queries(10) as small:  # 5 queries, each after a search_path SET
        support_client.get(URL)
    for _ in range(25):
        incident_make(tenant_b, severity=1)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert support_client.get(URL).status_code == 200


def test_customer_users_and_anonymous_get_nothing_from_the_staff_api(
    customer_a_client: TenantClient, public_client: TenantClient, tenant_a
) -> None:
    incident = incident_make(tenant_a)
    assert customer_a_client.post(f"{URL}{incident.pk}/acknowledge/").status_code in (403, 404)
    assert public_client.get(URL).status_code in (401, 403)


def test_customer_api_shows_own_incidents_with_public_updates_only(
    customer_a_client: TenantClient, customer_b_client: TenantClient, tenant_a, tenant_b, support_engineer
) -> None:
    mine = incident_make(tenant_a, title="Alpha outage")
    theirs = incident_make(tenant_b, title="Beta outage")
    everyone = incident_make(None, title="Platform outage")
    incident_note_add(incident=mine, by=support_engineer, message="root cause: secret internal detail")
    incident_update_post(incident=mine, by=support_engineer, message="Restored", notify=False)
    rows = customer_a_client.get(URL).json()["results"]
    assert {row["id"] for row in rows} == {mine.pk, everyone.pk}
    assert "secret internal detail" not in str(rows)
    assert next(r for r in rows if r["id"] == mine.pk)["updates"][0]["message"] == "Restored"
    assert customer_b_client.get(f"{URL}{mine.pk}/").status_code == 404
    assert {row["id"] for row in customer_b_client.get(URL).json()["results"]} == {theirs.pk, everyone.pk}


@time_machine.travel(riyadh(2026, 3, 2, 10, 0), tick=False)
def test_the_written_out_rows_are_the_documents_drfs_generic_path_writes(tenant_a, support_engineer) -> None:
    """IncidentOutputSerializer writes its rows by hand for speed; every field, in every state an incident can be
    in, must come out as the declared fields would have written it (the schema is built from those)."""
    from rest_framework import serializers

    from incidents.api.serializers import IncidentOutputSerializer
    from incidents.selectors import incident_list_with_customer_slugs, incident_queue

    open_one = incident_make(tenant_a, severity=1, title="Open, nobody on it")
    acknowledged = incident_make(tenant_a, severity=2, title="Taken")
    acknowledged.assignee, acknowledged.acknowledged_at = support_engineer, riyadh(2026, 3, 2, 9, 0)
    acknowledged.save()
    everyone = incident_make(None, severity=3, category="ui_issue", title="Everyone")
    incident_resolve(incident=everyone, by=support_engineer, note="fixed")
    # The API's own rows: its columns only, customers' slugs and the assignee's name read with them.
    rows = list(
        incident_list_with_customer_slugs(incident_queue(status="all")).filter(
            pk__in=[open_one.pk, acknowledged.pk, everyone.pk]
        )
    )
    assert {row.pk: row.assignee_username for row in rows}[acknowledged.pk] == support_engineer.username
    serializer = IncidentOutputSerializer()
    for incident in rows:
        generic = serializers.ModelSerializer.to_representation(serializer, incident)
        assert serializer.to_representation(incident) == generic
        assert list(serializer.to_representation(incident)) == list(generic)  # the same order of keys


def test_each_row_lists_its_own_customers_by_slug(
    support_client: TenantClient, tenant_a, tenant_b, django_assert_num_queries
) -> None:
    both = incident_make(tenant_b, title="Both farms")
    both.customers.add(tenant_a)  # linked beta first, alpha second: listed in slug order
    only_b = incident_make(tenant_b, title="Beta only")
    everyone = incident_make(None, title="Every farm")
    support_client.get(URL)
    # the session, its user, the count, the page: the customers come in the page's own statement
    with django_assert_num_queries(4):
        rows = {row["id"]: row["customers"] for row in support_client.get(URL).json()["results"]}
    assert rows == {both.pk: ["alpha", "beta"], only_b.pk: ["beta"], everyone.pk: []}
    assert support_client.get(f"{URL}{both.pk}/").json()["customers"] == ["alpha", "beta"]
