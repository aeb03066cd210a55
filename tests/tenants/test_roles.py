from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_tenants.utils import tenant_context

from feedback.models import Contact
from tenants.roles import (
    CUSTOMER_ADMIN,
    CUSTOMER_MEMBER,
    PROGRAM_MANAGER,
    SUPPORT_STAFF,
    roles_table_markdown,
    staff_roles_sync,
)
from tests.conftest import PASSWORD, TenantClient, tenant_host


def test_program_manager_manages_customers_support_only_reads(program_manager, support_engineer) -> None:
    assert program_manager.has_perm("tenants.add_pilotcustomer")
    assert program_manager.has_perm("tenants.change_pilotcustomer")
    assert support_engineer.has_perm("tenants.view_pilotcustomer")
    assert not support_engineer.has_perm("tenants.change_pilotcustomer")


def test_sync_is_idempotent(db) -> None:
    first = staff_roles_sync()
    assert staff_roles_sync() == first
    assert first[PROGRAM_MANAGER] > first[SUPPORT_STAFF] > 0


def test_program_manager_opens_the_admin_and_sees_customers(pm_client, tenant_a) -> None:
    response = pm_client.get("/admin/tenants/pilotcustomer/")
    assert response.status_code == 200
    assert "Alpha Fish Farm" in response.content.decode()
    assert "Geographic diversity" in response.content.decode()


def test_history_of_a_customer_is_visible_in_admin(pm_client, program_manager, db) -> None:
    from tenants.choices import Status
    from tenants.services.customers import CandidateInput, customer_candidate_create, customer_status_change

    customer = customer_candidate_create(data=CandidateInput(slug="omega", name_en="Omega", city="Tabuk", ponds=1))
    customer_status_change(customer=customer, to_status=Status.SELECTED, by=program_manager, note="meets criteria")
    response = pm_client.get(f"/admin/tenants/pilotcustomer/{customer.pk}/history/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "meets criteria" in body
    assert customer.history.latest().history_user == program_manager


def test_support_staff_read_but_do_not_edit_policies_and_holidays(support_client, support_engineer) -> None:
    assert support_engineer.has_perm("incidents.change_incident")
    for model in ("severitypolicy", "holiday"):
        assert support_engineer.has_perm(f"incidents.view_{model}")
        for action in ("add", "change", "delete"):
            assert not support_engineer.has_perm(f"incidents.{action}_{model}")
    assert support_client.get("/admin/incidents/severitypolicy/").status_code == 200
    assert support_client.get("/admin/incidents/severitypolicy/add/").status_code == 403
    assert support_client.get("/admin/incidents/holiday/add/").status_code == 403


def test_the_readme_role_table_is_the_one_roles_py_makes() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert roles_table_markdown() in readme, "README's role table is stale; paste:\n" + roles_table_markdown()


def _member(customer):
    with tenant_context(customer.tenant):
        user = get_user_model().objects.create_user("member@alpha.example", password=PASSWORD)
        user.groups.add(Group.objects.get(name=CUSTOMER_MEMBER))
    return user


def test_customer_admin_sees_the_team_page_a_member_does_not(tenant_a) -> None:
    with tenant_context(tenant_a.tenant):
        admin = get_user_model().objects.get(groups__name=CUSTOMER_ADMIN)
    admin_client, member_client = TenantClient(tenant_host(tenant_a)), TenantClient(tenant_host(tenant_a))
    with tenant_context(tenant_a.tenant):
        admin_client.force_login(admin)
        member_client.force_login(_member(tenant_a))
    page = admin_client.get("/team/")
    assert page.status_code == 200
    assert "member@alpha.example" in page.content.decode()
    assert member_client.get("/team/").status_code == 403
    assert 'href="/team/"' not in member_client.get("/").content.decode()


def test_team_page_of_b_shows_nothing_of_a(tenant_a, tenant_b) -> None:
    _member(tenant_a)
    with tenant_context(tenant_b.tenant):
        admin_b = get_user_model().objects.get(groups__name=CUSTOMER_ADMIN)
    client = TenantClient(tenant_host(tenant_b))
    with tenant_context(tenant_b.tenant):
        client.force_login(admin_b)
    body = client.get("/team/").content.decode()
    assert "alpha.example" not in body and "admin@beta.example" in body


def test_team_page_lists_its_own_survey_contacts_only(tenant_a, tenant_b) -> None:
    """feedback's part of the page (a template tag, tenants imports no feedback code) reads the page's schema."""
    with tenant_context(tenant_a.tenant):
        Contact.objects.create(name="Alpha Farmer", email="farmer@alpha.example")
    with tenant_context(tenant_b.tenant):
        Contact.objects.create(name="Beta Farmer", email="farmer@beta.example")
    body_a = _admin_client(tenant_a).get("/team/").content.decode()
    body_b = _admin_client(tenant_b).get("/team/").content.decode()
    assert "farmer@alpha.example" in body_a and "farmer@beta.example" not in body_a
    assert "farmer@beta.example" in body_b and "farmer@alpha.example" not in body_b


def _admin_client(customer) -> TenantClient:
    with tenant_context(customer.tenant):
        admin = get_user_model().objects.get(groups__name=CUSTOMER_ADMIN)
    client = TenantClient(tenant_host(customer))
    with tenant_context(customer.tenant):
        client.force_login(admin)
    return client


def test_customer_admin_adds_a_member_who_gets_a_set_password_link(
    tenant_a, mailoutbox, django_capture_on_commit_callbacks
) -> None:
    client = _admin_client(tenant_a)
    with django_capture_on_commit_callbacks(execute=True):  # the outbox delivers after commit
        assert client.post("/team/", {"email": "New.Member@alpha.example"}).status_code == 302
    with tenant_context(tenant_a.tenant):
        member = get_user_model().objects.get(username="new.member@alpha.example")
        assert list(member.groups.values_list("name", flat=True)) == [CUSTOMER_MEMBER]
    assert [m.to for m in mailoutbox] == [["new.member@alpha.example"]]
    assert "alpha.localhost/accounts/reset/" in mailoutbox[0].body
    again = client.post("/team/", {"email": "new.member@alpha.example"})
    assert again.status_code == 400 and "already has an account" in again.content.decode()
    assert client.post("/team/", {"email": "not-an-address"}).status_code == 400


def test_customer_admin_deactivates_members_only(tenant_a) -> None:
    client = _admin_client(tenant_a)
    member = _member(tenant_a)
    with tenant_context(tenant_a.tenant):
        admin = get_user_model().objects.get(groups__name=CUSTOMER_ADMIN)
    assert client.post("/team/", {"deactivate": admin.pk}).status_code == 400
    assert client.post("/team/", {"deactivate": member.pk}).status_code == 302
    with tenant_context(tenant_a.tenant):
        assert not get_user_model().objects.get(pk=member.pk).is_active


def test_a_member_cannot_add_or_deactivate(tenant_a) -> None:
    member_client = TenantClient(tenant_host(tenant_a))
    with tenant_context(tenant_a.tenant):
        member_client.force_login(_member(tenant_a))
    assert member_client.post("/team/", {"email": "x@alpha.example"}).status_code == 403
    with tenant_context(tenant_a.tenant):
        assert not get_user_model().objects.filter(username="x@alpha.example").exists()
