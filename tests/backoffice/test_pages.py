"""The back office's shell: the pages that answered 500, the navigation and the language switch."""

import pytest
from django.core.cache import cache
from django.utils import translation

from backoffice.language import staff_language
from backoffice.models import StaffProfile
from backoffice.navigation import COUNTS_CACHE_KEY
from tests.conftest import PASSWORD, TenantClient
from tests.incidents.factories import incident_make

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_counts() -> None:
    for language in ("ar", "en"):
        cache.delete(f"{COUNTS_CACHE_KEY}:{language}")


def test_add_customer_page_opens_without_a_pond_count(pm_client: TenantClient) -> None:
    response = pm_client.get("/admin/tenants/pilotcustomer/add/")
    assert response.status_code == 200
    assert 'name="ponds"' in response.content.decode()  # the form itself, not an error page


def test_it_changes_the_password_from_the_back_office(pm_client: TenantClient, program_manager) -> None:
    assert pm_client.get("/admin/password_change/").status_code == 200
    new = "another-horse-battery-staple"
    response = pm_client.post(
        "/admin/password_change/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    program_manager.refresh_from_db()
    assert program_manager.check_password(new)
    assert pm_client.get(response["Location"]).status_code == 200


def test_a_wrong_old_password_is_refused_beside_the_field(pm_client: TenantClient) -> None:
    response = pm_client.post(
        "/admin/password_change/", {"old_password": "nope", "new_password1": "x", "new_password2": "y"}
    )
    assert response.status_code == 200
    assert "errornote" in response.content.decode() and "errorlist" in response.content.decode()


def test_home_links_every_program_page_with_open_incidents_by_severity(pm_client: TenantClient, tenant_a) -> None:
    incident_make(tenant_a, severity=1)
    incident_make(tenant_a, severity=3, category="ui_issue")
    page = pm_client.get("/admin/").content.decode()
    for url in (
        "/admin/pilot/timeline/",
        "/admin/pilot/budget/",
        "/admin/pilot/scorecard/",
        "/admin/incidents/queue/",
        "/admin/monitoring/slos/",
        "/admin/feedback/dashboard/",
        "/admin/reports/",
        "/admin/tenants/pilotcustomer/",
        "/admin/pilot/risk/",
    ):
        assert f'href="{url}"' in page, url
    assert 'title="S1">S1&nbsp;1</span>' in page and 'title="S3">S3&nbsp;1</span>' in page


def test_the_sidebar_of_a_page_links_the_program_too(support_client: TenantClient) -> None:
    page = support_client.get("/admin/incidents/queue/").content.decode()
    assert 'id="nav-sidebar"' in page and 'href="/admin/monitoring/slos/"' in page


def test_language_choice_is_remembered_per_user_whatever_the_browser(
    pm_client: TenantClient, support_client: TenantClient, program_manager, support_engineer
) -> None:
    response = pm_client.post("/admin/language/", {"language": "ar", "next": "/admin/pilot/budget/"})
    assert response.status_code == 302 and response["Location"] == "/admin/pilot/budget/"
    page = pm_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="ar" dir="rtl"' in page
    assert staff_language(program_manager) == "ar"
    # Another staff member keeps the browser's language.
    other = support_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en" dir="ltr"' in other
    assert staff_language(support_engineer) == "en"


def test_an_unknown_language_or_outside_next_changes_nothing(pm_client: TenantClient, program_manager) -> None:
    response = pm_client.post("/admin/language/", {"language": "fr", "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not StaffProfile.objects.filter(user=program_manager).exists()


def test_customers_and_anonymous_cannot_switch_a_staff_language(
    customer_a_client: TenantClient, public_client: TenantClient, program_manager
) -> None:
    assert customer_a_client.post("/admin/language/", {"language": "ar"}).status_code == 404
    assert public_client.post("/admin/language/", {"language": "ar"}).status_code == 302  # to the login page
    assert not StaffProfile.objects.exists()


def test_staff_language_is_the_site_default_for_someone_who_never_chose(program_manager) -> None:
    with translation.override("ar"):
        assert staff_language(program_manager) == "en"
    assert staff_language(None) == "en"
