"""core.permissions: the same answers as Django's ModelBackend, in one statement, and sign-in left to Django."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission

from tests.conftest import PASSWORD, PUBLIC_HOST, TenantClient

pytestmark = pytest.mark.django_db


def _fresh(user):
    """The user as a new request loads it: no permissions cached on the object yet."""
    return get_user_model().objects.get(pk=user.pk)


def test_a_users_own_and_its_groups_permissions_come_in_one_statement(
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


def test_inactive_users_have_none_and_superusers_have_all() -> None:
    users = get_user_model().objects
    gone = users.create_user("gone", password=PASSWORD, is_active=False)
    gone.user_permissions.add(Permission.objects.get(codename="view_program"))
    root = users.create_superuser("root", "root@aquafarm.example", PASSWORD)
    assert _fresh(gone).get_all_permissions() == set() and not _fresh(gone).has_perm("pilot.view_program")
    assert len(_fresh(root).get_all_permissions()) == Permission.objects.count()


def test_signing_in_is_still_djangos_and_sessions_name_its_backend(support_engineer) -> None:
    client = TenantClient(PUBLIC_HOST)
    response = client.post("/admin/login/", {"username": support_engineer.username, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_backend"] == "django.contrib.auth.backends.ModelBackend"
    assert client.get("/admin/").status_code == 200
