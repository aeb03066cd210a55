"""Staff API (surveys, results, check-ins, items) and customer API (its surveys, its items)."""

from datetime import timedelta

import time_machine
from django_tenants.utils import tenant_context

from feedback.choices import ItemKind
from feedback.models import CheckIn, FeedbackItem
from feedback.services.items import feedback_item_create
from feedback.services.responses import survey_response_submit
from tests.conftest import TenantClient
from tests.feedback.conftest import ROUND_TIME, VALID, invite


def test_staff_lists_surveys_of_every_customer_in_constant_queries_per_customer(
    pm_client: TenantClient, tenant_a, tenant_b, django_assert_max_num_queries
) -> None:
    invite(tenant_a)
    with django_assert_max_num_queries(12):
        response = pm_client.get("/api/v1/surveys/")
    assert response.status_code == 200
    by_customer = {row["customer"]: row["surveys"] for row in response.json()}
    assert by_customer["beta"] == []
    assert by_customer["alpha"][0]["key"] == "weekly-checkin" and len(by_customer["alpha"][0]["questions"]) == 7


def test_program_manager_publishes_the_default_survey(pm_client: TenantClient, tenant_a, tenant_b) -> None:
    response = pm_client.post("/api/v1/surveys/publish/", {"customers": ["beta"]}, content_type="application/json")
    assert response.json() == {"published": ["beta"]}
    assert (
        pm_client.post(
            "/api/v1/surveys/publish/", {"customers": ["nowhere"]}, content_type="application/json"
        ).status_code
        == 404
    )


def test_support_staff_reads_results_but_cannot_publish(support_client: TenantClient, tenant_a) -> None:
    assert support_client.get("/api/v1/surveys/results/").status_code == 200
    response = support_client.post(
        "/api/v1/surveys/publish/", {"customers": ["alpha"]}, content_type="application/json"
    )
    assert response.status_code == 403


def test_results_endpoint_returns_the_summary(pm_client: TenantClient, tenant_a, tenant_b) -> None:
    invited = invite(tenant_a)
    with tenant_context(tenant_a.tenant), time_machine.travel(ROUND_TIME + timedelta(hours=1), tick=False):
        survey_response_submit(invitation=invited.invitations["en"], data=VALID, language="en")
    body = pm_client.get("/api/v1/surveys/results/?customer=alpha&start=2026-03-01&end=2026-03-08").json()
    assert body["satisfaction_pct"] == 100.0 and body["responses"] == 1 and body["response_rate_pct"] == 50.0
    assert body["weekly"][0]["week_start"] == "2026-03-01"
    bad = pm_client.get("/api/v1/surveys/results/?start=2026-03-08&end=2026-03-01")
    assert bad.status_code == 400 and "end" in bad.json()


def test_check_in_bad_input_names_the_field_and_saves_nothing(pm_client: TenantClient, tenant_a) -> None:
    response = pm_client.post(
        "/api/v1/feedback-checkins/",
        {
            "customer": "alpha",
            "week_start": "2026-03-01",
            "held_at": "2026-03-02T10:00:00+03:00",
            "interviewer": "Noura",
            "interviewees": "Farm manager",
            "satisfaction": 6,
            "problems": "x" * 2001,
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and set(response.json()) == {"satisfaction", "problems"}
    with tenant_context(tenant_a.tenant):
        assert not CheckIn.objects.exists()


def test_program_manager_records_a_check_in_whose_problems_become_items(pm_client: TenantClient, tenant_a) -> None:
    response = pm_client.post(
        "/api/v1/feedback-checkins/",
        {
            "customer": "alpha",
            "week_start": "2026-03-01",
            "held_at": "2026-03-02T10:00:00+03:00",
            "interviewer": "Noura",
            "interviewees": "Farm manager",
            "satisfaction": 4,
            "problems": "Slow sync",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    items = pm_client.get("/api/v1/feedback-items/?customer=alpha").json()
    assert [(i["title"], i["kind"], i["source"]) for i in items] == [("Slow sync", "pain_point", "checkin")]
    assert len(pm_client.get("/api/v1/feedback-checkins/?customer=alpha").json()) == 1


def test_staff_merges_duplicates_and_sets_status(pm_client: TenantClient, tenant_a) -> None:
    with tenant_context(tenant_a.tenant):
        first = feedback_item_create(kind=ItemKind.FEATURE_REQUEST, title="Excel export")
        second = feedback_item_create(kind=ItemKind.FEATURE_REQUEST, title="Export to Excel")
    merged = pm_client.post(
        "/api/v1/feedback-items/merge/",
        {"customer": "alpha", "duplicate": second.pk, "into": first.pk},
        content_type="application/json",
    )
    assert merged.json()["votes"] == 2
    again = pm_client.post(
        "/api/v1/feedback-items/merge/",
        {"customer": "alpha", "duplicate": second.pk, "into": first.pk},
        content_type="application/json",
    )
    assert again.status_code == 400 and "already merged" in again.json()["into"][0]
    status = pm_client.post(
        "/api/v1/feedback-items/status/",
        {"customer": "alpha", "item": first.pk, "status": "planned"},
        content_type="application/json",
    )
    assert status.json()["status"] == "planned"


def test_customer_raises_and_votes_on_its_own_items(customer_a_client: TenantClient, tenant_a) -> None:
    created = customer_a_client.post(
        "/api/v1/feedback-items/", {"kind": "feature_request", "title": "Dark mode"}, content_type="application/json"
    )
    assert created.status_code == 201
    assert created.json()["votes"] == 1  # the author stands behind it
    unvoted = customer_a_client.post(f"/api/v1/feedback-items/{created.json()['id']}/vote/")
    assert unvoted.json()["votes"] == 0  # the author's click takes the vote back


def test_customer_item_bad_input_is_refused_per_field(customer_a_client: TenantClient, tenant_a) -> None:
    response = customer_a_client.post(
        "/api/v1/feedback-items/", {"kind": "rant", "title": "x" * 201}, content_type="application/json"
    )
    assert response.status_code == 400 and set(response.json()) == {"kind", "title"}


def test_customer_lists_in_constant_queries(
    customer_a_client: TenantClient, tenant_a, django_assert_max_num_queries
) -> None:
    invite(tenant_a)
    with tenant_context(tenant_a.tenant):
        for n in range(20):
            feedback_item_create(kind=ItemKind.PAIN_POINT, title=f"Pain {n}")
    # Counts include django-tenants' SET search_path before each query.
    with django_assert_max_num_queries(10):
        assert len(customer_a_client.get("/api/v1/feedback-items/").json()["results"]) == 20
    with django_assert_max_num_queries(12):
        assert customer_a_client.get("/api/v1/surveys/").json()["results"][0]["key"] == "weekly-checkin"


def test_customer_b_sees_nothing_of_customer_a(customer_b_client: TenantClient, tenant_a) -> None:
    invite(tenant_a)
    with tenant_context(tenant_a.tenant):
        item = feedback_item_create(kind=ItemKind.PAIN_POINT, title="Secret of A")
    assert customer_b_client.get("/api/v1/feedback-items/").json()["results"] == []
    assert customer_b_client.get("/api/v1/surveys/").json()["results"] == []
    assert customer_b_client.get(f"/api/v1/feedback-items/{item.pk}/").status_code == 404
    assert customer_b_client.post(f"/api/v1/feedback-items/{item.pk}/vote/").status_code == 404
    with tenant_context(tenant_a.tenant):
        assert FeedbackItem.objects.get(pk=item.pk).votes == 1


def test_customer_cannot_reach_the_staff_endpoints(customer_a_client: TenantClient, tenant_a) -> None:
    assert customer_a_client.get("/api/v1/surveys/results/").status_code == 404
    public = TenantClient("localhost")
    public.cookies["sessionid"] = customer_a_client.cookies["sessionid"].value
    assert public.get("/api/v1/surveys/results/").status_code in (401, 403)
    assert public.get("/api/v1/feedback-items/?customer=alpha").status_code in (401, 403)


def test_anonymous_gets_nothing(anon_a_client: TenantClient, public_client: TenantClient) -> None:
    assert anon_a_client.get("/api/v1/feedback-items/").status_code in (401, 403)
    assert public_client.get("/api/v1/surveys/").status_code in (401, 403)


def test_a_customer_reports_problems_as_incidents_not_as_items(customer_a_client: TenantClient, tenant_a) -> None:
    """As on the portal's form: an item of kind "problem" would wait where the support clock does not see it."""
    response = customer_a_client.post(
        "/api/v1/feedback-items/", {"kind": "problem", "title": "The app is down"}, content_type="application/json"
    )
    assert response.status_code == 400 and set(response.json()) == {"kind"}
    with tenant_context(tenant_a.tenant):
        assert not FeedbackItem.objects.exists()
