"""core.permissions: the same answers as Django's ModelBackend, read in one statement and then kept in the shared
cache per schema and user until grants, memberships or groups change; sign-in left to Django."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connections, transaction
from django.test import override_settings
from django_tenants.utils import tenant_context

from tests.conftest import PASSWORD, PUBLIC_HOST, TenantClient

UNREACHABLE_CACHE = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2, "IGNORE_EXCEPTIONS": True},
    }
}


def _fresh(user):
    """The user as a new request loads it: no permissions on the object yet."""
    return get_user_model().objects.get(pk=user.pk)


@pytest.mark.django_db
def test_a_users_own_and_its_groups_permissions_come_in_one_statement_then_from_the_cache(
    support_engineer, django_assert_num_queries
) -> None:
    support_engineer.user_permissions.add(Permission.objects.get(codename="view_program"))
    expected = ModelBackend().get_all_permissions(_fresh(support_engineer))
    assert "pilot.view_program" in expected and "incidents.add_incident" in expected  # own, and the group's
    user = _fresh(support_engineer)
    with django_assert_num_queries(1):
        assert user.get_all_permissions() == expected
        assert user.has_perm("pilot.view_program") and user.has_perm("incidents.add_incident")
        assert not user.has_perm("tenants.delete_pilotcustomer") and user.has_module_perms("incidents")
    with django_assert_num_queries(0):  # the next request's user: kept
        assert _fresh_without_query(support_engineer).get_all_permissions() == expected


def _fresh_without_query(user):
    """The same user built without a query, to count only what the permission check itself asks."""
    return get_user_model()(pk=user.pk, username=user.username, date_joined=user.date_joined, is_active=True)


@pytest.mark.django_db
@pytest.mark.parametrize("change", ["group grant removed", "membership removed", "own grant removed", "group deleted"])
def test_every_change_of_grants_is_seen_by_the_next_check(change: str, support_engineer) -> None:
    support_engineer.user_permissions.add(Permission.objects.get(codename="delete_pilotcustomer"))
    assert _fresh(support_engineer).has_perm("incidents.add_incident")  # now kept
    group = support_engineer.groups.get()
    if change == "group grant removed":
        group.permissions.remove(Permission.objects.get(codename="add_incident", content_type__app_label="incidents"))
    elif change == "membership removed":
        support_engineer.groups.remove(group)
    elif change == "own grant removed":
        assert _fresh(support_engineer).has_perm("tenants.delete_pilotcustomer")
        support_engineer.user_permissions.clear()
        assert not _fresh(support_engineer).has_perm("tenants.delete_pilotcustomer")
        return
    else:
        group.delete()
    assert not _fresh(support_engineer).has_perm("incidents.add_incident")


@pytest.mark.django_db
def test_each_schema_keeps_its_own_users_sets(tenant_a, support_engineer) -> None:
    """A customer's user can have a staff member's id and date_joined: the cache key carries the schema."""
    staff = _fresh(support_engineer).get_all_permissions()
    with tenant_context(tenant_a.tenant):
        twin = get_user_model().objects.create_user(
            "twin", pk=support_engineer.pk, date_joined=support_engineer.date_joined, password=PASSWORD
        )
        assert _fresh(twin).get_all_permissions() == set()
    assert "incidents.add_incident" in staff and _fresh(support_engineer).get_all_permissions() == staff


@pytest.mark.django_db
def test_a_user_deleted_and_created_again_with_its_id_starts_without_grants(tenant_a, customer_a_user) -> None:
    with tenant_context(tenant_a.tenant):
        customer_a_user.user_permissions.add(Permission.objects.get(codename="view_user"))
        assert _fresh(customer_a_user).get_all_permissions() == {"auth.view_user"}  # kept
        pk, joined = customer_a_user.pk, customer_a_user.date_joined
        customer_a_user.delete()
        again = get_user_model().objects.create_user("again", pk=pk, date_joined=joined, password=PASSWORD)
        assert _fresh(again).get_all_permissions() == set()


@pytest.mark.django_db(transaction=True)
def test_a_check_between_a_revocation_and_its_commit_keeps_nothing_stale(support_engineer) -> None:
    """Another request reads (the old grants) while the revoking transaction is still open: what it keeps is
    superseded when the revocation commits."""
    permission = Permission.objects.get(codename="add_incident", content_type__app_label="incidents")
    group = support_engineer.groups.get()
    seen: list[bool] = []

    def check_elsewhere() -> None:
        try:
            seen.append(_fresh(support_engineer).has_perm("incidents.add_incident"))
        finally:
            connections.close_all()

    with transaction.atomic():
        group.permissions.remove(permission)
        reader = threading.Thread(target=check_elsewhere)
        reader.start()
        reader.join(30)
    assert seen == [True]  # the other connection could not see the uncommitted change
    assert not _fresh(support_engineer).has_perm("incidents.add_incident")


@pytest.mark.django_db
def test_with_the_cache_unreachable_the_answers_come_from_the_database(support_engineer) -> None:
    with override_settings(CACHES=UNREACHABLE_CACHE):
        assert _fresh(support_engineer).has_perm("incidents.add_incident")
        Group.objects.get(name=support_engineer.groups.get().name).permissions.clear()
        assert not _fresh(support_engineer).has_perm("incidents.add_incident")


@pytest.mark.django_db
def test_inactive_users_have_none_and_superusers_have_all() -> None:
    users = get_user_model().objects
    gone = users.create_user("gone", password=PASSWORD, is_active=False)
    gone.user_permissions.add(Permission.objects.get(codename="view_program"))
    root = users.create_superuser("root", "root@aquafarm.example", PASSWORD)
    assert _fresh(gone).get_all_permissions() == set() and not _fresh(gone).has_perm("pilot.view_program")
    assert len(_fresh(root).get_all_permissions()) == Permission.objects.count()


@pytest.mark.django_db
def test_signing_in_is_still_djangos_and_sessions_name_its_backend(support_engineer) -> None:
    client = TenantClient(PUBLIC_HOST)
    response = client.post("/admin/login/", {"username": support_engineer.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == "django.contrib.auth.backends.ModelBackend"
    assert client.get("/admin/").status_code == 200
