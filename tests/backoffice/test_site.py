"""The back office's admin site remembers the sidebar's app list per set of permissions (backoffice/site.py):
what a user may open is never taken from someone else's list, nor from before a permission changed."""

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.http import HttpRequest
from django.test import RequestFactory
from django.utils import translation

from backoffice.site import BackOfficeSite


@pytest.fixture(autouse=True)
def _public_urls(settings) -> None:
    """The back office's URLs, as the tenant middleware sets them for the public domain."""
    settings.ROOT_URLCONF = settings.PUBLIC_SCHEMA_URLCONF


def _request(user) -> HttpRequest:
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def _models(user) -> set[str]:
    return {model["object_name"] for app in admin.site.get_app_list(_request(user)) for model in app["models"]}


def _fresh(user):
    """The user as the next request loads it (Django caches permissions on the instance)."""
    return type(user).objects.get(pk=user.pk)


def test_the_shipped_admin_site_is_the_back_offices() -> None:
    assert isinstance(admin.site._wrapped, BackOfficeSite)


@pytest.fixture
def bare_staff(db: None):
    """Staff without any permission yet."""
    return get_user_model().objects.create_user(username="bare", password="x-9-long-enough", is_staff=True)


def test_each_set_of_permissions_gets_its_own_list(program_manager, bare_staff) -> None:
    assert "Risk" in _models(program_manager)
    assert _models(bare_staff) == set()  # asked after the manager's: not the manager's list


def test_a_granted_permission_shows_at_the_next_request(program_manager, bare_staff) -> None:
    assert "Risk" in _models(program_manager)
    bare_staff.user_permissions.add(Permission.objects.get(codename="view_risk"))
    assert _models(_fresh(bare_staff)) == {"Risk"}
    bare_staff.user_permissions.clear()
    assert _models(_fresh(bare_staff)) == set()


def test_the_same_permissions_share_one_list_per_language(program_manager) -> None:
    request = _request(program_manager)
    with translation.override("en"):
        english = admin.site.get_app_list(request)
        assert admin.site.get_app_list(request) is english  # remembered, not rebuilt
    with translation.override("ar"):
        arabic = admin.site.get_app_list(request)
    assert arabic is not english
