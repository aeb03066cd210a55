"""No click of any staff role deletes a customer, its schema row or its domain; nothing drops a schema."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django_tenants.utils import schema_exists

from tenants.models import CustomerTenant, Domain, PilotCustomer
from tenants.roles import NEVER_GRANTED
from tests.conftest import PUBLIC_HOST, TenantClient


@pytest.fixture
def superuser(db: None):
    return get_user_model().objects.create_superuser("root-test", "root@aquafarm.example", "x")


@pytest.fixture(params=["program_manager", "support_engineer", "superuser"])
def staff_client(request: pytest.FixtureRequest) -> TenantClient:
    client = TenantClient(PUBLIC_HOST)
    client.force_login(request.getfixturevalue(request.param))
    return client


def _admin_rows(customer: PilotCustomer) -> list[tuple[str, int]]:
    tenant = customer.tenant
    return [
        ("pilotcustomer", customer.pk),
        ("customertenant", tenant.pk),
        ("domain", tenant.domains.get().pk),
    ]


def test_admin_delete_pages_are_refused_for_every_staff_role(staff_client: TenantClient, tenant_a) -> None:
    for model, pk in _admin_rows(tenant_a):
        response = staff_client.post(f"/admin/tenants/{model}/{pk}/delete/", {"post": "yes"})
        assert response.status_code in (403, 302), model
        if response.status_code == 302:  # a role without view rights is sent away, not served
            assert "/delete/" not in response["Location"]
    assert schema_exists(tenant_a.tenant.schema_name)
    assert PilotCustomer.objects.filter(pk=tenant_a.pk).exists()
    assert CustomerTenant.objects.filter(customer=tenant_a).exists()
    assert Domain.objects.filter(tenant__customer=tenant_a).exists()


def test_admin_bulk_delete_action_is_not_offered(staff_client: TenantClient, tenant_a) -> None:
    for model, pk in _admin_rows(tenant_a):
        response = staff_client.post(
            f"/admin/tenants/{model}/", {"action": "delete_selected", "_selected_action": [pk], "post": "yes"}
        )
        assert response.status_code in (200, 302, 403), model
    assert schema_exists(tenant_a.tenant.schema_name)
    assert Domain.objects.filter(tenant__customer=tenant_a).exists()
    assert PilotCustomer.objects.filter(pk=tenant_a.pk).exists()


def test_api_has_no_delete_for_customers(staff_client: TenantClient, tenant_a) -> None:
    response = staff_client.delete(f"/api/v1/customers/{tenant_a.slug}/")
    assert response.status_code in (403, 405)  # no delete permission, and no delete route at all
    assert PilotCustomer.objects.filter(pk=tenant_a.pk).exists()


def test_no_role_holds_a_delete_permission_on_customers(program_manager, support_engineer) -> None:
    for user in (program_manager, support_engineer):
        granted = set(Permission.objects.filter(group__user=user).values_list("codename", flat=True))
        assert not granted & NEVER_GRANTED


def test_deleting_a_tenant_row_in_code_keeps_the_schema(tenant_a) -> None:
    tenant = tenant_a.tenant
    tenant.delete(force_drop=True)
    assert not CustomerTenant.objects.filter(pk=tenant.pk).exists()
    assert schema_exists(tenant.schema_name)


def test_customer_list_shows_the_last_backup(pm_client: TenantClient, tenant_a) -> None:
    from django.utils import timezone

    from tenants.models import CustomerBackup

    made = timezone.now().replace(year=2026, month=3, day=1, hour=1, minute=30)
    CustomerBackup.objects.create(
        customer=tenant_a, slug="alpha", path="/x.tar", size=1, duration_ms=1,
        schema_rows=1, public_rows=1, files=0, created_at=made,
    )  # fmt: skip
    page = pm_client.get("/admin/tenants/pilotcustomer/").content.decode()
    assert "column-last_backup" in page
    assert "2026" in page.split("column-last_backup")[-1]
    assert pm_client.get("/admin/tenants/customerbackup/").status_code == 200
