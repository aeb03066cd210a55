"""Staff API for customers: /api/v1/customers/."""

import pytest
from django_tenants.utils import schema_exists
from rest_framework.authtoken.models import Token

from tenants.models import PilotCustomer
from tests.conftest import TenantClient

NEW_CUSTOMER = {
    "slug": "delta",
    "name_en": "Delta Farm",
    "name_ar": "مزرعة دلتا",
    "city": "Abha",
    "ponds": 2,
    "contact_email": "owner@delta.example",
}


def test_program_manager_provisions_a_customer(pm_client: TenantClient) -> None:
    response = pm_client.post(
        "/api/v1/customers/", {**NEW_CUSTOMER, "provision": True}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "provisioned"
    assert body["domain"] == "delta.localhost"
    assert body["region"] == "asir"
    assert body["eligibility"]["eligible"] is True
    assert schema_exists("delta")


def test_bad_input_gets_a_message_per_field_and_nothing_saved(pm_client: TenantClient, tenant_a) -> None:
    response = pm_client.post(
        "/api/v1/customers/",
        {**NEW_CUSTOMER, "slug": "alpha", "city": "Atlantis", "provision": True},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert "already used by Alpha Fish Farm" in body["slug"][0]
    assert "Unknown region" in body["region"][0]
    assert not PilotCustomer.objects.filter(name_en="Delta Farm").exists()


def test_serializer_errors_are_per_field(pm_client: TenantClient) -> None:
    response = pm_client.post("/api/v1/customers/", {"slug": "x", "ponds": "many"}, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()) >= {"name_en", "city", "ponds"}


def test_too_many_ponds_cannot_be_provisioned(pm_client: TenantClient) -> None:
    response = pm_client.post(
        "/api/v1/customers/", {**NEW_CUSTOMER, "ponds": 7, "provision": True}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "7 ponds is outside the pilot's 1–5" in response.json()["status"][0]
    assert not schema_exists("delta")


def test_candidate_then_status_and_provision_actions(pm_client: TenantClient) -> None:
    assert pm_client.post("/api/v1/customers/", NEW_CUSTOMER, content_type="application/json").status_code == 201
    bad = pm_client.post("/api/v1/customers/delta/status/", {"status": "live"}, content_type="application/json")
    assert bad.status_code == 400 and "cannot become" in bad.json()["status"][0]
    ok = pm_client.post("/api/v1/customers/delta/status/", {"status": "selected"}, content_type="application/json")
    assert ok.json()["status"] == "selected"
    provisioned = pm_client.post("/api/v1/customers/delta/provision/", {}, content_type="application/json")
    assert provisioned.status_code == 201
    assert provisioned.json()["provisioning"]["set_password_url"].startswith("http://delta.localhost")


def test_support_staff_can_read_but_not_create(support_client: TenantClient, tenant_a) -> None:
    assert support_client.get("/api/v1/customers/").status_code == 200
    response = support_client.post("/api/v1/customers/", NEW_CUSTOMER, content_type="application/json")
    assert response.status_code == 403


def test_anonymous_is_refused(public_client: TenantClient, db) -> None:
    assert public_client.get("/api/v1/customers/").status_code in (401, 403)


def test_token_authentication_works_on_the_staff_api(program_manager, tenant_a) -> None:
    token = Token.objects.create(user=program_manager)
    client = TenantClient("localhost", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/customers/alpha/").json()["slug"] == "alpha"


def test_customer_user_cannot_use_the_staff_api_even_on_the_public_domain(customer_a_client, tenant_a) -> None:
    public = TenantClient("localhost")
    public.cookies["sessionid"] = customer_a_client.cookies["sessionid"].value
    assert public.get("/api/v1/customers/").status_code in (401, 403)


@pytest.mark.parametrize("count", [3, 12])
def test_list_query_count_does_not_grow(pm_client: TenantClient, django_assert_max_num_queries, count: int) -> None:
    for index in range(count):
        PilotCustomer.objects.create(
            slug=f"farm-{index}", name_en=f"Farm {index}", name_ar="م", city="Riyadh", region="riyadh", ponds=2
        )
    with django_assert_max_num_queries(10):
        assert pm_client.get("/api/v1/customers/").status_code == 200


def test_api_root_accepts_a_token_and_lists_the_interfaces_resources(program_manager) -> None:
    token = Token.objects.create(user=program_manager)
    client = TenantClient("localhost", HTTP_AUTHORIZATION=f"Token {token.key}")
    index = client.get("/api/v1/").json()
    for resource in (
        "customers",
        "incidents",
        "surveys",
        "training-sessions",
        "budget-lines",
        "expenses",
        "risks",
        "success-criteria",
        "slos",
        "reports",
    ):
        assert resource in index, resource


def test_the_written_out_rows_are_the_documents_drfs_generic_path_writes(tenant_a) -> None:
    """CustomerOutputSerializer writes its rows by hand for speed: a provisioned customer and an ineligible
    candidate without a schema must come out as the declared fields would have written them."""
    from rest_framework import serializers

    from tenants.api.serializers import CustomerOutputSerializer
    from tenants.selectors import customer_list

    PilotCustomer.objects.create(slug="tiny", name_en="Tiny farm", city="Abha", ponds=2, willing=False)
    rows = list(customer_list().filter(slug__in=[tenant_a.slug, "tiny"]))
    assert len(rows) == 2
    serializer = CustomerOutputSerializer()
    for customer in rows:
        generic = serializers.ModelSerializer.to_representation(serializer, customer)
        assert serializer.to_representation(customer) == generic
        assert list(serializer.to_representation(customer)) == list(generic)


def test_each_row_has_its_portal_address_from_the_same_statement(
    pm_client: TenantClient, tenant_a, tenant_b, django_assert_num_queries
) -> None:
    from tenants.models import Domain

    Domain.objects.create(domain="alpha-old.localhost", tenant=tenant_a.tenant, is_primary=False)  # an alias
    PilotCustomer.objects.create(slug="tiny", name_en="Tiny farm", city="Abha", ponds=2)  # no schema yet
    pm_client.get("/api/v1/customers/")
    with django_assert_num_queries(4):  # the session, its user, the count, the page
        rows = {row["slug"]: row["domain"] for row in pm_client.get("/api/v1/customers/").json()["results"]}
    assert rows == {"alpha": "alpha.localhost", "beta": "beta.localhost", "tiny": None}
