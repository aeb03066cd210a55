from tenants.roles import PROGRAM_MANAGER, SUPPORT_STAFF, staff_roles_sync


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
