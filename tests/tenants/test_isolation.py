"""Tenant isolation: a customer of A sees nothing of B, and customer domains never serve the back office."""

import pytest
from django.contrib.auth import get_user_model
from django_tenants.utils import tenant_context

from tests.conftest import PASSWORD, TenantClient, tenant_host


def test_customer_sees_own_dashboard(customer_a_client: TenantClient, tenant_a) -> None:
    response = customer_a_client.get("/")
    assert response.status_code == 200
    assert tenant_a.name_en in response.content.decode()


def test_dashboard_requires_login(anon_a_client: TenantClient) -> None:
    response = anon_a_client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_customer_of_a_cannot_log_in_on_b(tenant_a, tenant_b, customer_a_user) -> None:
    client = TenantClient(tenant_host(tenant_b))
    response = client.post("/accounts/login/", {"username": customer_a_user.username, "password": PASSWORD})
    assert response.status_code == 200  # the form again, with an error
    assert "_auth_user_id" not in client.session


def test_customer_can_log_in_on_own_domain(tenant_a, customer_a_user) -> None:
    client = TenantClient(tenant_host(tenant_a))
    response = client.post("/accounts/login/", {"username": customer_a_user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_session_cookie_of_a_is_useless_on_b(customer_a_client: TenantClient, tenant_b, customer_b_user) -> None:
    stolen = customer_a_client.cookies["sessionid"].value
    client = TenantClient(tenant_host(tenant_b))
    client.cookies["sessionid"] = stolen
    response = client.get("/")
    assert response.status_code == 302  # not signed in on B


def test_session_of_a_does_not_resolve_to_user_with_same_id_on_b(tenant_a, tenant_b) -> None:
    """The classic leak: user ids are per schema, so id 1 exists in both. Sessions must be per schema too."""
    with tenant_context(tenant_a.tenant):
        user_a = get_user_model().objects.create_user("same-id@alpha.example", password=PASSWORD, pk=9001)
    with tenant_context(tenant_b.tenant):
        get_user_model().objects.create_user("same-id@beta.example", password=PASSWORD, pk=9001)
    client = TenantClient(tenant_host(tenant_a))
    with tenant_context(tenant_a.tenant):
        client.force_login(user_a)
    stolen = client.cookies["sessionid"].value
    other = TenantClient(tenant_host(tenant_b))
    other.cookies["sessionid"] = stolen
    assert other.get("/").status_code == 302


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/login/", "/api/v1/customers/", "/api/schema/", "/api/docs/", "/metrics"]
)
def test_back_office_is_404_on_customer_domain(customer_a_client: TenantClient, path: str) -> None:
    assert customer_a_client.get(path).status_code == 404


def test_customer_login_does_not_open_back_office(customer_a_client: TenantClient, customer_a_user) -> None:
    public = TenantClient("localhost")
    public.cookies["sessionid"] = customer_a_client.cookies["sessionid"].value
    response = public.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
    assert public.post("/admin/login/", {"username": customer_a_user.username, "password": PASSWORD}).status_code == 200


def test_unknown_host_is_404(db) -> None:
    assert TenantClient("nobody.localhost").get("/").status_code == 404


def test_customer_a_dashboard_names_nothing_of_b(customer_a_client: TenantClient, tenant_b) -> None:
    body = customer_a_client.get("/").content.decode()
    assert tenant_b.name_en not in body and tenant_b.slug not in body


def test_staff_api_customers_lists_both_for_program_manager(pm_client: TenantClient, tenant_a, tenant_b) -> None:
    response = pm_client.get("/api/v1/customers/")
    assert response.status_code == 200
    slugs = {row["slug"] for row in response.json()["results"]}
    assert {"alpha", "beta"} <= slugs


def test_cache_keys_differ_per_schema(tenant_a, tenant_b) -> None:
    from django.core.cache import cache

    with tenant_context(tenant_a.tenant):
        cache.set("greeting", "alpha-secret", 30)
    with tenant_context(tenant_b.tenant):
        assert cache.get("greeting") is None
    with tenant_context(tenant_a.tenant):
        assert cache.get("greeting") == "alpha-secret"
        cache.delete("greeting")


def test_login_page_in_arabic_is_right_to_left(anon_a_client: TenantClient) -> None:
    body = anon_a_client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in body
    assert "تسجيل الدخول" in body
    assert "مزرعة ألفا السمكية" in body  # the customer's Arabic name
